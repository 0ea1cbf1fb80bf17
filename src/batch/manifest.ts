/**
 * `OUT/.teiwright-manifest.json`: what each input was when it was last converted, so a
 * rerun redoes only what changed. An entry is reused only when the input's bytes, the
 * teiwright version and the options that change the output are all the same.
 *
 * Saving costs what changed, not the size of the manifest: during a run each save appends
 * the entries changed since the last one to the run's own journal,
 * `OUT/.teiwright-manifest.journal-<start>-<pid>` (one JSON line per entry). At the end the
 * run compacts: the manifest, the journals of runs that no longer run (killed, or that could
 * not compact) and its own are merged into a new manifest, written atomically, and those
 * journals removed. Loading reads the manifest and then every journal, oldest run first, so
 * a run killed at any point — mid-append, between appends, mid-compaction — leaves a usable
 * manifest: a line cut short is ignored (that file is converted again), and replaying a
 * journal the manifest already holds changes nothing.
 *
 * Runs on several shards may write one output folder at once: each appends to its own
 * journal, and compacting takes `OUT/.teiwright-manifest.lock` (created exclusively; a lock
 * whose process is gone is taken over). A run that cannot take it leaves its journal to the
 * next run's compaction: nothing is lost either way.
 */
import { appendFile, open, readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { makeFolders } from '../io/folders.js';
import { isRunning, writeAtomicChunks } from './atomic.js';

export const MANIFEST_NAME = '.teiwright-manifest.json';
const JOURNAL_PREFIX = '.teiwright-manifest.journal-';
/** `.teiwright-manifest.journal-<start time, base 36>-<pid>`. */
const JOURNAL_NAME = /^\.teiwright-manifest\.journal-([0-9a-z]+)-(\d+)$/;
const LOCK_NAME = '.teiwright-manifest.lock';

export interface ManifestEntry {
  sha256: string;
  version: string;
  /** The forced `--profile`, or null when the content chose it. */
  profile: string | null;
  validate: boolean;
  /** Whether the fidelity check ran (`--no-verify` skips it). */
  verify: boolean;
  status: 'converted' | 'failed';
  /** The output path, relative to the working folder. */
  output: string;
  /** The profile that read the file. */
  readAs?: string;
}

/** The settings an entry must match to be reused. */
export type ManifestSettings = Pick<ManifestEntry, 'version' | 'profile' | 'validate' | 'verify'>;

interface ManifestFile {
  teiwright: string;
  files: Record<string, ManifestEntry>;
}

interface Journal {
  name: string;
  start: number;
  pid: number;
}

/** The manifest's own entries (none when it is missing or damaged: a damaged manifest costs a full rerun, never a wrong skip). */
async function readManifest(path: string): Promise<Map<string, ManifestEntry>> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    return new Map();
  }
  try {
    const parsed = JSON.parse(raw) as Partial<ManifestFile>;
    return new Map(parsed.files && typeof parsed.files === 'object' ? Object.entries(parsed.files) : []);
  } catch {
    return new Map();
  }
}

/** The journals in `dir`, oldest run first. */
async function listJournals(dir: string): Promise<Journal[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const found: Journal[] = [];
  for (const name of names) {
    const m = JOURNAL_NAME.exec(name);
    if (m) found.push({ name, start: parseInt(m[1]!, 36), pid: Number(m[2]) });
  }
  return found.sort((a, b) => a.start - b.start || a.pid - b.pid || (a.name < b.name ? -1 : 1));
}

const isEntry = (e: unknown): e is ManifestEntry => typeof e === 'object' && e !== null && typeof (e as ManifestEntry).sha256 === 'string' && typeof (e as ManifestEntry).output === 'string';

/** Bytes of a journal read at a time while replaying it. */
const REPLAY_CHUNK = 1 << 20;

/**
 * The lines of a file, read a chunk at a time: a 100,000-file run's journal is 34 MB, and
 * reading it whole (then splitting it) held the text twice over at the end of the run. A
 * last line without its newline (cut short by a kill) is yielded too.
 */
async function* fileLines(path: string): AsyncGenerator<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(REPLAY_CHUNK);
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const text = rest + decoder.write(buffer.subarray(0, bytesRead));
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        yield text.slice(start, end);
        start = end + 1;
      }
      rest = text.slice(start);
    }
    rest += decoder.end();
    if (rest !== '') yield rest;
  } finally {
    await handle.close();
  }
}

/** Replays a journal onto `entries`: each whole line `[input, entry | null]`; a line cut short by a kill, or damaged, is skipped. */
async function replay(path: string, entries: Map<string, ManifestEntry>): Promise<void> {
  let lines: AsyncGenerator<string>;
  try {
    lines = fileLines(path);
    for await (const line of lines) {
      if (line === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        continue;
      }
      if (!Array.isArray(parsed) || typeof parsed[0] !== 'string') continue;
      const [input, entry] = parsed as [string, unknown];
      if (entry === null) entries.delete(input);
      else if (isEntry(entry)) entries.set(input, entry);
    }
  } catch {
    // A journal that cannot be read (removed by the run compacting it meanwhile) adds nothing.
  }
}

