/** The progress bar for long batches (cli-progress), drawn on stderr only when it is a terminal. */
import cliProgress from 'cli-progress';
import type { Progress } from '../batch/index.js';

export interface ProgressBar {
  update(p: Progress): void;
  /** Prints lines above the bar without tearing it. */
  suspend(print: () => void): void;
  stop(): void;
}

export function startProgress(): ProgressBar {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{bar} {value}/{total} files | {rate} files/s | {errors} with errors | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(0, 0, { rate: '0', errors: 0 });
  return {
    update(p) {
      bar.setTotal(p.total);
      bar.update(p.done, { rate: p.filesPerSecond.toFixed(0), errors: p.errors });
    },
    suspend(print) {
      process.stderr.write('\r\u001b[2K');
      print();
      bar.render();
    },
    stop() {
      bar.stop();
    },
  };
}
