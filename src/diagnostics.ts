/**
 * Diagnostics are data: every stage reports into a collector, nothing prints from deep
 * inside. The list of codes is fixed here; each has a default severity and a summary
 * that `teiwright codes` and the README list.
 */
import type { SourcePos } from './model/edition.js';

export type Severity = 'error' | 'warning' | 'info';

export const CODES = {
  // input
  'input-empty': { severity: 'error', summary: 'the input file is empty or holds only white space' },
  'input-binary': { severity: 'error', summary: 'the input file is binary (NUL bytes or control characters)' },
  'input-encoding': { severity: 'error', summary: 'the input cannot be decoded safely: UTF-16 without a byte-order mark, or an XML file that is not UTF-8 and does not declare its charset' },
  'input-charset': { severity: 'info', summary: 'the file is not UTF-8 but declares a single-byte charset that its bytes bear out; it was read as declared' },
  'input-not-utf8': { severity: 'warning', summary: 'the file is not UTF-8 and its bytes contradict its charset declaration (or it has none); it was read as windows-1252, as browsers do' },
  'input-too-large': { severity: 'error', summary: 'the input file is larger than --max-size' },
  'input-too-deep': { severity: 'error', summary: 'the markup nests deeper than --max-depth (default 100 levels)' },
  'input-too-many-anchors': { severity: 'error', summary: 'the text has more note anchors than --max-anchors (default 100,000)' },
  'input-too-many-elements': { severity: 'error', summary: 'the document has more elements than --max-elements (default 100,000), which bounds its memory' },
  'input-not-file': { severity: 'error', summary: 'a FIFO, socket or device was named as input; only regular files are read (use - for stdin)' },
  'input-link-broken': { severity: 'error', summary: 'a symbolic link points nowhere, or into a loop' },
  'char-forbidden': { severity: 'warning', summary: 'a character XML 1.0 forbids (a control, a lone surrogate, U+FFFE/U+FFFF) was replaced by U+FFFD' },
  'language-invalid': { severity: 'warning', summary: 'the declared language is not a language tag (BCP 47); the TEI says "und" (undetermined)' },
  'link-target-invalid': { severity: 'warning', summary: 'a link target was empty, malformed or not a document address (javascript:, data:, …); it was repaired or dropped and its words kept' },
  'input-unreadable': { severity: 'error', summary: 'the input file or folder cannot be read' },
  'input-none': { severity: 'error', summary: 'a folder argument holds no transcriptions' },
  'profile-unknown': { severity: 'error', summary: 'the --profile names no reader' },
  'profile-guessed': { severity: 'warning', summary: 'no reader recognised the text with confidence; the best guess was used' },
  // reading
  'title-missing': { severity: 'error', summary: 'no title was found' },
  'title-from-page-title': { severity: 'info', summary: 'the page prints no title; the header title is the HTML <title>, and the body has no head' },
  'author-from-footer': { severity: 'info', summary: 'the author was taken from the archive name in the navigation footer' },
  'author-missing': { severity: 'warning', summary: 'no author was found' },
  'furniture-dropped': { severity: 'info', summary: 'page furniture (navigation, README link) was dropped' },
  'image-not-encoded': { severity: 'warning', summary: 'an image set inside a line of text (not a block of its own) is not in the TEI; its file and description are named' },
  'image-without-source': { severity: 'warning', summary: 'an image names no file (no src): it is not in the TEI; its description is named' },
  'metadata-unknown-label': { severity: 'info', summary: 'a metadata label is unknown; it is kept as a note in notesStmt' },
  'marker-malformed': { severity: 'warning', summary: 'a note marker or bracket is malformed and was kept as text' },
  'date-unparsed': { severity: 'warning', summary: 'a date could not be normalised; the words are kept without @when' },
  // transforms
  'anchor-orphan': { severity: 'warning', summary: 'a note anchor has no note' },
  'note-orphan': { severity: 'warning', summary: 'a note has no anchor in the text' },
  'note-duplicate': { severity: 'warning', summary: 'two notes have the same number' },
  'note-misnumbered': { severity: 'warning', summary: 'the notes are numbered otherwise than the anchors that point to them (a number printed wrong or skipped); each anchor was linked to the note at its place in the order' },
  'emendation-applied': { severity: 'info', summary: 'an editorial note or siglum was encoded as an emendation' },
  'emendation-mismatch': { severity: 'warning', summary: 'an editorial note describes words that are not at its anchor; the text was left alone' },
  'charref-repaired': { severity: 'info', summary: 'a broken character reference was repaired as choice/sic/corr' },
  'charref-invalid': { severity: 'warning', summary: 'an HTML numeric character reference names no character (beyond U+10FFFF, a surrogate, or &#0;); HTML reads it as U+FFFD' },
  'corrections-invalid': { severity: 'error', summary: 'the corrections file does not match its schema' },
  'correction-unmatched': { severity: 'error', summary: 'a correction matches nothing in the text' },
  'correction-ambiguous': { severity: 'error', summary: 'a correction matches more often than it says' },
  // checks
  'model-invalid': { severity: 'error', summary: 'the edition model does not match schema/edition.schema.json' },
  'xml-malformed': { severity: 'error', summary: 'the XML is not well-formed' },
  'xml-unsafe': { severity: 'error', summary: 'the XML declares a DTD or entities, which are not read' },
  'id-duplicate': { severity: 'error', summary: 'two elements have the same xml:id' },
  'pointer-broken': { severity: 'error', summary: 'a # pointer resolves to no xml:id' },
  'note-unreferenced': { severity: 'warning', summary: 'nothing points to a note' },
  'schema-invalid': { severity: 'error', summary: 'the TEI is not valid against the RELAX NG schema' },
  'schema-outside-subset': { severity: 'error', summary: 'valid TEI, but outside the subset teiwright writes' },
  'schema-fallback': { severity: 'warning', summary: 'TEI that teiwright did not write was checked against the teiwright subset, as tei_all.rng was not found' },
  'xml-limit': { severity: 'error', summary: "the XML goes past a safety limit of the parser (depth 256, 10 MB text node; --huge lifts it for trusted files) or of the RELAX NG validator (elements nested more than 150 deep are checked for well-formedness and integrity only)" },
  'validate-timeout': { severity: 'error', summary: 'checking the file took longer than --timeout (default 60 s per file) and was stopped: not known to be valid or invalid; the other files went on' },
  'pointer-malformed': { severity: 'error', summary: 'a pointer is malformed (an empty "#", a space in a fragment)' },
  'schematron-failed': { severity: 'error', summary: 'a Schematron assertion failed or a report fired (embedded in the schema, or --schematron FILE); warnings when its role says so' },
  'xinclude-failed': { severity: 'error', summary: 'an xi:include could not be expanded (missing file, a loop, a remote URL, an xpointer that selects nothing, or an XInclude error)' },
  'words-lost': { severity: 'error', summary: 'the words of the TEI differ from the words of the source' },
  // loading TEI (export, html)
  'tei-not-edition': { severity: 'error', summary: 'the XML is not a TEI document (its root is not TEI in the TEI namespace)' },
  'tei-unwrapped': { severity: 'info', summary: 'a TEI element has no place in the edition model: its markup was dropped, its text kept' },
  'tei-too-deep': { severity: 'error', summary: 'the TEI nests elements deeper than teiwright can load' },
  'tei-skipped': { severity: 'warning', summary: 'a TEI element has no place in the edition model and was left out (info when it had no text)' },
  // output
  'output-collision': { severity: 'error', summary: 'two inputs would write the same output file' },
  'report-unwritable': { severity: 'error', summary: 'the --report file or the manifest cannot be written' },
  'output-unwritable': { severity: 'error', summary: 'the output file cannot be written' },
  'internal-error': { severity: 'error', summary: 'teiwright failed on this file; please report it' },
  // the collector
  'diagnostics-capped': { severity: 'info', summary: 'one file had more than 1,000 findings of one code: the first 1,000 are listed, the rest are one summary at the first one left out, which names the code and counts them (its severity the highest of theirs, so a file with an error left out still has an error)' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type DiagnosticCode = keyof typeof CODES;

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** For schema findings: the element's XPath (`/TEI/teiHeader/fileDesc/publicationStmt/idno[1]`). */
  xpath?: string;
  /** For `internal-error`: the stack, kept for the JSON report and never printed in the one-line form. */
  detail?: string;
  /**
   * A finding that stands for several diagnostics of one code in one file (see
   * `aggregateDiagnostics` in cli/output.ts): how many, and where the first of them are.
   * Its message, line and column are the first one's.
   */
  count?: number;
  places?: { line: number; column?: number }[];
  /**
   * For `diagnostics-capped`: the code whose findings past the collector's bound
   * (`MAX_PER_CODE`) were left out, and how many of each severity. `countBySeverity` counts
   * these, so a file's error and warning counts are what they would have been.
   */
  omitted?: { code: DiagnosticCode; counts: Record<Severity, number> };
}

/**
 * How many findings of one code one file keeps (`convert`'s collector): a flood (143,000
 * `note-orphan` warnings from a megabyte of notes headings, about 25 MB) is the first 1,000
 * and one `diagnostics-capped` summary. Real pages have at most a few dozen of one code.
 */
export const MAX_PER_CODE = 1000;

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** "12,345": the counts in a summary's message, the same on every machine (no locale). */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/**
 * Collects the diagnostics of one file; stages report into it and never print. With a bound
 * per code (`perCode`), the findings of a code past it are not kept: the first one left out
 * puts a `diagnostics-capped` summary in its place in the list, which then counts the others
 * (message, severity and `omitted` kept up to date, so `items` is always whole).
 */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  /** Findings per code so far, and each capped code's summary (only with a bound). */
  private readonly seen = new Map<DiagnosticCode, number>();
  private readonly summaries = new Map<DiagnosticCode, Diagnostic>();

  constructor(
    readonly file?: string,
    /** How many findings of one code are kept (default: all; `convert` keeps MAX_PER_CODE). */
    readonly perCode: number = Number.POSITIVE_INFINITY,
  ) {}

  report(code: DiagnosticCode, message: string, pos?: SourcePos, severity: Severity = CODES[code].severity): Diagnostic {
    const d: Diagnostic = { code, severity, message };
    if (this.file !== undefined) d.file = this.file;
    if (pos) {
      d.line = pos.line;
      d.column = pos.column;
    }
    this.add(d);
    return d;
  }

  /** Adds a finding made elsewhere (the validator's), held to the same bound as `report`'s. */
  add(d: Diagnostic): void {
    if (this.perCode !== Number.POSITIVE_INFINITY && d.code !== 'diagnostics-capped') {
      const n = (this.seen.get(d.code) ?? 0) + 1;
      this.seen.set(d.code, n);
      if (n > this.perCode) {
        this.omit(d);
        return;
      }
    }
    this.items.push(d);
  }

  private omit(d: Diagnostic): void {
    let summary = this.summaries.get(d.code);
    if (summary === undefined) {
      summary = { code: 'diagnostics-capped', severity: d.severity, message: '' };
      if (d.file !== undefined) summary.file = d.file;
      if (d.line !== undefined) summary.line = d.line;
      if (d.column !== undefined) summary.column = d.column;
      summary.omitted = { code: d.code, counts: { error: 0, warning: 0, info: 0 } };
      this.summaries.set(d.code, summary);
      this.items.push(summary);
    }
    const omitted = summary.omitted!;
    omitted.counts[d.severity]++;
    if (RANK[d.severity] > RANK[summary.severity]) summary.severity = d.severity;
    const n = omitted.counts.error + omitted.counts.warning + omitted.counts.info;
    summary.message = `… and ${thousands(n)} more ${d.code} ${n === 1 ? 'finding' : 'findings'} in this file, not listed (a file lists at most ${thousands(this.perCode)} of one code)${summary.line === undefined ? '' : '; the first of them is here'}`;
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** `file:line:col: severity code: message`, the form editors' tools (and editors) can jump to. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file ?? '<input>', d.line, d.column].filter((x) => x !== undefined).join(':');
  const more = d.count !== undefined && d.count > 1 ? ` [${d.count} ${d.code} in this file${d.places && d.places.length > 1 ? `; at ${d.places.map((p) => [p.line, p.column].filter((x) => x !== undefined).join(':')).join(', ')}${d.count > d.places.length ? ', …' : ''}` : ''}]` : '';
  return `${where}: ${d.severity} ${d.code}: ${d.message}${more}`;
}

export function countBySeverity(ds: readonly Diagnostic[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of ds) {
    // A summary of findings left out counts as what it stands for.
    if (d.omitted) for (const s of ['error', 'warning', 'info'] as const) c[s] += d.omitted.counts[s];
    else c[d.severity]++;
  }
  return c;
}
