/**
 * CPU time per document, stage by stage, in one thread: the real pipeline (`convert()`),
 * timed through its `onStage` hook. The process's CPU time (process.cpuUsage: user +
 * system) is read once around the whole run, since each reading is a system call that
 * costs tens of microseconds here; it is shared out among the stages by their wall-clock
 * time (performance.now, cheap). CPU rather than wall clock, so that other processes on a
 * shared machine change the numbers as little as they can; the wall clock is shown beside it.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { convert, type Stage } from '../dist/convert.js';
import { decodeInput } from '../dist/io/decode.js';

export interface StageCost {
  stage: string;
  /** Mean CPU milliseconds per document. */
  cpuMs: number;
  /** Mean wall-clock milliseconds per document. */
  wallMs: number;
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** What each stage of convert() covers, in the order they run. */
export const STAGE_NAMES: Record<Stage | 'decode', string> = {
  decode: 'decode (bytes → text)',
  detect: 'detect the profile',
  read: 'read (reader → model)',
  transform: 'transforms (notes, emendations)',
  check: 'model check (ajv)',
  write: 'TEI writer',
  validate: 'validate (RELAX NG + integrity)',
  fidelity: 'fidelity check',
  done: '',
};

/**
 * Converts each file in turn (after `warmup` untimed ones, so the JIT has settled) and
 * returns the mean cost of each stage, plus a total.
 */
export function stageCosts(paths: readonly string[], warmup: number): StageCost[] {
  const wall = new Map<string, number>();
  let counted = 0;
  let cpuStart = 0;
  let wallStart = 0;
  paths.forEach((path, i) => {
    const timed = i >= warmup;
    if (i === warmup) {
      cpuStart = cpuNow();
      wallStart = performance.now();
    }
    let stage = 'decode';
    let w = performance.now();
    const lap = (next: string): void => {
      const w2 = performance.now();
      if (timed) wall.set(stage, (wall.get(stage) ?? 0) + w2 - w);
      stage = next;
      w = w2;
    };
    const bytes = readFileSync(path);
    w = performance.now();
    const decoded = decodeInput(bytes);
    if (!decoded.ok) return;
    convert(decoded.text, { file: path, onStage: (s) => lap(s) });
    if (timed) counted++;
  });
  if (counted === 0) return [];
  const cpuTotal = cpuNow() - cpuStart;
  const wallTotal = performance.now() - wallStart;
  const staged = [...wall.values()].reduce((a, b) => a + b, 0);
  const rows: StageCost[] = [];
  for (const [stage, name] of Object.entries(STAGE_NAMES)) {
    if (stage === 'done' || !wall.has(stage)) continue;
    const wallMs = wall.get(stage)! / counted;
    rows.push({ stage: name, cpuMs: (cpuTotal * wall.get(stage)!) / staged / counted, wallMs });
  }
  rows.push({ stage: `total per document (${counted} documents)`, cpuMs: cpuTotal / counted, wallMs: wallTotal / counted });
  return rows;
}
