/**
 * parse5, loaded the first time an HTML page is parsed (read or checked for fidelity), not
 * with the pipeline: most transcriptions are plain text, and loading it cost each converting
 * thread ~50 ms of CPU and ~7 MB. parse5 is an ES module without top-level await, which
 * `require` loads synchronously on the Node versions teiwright runs on (≥ 20.19), so the
 * reader and the fidelity check stay synchronous.
 */
import { createRequire } from 'node:module';

type Parse5 = typeof import('parse5');

let loaded: Parse5 | undefined;

export function parse5(): Parse5 {
  loaded ??= createRequire(import.meta.url)('parse5') as Parse5;
  return loaded;
}
