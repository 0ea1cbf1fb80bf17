/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`): the
 * runner shows them as annotations on the pull request's changed lines.
 */
import type { Severity } from '../../diagnostics.js';
import type { Report } from '../output.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escaping of the message part (the runner's own rules). */
const data = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Escaping of a property value: also ":" and ",", which separate properties. */
const property = (s: string): string => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubAnnotations(report: Report): string {
  let out = '';
  for (const f of report.files) {
    for (const d of f.diagnostics) {
      const props = [`file=${property(d.file ?? f.input)}`];
      if (d.line !== undefined) props.push(`line=${d.line}`);
      if (d.column !== undefined) props.push(`col=${d.column}`);
      props.push(`title=${property(`teiwright ${d.code}`)}`);
      out += `::${COMMAND[d.severity]} ${props.join(',')}::${data(d.message)}\n`;
    }
  }
  const t = report.totals;
  out += `${Object.entries(t).map(([k, v]) => `${v} ${k}`).join(', ')}\n`;
  return out;
}
