/**
 * The worker pool of `convert --jobs N` and `validate --jobs N` on a folder: worker
 * PROCESSES (node:child_process `fork`) or worker THREADS (node:worker_threads), chosen in
 * pool.ts. Both speak the same messages (host.ts runs the worker's side) and share the
 * logic below; only how a worker is started, messaged and ended differs (`Spawn`).
 *
 * Threads use this pool rather than piscina since session 7: piscina hands a worker its
 * next task only after the main thread has read the previous result, so a worker sat idle
 * (in Atomics.wait) whenever the main thread was busy walking, writing the manifest or
 * reporting; here each worker holds a second task while it runs the first.
 *
 * Why processes at all: last session measured (4,000 seed-sized files, a quiet 2-core
 * machine) that two worker threads in one process each spent about twice the CPU per file
 * of one thread alone, while two separate processes kept theirs. This session, on the same
 * machine under a load of 15–28, the opposite held (processes 20–25% more CPU per file than
 * threads): the bench measures both, side by side. Processes also survive what kills a
 * thread's whole process (SIGKILL, the out-of-memory killer) with one file lost.
 *
 * A worker process runs `child.js` with a task module (its default export runs one task).
 * The pool:
 * - starts its processes at once, so they load the code while the caller plans the work;
 * - keeps at most two tasks in each process (one running, one waiting in the pipe), the
 *   rest in its own queue, so a process that dies takes few tasks with it;
 * - turns a process's death (exit, signal, crash) into the rejection of the task it was
 *   running, gives the task waiting in its pipe to another, and starts a process in its
 *   place for the tasks still to come;
 * - `stop()`: each process finishes the file it is on and gives the rest of its tasks back
 *   as abandoned (the task module decides what that means), never killed mid-file;
 * - `close()`: every process is asked to end, reports its CPU time and peak memory, and is
 *   waited for (no process outlives the pool; one that does not end in time is killed).
 * A process whose parent goes away (killed, crashed) exits by itself: its IPC channel closes.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker as Thread } from 'node:worker_threads';
import type { WorkerProcessesUsage } from './types.js';
import { childV8Flags, reapplyV8Flags } from './v8-flags.js';

/** Messages from the pool to a worker process. */
export type ToWorker = { kind: 'init'; module: string; init: unknown; stopped: boolean } | { kind: 'task'; id: number; task: unknown } | { kind: 'stop' } | { kind: 'close' };

/** Messages from a worker process to the pool. */
export type FromWorker = { kind: 'done'; id: number; result: unknown } | { kind: 'failed'; id: number; message: string } | { kind: 'usage'; usage: WorkerUsage };

/** What one worker process used over its life (from its own `process.resourceUsage()`). */
export interface WorkerUsage {
  /** CPU time, user and system, in milliseconds. */
  cpuMs: number;
  /** Peak resident memory in kilobytes. */
  maxRssKb: number;
}

/** The pool's processes taken together: those that ended when asked report their use. */
export type PoolUsage = WorkerProcessesUsage;

/** Tasks handed to one worker at once: one running, one already in its pipe so it never waits for the next. */
const PER_WORKER = 2;
/** How long a process asked to end may take before it is killed. */
const CLOSE_GRACE_MS = 10_000;

interface Task<R> {
  id: number;
  task: unknown;
  resolve: (result: R) => void;
  reject: (e: Error) => void;
}

/** One started worker, as the pool drives it. */
export interface Endpoint {
  /** False when the worker can no longer be messaged (it is gone, or its channel closed). */
  send(message: ToWorker): boolean;
  readonly connected: boolean;
  /** Ends the worker at once (it did not end when asked). */
  kill(): void;
}

/** What a started worker tells the pool: its messages, and once, that it is gone and why. */
export interface WorkerEvents {
  message(m: FromWorker): void;
  gone(why: string): void;
}

/** Starts one worker running `entry` (the compiled host: child.js or thread.js). */
export type Spawn = (entry: string, events: WorkerEvents) => Endpoint;

