/** The thread that lists and reads a run's files (see scan.ts). */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { scanOnThread, type ScanRequest } from './scan';

const { request, port } = workerData as { request: ScanRequest; port: MessagePort };
scanOnThread(request, port, (result) => {
  parentPort!.postMessage(result);
  port.close();
});
