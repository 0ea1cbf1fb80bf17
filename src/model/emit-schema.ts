/** Writes schema/edition.schema.json from the TypeBox definition (run by `npm run schema`). */
import { writeFileSync } from 'node:fs';
import { Block, Edition, Inline } from './edition.js';

/** The schema file: the edition with its two recursive parts embedded under `definitions`. */
export const editionSchemaJson = (): string =>
  `${JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...Edition, definitions: { inline: Inline, block: Block } }, null, 2)}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../../schema/edition.schema.json', import.meta.url), editionSchemaJson());
}
