/**
 * The built command is executable: `npx teiwright` runs `dist/cli/main.js` itself (its
 * `#!/usr/bin/env node` line), and after `npm test` rebuilt it npm ran it without a link that
 * set the mode — "Permission denied" (bug found on a fresh clone after `.ci/run`).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/shared.js';

const BIN = join(PROJECT_ROOT, 'dist/cli/main.js');

describe('the built command', () => {
  it('starts with a node shebang and is executable by its owner, group and others', () => {
    expect(readFileSync(BIN, 'utf8').split('\n', 1)[0]).toBe('#!/usr/bin/env node');
    expect(statSync(BIN).mode & 0o111).toBe(0o111);
  });
  it('runs as a program of its own (no `node` in front)', () => {
    const r = spawnSync(BIN, ['--version'], { encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
