/**
 * A worker thread of the pool (run from dist/batch/thread.js; see process-pool.ts and
 * host.ts). Its CPU time and memory are the process's: it reports no usage of its own.
 */
import { parentPort } from 'node:worker_threads';
import { host } from './host.js';
import type { ToWorker } from './process-pool.js';

if (!parentPort) throw new Error('thread.js runs as a worker thread of the pool');
const port = parentPort;
const onMessage = host({
  send(m, sent) {
    port.postMessage(m);
    sent?.();
  },
  usage: () => undefined,
  // Closing the port lets the thread end once its event loop is empty (process.exit in a
  // thread would end it too, but skips what a task module left to flush).
  exit: () => port.close(),
});
port.on('message', (m: ToWorker) => onMessage(m));
