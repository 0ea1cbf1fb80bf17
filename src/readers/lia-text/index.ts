/**
 * `lia-text`: the plain text of a Lenin Internet Archive / MIA page, as copied from a
 * browser (the Lenin seed is one). Syntax only: the text is cut into blocks of lines
 * (`paragraphs.ts`), its inlines are words with bracketed `[n]` anchors
 * (`shared/lia-inline.ts`); every zone (title, information block, headnote, letter parts,
 * notes, furniture) is found by the layout engine (`src/layout/engine.ts`).
 */
import { layout } from '../../layout/engine.js';
import type { InlineSyntax } from '../../layout/blocks.js';
import type { Edition } from '../../model/edition.js';
import type { Reader, ReaderContext } from '../reader.js';
import { anchorPastLimit, parseLiaInlines } from '../shared/lia-inline.js';
import { LimitExceeded, tooManyAnchors } from '../../model/limits.js';
import { detectLiaText } from './detect.js';
import { splitParagraphs } from './paragraphs.js';

export const PROFILE = 'lia-text';

const textInlines: InlineSyntax = { inlines: parseLiaInlines };

export function readLiaText(text: string, ctx: ReaderContext): Edition {
  // The limits, checked on the text before the layout builds a block or a node for each.
  if (ctx.limits) {
    const past = anchorPastLimit(text, ctx.limits.anchors);
    if (past) throw new LimitExceeded('input-too-many-anchors', tooManyAnchors(ctx.limits.anchors), past);
  }
  return layout({ profile: PROFILE, blocks: splitParagraphs(text, ctx.limits?.elements), syntax: textInlines }, ctx.diagnostics);
}

export const liaTextReader: Reader = {
  name: PROFILE,
  markup: 'text',
  description: 'plain page text of the Lenin Internet Archive / MIA (author line, Label: metadata, [n] notes, navigation footer)',
  detect: detectLiaText,
  read: readLiaText,
};
