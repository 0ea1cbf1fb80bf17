/**
 * Metadata lines of MIA information blocks in every markdown spelling:
 * `Source : Works` (MIA markdown), `[Source:]{.info} Works` (pandoc), `**Source:** Works`,
 * `**Source: Works**`, `Source: Works`. Labels get their role from `labelRule`.
 */
import type { MetaField } from '../../model/edition.js';
import { labelRule } from '../../model/labels.js';
import type { Inline } from '../../model/edition.js';
import { parseInlines, type InlineEnv } from './inline.js';
import { trimInlines } from '../../layout/marked.js';

export interface LabelMatch {
  label: string;
  /** Offset where the value starts. */
  valueStart: number;
  /** Offsets of `**` runs that belonged to the label's bold (`**Source: Works**`). */
  skip: number[];
}

const PANDOC_INFO = /^\[\s*([^\]\n]{1,60}?)\s*:?\s*\]\{[^}]*\.info[^}]*\}\s*:?\s*/;
const BOLD_LABEL_CLOSED = /^\*\*([^*\n]{1,50}?)\s*:\s*\*\*\s*|^\*\*([^*\n]{1,50}?)\*\*\s*:\s*/;
const BOLD_LABEL_OPEN = /^\*\*([^*:\n]{1,50}?)\s*:\s+(?=\S)/;
const PLAIN_LABEL = /^([A-Z][A-Za-z\\/&.\- ]{0,50}?)(\s*):\s*/;

/** The label at `start` in `text`, if the line starts with one. `strict`: only known labels or `Label :`. */
export function matchLabel(text: string, start: number, strict: boolean): LabelMatch | undefined {
  const head = text.slice(start, start + 120);
  let m = PANDOC_INFO.exec(head);
  if (m) return { label: m[1]!.trim().replace(/\\(.)/g, '$1'), valueStart: start + m[0].length, skip: [] };
  m = BOLD_LABEL_CLOSED.exec(head);
  if (m) return { label: (m[1] ?? m[2]!).trim(), valueStart: start + m[0].length, skip: [] };
  m = BOLD_LABEL_OPEN.exec(head);
  if (m && labelRule(m[1]!)) {
    // `**Source: le Socialisme**, …`: the bold that opened with the label closes inside the value.
    const close = text.indexOf('**', start + m[0].length);
    const lineEnd = text.indexOf('\n\n', start);
    const skip = close >= 0 && (lineEnd < 0 || close < lineEnd) ? [close] : [];
    return { label: m[1]!.trim(), valueStart: start + m[0].length, skip };
  }
  m = PLAIN_LABEL.exec(head);
  if (m) {
    const label = m[1]!.trim();
    const words = label.split(/\s+/).length;
    // `Label : value` (space before the colon) is MIA markdown's own metadata syntax.
    if (labelRule(label) || (!strict && words <= 4) || (m[2]!.length > 0 && words <= 4)) return { label, valueStart: start + m[0].length, skip: [] };
  }
  return undefined;
}

/** Trims white space and line breaks at both ends of a value (the engine's, one definition). */
export { trimInlines };

/** One metadata field from the label match and the value range; unknown labels get role `other`. */
export function metaField(env: InlineEnv, lineStart: number, match: LabelMatch, valueEnd: number): MetaField {
  const rule = labelRule(match.label);
  const pos = env.src.pos(lineStart);
  if (!rule) env.diagnostics.report('metadata-unknown-label', `metadata label "${match.label}" is unknown; kept with role other`, pos);
  const skipEnv: InlineEnv = match.skip.length ? { ...env, skip: new Set(match.skip) } : env;
  return { label: match.label.replace(/\s*:$/, ''), role: rule?.role ?? 'other', value: trimInlines(parseInlines(skipEnv, match.valueStart, valueEnd)), pos };
}
