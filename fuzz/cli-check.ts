/**
 * The properties of the command line on a generated batch (a folder of generated inputs
 * with hostile file names, some with a corrections sidecar), checked by running the built
 * CLI (`dist/cli/main.js`) as a user would:
 * - `--jobs 1` and `--jobs 2` write the same files, byte for byte, and the same report
 *   (times aside), with the same exit code;
 * - the JSON report is valid JSON with the documented fields (tool, version, command, files
 *   with input/status/diagnostics, totals, exitCode equal to the process's);
 * - every printed line is one line with no raw control character (file names escaped), and
 *   no stack trace is ever printed;
 * - every diagnostic with a line:col points inside its input (or its sidecar);
 * - `validate` finds no error in any TEI `convert` wrote;
 * - a run killed (SIGKILL) at a random moment leaves every output whole or absent, never
 *   partly written; the rerun completes to the same bytes and leaves no temporary file.
 * Pure data and processes: nothing here imports teiwright (the decoder is passed in).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { outsideText } from './check.js';
import { charsetLie, correctionsFile, emendationText, layoutText, oddNotesText, styledText, type FuzzInput } from './inputs.js';

export interface BatchFile {
  name: string;
  bytes: Uint8Array;
  /** A sidecar `<stem>.corrections.json` for it. */
  corrections?: string;
}

/** Names a file may have on a Unix disk, hostile to a one-line output: line ends, ESC, RLO, tabs, C1, spaces, non-ASCII. */
const NAME_PARTS = ['a', 'doc', 'lenin 1921', 'x\ny', 'e\u001b[31mred', '\u202egnp', 'tab\there', 'über', 'cr\rhere', 'd\u0085e', '-dash', '..dots', ' lead', 'bell\u0007', 'nul\u007f', '😀'] as const;

const textInput = (a: fc.Arbitrary<{ text: string; shape: string }>): fc.Arbitrary<FuzzInput> => a.map(({ text, shape }) => ({ bytes: new TextEncoder().encode(text), shape }));

/** A folder of 2 to 6 generated inputs with hostile names; one in four with a corrections sidecar. */
export const batch: fc.Arbitrary<BatchFile[]> = fc
  .array(
    fc.tuple(
      fc.oneof(textInput(styledText), textInput(emendationText), textInput(layoutText), textInput(oddNotesText), charsetLie),
      fc.constantFrom(...NAME_PARTS),
      fc.option(correctionsFile, { nil: undefined, freq: 3 }),
    ),
    { minLength: 2, maxLength: 6 },
  )
  .map((files) =>
    files.map(([input, part, corrections], i) => {
      const text = new TextDecoder().decode(input.bytes.subarray(0, 200));
      const ext = /<html|<p>|<\/|<h1/i.test(text) ? 'html' : /^#|\*\*|^---/m.test(text) ? 'md' : 'txt';
      return { name: `${i}-${part}.${ext}`, bytes: input.bytes, ...(corrections !== undefined && { corrections }) };
    }),
  );

