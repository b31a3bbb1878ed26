/** The thread that lists and reads a run's files (see scan.ts). */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { scanOnThread, type ScanRequest } from './scan';

const { request, port } = workerData as { request: ScanRequest; port: MessagePort };
// A rejection is uncaught here, which ends the thread with an 'error' the runner reports.
void scanOnThread(request, port, (message) => parentPort!.postMessage(message));
