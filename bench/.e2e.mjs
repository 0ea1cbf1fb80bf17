import { runBatch } from '../dist/batch/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
const jobs = Number(process.argv[2]); const src = process.argv[3] ?? '/work/notes/speed-golden/src/bench';
const out = mkdtempSync('/tmp/speed-e2e-');
const c0 = process.cpuUsage(); const t0 = performance.now();
const r = await runBatch({ inputs: [src], outDir: out, jobs, force: true, keepResults: false, converter: process.argv[4] });
const c = process.cpuUsage(c0); const s = (performance.now() - t0) / 1000;
console.log(`jobs ${jobs}: ${r.totals.files} files ${s.toFixed(2)} s wall = ${(r.totals.files / s).toFixed(0)} files/s; CPU ${((c.user + c.system) / 1000 / r.totals.files).toFixed(2)} ms/file (user ${(c.user/1e6).toFixed(1)} s sys ${(c.system/1e6).toFixed(1)} s)`);
rmSync(out, { recursive: true, force: true });
