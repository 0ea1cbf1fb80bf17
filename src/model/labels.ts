/**
 * Metadata labels of MIA transcriptions and the role each one plays in the TEI header.
 * One table for every reader, so that a spelling learnt from one house style works in all.
 * Labels are matched after `normalizeLabel` (case, slashes, "by", trailing colon folded).
 */
import type { MetaRole } from './edition.js';

export interface LabelRule {
  role: MetaRole;
  /** The `resp` phrase for people named under this label (one `respStmt` each). */
  resp?: string;
}

const RULES: ReadonlyArray<readonly [string[], LabelRule]> = [
  // The date a text was made: written, spoken, recorded (an interview), sent or dated (a letter).
  [['written', 'spoken', 'delivered', 'date written', 'speech delivered', 'recorded', 'interview recorded', 'sent', 'dated', 'date'], { role: 'written' }],
  [['published', 'first published', 'first published in full', 'first printed', 'original publication'], { role: 'firstPublished' }],
  [['source', 'source of the text', 'from', 'full text', 'original source', 'printed from'], { role: 'source' }],
  [['publisher'], { role: 'publisher' }],
  [['translated', 'translation', 'translator'], { role: 'translated', resp: 'translation' }],
  [['transcribed', 'transcription', 'original transcription'], { role: 'transcribed', resp: 'transcription' }],
  [['html markup', 'markup', 're-marked up', 'markup/abstracted', 'html', 'html mark-up', 'mark-up', 'marked up', 'corrected & marked up'], { role: 'markup', resp: 'markup' }],
  [['transcription/markup', 'transcription/html markup', 'transcription/html', 'transcription & markup', 'transcription & html mark-up', 'transcription & html markup', 'transcription & mark-up', 'transcription/mark-up',
    'transcribed & marked up', 'transcribed and marked up', 'transcribed/html markup', 'transcribed and html markup', 'transcribed & html markup', 'transcription/html markup/minor editing'], { role: 'transcriptionMarkup', resp: 'transcription/markup' }],
  [['proofed', 'proofread', 'proofreading', 'proofed and corrected', 'proofed & corrected', 'proofread and corrected', 'proofread & corrected'], { role: 'proofed', resp: 'proofreading' }],
  [['online version', 'online edition'], { role: 'onlineVersion', resp: 'online version' }],
  [['public domain', 'copyleft', 'copyright', 'permissions', 'licence', 'license'], { role: 'licence' }],
  [['signed'], { role: 'signed' }],
  [['edited', 'editor', 'editorial note'], { role: 'editor', resp: 'editing' }],
  // Spellings of the credits above seen on more pages ("Proofreader: Chris Clayton", "Editing: Tim Davenport", "HTML-markup:").
  [['marked-up', 'html-markup'], { role: 'markup', resp: 'markup' }],
  [['proofreader', 'proofreaders'], { role: 'proofed', resp: 'proofreading' }],
  [['editing', 'copyediting', 'copy editing', 'copy-editing'], { role: 'editor', resp: 'editing' }],
];

const BY_LABEL = new Map<string, LabelRule>(RULES.flatMap(([labels, rule]) => labels.map((l) => [l, rule] as const)));

/**
 * Labels folded so far: the layout asks for the same few labels many times a document (and
 * the same ones in every document of a batch). Short labels only, a bounded number.
 */
const NORMALIZED = new Map<string, string>();
const NORMALIZED_MAX = 2000;
const NORMALIZED_LENGTH = 80;

/** Folds the spellings of one label together: "Transcription\\Markup:" → "transcription/markup". */
export function normalizeLabel(label: string): string {
  if (label.length > NORMALIZED_LENGTH) return foldLabel(label);
  let normal = NORMALIZED.get(label);
  if (normal === undefined) {
    if (NORMALIZED.size >= NORMALIZED_MAX) NORMALIZED.clear();
    normal = foldLabel(label);
    NORMALIZED.set(label, normal);
  }
  return normal;
}

function foldLabel(label: string): string {
  return label
    .replace(/\\\\?/g, '/')
    .replace(/[:*_\u00a0]/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+by\s*$/i, '')
    // "Translated from German by": the language the text was translated from is not part of the label.
    .replace(/^(translated|translation)\s+from\s+\p{L}+$/iu, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** "Written by:", "Sent by:": a label of a date followed by "by" names a person (a byline), not a date. */
const BYLINE: LabelRule = { role: 'other' };

/** The rule for a label, or undefined when the label is unknown (kept as `other`). */
export function labelRule(label: string): LabelRule | undefined {
  const normal = normalizeLabel(label);
  const rule = BY_LABEL.get(normal) ?? compoundRule(normal);
  if (rule?.role === 'written' && /\sby\s*:?\s*$/i.test(label)) return BYLINE;
  return rule;
}

/**
 * "Transcription/Editing/HTML Markup": a label of several roles, each a known credit. The
 * people it names did all of them: the transcription and markup when both are among them,
 * else the first role; the `resp` phrase names every role.
 */
function compoundRule(normal: string): LabelRule | undefined {
  const parts = normal.split('/');
  if (parts.length < 2) return undefined;
  const rules = parts.map((p) => BY_LABEL.get(p));
  if (!rules.every((r) => r?.resp !== undefined)) return undefined;
  const roles = new Set(rules.map((r) => r!.role));
  const both = (roles.has('transcribed') || roles.has('transcriptionMarkup')) && (roles.has('markup') || roles.has('transcriptionMarkup'));
  return { role: both ? 'transcriptionMarkup' : rules[0]!.role, resp: parts.join('/') };
}

/** True when a line's first words look like a known metadata label. */
export function isKnownLabel(label: string): boolean {
  return labelRule(label) !== undefined;
}
