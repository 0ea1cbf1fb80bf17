import { readFileSync } from 'node:fs';
import { stageCosts } from '../dist-bench/stages.js';
const p = process.argv[2];
for (const r of stageCosts([p, p], 1)) console.log(r.stage.padEnd(45), r.cpuMs.toFixed(0), r.wallMs.toFixed(0));
