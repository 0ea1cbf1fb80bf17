/**
 * TEI teiwright wrote with tens of thousands of endnotes nothing points to (a page of
 * notes headings, each over one `[1]` note): the one walk of the fast RELAX NG check finds it
 * valid, and integrity's findings are made from what the walk gathered
 * (integrity.ts, `reportIntegrityFacts`), without scan.ts's record of every element. Before,
 * any integrity finding sent the document to scanXml: 48,000 notes sections (190,000
 * elements, 7.5 MB) held 74 MB of records through the check, and `validateTei` did not
 * finish in a heap of 128 MB; now it does in 96. That the findings are the ones
 * `checkIntegrity` gives is shown by tests/validate/own-fast-path.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../helpers/shared.js';

describe('a flood of endnotes nothing points to', () => {
  test('48,000 of them are reported by validateTei in a process whose heap is capped at 96 MB', () => {
    const script = `
      const { convert } = await import(${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'dist/convert.js')).href)});
      const { validateTei } = await import(${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'dist/validate/index.js')).href)});
      const { fastVerdicts } = await import(${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'dist/validate/rng/index.js')).href)});
      const small = convert('Title\\n\\nBy Someone\\n\\nThe text [1] goes on.\\n\\nNotes\\n\\n[1] The note.\\n', { validate: false, verify: false }).tei;
      const section = /^ *<div type="notes">[^]*?<\\/div>\\n/m.exec(small)[0];
      const more = [];
      for (let i = 2; i <= 48000; i++) more.push(section.replace('xml:id="n1"', 'xml:id="n1-' + i + '"').replace(/ target="[^"]*"/, ''));
      const tei = small.replace(section, section + more.join(''));
      more.length = 0;
      const found = validateTei(tei);
      const last = found[found.length - 1];
      process.stdout.write(JSON.stringify({ count: found.length, codes: [...new Set(found.map((d) => d.code))], last: last.line + ':' + last.column + ' ' + last.message, valid: fastVerdicts.valid }));
    `;
    const r = spawnSync(process.execPath, ['--max-old-space-size=96', '--max-semi-space-size=2', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/out of memory/);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { count: number; codes: string[]; last: string; valid: number };
    // Every note but the first (the text points to it), each at its start tag; valid by the fast walk (libxml2 was not asked).
    expect(out).toEqual({ count: 47_999, codes: ['note-unreferenced'], last: expect.stringMatching(/^\d+:9 <note xml:id="n1-48000"> \(n="1"\) in <back>: nothing points to it \(no target="#n1-48000"\)$/), valid: 1 });
  });
});
