/**
 * `OUT/.teiwright-manifest.json`: what each input was when it was last converted, so a
 * rerun redoes only what changed. An entry is reused only when the input's bytes, the
 * teiwright version and the options that change the output are all the same.
 */
import { readFile } from 'node:fs/promises';
import { writeAtomic } from './atomic.js';

export const MANIFEST_NAME = '.teiwright-manifest.json';

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

async function readEntries(path: string): Promise<Map<string, ManifestEntry>> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    return new Map();
  }
  try {
    const parsed = JSON.parse(raw) as Partial<ManifestFile>;
    // A damaged manifest costs a full rerun, never a wrong skip.
    return new Map(parsed.files && typeof parsed.files === 'object' ? Object.entries(parsed.files) : []);
  } catch {
    return new Map();
  }
}

export class Manifest {
  /** Entries written or removed by this run (null: remove), merged into the file on save. */
  private readonly changes = new Map<string, ManifestEntry | null>();
  private dirty = false;

  private constructor(
    readonly path: string,
    private readonly entries: Map<string, ManifestEntry>,
  ) {}

  static async load(path: string): Promise<Manifest> {
    return new Manifest(path, await readEntries(path));
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
    this.dirty = true;
  }

  /** True when this run changed something since the last save. */
  get unsaved(): boolean {
    return this.dirty;
  }

  /**
   * Writes the manifest atomically. The file is read again first and this run's changes
   * merged in, so runs on other shards writing the same folder lose as little as possible.
   */
  async save(version: string): Promise<void> {
    const merged = await readEntries(this.path);
    for (const [input, entry] of this.changes) {
      if (entry) merged.set(input, entry);
      else merged.delete(input);
    }
    const keys = [...merged.keys()].sort();
    // One entry per line: readable, and diffs well when the output folder is under version control.
    const lines = keys.map((k) => `    ${JSON.stringify(k)}: ${JSON.stringify(merged.get(k))}`);
    const body = `{\n  "teiwright": ${JSON.stringify(version)},\n  "files": {\n${lines.join(',\n')}${lines.length ? '\n' : ''}  }\n}\n`;
    await writeAtomic(this.path, body);
    this.dirty = false;
  }
}