interface Worker<R> {
  endpoint: Endpoint;
  held: Map<number, Task<R>>;
  exited: Promise<void>;
  usage?: WorkerUsage;
}

/** A compiled worker entry: beside this file in dist/, or — when this file is the TypeScript source (vitest) — the one in dist/. */
function entryPath(name: string): string {
  const fromSource = import.meta.url.endsWith('.ts');
  return fileURLToPath(new URL(fromSource ? `../../dist/batch/${name}` : `./${name}`, import.meta.url));
}

/** Errors of writing to a worker process whose end of the channel is gone. */
const CHANNEL_BROKEN = new Set(['EPIPE', 'ECONNRESET', 'ERR_IPC_CHANNEL_CLOSED']);

/** A worker process. The parent's V8 flags (say --max-old-space-size, and those the command line set for itself) apply to it too. */
export const forkProcess: Spawn = (entry, events) => {
  const child = fork(entry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced', execArgv: [...process.execArgv, ...childV8Flags()] });
  child.on('message', (m: FromWorker) => events.message(m));
  // 'close', not 'exit': by then every message the process sent has been read.
  child.on('close', (code, signal) => events.gone(signal ? `the worker process was killed by ${signal}` : `the worker process exited with code ${code}`));
  child.on('error', (e: NodeJS.ErrnoException) => {
    // A message written to a process that has just died fails (EPIPE) before 'close' tells
    // why it died (killed by a signal, an exit code): let 'close' report it, which it does
    // once the process has ended (Node emits 'close' after a failed spawn too).
    if (!CHANNEL_BROKEN.has(e.code ?? '')) events.gone(`the worker process failed: ${e.message}`);
    child.kill('SIGKILL');
  });
  return {
    send(message) {
      if (!child.connected) return false;
      try {
        child.send(message);
        return true;
      } catch {
        return false;
      }
    },
    get connected() {
      return child.connected;
    },
    kill: () => void child.kill('SIGKILL'),
  };
};

/** A worker thread (V8 flags are the process's: nothing to pass, but some are set again once it is up). */
const startThread: Spawn = (entry, events) => {
  const thread = new Thread(entry);
  let running = true;
  let failure: string | undefined;
  thread.on('message', (m: FromWorker) => events.message(m));
  // Setting up the thread's heap undid some of the flags this process set (v8-flags.ts).
  thread.once('online', reapplyV8Flags);
  // An uncaught exception or running out of memory ends the thread: 'error', then 'exit'.
  thread.on('error', (e) => (failure ??= `the worker thread failed: ${e.message}`));
  thread.on('exit', (code) => {
    running = false;
    events.gone(failure ?? `the worker thread exited with code ${code}`);
  });
  return {
    send(message) {
      if (!running) return false;
      try {
        thread.postMessage(message);
        return true;
      } catch {
        return false;
      }
    },
    get connected() {
      return running;
    },
    kill: () => void thread.terminate(),
  };
};

export class WorkerPool<T, R> {
  private readonly workers = new Set<Worker<R>>();
  private readonly queue: Task<R>[] = [];
  private nextId = 0;
  private stopped = false;
  private closing = false;
  private started = 0;
  private readonly ended: WorkerUsage[] = [];
  private readonly entry: string;

  /**
   * `module`: the URL of the task module (compiled JavaScript), whose default export runs one
   * task; `init` is given to its `prepare` export, if it has one, as soon as it is loaded.
   */
  constructor(
    private readonly spawnOne: Spawn,
    entry: string,
    private readonly module: string,
    private readonly size: number,
    private readonly init: unknown = null,
  ) {
    this.entry = entryPath(entry);
    if (!existsSync(this.entry)) throw new Error(`the worker ${this.entry} is missing: run \`npm run build\` first`);
    if (!existsSync(fileURLToPath(module))) throw new Error(`the worker task ${fileURLToPath(module)} is missing: run \`npm run build\` first`);
    for (let i = 0; i < size; i++) this.spawn();
  }

  run(task: T): Promise<R> {
    if (this.closing) return Promise.reject(abortError('the pool is closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  /** Each process finishes the file it is on; its other files come back abandoned. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const w of this.workers) w.endpoint.send({ kind: 'stop' });
  }

  /**
   * Ends every process and waits for them; tasks not yet handed out are rejected. Meant for
   * when no task is in flight (runBatch waits for them first); a process still busy after
   * CLOSE_GRACE_MS is killed, so a hung worker cannot hold the command open.
   */
  async close(): Promise<void> {
    this.closing = true;
    for (const t of this.queue.splice(0)) t.reject(abortError('the pool was closed before this task started'));
    const workers = [...this.workers];
    for (const w of workers) {
      if (!w.endpoint.send({ kind: 'close' })) w.endpoint.kill();
    }
    await Promise.all(
      workers.map(async (w) => {
        const timer = setTimeout(() => w.endpoint.kill(), CLOSE_GRACE_MS);
        await w.exited;
        clearTimeout(timer);
      }),
    );
  }

  usage(): PoolUsage | undefined {
    return {
      started: this.started,
      reported: this.ended.length,
      cpuMs: this.ended.reduce((s, u) => s + u.cpuMs, 0),
      maxRssKb: this.ended.reduce((s, u) => s + u.maxRssKb, 0),
    };
  }

  private spawn(): Worker<R> {
    this.started++;
    let exited!: () => void;
    const worker = { held: new Map(), exited: new Promise<void>((r) => (exited = r)) } as Worker<R>;
    this.workers.add(worker);
    const gone = (why: string): void => {
      if (!this.workers.delete(worker)) return;
      if (worker.usage) this.ended.push(worker.usage);
      // A worker runs its tasks in the order it got them: the oldest it held is the one it
      // was running (it died of it, or the pool cannot tell); the others never started and
      // go back to the front of the queue.
      const [running, ...waiting] = worker.held.values();
      worker.held.clear();
      running?.reject(new Error(why));
      if (this.closing) for (const t of waiting) t.reject(abortError('the pool was closed before this task started'));
      else this.queue.unshift(...waiting);
      exited();
      // Another worker takes the place of one that died, for the tasks still to come.
      if (!this.closing) this.dispatch();
    };
    worker.endpoint = this.spawnOne(this.entry, { message: (m) => this.received(worker, m), gone });
    worker.endpoint.send({ kind: 'init', module: this.module, init: this.init, stopped: this.stopped });
    return worker;
  }

  private received(worker: Worker<R>, m: FromWorker): void {
    if (m.kind === 'usage') {
      worker.usage = m.usage;
      return;
    }
    const t = worker.held.get(m.id);
    if (!t) return;
    worker.held.delete(m.id);
    if (m.kind === 'done') t.resolve(m.result as R);
    else t.reject(new Error(m.message));
    this.dispatch();
  }

  /** Hands queued tasks to the processes holding the fewest, starting processes to replace dead ones. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      if (this.workers.size < this.size && !this.closing) this.spawn();
      let best: Worker<R> | undefined;
      for (const w of this.workers) if (w.endpoint.connected && w.held.size < PER_WORKER && (!best || w.held.size < best.held.size)) best = w;
      if (!best) return;
      const t = this.queue.shift()!;
      best.held.set(t.id, t);
      if (!best.endpoint.send({ kind: 'task', id: t.id, task: t.task })) {
        best.held.delete(t.id);
        this.queue.unshift(t);
        return;
      }
    }
  }
}

function abortError(message: string): Error {
  const e = new Error(message);
  e.name = 'AbortError';
  return e;
}

/** Worker processes: each its own heap and CPU time (reported by `usage()`). */
export class ProcessPool<T, R> extends WorkerPool<T, R> {
  constructor(module: string, size: number, init: unknown = null) {
    super(forkProcess, 'child.js', module, size, init);
  }
}

/** Worker threads: they share this process's heap limit, CPU time and V8 flags. */
export class ThreadPool<T, R> extends WorkerPool<T, R> {
  constructor(module: string, size: number, init: unknown = null) {
    super(startThread, 'thread.js', module, size, init);
  }

  override usage(): PoolUsage | undefined {
    return undefined;
  }
}
