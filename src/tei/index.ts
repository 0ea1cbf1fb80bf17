/** The TEI writer: edition model → TEI P5 XML (see ../shared/docs/encoding.md). Placeholder until the writer lands. */
import type { Diagnostics } from '../diagnostics.js';
import type { Edition } from '../model/edition.js';

export interface WriteOptions {
  /** teiwright's version, written into `appInfo/application`. */
  version: string;
  /** Where the writer reports what it could not normalise (e.g. `date-unparsed`). */
  diagnostics?: Diagnostics;
}

export function writeTei(_edition: Edition, _options: WriteOptions): string {
  throw new Error('TEI writer not built yet');
}
