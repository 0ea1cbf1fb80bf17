/**
 * The pipeline for one transcription: detect the profile, read, transform, check the
 * model, write TEI, validate it. Pure: text in, result out; files are the CLI's business.
 */
import { Diagnostics, MAX_PER_CODE, type Diagnostic } from './diagnostics.js';
import { checkModel, withinLimits } from './model/check.js';
import { DEFAULT_LIMITS, LimitExceeded, type Limits } from './model/limits.js';
import { reportForbiddenInInput, sanitizeModel } from './model/sanitize.js';
import { compactLargeModel } from './model/compact.js';
import { SourceText } from './model/source-text.js';
import type { Edition } from './model/edition.js';
import { CONFIDENT, detectReader, READERS, readerNamed } from './readers/registry.js';
import type { Reader } from './readers/reader.js';
import { writeTei } from './tei/index.js';
import type { CorrectionSet } from './transforms/corrections/load.js';
import { applyTransforms } from './transforms/index.js';
import { placeNoteSections } from './layout/notes.js';
import { checkFidelity } from './validate/fidelity.js';
import { validateTei } from './validate/index.js';
import { VERSION } from './version.js';

export interface ConvertOptions {
  /** The path shown in diagnostics. */
  file?: string;
  /** Force an input profile instead of detecting it from the content. */
  profile?: string;
  /** Validate the TEI against the project schema (default true). */
  validate?: boolean;
  /** Check that the TEI has every word of the source and no other (default true). */
  verify?: boolean;
  /**
   * Give no TEI when it fails the fidelity check (default false: the TEI is returned with
   * `ok: false` and the lost or extra words as errors, so the document is never lost).
   */
  strict?: boolean;
  /** The editor's corrections (see `loadCorrections`); those keyed to `file` are applied. */
  corrections?: CorrectionSet;
  /**
   * Called as each stage of the pipeline starts (`detect`, `read`, `transform`, `check`,
   * `write`, `validate`, `fidelity`) and with `done` at the end: the bench times the stages
   * of the real pipeline through it.
   */
  onStage?: (stage: Stage) => void;
  /** Limits on nesting depth and note anchors (defaults: `DEFAULT_LIMITS`). */
  limits?: Partial<Limits>;
  /**
   * How many diagnostics of one code the result keeps (default `MAX_PER_CODE`, 1,000); the
   * rest are counted in one `diagnostics-capped` summary each. `Infinity` keeps every one.
   */
  diagnosticsPerCode?: number;
}

export type Stage = 'detect' | 'read' | 'transform' | 'check' | 'write' | 'validate' | 'fidelity' | 'done';

export interface ConvertResult {
  /**
   * The TEI document, or undefined when the text could not be converted (or, with `strict`,
   * failed the fidelity check). A TEI with `ok: false` is well-formed but has errors.
   */
  tei: string | undefined;
  model: Edition | undefined;
  diagnostics: Diagnostic[];
  /** True when no diagnostic is an error. */
  ok: boolean;
}

function chooseReader(text: string, profile: string | undefined, diagnostics: Diagnostics): Reader | undefined {
  if (profile !== undefined) {
    const reader = readerNamed(profile);
    if (!reader) diagnostics.report('profile-unknown', `no profile "${profile}"; known: ${READERS.map((r) => r.name).join(', ')}`);
    return reader;
  }
  const best = detectReader(text);
  if (best && best.score < CONFIDENT) {
    diagnostics.report('profile-guessed', `no profile is sure of this text; read it as ${best.reader.name} (confidence ${best.score.toFixed(2)}); use --profile to choose`);
  }
  return best?.reader;
}

function inGeneratedTei(d: Diagnostic): Diagnostic {
  if (d.line === undefined) return d;
  const { line, column, ...rest } = d;
  return { ...rest, message: `in the generated TEI (line ${line}${column === undefined ? '' : `, column ${column}`}): ${d.message}` };
}

const done = (tei: string | undefined, model: Edition | undefined, diagnostics: Diagnostics): ConvertResult => ({
  tei,
  model,
  diagnostics: diagnostics.items,
  ok: !diagnostics.hasErrors,
});

