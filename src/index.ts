/** teiwright as a library: `convert(text, options)` and `validate(tei)`. */
export { convert, type ConvertOptions, type ConvertResult } from './convert.js';
export { validateTei as validate, type ValidateOptions } from './validate/index.js';
export { CODES, formatDiagnostic, type Diagnostic, type DiagnosticCode, type Severity } from './diagnostics.js';
export type * from './model/edition.js';
export { READERS } from './readers/registry.js';
export { runBatch } from './batch/index.js';
export type { BatchOptions, BatchResult, FileResult, Progress } from './batch/index.js';
export { loadCorrections, type CorrectionSet } from './transforms/corrections/index.js';
export { explainEmendations } from './transforms/emendations/explain.js';
export { checkFidelity } from './validate/fidelity.js';
export { VERSION } from './version.js';
export { loadTei, type LoadOptions, type LoadResult } from './tei-load/index.js';
export { runExport, type ExportOptions, type ExportResult } from './export/run.js';
export { WRITERS, FORMAT_NAMES, type DerivativeWriter } from './export/registry.js';
export { DEFAULT_CONVENTIONS, type Conventions } from './export/conventions.js';
