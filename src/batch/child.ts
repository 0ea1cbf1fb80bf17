/**
 * A worker process of the pool (run from dist/batch/child.js; see process-pool.ts and
 * host.ts).
 *
 * - Ctrl-C in a terminal reaches the whole process group: the worker ignores SIGINT and
 *   lets the pool decide (the file under way finishes, the rest come back abandoned), so
 *   what a batch did is never lost.
 * - When the pool's process goes away, the IPC channel closes and the worker exits.
 */
import { host } from './host.js';
import type { ToWorker } from './process-pool.js';

process.on('SIGINT', () => {
  // the pool decides (see above)
});
process.on('disconnect', () => process.exit(0));

const onMessage = host({
  send(m, sent) {
    if (!process.connected) sent?.();
    else if (sent) process.send!(m, () => sent());
    else process.send!(m);
  },
  usage() {
    const u = process.resourceUsage();
    return { cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS };
  },
  exit: () => process.exit(0),
});
process.on('message', (m: ToWorker) => onMessage(m));
