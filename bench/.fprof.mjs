import { readdirSync, readFileSync } from 'node:fs';
import { convert } from '../dist/convert.js';
import { checkFidelity } from '../dist/validate/fidelity.js';
import { Diagnostics } from '../dist/diagnostics.js';
import { detectReader } from '../dist/readers/registry.js';
const root = '/work/notes/speed-golden/src/bench';
const items = [];
for (const d of readdirSync(root).sort().slice(0,4)) for (const f of readdirSync(root + '/' + d).sort()) { const text = readFileSync(`${root}/${d}/${f}`,'utf8'); const r = convert(text, {validate:false, verify:false}); const m=r.model; items.push({text, tei:r.tei, markup: detectReader(text).reader.markup, dropped:[...m.dropped, ...m.metadata.fields.map(f=>({text:f.label,pos:f.pos})), ...m.notes.flatMap(s=>s.notes.map(n=>({text:n.label,pos:n.pos})))]}); }
for (let r=0;r<8;r++){ const t=performance.now(); const c0=process.cpuUsage(); for (const it of items) checkFidelity(it.text, it.markup, it.dropped, it.tei, new Diagnostics('x')); if (r>4) {const c=process.cpuUsage(c0); console.log('fidelity cpu ms/doc', ((c.user+c.system)/1000/items.length).toFixed(3), 'wall', ((performance.now()-t)/items.length).toFixed(3));} }