/** Characters of the manifest's text handed to the file at a time. */
const RENDER_CHUNK = 1 << 16;

/**
 * The manifest file's text, a chunk at a time: one entry per line, sorted (readable, and
 * diffs well under version control). Written whole, a 100,000-file manifest (34 MB) was
 * built as an array of lines, then as one string, then as a buffer: the run's peak memory
 * was its end (278 MB for 100,000 files against 142 MB for 10,000).
 */
export function* renderManifest(version: string, entries: ReadonlyMap<string, ManifestEntry>): Generator<string> {
  const keys = [...entries.keys()].sort();
  let chunk = `{\n  "teiwright": ${JSON.stringify(version)},\n  "files": {\n`;
  for (let i = 0; i < keys.length; i++) {
    chunk += `    ${JSON.stringify(keys[i])}: ${JSON.stringify(entries.get(keys[i]!))}${i < keys.length - 1 ? ',' : ''}\n`;
    if (chunk.length >= RENDER_CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}  }\n}\n`;
}

/** Takes the compaction lock; false when a running process holds it. */
async function takeLock(path: string): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    // A lock being written (empty for an instant) or held by a live run: leave compaction to later.
    if (!Number.isInteger(holder) || holder <= 0 || isRunning(holder)) return false;
    await rm(path, { force: true });
  }
  return false;
}

let journalCounter = 0;

export class Manifest {
  /** Entries written or removed since the last save (null: remove); appended to the journal, then dropped. */
  private readonly changes = new Map<string, ManifestEntry | null>();
  private journaled = false;
  private readonly journal: string;

  private constructor(
    readonly path: string,
    private readonly entries: Map<string, ManifestEntry>,
  ) {
    // Start time and pid: the journals of several runs sort in the order the runs began.
    // A second manifest of the same process (a library caller running two batches) gets a later start.
    const start = Math.max(Date.now(), journalCounter + 1);
    journalCounter = start;
    this.journal = join(dirname(path), `${JOURNAL_PREFIX}${start.toString(36)}-${process.pid}`);
  }

  /** The manifest with every journal left beside it replayed (runs killed before they compacted, or still running). */
  static async load(path: string): Promise<Manifest> {
    const entries = await readManifest(path);
    for (const j of await listJournals(dirname(path))) await replay(join(dirname(path), j.name), entries);
    return new Manifest(path, entries);
  }

  /** The entry for `input` if it was converted with `settings` (so it may be skipped when its hash matches). */
  reusable(input: string, settings: ManifestSettings): ManifestEntry | undefined {
    const e = this.entries.get(input);
    if (!e || e.status !== 'converted') return undefined;
    return e.version === settings.version && e.profile === settings.profile && e.validate === settings.validate && e.verify === settings.verify ? e : undefined;
  }

  /** The output recorded for `input` by an earlier successful conversion. */
  ownedOutput(input: string): string | undefined {
    const e = this.entries.get(input);
    return e?.status === 'converted' ? e.output : undefined;
  }

  set(input: string, entry: ManifestEntry | null): void {
    this.changes.set(input, entry);
  }

  /** True when this run changed something since the last save. */
  get unsaved(): boolean {
    return this.changes.size > 0;
  }

  /** The path of this run's journal. */
  get journalPath(): string {
    return this.journal;
  }

  /**
   * Appends the changes since the last save to this run's journal: the cost is the number
   * of changes, whatever the size of the manifest. One write per save, each line whole
   * JSON; a kill mid-write cuts at most the last line, which loading skips.
   */
  async save(): Promise<void> {
    if (this.changes.size === 0) return;
    let text = '';
    for (const [input, entry] of this.changes) text += `${JSON.stringify([input, entry])}\n`;
    try {
      await appendFile(this.journal, text);
    } catch (e) {
      // The output folder may not exist yet (every file failed before writing): make it once
      // (makeFolders: node's recursive mkdir loops under /proc).
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      await makeFolders(dirname(this.journal));
      await appendFile(this.journal, text);
    }
    this.journaled = true;
    this.changes.clear();
  }

  /**
   * Saves what is left, then merges the manifest, the journals of runs that no longer run and
   * this run's own into a new manifest (written atomically) and removes those journals.
   * When another running process holds the lock, this run's journal stays for a later
   * compaction (loading replays it meanwhile).
   */
  async compact(version: string): Promise<void> {
    await this.save();
    const dir = dirname(this.path);
    const others = (await listJournals(dir)).filter((j) => j.pid !== process.pid && !isRunning(j.pid));
    const own = basename(this.journal);
    if (!this.journaled && others.length === 0) return;
    const lock = join(dir, LOCK_NAME);
    if (!(await takeLock(lock))) return;
    try {
      const merged = await readManifest(this.path);
      // Oldest run first, so a later run's entry for an input wins.
      const journals = (await listJournals(dir)).filter((j) => j.name === own || (j.pid !== process.pid && !isRunning(j.pid)));
      for (const j of journals) await replay(join(dir, j.name), merged);
      await writeAtomicChunks(this.path, renderManifest(version, merged));
      await Promise.all(journals.map((j) => rm(join(dir, j.name), { force: true })));
      this.journaled = false;
    } finally {
      await rm(lock, { force: true });
    }
  }
}
