/** `teiwright codes`: the fixed list of diagnostic codes, for editors writing filters over reports. */
import type { CommandModule } from 'yargs';
import { CODES } from '../../diagnostics.js';
import { READERS } from '../../readers/registry.js';

export const codesCommand: CommandModule = {
  command: 'codes',
  describe: 'List every diagnostic code with its default severity, and the input profiles',
  handler: () => {
    const width = Math.max(...Object.keys(CODES).map((c) => c.length));
    for (const [code, { severity, summary }] of Object.entries(CODES)) process.stdout.write(`${code.padEnd(width)}  ${severity.padEnd(7)}  ${summary}\n`);
    process.stdout.write('\nInput profiles (detected from the content; force one with --profile):\n');
    for (const r of READERS) process.stdout.write(`  ${r.name}: ${r.description}\n`);
  },
};
