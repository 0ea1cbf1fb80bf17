/**
 * `npm run corpus`: converts every document of a corpus folder (default ../shared/corpus/mia,
 * which only the developers and CI have) and prints one line per document — profile, notes,
 * anchors linked, emendations, warnings, valid against tei_all, words lost — then totals;
 * `--json FILE` writes the same as JSON. Without the folder it says so and exits 0.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convert } from '../convert.js';
import { countBySeverity, formatDiagnostic } from '../diagnostics.js';
import { decodeInput } from '../io/decode.js';
import { editionStats } from '../model/stats.js';
import { validateTei } from '../validate/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface CorpusRow {
  file: string;
  profile: string;
  notes: number;
  anchors: number;
  linked: number;
  emendations: number;
  warnings: number;
  errors: number;
  teiAll: 'yes' | 'no' | 'n/a';
  wordsLost: number;
  firstError?: string;
  charset?: string;
}

function corpusFiles(dir: string): string[] {
  const manifest = join(dir, 'MANIFEST.tsv');
  if (existsSync(manifest)) {
    return readFileSync(manifest, 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t')[0] ?? '')
      .filter((f) => f !== '');
  }
  return readdirSync(dir).filter((f) => /\.(md|html?|txt)$/.test(f)).sort();
}

export function convertCorpusFile(dir: string, file: string, teiAll: string | undefined): CorpusRow {
  const decoded = decodeInput(readFileSync(join(dir, file)));
  const row: CorpusRow = { file, profile: '-', notes: 0, anchors: 0, linked: 0, emendations: 0, warnings: 0, errors: 0, teiAll: 'n/a', wordsLost: 0 };
  if (!decoded.ok) return { ...row, errors: 1, firstError: `${file}: ${decoded.message}` };
  const result = convert(decoded.text, { file });
  const c = countBySeverity(result.diagnostics);
  if (decoded.charset) row.charset = decoded.charset;
  Object.assign(row, result.model ? editionStats(result.model) : {}, { profile: result.model?.profile ?? '-', warnings: c.warning, errors: c.error });
  row.wordsLost = result.diagnostics.filter((d) => d.code === 'words-lost').length;
  const firstError = result.diagnostics.find((d) => d.severity === 'error');
  if (firstError) row.firstError = formatDiagnostic(firstError);
  if (result.tei && teiAll) row.teiAll = validateTei(result.tei, { file, schema: teiAll }).some((d) => d.severity === 'error') ? 'no' : 'yes';
  return row;
}

function main(args: string[]): void {
  const jsonAt = args.indexOf('--json');
  const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
  const positional = args.filter((a, i) => !a.startsWith('--') && (jsonAt < 0 || i !== jsonAt + 1));
  const dir = resolve(positional[0] ?? join(root, '../shared/corpus/mia'));
  if (!existsSync(dir)) {
    process.stdout.write(`No corpus at ${dir}: the MIA test corpus lives in ../shared beside the project, which only the developers and CI have. Nothing to do.\n`);
    return;
  }
  const teiAllPath = resolve(dir, '../../schema-oracle/tei_all.rng');
  const teiAll = existsSync(teiAllPath) ? teiAllPath : undefined;
  const rows: CorpusRow[] = [];
  const header = ['file', 'profile', 'notes', 'linked/anchors', 'emend.', 'warn', 'err', 'tei_all', 'lost'];
  process.stdout.write(`${header.join('\t')}\n`);
  for (const file of corpusFiles(dir)) {
    const row = convertCorpusFile(dir, file, teiAll);
    rows.push(row);
    process.stdout.write(`${[row.file, row.profile, row.notes, `${row.linked}/${row.anchors}`, row.emendations, row.warnings, row.errors, row.teiAll, row.wordsLost].join('\t')}\n`);
    if (row.firstError) process.stdout.write(`  ${row.firstError}\n`);
  }
  const sum = (k: 'notes' | 'anchors' | 'linked' | 'emendations' | 'warnings' | 'errors' | 'wordsLost') => rows.reduce((n, r) => n + r[k], 0);
  const totals = {
    documents: rows.length,
    withoutErrors: rows.filter((r) => r.errors === 0).length,
    validTeiAll: rows.filter((r) => r.teiAll === 'yes').length,
    notes: sum('notes'),
    anchors: sum('anchors'),
    linked: sum('linked'),
    emendations: sum('emendations'),
    warnings: sum('warnings'),
    errors: sum('errors'),
    wordsLostReports: sum('wordsLost'),
  };
  process.stdout.write(
    `\nTOTAL ${totals.documents} documents: ${totals.withoutErrors} without errors, ${teiAll ? `${totals.validTeiAll} valid against tei_all` : 'tei_all not checked (absent)'}; ${totals.notes} notes, ${totals.linked}/${totals.anchors} anchors linked, ${totals.emendations} emendations, ${totals.warnings} warnings, ${totals.errors} errors, ${totals.wordsLostReports} words-lost reports\n`,
  );
  if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify({ corpus: dir, totals, documents: rows }, null, 2)}\n`);
}

main(process.argv.slice(2));
