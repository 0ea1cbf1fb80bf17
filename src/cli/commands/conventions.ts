/**
 * The reading switches of `export` and `convert --also`, apart from the exporters, so that
 * `convert` loads the exporters only when it runs them.
 */
import type { Argv } from 'yargs';
import { DEFAULT_CONVENTIONS, HEADER_MODES, HYPHENATION_MODES, NOTE_MODES, PB_MODES, TEXT_MODES, type Conventions } from '../../export/conventions.js';
import type { ExportFileResult } from '../../export/run.js';
import type { FileLine } from '../output.js';

export interface ConventionArgs {
  text: Conventions['text'];
  notes: Conventions['notes'];
  header: Conventions['header'];
  pb: Conventions['pb'];
  hyphenation: Conventions['hyphenation'];
  'gap-marker': string;
  'corpus-title': string;
  inline: boolean;
}

/** The reading switches, shared by `export` and `convert --also`. */
export function conventionOptions<T>(y: Argv<T>): Argv<T & ConventionArgs> {
  return y
    .option('text', { choices: TEXT_MODES, default: DEFAULT_CONVENTIONS.text, describe: 'reading: corr, add, supplied in, sic, del out; diplomatic: the other way round' })
    .option('notes', { choices: NOTE_MODES, default: DEFAULT_CONVENTIONS.notes, describe: 'Notes in plain text: omit, inline (bracketed at the anchor), end (after the text), separate (<id>.notes.txt)' })
    .option('header', { choices: HEADER_MODES, default: DEFAULT_CONVENTIONS.header, describe: 'none, or citation: a line "author. title. date. source." above the plain text' })
    .option('pb', { choices: PB_MODES, default: DEFAULT_CONVENTIONS.pb, describe: 'Page breaks: keep (as [p. N]) or drop' })
    .option('hyphenation', { choices: HYPHENATION_MODES, default: DEFAULT_CONVENTIONS.hyphenation, describe: 'join: rejoin words hyphenated across a line break, drop soft hyphens; keep: as encoded' })
    .option('gap-marker', { type: 'string', default: DEFAULT_CONVENTIONS.gap, describe: 'What stands for an omission or illegible word (gap) in the reading text' })
    .option('corpus-title', { type: 'string', default: 'teiwright corpus', describe: 'teicorpus: the title of the corpus header' })
    .option('inline', { type: 'boolean', default: false, describe: 'teicorpus: put the editions inline instead of XIncluding their files' }) as Argv<T & ConventionArgs>;
}

export const conventionsOf = (a: ConventionArgs): Conventions => ({ text: a.text, notes: a.notes, header: a.header, pb: a.pb, hyphenation: a.hyphenation, gap: a['gap-marker'] });

export const exportLine = (r: ExportFileResult): FileLine => ({
  input: r.input,
  status: r.status,
  ...(r.outputs.length > 0 && { output: r.outputs.join(', ') }),
  diagnostics: r.diagnostics,
  ...(r.counts && { stats: { ...r.counts } }),
});