/**
 * Converts the text of one transcription (LF line ends, no BOM) into TEI. Never throws: a
 * failure inside teiwright is an `internal-error` diagnostic (its stack in `detail`), and a
 * text nested too deep for the call stack an `input-too-deep` error.
 */
export function convert(text: string, options: ConvertOptions = {}): ConvertResult {
  const stage = options.onStage ?? noStage;
  stage('detect');
  const result = convertStages(text, options, stage);
  stage('done');
  return result;
}

const noStage = (): void => undefined;

function convertStages(text: string, options: ConvertOptions, stage: (s: Stage) => void): ConvertResult {
  const diagnostics = new Diagnostics(options.file, options.diagnosticsPerCode ?? MAX_PER_CODE);
  try {
    return convertText(text, options, diagnostics, stage);
  } catch (e) {
    if (e instanceof LimitExceeded) {
      diagnostics.report(e.code, e.message, e.pos);
    } else if (e instanceof RangeError && /call stack/i.test(e.message)) {
      diagnostics.report('input-too-deep', 'the text nests too deeply to be read (the converter ran out of stack); the file was not converted');
    } else {
      const d = diagnostics.report('internal-error', `teiwright failed on this text: ${e instanceof Error ? e.message : String(e)} (please report it)`);
      if (e instanceof Error && e.stack) d.detail = e.stack;
    }
    return done(undefined, undefined, diagnostics);
  }
}

function convertText(text: string, options: ConvertOptions, diagnostics: Diagnostics, stage: (s: Stage) => void): ConvertResult {
  const reader = chooseReader(text, options.profile, diagnostics);
  if (!reader) return done(undefined, undefined, diagnostics);
  stage('read');
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const model = reader.read(text, { file: options.file ?? '<input>', diagnostics, limits });
  // Beyond the limits (too deep, too many anchors) the text is refused before any transform
  // runs: linking a million anchors would cost ids, targets and time for a refused file.
  if (!withinLimits(model, diagnostics, limits)) return done(undefined, model, diagnostics);
  // The layout engine's rule for every reader: a notes section printed inside the text stays there.
  placeNoteSections(model);
  stage('transform');
  // The input, to place what a transform or the sanitizer finds inside a text node the reader changed (HTML white space, references).
  const source = new SourceText(text);
  applyTransforms(model, {
    diagnostics,
    source,
    ...(options.file !== undefined && { file: options.file }),
    ...(options.corrections && { corrections: options.corrections }),
    limits,
  });
  // The sanitizer's walk also counts the model it leaves against the limits: checkModel walks it no more.
  const measured = sanitizeModel(model, diagnostics, limits.elements, source, limits);
  reportForbiddenInInput(text, diagnostics);
  // The model lives through the writer, the validation and the fidelity check: a large one's arrays give back their spare room first.
  compactLargeModel(model, text.length);
  stage('check');
  if (!checkModel(model, diagnostics, limits, measured)) return done(undefined, model, diagnostics);
  stage('write');
  const tei = writeTei(model, { version: VERSION, diagnostics });
  stage('validate');
  const findings = validateTei(tei, { ...(options.file !== undefined && { file: options.file }), schema: options.validate === false ? 'none' : 'project' });
  // The findings' line:col are the generated TEI's, which nobody has: said in words, so they
  // are never read as a position in the input named beside them.
  for (const f of findings) diagnostics.add(inGeneratedTei(f));
  if (options.verify !== false && !findings.some((d) => d.code === 'xml-malformed')) {
    // Metadata labels and note labels are markup (the TEI element or @n says what they
    // said); dropped furniture was reported.
    const labels = [
      ...model.metadata.fields.map((f) => ({ text: f.label, pos: f.pos })),
      ...model.notes.flatMap((s) => s.notes.map((n) => ({ text: n.label, pos: n.pos }))),
      ...(model.metadata.author?.label ? [model.metadata.author.label] : []),
    ];
    stage('fidelity');
    checkFidelity(text, reader.markup, [...model.dropped, ...labels], tei, diagnostics);
    if (options.strict && diagnostics.items.some((d) => d.code === 'words-lost')) return done(undefined, model, diagnostics);
  }
  return done(tei, model, diagnostics);
}
