import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One worker with shared modules: TEI's tei_all.rng takes ~20 s to compile, and this way
    // it is compiled once for the whole suite (tests/helpers/tei.ts caches it), not per file.
    pool: 'threads',
    isolate: false,
    maxWorkers: 1,
    // Generous: the first test to validate against tei_all pays its ~20 s compile (more on a busy machine).
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
