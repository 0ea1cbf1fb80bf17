/**
 * SARIF 2.1.0 (OASIS), the format GitHub code scanning reads: one run, the diagnostic
 * codes as rules, one result per diagnostic with its file, line and column.
 */
import { relative, sep } from 'node:path';
import { CODES, type Severity } from '../../diagnostics.js';
import type { Report } from '../output.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A file name as a URI reference relative to the working directory (SARIF wants URIs; forward slashes). */
export function artifactUri(file: string): string {
  const rel = relative(process.cwd(), file) || file;
  return rel.split(sep).map(encodeURIComponent).join('/');
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: unknown[];
}

export function sarifLog(report: Report): SarifLog {
  const codes = Object.keys(CODES) as (keyof typeof CODES)[];
  const rules = codes.map((id) => ({
    id,
    name: id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: CODES[id].summary },
    defaultConfiguration: { level: LEVEL[CODES[id].severity] },
  }));
  const results = report.files.flatMap((f) =>
    f.diagnostics.map((d) => {
      const region: Record<string, number> = {};
      if (d.line !== undefined) region.startLine = d.line;
      if (d.column !== undefined) region.startColumn = d.column;
      const location = {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(d.file ?? f.input) },
          ...(d.line !== undefined && { region }),
        },
      };
      return { ruleId: d.code, ruleIndex: codes.indexOf(d.code), level: LEVEL[d.severity], message: { text: d.message }, locations: [location] };
    }),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'teiwright', version: report.version, informationUri: 'https://www.npmjs.com/package/teiwright', rules } },
        invocations: [{ executionSuccessful: report.exitCode !== 2, exitCode: report.exitCode }],
        results,
      },
    ],
  };
}
