/**
 * CPU time per document, stage by stage, in one thread: the real pipeline (`convert()`),
 * timed through its `onStage` hook. CPU time (process.cpuUsage: user + system), not wall
 * clock, so that other processes on a shared machine change the numbers as little as they
 * can; the wall clock is shown beside it.
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
  const cpu = new Map<string, number>();
  const wall = new Map<string, number>();
  let counted = 0;
  paths.forEach((path, i) => {
    const timed = i >= warmup;
    let stage = 'decode';
    let c = cpuNow();
    let w = performance.now();
    const lap = (next: string): void => {
      const c2 = cpuNow();
      const w2 = performance.now();
      if (timed) {
        cpu.set(stage, (cpu.get(stage) ?? 0) + c2 - c);
        wall.set(stage, (wall.get(stage) ?? 0) + w2 - w);
      }
      stage = next;
      c = c2;
      w = w2;
    };
    const decoded = decodeInput(readFileSync(path));
    if (!decoded.ok) return;
    convert(decoded.text, { file: path, onStage: (s) => lap(s) });
    if (timed) counted++;
  });
  if (counted === 0) return [];
  const rows: StageCost[] = [];
  let cpuTotal = 0;
  let wallTotal = 0;
  for (const [stage, name] of Object.entries(STAGE_NAMES)) {
    if (stage === 'done' || !cpu.has(stage)) continue;
    const cpuMs = cpu.get(stage)! / counted;
    const wallMs = wall.get(stage)! / counted;
    cpuTotal += cpuMs;
    wallTotal += wallMs;
    rows.push({ stage: name, cpuMs, wallMs });
  }
  rows.push({ stage: `total per document (${counted} documents)`, cpuMs: cpuTotal, wallMs: wallTotal });
  return rows;
}
