/** teiwright as a library: `convert(text, options)` and `validate(tei)`. */
export { convert, type ConvertOptions, type ConvertResult } from './convert.js';
export { validateTei as validate, type ValidateOptions } from './validate/index.js';
export { CODES, formatDiagnostic, type Diagnostic, type DiagnosticCode, type Severity } from './diagnostics.js';
export type * from './model/edition.js';
export { READERS } from './readers/registry.js';
export { VERSION } from './version.js';
