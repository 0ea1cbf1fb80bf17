/**
 * A time budget per file for `teiwright validate` (`--timeout SECONDS`, default 60).
 *
 * Why: libxml2's RELAX NG validator can take time exponential in a document's nesting.
 * Measured (session 9, libxml2-wasm 0.7.2, the reduced tei_all verdict schema): one unknown
 * element inside `<hi>` nested 12 deep takes 0.2 s, 16 deep 3–4 s, 20 deep about 15 s, 30
 * deep more than 90 s; nothing in the document is large. A stranger's TEI must not hang a
 * batch, and a synchronous call into WebAssembly cannot be interrupted from inside its own
 * thread. So the files are checked in worker threads; a thread whose file runs past the
 * budget is ended (`Worker.terminate()` stops a running wasm call: measured within 0.1 s),
 * the file gets a `validate-timeout` error, and a fresh thread takes the next files.
 * Ending the thread also throws away whatever state libxml2 had (a call cut short in the
 * middle of its allocator would leave its heap unusable), so no later file is affected.
 *
 * Cost on the fast path: the threads are started once per run and reused for every file;
 * each file costs two small messages. The schema named on the command line is compiled by
 * each thread before its first file (not counted in any file's budget); a schema found per
 * file (auto: tei_all, `<?xml-model?>`) is compiled within the first file that needs it.
 *
 * The library's `validate()` stays synchronous and has no budget: a caller that needs one
 * runs it in a worker of its own, as here.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics.js';
import type { FileOptions } from './files.js';
import type { ValidateOptions } from './index.js';

/** Seconds a file may take by default (real TEI takes well under a second; a tei_all compile a few seconds). */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** What a budget thread is given when it starts. */
export interface BudgetInit {
  /** A schema to compile before the first file: the path given by `--schema` (or tei_all's). */
  prepare?: string;
}

export type BudgetTask = { kind: 'file'; id: number; file: string; options: FileOptions } | { kind: 'text'; id: number; text: string; name: string; options: ValidateOptions };

export type BudgetReply = { kind: 'started'; id: number } | { kind: 'done'; id: number; diagnostics: Diagnostic[] };

/** BudgetTask without its id (given by the checker). */
type Job = { kind: 'file'; file: string; options: FileOptions } | { kind: 'text'; text: string; name: string; options: ValidateOptions };

/** The worker as JavaScript: beside this file in dist/, or the compiled one when this file is the TypeScript source (vitest; `npm test` builds first). */
function workerPath(): string {
  return fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../../dist/validate/budget-worker.js' : './budget-worker.js', import.meta.url));
}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;

/** The finding for a file whose check was stopped. */
export function timeoutDiagnostic(file: string, limitMs: number, schema: string | undefined): Diagnostic {
  const against = schema === undefined || schema === 'auto' ? '' : ` against --schema ${schema}`;
  return {
    code: 'validate-timeout',
    severity: 'error',
    message: `checking this file${against} took longer than ${seconds(limitMs)}, the limit per file (--timeout), and was stopped: it is neither valid nor invalid, only not checked (libxml2's RELAX NG validator can take time exponential in the nesting, e.g. a fault inside deeply nested <hi>); the other files went on; to give it more time, run again with --timeout SECONDS (0: no limit)`,
    file,
  };
}

interface Running {
  id: number;
  name: string;
  schema: string | undefined;
  resolve: (d: Diagnostic[]) => void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  thread: Worker;
  running?: Running;
  /** Set once the thread is ended or gone: it takes no more jobs. */
  dead: boolean;
}

interface Queued {
  job: Job;
  resolve: (d: Diagnostic[]) => void;
}

/**
 * Up to `size` worker threads, each checking one job at a time; a job that runs longer than
 * `limitMs` (from the moment its thread starts it) ends its thread and resolves with a
 * `validate-timeout` finding. A thread that dies otherwise (out of memory) resolves its job
 * with an `internal-error`. Threads are started when jobs come and reused; dead ones are
 * replaced for the jobs still to come. Never rejects.
 */
export class BudgetChecker {
  private readonly slots = new Set<Slot>();
  private readonly queue: Queued[] = [];
  private readonly ending: Promise<number>[] = [];
  private readonly entry = workerPath();
  private nextId = 0;

  constructor(
    private readonly size: number,
    private readonly limitMs: number,
    private readonly init: BudgetInit = {},
  ) {
    if (!existsSync(this.entry)) throw new Error(`the worker ${this.entry} is missing: run \`npm run build\` first`);
  }

