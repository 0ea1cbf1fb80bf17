/**
 * Reports for people and for CI, from one `Report` (the same facts as the lines):
 * `text` (lines), `json` (the report), `sarif` (SARIF 2.1.0, for GitHub code scanning),
 * `junit` (JUnit XML, for GitLab and Jenkins), `github` (GitHub Actions annotations).
 * Rule ids are the diagnostic codes `teiwright codes` lists; they do not change.
 * Shared by `validate` and `convert`.
 */
import type { Report } from '../output.js';
import { githubAnnotations } from './github.js';
import { junitXml } from './junit.js';
import { sarifLog } from './sarif.js';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** The whole report in `format`; `text` is printed line by line while the command runs, so it has no whole form here. */
export function formatReport(format: Exclude<Format, 'text'>, report: Report): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(sarifLog(report), null, 2)}\n`;
    case 'junit':
      return junitXml(report);
    case 'github':
      return githubAnnotations(report);
  }
}

/** The format a `--report FILE` is written in: from its extension (.sarif, .xml, .json), JSON otherwise. */
export function formatForReportFile(path: string): Exclude<Format, 'text'> {
  if (/\.sarif(\.json)?$/i.test(path)) return 'sarif';
  if (/\.xml$/i.test(path)) return 'junit';
  return 'json';
}
