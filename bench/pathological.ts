/**
 * `npm run bench:pathological [-- --sizes 1,4,16] [-- --shapes broken,unclosed]`: hostile shapes at 1, 4 and 16 MB, each
 * converted in a fresh process (convert + validate + fidelity, as the CLI does), printing
 * seconds (wall, and the CPU the conversion used: on a shared machine the CPU time shows
 * whether the time is linear) and peak RSS. The goal: time linear in size, peak RSS ≤ 20 × input + 200 MB.
 * `node dist-bench/pathological.js --child <shape> <MB>` is the measured process, with the
 * command line's heap growth (src/cli/heap.ts); it gets a 4 GB heap and 240 s, so a shape that would take the machine down is reported as failed.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { convert } from '../dist/convert.js';
import { setCliV8Flags } from '../dist/cli/heap.js';

const MB = 1024 * 1024;

/** Each shape: a text of about `bytes` bytes (a prefix, one unit repeated, a suffix). */
const SHAPES: Record<string, (bytes: number) => string> = {
  'character references (&#8220;)': (n) => `# T\n\n${repeat('&#8220;word&#x2019; ', n)}\n`,
  'named character references (&laquo;)': (n) => `# T\n\n${repeat('&laquo;word&raquo;&nbsp;', n)}\n`,
  'code spans (`c`, markdown)': (n) => `# T\n\n${repeat('`code` word ', n)}\n`,
  'code spans, one per paragraph (markdown)': (n) => `# T\n\n${repeat('some words `code` more words\n\n', n)}`,
  'raw forbidden characters (U+FFFE, U+0001)': (n) => `# T\n\n${repeat('word\uFFFE word\u0001 ', n)}\n`,
  'out-of-range references in HTML (&#x110000;)': (n) => `<html><head><title>T</title></head><body><h1>T</h1><p>${repeat('word &#x110000; ', n)}</p></body></html>`,
  'a run of backticks with spaces (` `)': (n) => `# T\n\n${repeat('` ', n)}\n`,
  'broken character references (&8220;)': (n) => `# T\n\n${repeat('&8220;word ', n)}\n`,
  'note anchors ([1], page text)': (n) => `Title\n\n${repeat('word [1] ', n)}\n\nNotes\n\n[1] The note.\n`,
  'note anchors (<sup>1</sup>, markdown)': (n) => `# T\n\n${repeat('word<sup>1</sup> ', n)}\n\n**Notes**\n\n1. The note.\n`,
  'unclosed HTML (<p><b><i>)': (n) => `<html><head><title>T</title></head><body><h1>T</h1>${repeat('<p><b><i>word ', n)}`,
  'markdown footnotes ([^n])': (n) => {
    const count = Math.floor(n / 40);
    const refs: string[] = [];
    const notes: string[] = [];
    for (let i = 1; i <= count; i++) {
      refs.push(`word[^${i}]`);
      notes.push(`[^${i}]: note ${i}`);
    }
    return `---\ntitle: T\n---\n\n${refs.join(' ')}\n\n${notes.join('\n')}\n`;
  },
  'unclosed tags in markdown (<b)': (n) => `# T\n\n${repeat('word <b ', n)}\n`,
  'a run of * (one line)': (n) => `# T\n\n${'*'.repeat(n)}\n`,
  'a run of [ (one line)': (n) => `# T\n\n${'['.repeat(n)}\n`,
  'a run of < (one line)': (n) => `# T\n\n${'<'.repeat(n)}\n`,
  'nested <b><i> (HTML)': (n) => {
    const pairs = Math.max(1, Math.floor(n / 16));
    return `<html><head><title>T</title></head><body><h1>T</h1><p>${'<b><i>'.repeat(pairs)}word${'</i></b>'.repeat(pairs)}</p></body></html>`;
  },
  'nested <div>s (HTML)': (n) => {
    const divs = Math.max(1, Math.floor(n / 11));
    return `<html><head><title>T</title></head><body><h1>T</h1>${'<div>'.repeat(divs)}<p>word</p>${'</div>'.repeat(divs)}</body></html>`;
  },
  'notes headings (page text)': (n) => `Title\n\nword [1]\n\n${repeat('Notes\n\n[1] The note.\n\n', n)}`,
};