  check(job: Job): Promise<Diagnostic[]> {
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.dispatch();
    });
  }

  /** Ends every thread (idle by then, when every check was awaited) and waits for them. */
  async close(): Promise<void> {
    for (const slot of this.slots) this.end(slot);
    await Promise.all(this.ending);
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot: Slot | undefined;
      for (const s of this.slots) if (!s.dead && !s.running) slot = s;
      if (!slot && this.slots.size < this.size) slot = this.spawn();
      if (!slot) return;
      const { job, resolve } = this.queue.shift()!;
      const id = this.nextId++;
      const name = job.kind === 'file' ? job.file : job.name;
      slot.running = { id, name, schema: job.options.schema, resolve };
      slot.thread.postMessage({ ...job, id } satisfies BudgetTask);
    }
  }

  private spawn(): Slot {
    const thread = new Worker(this.entry, { workerData: this.init satisfies BudgetInit });
    const slot: Slot = { thread, dead: false };
    this.slots.add(slot);
    let failure: string | undefined;
    thread.on('message', (m: BudgetReply) => this.received(slot, m));
    thread.on('error', (e) => (failure ??= e.message));
    thread.on('exit', (code) => {
      if (slot.dead) return;
      this.gone(slot, failure ?? `the thread exited with code ${code}`);
    });
    return slot;
  }

  private received(slot: Slot, m: BudgetReply): void {
    const running = slot.running;
    if (!running || running.id !== m.id || slot.dead) return;
    if (m.kind === 'started') {
      if (this.limitMs > 0) running.timer = setTimeout(() => this.expired(slot), this.limitMs);
      return;
    }
    clearTimeout(running.timer);
    slot.running = undefined;
    running.resolve(m.diagnostics);
    this.dispatch();
  }

  private expired(slot: Slot): void {
    const running = slot.running;
    if (!running || slot.dead) return;
    slot.running = undefined;
    this.end(slot);
    running.resolve([timeoutDiagnostic(running.name, this.limitMs, running.schema)]);
    this.dispatch();
  }

  /** The thread died on its own: its job gets an internal-error, and another thread takes the rest. */
  private gone(slot: Slot, why: string): void {
    const running = slot.running;
    slot.running = undefined;
    slot.dead = true;
    this.slots.delete(slot);
    if (running) {
      clearTimeout(running.timer);
      running.resolve([{ code: 'internal-error', severity: 'error', message: `the worker thread checking this file stopped (${why}); the other files went on`, file: running.name }]);
    }
    this.dispatch();
  }

  private end(slot: Slot): void {
    slot.dead = true;
    this.slots.delete(slot);
    this.ending.push(slot.thread.terminate());
  }
}

/** How many checks are in flight per thread: enough to keep every thread busy, few enough to bound memory. */
const WINDOW_PER_THREAD = 3;

/**
 * Checks `files` in `jobs` threads with `limitMs` per file, calling `onFile` for each in the
 * order of `files` as soon as it and every file before it are done (as checkFiles does).
 */
export async function checkFilesWithin(files: readonly string[], options: FileOptions, jobs: number, limitMs: number, onFile: (file: string, diagnostics: Diagnostic[]) => void, init: BudgetInit = {}): Promise<void> {
  if (files.length === 0) return;
  const checker = new BudgetChecker(Math.max(1, Math.min(jobs, files.length)), limitMs, init);
  try {
    const window = Math.max(1, jobs) * WINDOW_PER_THREAD;
    const running: Promise<Diagnostic[]>[] = [];
    const start = (i: number): void => {
      running[i] = checker.check({ kind: 'file', file: files[i]!, options });
    };
    for (let i = 0; i < Math.min(window, files.length); i++) start(i);
    for (let i = 0; i < files.length; i++) {
      const diagnostics = await running[i]!;
      delete running[i];
      if (i + window < files.length) start(i + window);
      onFile(files[i]!, diagnostics);
    }
  } finally {
    await checker.close();
  }
}

/** One text (stdin) checked in a thread of its own with `limitMs`; `name` is what its findings say. */
export async function checkTextWithin(text: string, name: string, options: ValidateOptions, limitMs: number, init: BudgetInit = {}): Promise<Diagnostic[]> {
  const checker = new BudgetChecker(1, limitMs, init);
  try {
    return await checker.check({ kind: 'text', text, name, options });
  } finally {
    await checker.close();
  }
}
