/** Messages from a worker thread, awaited by type (test servers and bench servers run in workers). */
import type { Worker } from 'node:worker_threads';

/** The worker's next message whose `type` is `type`; rejects if the worker fails first. */
export function nextMessage<T extends { type: string }>(worker: Worker, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: T): void => {
      if (message.type !== type) return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      resolve(message);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}