/**
 * Earlier measurements of shapes whose cost a later change fixed, printed under the table so
 * the output keeps the before beside the after (same machine, load ~9, 4 GB heap).
 */
const BEFORE: Record<string, string> = {
  'broken character references (&8220;)': '15.0 s, 464 MB | 29.8 s, 520 MB | 55.7 s, 908 MB; before the TEI writer serialised a large document in parts (load ~17; after: 19.5 s, 284 MB | 24.1 s, 408 MB | 62.5 s, 908 MB, the peaks at 4 and 16 MB now in reading, validation and the fidelity check). 15.1 s, 774 MB | 53.9 s, 2,736 MB | out of memory (4 GB); before --max-elements (each repair two model elements, unbounded)',
  'code spans (`c`, markdown)': '- | 12.1 s, 294 MB | 25.1 s, 1,019 MB (load ~15); before short texts were shared per source (Source.intern), backtick runs kept in typed arrays and short model arrays compacted. 3.7 s, 262 MB | 11.7 s, 828 MB | -; before the inline scan joined text as it goes and the writer made one DOM text node of neighbouring text (load ~12)',
  'code spans, one per paragraph (markdown)': 'over 240 s | over 240 s | -; before the backtick runs were found once per text (each paragraph scanned the whole text)',
  'raw forbidden characters (U+FFFE, U+0001)': '0.96 s (CPU 1.37 s), 174 MB | 1.68 s (CPU 2.14 s), 200–254 MB | 5.2 s (CPU 5.9–8.2 s), 532–566 MB (session 11, load 7–13); before the sanitizer replaced a long text\'s forbidden characters in a copy of its code units (one global replace held ~250 MB of match records at once, and the heap V8 allowed itself after that peak let the writer\'s and the validation\'s garbage pile up to it). - | 15.7 s, 301 MB | 44.7 s, 604 MB (load ~15); before the input\'s forbidden characters were reported as they are found (a record of each, 2.8 million at 16 MB, was gathered first). 24.4 s, 457 MB | 24.3 s, 472 MB | 71.5 s, 1,034 MB; before the TEI writer serialised a large document in parts (load ~17; after: 19.8 s, 311 MB | 28.6 s, 408 MB | 92.1 s, 1,044 MB, the peaks now in validation and the fidelity check). 17.2 s, 175 MB | over 240 s | -; before: replaced by U+FFFD before reading (only reported), and the position scan looked for the next line end from every match',
  'note anchors ([1], page text)': '3.5 s, 166 MB | 25.0 s, 340 MB | 102.7 s, 1,182 MB (load ~18); before --max-anchors was counted on the text and refused before the layout (the whole model was built, then refused by --max-elements)',
  'note anchors (<sup>1</sup>, markdown)': '25.0 s, 302 MB | 5.8 s, 206 MB | 31.7 s, 631 MB (load ~18); before a paragraph of more anchors than --max-anchors was refused while it is read (the model was built, then refused by --max-elements)',
  'nested <div>s (HTML)': '0.69 s CPU, 221 MB | 0.51 s CPU, 187 MB (input-too-many-elements) | 0.48 s CPU, 207 MB (input-too-many-elements) (session 8, load 4–5); before the HTML parse stopped at the first element too deep (the whole tree was built, then measured)',
  'notes headings (page text)': '3.00 s (CPU 3.21 s), 269 MB | - | - (end of session 10); before integrity\'s findings on TEI teiwright wrote were made from the fast walk\'s facts (scanXml\'s records of 190,000 elements, 74 MB, were kept through the check) and each notes section\'s lists were copied at their length as it is read (23 MB of empty slots). 3.60 s CPU, 344 MB | - | - (session 8, load 4–5); before convert kept at most 1,000 findings of one code (143,000 warnings, about 25 MB) and the validator\'s scan records were made small (61 → 31 MB). 45.4 s, 468 MB | 19.8 s, 527 MB | 94.7 s, 1,801 MB (load ~18); before --max-elements was held to while the text is split into paragraphs (4 and 16 MB: refused once the model was built)',
  'a run of < (one line)': '0.58 s (CPU 0.67 s), 146 MB | 2.29 s (CPU 2.51 s), 291 MB | 9.38 s (CPU 10.04 s), 744 MB (end of session 9); before the writer escaped a long text in parts with replaceAll (one replace over 16 MB of `<` held ~700 MB of match records) and the validator\'s walk stopped building the text of references it does not read (16 million concatenations, ~470 MB). 5.8 s, 177 MB | 20.8 s, 378 MB | 51.4 s, 681 MB (load ~18); before the inline scan gathered source text as ranges (a rope of one concatenation per `<`) and looked at the character after `<` before slicing 600',
  'a run of [ (one line)': '4.7 s, 166 MB | 17.6 s, 325 MB | 63.9 s, 931 MB (load ~18); before the inline scan gathered source text as ranges (a rope of one concatenation per `[`)',
  'a run of backticks with spaces (` `)': '- | 7.4 s, 372 MB | 9.9 s, 1,040 MB (load ~15); before blank texts between code spans were joined into one node (two nodes per four bytes, the paragraph held whole while it was read)',
  'character references (&#8220;)': '- | - | 30.8 s, 659 MB (load ~15); before short texts were shared per source (Source.intern)',
'unclosed HTML (<p><b><i>)': '56.1 s, 2,126 MB | out of memory | out of memory; before --max-elements (parse5 reopens the formatting elements in every paragraph: ~600,000 elements per MB)',
};

