/**
 * `npm run corpus [DIR …] [--json FILE] [--no-copies]`: the self-checking corpus. Converts
 * every document of each corpus folder (default ../shared/corpus/mia and
 * ../shared/corpus/mia-more, which only the developers and CI have) and prints one line per
 * document — profile, notes, anchors linked, emendations, warnings, errors, valid against
 * tei_all, words lost. For each HTML page it also converts the page's browser copy (made in
 * memory by `pageText`, never written) and prints the page/copy agreement table on title,
 * author, date of writing, respStmt names, notes, linked anchors and body words; each
 * disagreement is listed, with its reason when the source shows one (known-disagreements.ts).
 * Then a summary with counts. Without the folders it says so and exits 0.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDocument, corpusEntries, FACT_NAMES, type Conversion, type DocumentCheck } from './corpus-check.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const line = (name: string, c: Conversion): string =>
  [name, c.profile, c.notes, `${c.linked}/${c.anchors}`, c.emendations, c.warnings, c.errors, c.teiAll, c.wordsLost].join('\t');

interface Totals {
  documents: number;
  withoutErrors: number;
  validTeiAll: number;
  noWordLost: number;
}

function totalsOf(conversions: readonly Conversion[]): Totals {
  return {
    documents: conversions.length,
    withoutErrors: conversions.filter((c) => c.errors === 0).length,
    validTeiAll: conversions.filter((c) => c.teiAll === 'yes').length,
    noWordLost: conversions.filter((c) => c.wordsLost === 0 && c.facts !== undefined).length,
  };
}

function reportFolder(dir: string, teiAll: string | undefined, withCopies: boolean): DocumentCheck[] {
  const out = process.stdout;
  out.write(`\n== ${dir}\n${['file', 'profile', 'notes', 'linked/anchors', 'emend.', 'warn', 'err', 'tei_all', 'lost'].join('\t')}\n`);
  const checks: DocumentCheck[] = [];
  for (const entry of corpusEntries(dir)) {
    const check = checkDocument(dir, entry, teiAll, withCopies);
    checks.push(check);
    out.write(`${line(check.file, check.page)}${check.page.charset ? `\t(read as ${check.page.charset})` : ''}\n`);
    if (check.page.firstError) out.write(`  ${check.page.firstError}\n`);
    if (check.copy) {
      out.write(`${line('  copy', check.copy)}\n`);
      if (check.copy.firstError) out.write(`    ${check.copy.firstError}\n`);
    }
  }
  return checks;
}

function agreementTable(checks: readonly DocumentCheck[]): void {
  const out = process.stdout;
  const pairs = checks.filter((c) => c.copy);
  out.write(`\n== page/copy agreement (${pairs.length} HTML pages)\n${['file', ...FACT_NAMES].join('\t')}\n`);
  for (const c of pairs) {
    const marks = FACT_NAMES.map((f) => {
      const d = c.disagreements.find((x) => x.fact === f);
      if (!c.page.facts || !c.copy?.facts) return '-';
      return d ? (d.known ? 'known' : 'DIFF') : 'ok';
    });
    out.write(`${[c.file, ...marks].join('\t')}\n`);
  }
  out.write('\n== disagreements\n');
  for (const c of pairs) {
    for (const d of c.disagreements) {
      out.write(`${c.file}\t${d.fact}\n  page: ${d.page}\n  copy: ${d.copy}\n`);
      out.write(d.known ? `  reason (in the source: «${d.known.quote}»): ${d.known.reason}\n` : '  reason: none in the source — a converter defect\n');
    }
    if (c.copy && (!c.page.facts || !c.copy.facts)) out.write(`${c.file}\tnot compared: ${!c.page.facts ? 'the page' : 'the copy'} gave no TEI\n`);
  }
}

function main(args: string[]): void {
  const jsonAt = args.indexOf('--json');
  const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
  const withCopies = !args.includes('--no-copies');
  const positional = args.filter((a, i) => !a.startsWith('--') && (jsonAt < 0 || i !== jsonAt + 1));
  const dirs = (positional.length > 0 ? positional : ['../shared/corpus/mia', '../shared/corpus/mia-more'].map((d) => join(root, d))).map((d) => resolve(d));
  const present = dirs.filter((d) => existsSync(d));
  if (present.length === 0) {
    process.stdout.write(`No corpus at ${dirs.join(' or ')}: the MIA test corpus lives in ../shared beside the project, which only the developers and CI have. Nothing to do.\n`);
    return;
  }
  for (const d of dirs.filter((x) => !present.includes(x))) process.stdout.write(`No corpus at ${d}; skipped.\n`);
  const teiAllPath = resolve(present[0]!, '../../schema-oracle/tei_all.rng');
  const teiAll = existsSync(teiAllPath) ? teiAllPath : undefined;
  const checks = present.flatMap((d) => reportFolder(d, teiAll, withCopies));
  if (withCopies) agreementTable(checks);

  const pages = totalsOf(checks.map((c) => c.page));
  const copies = totalsOf(checks.flatMap((c) => (c.copy ? [c.copy] : [])));
  const compared = checks.filter((c) => c.copy && c.page.facts && c.copy.facts);
  const all = compared.flatMap((c) => c.disagreements);
  const perFact = FACT_NAMES.map((f) => `${f} ${compared.filter((c) => !c.disagreements.some((d) => d.fact === f)).length}`).join(', ');
  const tei = (t: Totals) => (teiAll ? `${t.validTeiAll} valid against tei_all` : 'tei_all not checked (absent)');
  const out = process.stdout;
  out.write('\n== summary\n');
  out.write(`documents: ${pages.documents}; converted without error ${pages.withoutErrors}; ${tei(pages)}; no word lost ${pages.noWordLost}\n`);
  if (withCopies) {
    out.write(`browser copies: ${copies.documents}; converted without error ${copies.withoutErrors}; ${tei(copies)}; no word lost ${copies.noWordLost}\n`);
    out.write(`page/copy pairs compared: ${compared.length}; agreeing on every fact ${compared.filter((c) => c.disagreements.length === 0).length}; every disagreement explained ${compared.filter((c) => c.disagreements.every((d) => d.known)).length}\n`);
    out.write(`pairs agreeing, per fact: ${perFact}\n`);
    out.write(`disagreements: ${all.length}, of which with a reason in the source ${all.filter((d) => d.known).length}, unexplained ${all.filter((d) => !d.known).length}\n`);
  }
  if (jsonFile) {
    const strip = (c: Conversion | undefined) => {
      if (!c) return undefined;
      const { facts, ...rest } = c;
      return { ...rest, ...(facts && { facts: { ...facts, bodyWords: facts.bodyWords.length } }) };
    };
    const documents = checks.map((c) => ({ ...c, page: strip(c.page), copy: strip(c.copy) }));
    writeFileSync(jsonFile, `${JSON.stringify({ corpora: present, totals: { pages, copies, disagreements: all.length, unexplained: all.filter((d) => !d.known).length }, documents }, null, 2)}\n`);
  }
}

main(process.argv.slice(2));
