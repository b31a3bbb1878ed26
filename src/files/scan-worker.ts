/** The thread that lists and reads a run's files (see scan.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { scanOnThread, type ThreadData } from './scan';

// A rejection is uncaught here, which ends the thread with an 'error' the runner reports.
void scanOnThread(workerData as ThreadData, (message) => parentPort!.postMessage(message));