function repeat(unit: string, bytes: number): string {
  return unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));
}

function child(shape: string, mb: number): void {
  const make = SHAPES[shape];
  if (!make) throw new Error(`no shape ${shape}`);
  // The command line's V8 flags (src/cli/heap.ts: heap growth, inlining, young generation), so the peak is the one a user sees.
  setCliV8Flags();
  const text = make(mb * MB);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const r = convert(text, { file: 'pathological' });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const firstError = r.diagnostics.find((d) => d.severity === 'error');
  process.stdout.write(
    JSON.stringify({
      seconds,
      cpuSeconds,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      ok: r.ok,
      ...(firstError && { firstError: `${firstError.code}: ${firstError.message.slice(0, 80)}` }),
    }),
  );
}

function main(): void {
  const i = process.argv.indexOf('--sizes');
  const sizes = (i >= 0 ? process.argv[i + 1]! : '1,4,16').split(',').map(Number);
  // `--shapes a,b`: only the shapes whose names contain one of these words.
  const j = process.argv.indexOf('--shapes');
  const only = j >= 0 ? process.argv[j + 1]!.split(',') : undefined;
  const self = fileURLToPath(import.meta.url);
  console.log('pathological inputs: seconds (wall and CPU) and peak RSS per shape and size (each in a fresh process; limit: 20 × input + 200 MB)');
  console.log(`| shape | ${sizes.map((s) => `${s} MB`).join(' | ')} |`);
  console.log(`| --- | ${sizes.map(() => '---:').join(' | ')} |`);
  for (const shape of Object.keys(SHAPES).filter((s) => !only || only.some((w) => s.includes(w)))) {
    const cells: string[] = [];
    for (const mb of sizes) {
      try {
        const out = execFileSync(process.execPath, ['--max-old-space-size=4096', self, '--child', shape, String(mb)], { encoding: 'utf8', timeout: 240_000, maxBuffer: 1 << 20 });
        const r = JSON.parse(out) as { seconds: number; cpuSeconds: number; maxRssMb: number; ok: boolean; firstError?: string };
        const within = r.maxRssMb <= 20 * mb + 200 ? '' : ' (over the RSS limit)';
        cells.push(`${r.seconds.toFixed(2)} s (CPU ${r.cpuSeconds.toFixed(2)} s), ${r.maxRssMb.toFixed(0)} MB${within}${r.ok ? '' : ` [${r.firstError}]`}`);
      } catch (e) {
        cells.push(`failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 80)}`);
      }
    }
    console.log(`| ${shape} | ${cells.join(' | ')} |`);
  }
  const before = Object.entries(BEFORE).filter(([shape]) => !only || only.some((w) => shape.includes(w)));
  if (before.length > 0) {
    console.log('\nbefore (1 | 4 | 16 MB):');
    for (const [shape, was] of before) console.log(`- ${shape}: ${was}`);
  }
}

if (process.argv[2] === '--child') child(process.argv[3]!, Number(process.argv[4]));
else main();
