import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One worker with shared modules: TEI's tei_all.rng takes ~20 s to compile, and this way
    // it is compiled once for the whole suite (tests/helpers/tei.ts caches it), not per file.
    pool: 'threads',
    isolate: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
