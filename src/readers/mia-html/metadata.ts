/**
 * The information block of an MIA page (`p.information` with `span.info` labels, or the
 * 2007+ `p.info` with "Label: value" lines) → metadata fields, one per `<br>`-separated line.
 */
import type { Inline, MetaField, SourcePos } from '../../model/edition.js';
import { labelRule } from '../../model/labels.js';
import { infoSentence } from '../../layout/rules.js';
import { hasClass, isElement, isText, posOf, squashedText, textStartPos, type Element, type Node } from './dom.js';
import { inlinesOf, tidy, type InlineContext } from './inlines.js';

/** Splits an element's children into printed lines at its `<br>`s. */
function lineGroups(el: Element): Node[][] {
  const groups: Node[][] = [[]];
  for (const c of el.childNodes) {
    if (isElement(c) && c.tagName === 'br') groups.push([]);
    else groups.at(-1)!.push(c);
  }
  return groups.filter((g) => g.some((n) => !(isText(n) && n.value.trim() === '')));
}

/** "Transcription & HTML Mark-up: …" → the label before the colon, when it is short enough to be one. */
const TEXT_LABEL = /^([A-Z][A-Za-z &/\\'-]{1,48}?)\s*:\s*/;

function stripPrefix(value: Inline[], length: number): void {
  const first = value[0];
  if (first?.kind !== 'text') return;
  const rest = first.text.slice(length);
  if (rest === '') value.shift();
  else value[0] = { ...first, text: rest };
}

/** Drops the "•" left before the README link (the link itself is dropped as furniture). */
function dropTrailingBullet(value: Inline[]): void {
  const last = value.at(-1);
  if (last?.kind !== 'text') return;
  const t = last.text.replace(/\s*•\s*$/, '');
  if (t === '') value.pop();
  else value[value.length - 1] = { ...last, text: t };
}

function field(label: string, value: Inline[], pos: SourcePos): MetaField {
  dropTrailingBullet(value);
  return { label, role: labelRule(label)?.role ?? 'other', value, pos };
}

function firstPos(nodes: Node[], fallback: SourcePos): SourcePos {
  for (const n of nodes) {
    if (isText(n)) {
      if (n.value.trim() !== '') return textStartPos(n, fallback);
    } else return posOf(n, fallback);
  }
  return fallback;
}

export function readFieldLines(el: Element, pos: SourcePos, ictx: InlineContext): MetaField[] {
  const fields: MetaField[] = [];
  for (const group of lineGroups(el)) {
    const linePos = firstPos(group, pos);
    const first = group.find((n) => !(isText(n) && n.value.trim() === ''));
    // `<span class="info">Source:</span>`, `<span class="info">Source</span>:`, `<strong>Source:</strong>`.
    // `<strong>Transcribed</strong>: by …`: the colon right after the bold label.
    const afterFirst = first ? group[group.indexOf(first) + 1] : undefined;
    const colonAfter = afterFirst !== undefined && isText(afterFirst) && /^\s*:/.test(afterFirst.value);
    if (first && isElement(first) && (hasClass(first, 'info') || (['strong', 'b'].includes(first.tagName) && (/:\s*$/.test(squashedText(first)) || (colonAfter && /^[\p{L} /&-]{2,40}$/u.test(squashedText(first).trim())))))) {
      const label = squashedText(first).replace(/\s*:\s*$/, '');
      const value = tidy(inlinesOf(group.slice(group.indexOf(first) + 1), ictx, linePos));
      const lead = value[0];
      if (lead?.kind === 'text' && /^\s*:/.test(lead.text)) stripPrefix(value, /^\s*:\s*/.exec(lead.text)![0].length);
      fields.push(field(label, value, posOf(first, linePos)));
      continue;
    }
    const value = tidy(inlinesOf(group, ictx, linePos));
    const head = value[0]?.kind === 'text' ? value[0].text : '';
    const colon = TEXT_LABEL.exec(head);
    if (colon) {
      stripPrefix(value, colon[0].length);
      fields.push(field(colon[1]!, value, linePos));
      continue;
    }
    // "Translated by R. Dixon.", "Corrected & marked up by …": a label ending in "by".
    const by = /^([A-Z][A-Za-z &-]{2,40}? by)\s+/.exec(head);
    if (by) {
      stripPrefix(value, by[0].length);
      fields.push(field(by[1]!, value, linePos));
      continue;
    }
    // "From Forward, 3 May 1913.": a known label word without a colon.
    const word = /^([A-Z][a-z]+)\s+/.exec(head);
    // "Translation in Labour Monthly, …" is a sentence (where the translation was printed), not a label.
    if (word && labelRule(word[1]!) && !/^(?:in|on|of|at|for|to|as)\b/i.test(head.slice(word[0].length))) {
      stripPrefix(value, word[0].length);
      fields.push(field(word[1]!, value, linePos));
      continue;
    }
    // "Speech delivered on the morning of September 5th, 1970 …": a prose row of the layout table.
    const prose = infoSentence(head);
    if (prose) {
      stripPrefix(value, prose.valueStart);
      fields.push({ ...field(prose.label, value, linePos), role: prose.rule.role });
      continue;
    }
    fields.push(field('', value, linePos));
  }
  return fields;
}