interface ReportFile {
  input: string;
  status: string;
  output?: string;
  diagnostics: { code: string; severity: string; message: string; file?: string; line?: number; column?: number; count?: number }[];
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(cli: string, args: string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, TEIWRIGHT_DEBUG: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir` (relative path → bytes), temporary files and the manifest apart. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!existsSync(dir)) return out;
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

const withoutTimes = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(withoutTimes);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'ms' && k !== 'seconds' && k !== 'filesPerSecond') o[k] = withoutTimes(x);
    return o;
  }
  return v;
};

/** Problems of one printed output: a raw control character, a stack trace. */
function printedProblems(what: string, r: Run): string[] {
  const problems: string[] = [];
  for (const [stream, text] of [['stdout', r.stdout], ['stderr', r.stderr]] as const) {
    // eslint-disable-next-line no-control-regex
    const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u.exec(text);
    if (raw) problems.push(`${what}: ${stream} holds a raw U+${raw[0].charCodeAt(0).toString(16).padStart(4, '0')} (a file name not escaped?): ${JSON.stringify(text.slice(Math.max(0, raw.index - 60), raw.index + 20))}`);
    if (/^\s+at .+[:(].*\d+:\d+\)?$/m.test(text)) problems.push(`${what}: ${stream} shows a stack trace: ${text.slice(0, 300)}`);
  }
  return problems;
}

/** Problems of a JSON report: not JSON, a documented field missing or of the wrong type. */
function reportProblems(what: string, path: string, command: string, exitCode: number | null, inputs: number): { problems: string[]; report?: { files: ReportFile[] } } {
  let report: unknown;
  try {
    report = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return { problems: [`${what}: the report is not JSON (or missing): ${String(e).slice(0, 200)}`] };
  }
  const problems: string[] = [];
  const r = report as Record<string, unknown>;
  if (r.tool !== 'teiwright') problems.push(`${what}: report.tool is ${JSON.stringify(r.tool)}`);
  if (typeof r.version !== 'string') problems.push(`${what}: report.version is not a string`);
  if (r.command !== command) problems.push(`${what}: report.command is ${JSON.stringify(r.command)}, not ${command}`);
  if (r.exitCode !== exitCode) problems.push(`${what}: report.exitCode ${String(r.exitCode)} but the process exited ${String(exitCode)}`);
  if (!r.totals || typeof r.totals !== 'object' || Object.values(r.totals).some((n) => typeof n !== 'number')) problems.push(`${what}: report.totals is not an object of numbers`);
  if (!Array.isArray(r.files)) return { problems: [...problems, `${what}: report.files is not an array`] };
  if (r.files.length !== inputs) problems.push(`${what}: report.files has ${r.files.length} entries for ${inputs} inputs`);
  for (const f of r.files as Record<string, unknown>[]) {
    if (typeof f.input !== 'string' || typeof f.status !== 'string' || !Array.isArray(f.diagnostics)) {
      problems.push(`${what}: a file entry without input/status/diagnostics: ${JSON.stringify(f).slice(0, 200)}`);
      continue;
    }
    for (const d of f.diagnostics as Record<string, unknown>[]) {
      if (typeof d.code !== 'string' || typeof d.message !== 'string' || !['error', 'warning', 'info'].includes(String(d.severity))) problems.push(`${what}: a diagnostic without code/severity/message: ${JSON.stringify(d).slice(0, 200)}`);
      for (const k of ['line', 'column', 'count'] as const) if (d[k] !== undefined && !(Number.isInteger(d[k]) && (d[k] as number) >= 1)) problems.push(`${what}: diagnostic ${String(d.code)} has ${k} ${JSON.stringify(d[k])}`);
    }
  }
  return { problems, report: report as { files: ReportFile[] } };
}

/**
 * Runs the properties on one batch; `decode` is teiwright's decoder (for the diagnostics'
 * ranges); `kill`: also kill a run at a random moment (ms after start) and rerun.
 */
export async function checkBatch(cli: string, files: readonly BatchFile[], decode: (bytes: Uint8Array) => { ok: true; text: string } | { ok: false }, options: { killAfterMs?: number } = {}): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'teiwright-fuzz-cli-'));
  try {
    mkdirSync(join(dir, 'in'));
    const texts = new Map<string, string | undefined>();
    for (const f of files) {
      writeFileSync(join(dir, 'in', f.name), f.bytes);
      const d = decode(f.bytes);
      texts.set(`in/${f.name}`, d.ok ? d.text : undefined);
      if (f.corrections !== undefined) {
        const side = `${f.name.replace(/\.[^.]*$/, '')}.corrections.json`;
        writeFileSync(join(dir, 'in', side), f.corrections);
        texts.set(`in/${side}`, f.corrections.replace(/\r\n?/g, '\n'));
      }
    }
    const problems: string[] = [];
    const one = run(cli, ['convert', 'in', '-o', 'out1', '--jobs', '1', '--report', 'r1.json'], dir);
    const two = run(cli, ['convert', 'in', '-o', 'out2', '--jobs', '2', '--report', 'r2.json'], dir);
    for (const [what, r] of [['--jobs 1', one], ['--jobs 2', two]] as const) {
      if (r.status !== 0 && r.status !== 1) problems.push(`${what}: exit ${String(r.status)} (0 or 1 expected for a batch): ${r.stderr.slice(0, 300)}`);
      problems.push(...printedProblems(`convert ${what}`, r));
    }
    const r1 = reportProblems('convert --jobs 1', join(dir, 'r1.json'), 'convert', one.status, files.length);
    const r2 = reportProblems('convert --jobs 2', join(dir, 'r2.json'), 'convert', two.status, files.length);
    problems.push(...r1.problems, ...r2.problems);
    if (one.status !== two.status) problems.push(`--jobs 1 exits ${String(one.status)}, --jobs 2 exits ${String(two.status)}`);
    if (r1.report && r2.report) {
      const a = JSON.stringify(withoutTimes(r1.report)).replaceAll('out1/', 'out/');
      const b = JSON.stringify(withoutTimes(r2.report)).replaceAll('out2/', 'out/');
      if (a !== b) problems.push(`the reports of --jobs 1 and --jobs 2 differ: ${firstDifference(a, b)}`);
    }
    const t1 = tree(join(dir, 'out1'));
    const t2 = tree(join(dir, 'out2'));
    t1.delete('.teiwright-manifest.json');
    t2.delete('.teiwright-manifest.json');
    for (const [name, bytes] of t1) if (!t2.get(name)?.equals(bytes)) problems.push(`${JSON.stringify(name)}: --jobs 2 wrote other bytes than --jobs 1 (or none)`);
    for (const name of t2.keys()) if (!t1.has(name)) problems.push(`${JSON.stringify(name)}: written by --jobs 2 only`);
    for (const name of [...t1.keys(), ...t2.keys()]) if (/\.tmp/.test(name)) problems.push(`a temporary file is left: ${JSON.stringify(name)}`);
    // Every diagnostic points inside the file it names.
    for (const f of r1.report?.files ?? []) {
      for (const d of f.diagnostics) {
        if (d.line === undefined) continue;
        const text = texts.get(d.file ?? f.input);
        if (text === undefined) {
          if (texts.has(d.file ?? f.input)) continue; // an input refused before decoding (binary): no text to measure
          problems.push(`${d.code} at ${d.line}:${String(d.column)} names ${JSON.stringify(d.file)}, which is no input of the batch`);
          continue;
        }
        const out = outsideText({ ...d, severity: d.severity }, text);
        if (out) problems.push(`${JSON.stringify(d.file ?? f.input)}: diagnostic outside the file: ${out}: ${d.message.slice(0, 200)}`);
      }
    }
    // What convert wrote, validate finds no error in.
    const written = [...t1.keys()].filter((n) => n.endsWith('.xml'));
    if (written.length > 0) {
      const v = run(cli, ['validate', 'out1', '--report', 'v.json'], dir);
      problems.push(...printedProblems('validate', v));
      const rv = reportProblems('validate', join(dir, 'v.json'), 'validate', v.status, written.length);
      problems.push(...rv.problems);
      for (const f of rv.report?.files ?? []) {
        const errors = f.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length > 0) problems.push(`validate of ${JSON.stringify(f.input)} written by convert: ${errors.map((d) => `${d.code} at ${String(d.line)}:${String(d.column)}: ${d.message.slice(0, 200)}`).join('; ')}`);
      }
    }
    if (options.killAfterMs !== undefined) problems.push(...(await killed(cli, dir, t1, options.killAfterMs)));
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Kills a convert into out3 after `ms`, then: every file there whole (the bytes of out1) or absent; the rerun gives out1's files and no temporary file. */
async function killed(cli: string, dir: string, expected: Map<string, Buffer>, ms: number): Promise<string[]> {
  const problems: string[] = [];
  await new Promise<void>((resolve) => {
    const child = spawn(process.execPath, [cli, 'convert', 'in', '-o', 'out3', '--jobs', '2'], { cwd: dir, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const after = tree(join(dir, 'out3'));
  after.delete('.teiwright-manifest.json');
  for (const [name, bytes] of after) {
    if (/\.tmp/.test(name)) continue; // a temporary file of the killed run: the rerun must remove it
    // The manifest's journal and lock of the killed run: the run's own state, which the rerun
    // takes over (journal replayed, stale lock of a dead pid removed); checked below by the
    // rerun leaving no file a whole run does not write.
    if (/^\.teiwright-manifest\.(journal-|lock$)/.test(name)) continue;
    if (!expected.get(name)?.equals(bytes)) problems.push(`killed after ${ms} ms: ${JSON.stringify(name)} is partly written (or not the file a whole run writes)`);
  }
  const rerun = run(cli, ['convert', 'in', '-o', 'out3', '--jobs', '1'], dir);
  problems.push(...printedProblems('rerun after a kill', rerun));
  const final = tree(join(dir, 'out3'));
  final.delete('.teiwright-manifest.json');
  for (const [name, bytes] of expected) if (!final.get(name)?.equals(bytes)) problems.push(`rerun after a kill at ${ms} ms: ${JSON.stringify(name)} differs from a whole run (or is missing)`);
  for (const name of final.keys()) {
    if (/\.tmp/.test(name)) problems.push(`rerun after a kill at ${ms} ms: the temporary file ${JSON.stringify(name)} is still there`);
    else if (!expected.has(name)) problems.push(`rerun after a kill at ${ms} ms: ${JSON.stringify(name)} is written but a whole run writes no such file`);
  }
  return problems;
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 80), i + 80))} vs ${JSON.stringify(b.slice(Math.max(0, i - 80), i + 80))}`;
}

/** For a shrunk batch kept as a fixture: the files' names and bytes (base64) as JSON. */
export function batchToJson(files: readonly BatchFile[]): string {
  return JSON.stringify(files.map((f) => ({ name: f.name, bytes: Buffer.from(f.bytes).toString('base64'), ...(f.corrections !== undefined && { corrections: f.corrections }) })), null, 1);
}

export function batchFromJson(json: string): BatchFile[] {
  return (JSON.parse(json) as { name: string; bytes: string; corrections?: string }[]).map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.bytes, 'base64')), ...(f.corrections !== undefined && { corrections: f.corrections }) }));
}
