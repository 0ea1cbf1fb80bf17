/** Loads a converter module once per thread (the real one compiles its schemas on first use). */
import type { ConvertJob } from './types.js';

const loaded = new Map<string, Promise<ConvertJob>>();

function checked(url: string) {
  return (mod: unknown): ConvertJob => {
    const fn = (mod as { convertJob?: unknown }).convertJob;
    if (typeof fn !== 'function') throw new TypeError(`the converter module ${url} exports no function convertJob`);
    return fn as ConvertJob;
  };
}

/** The `convertJob` of the module at `url`, or of the real pipeline when `url` is undefined. */
export function loadConverter(url?: string): Promise<ConvertJob> {
  const key = url ?? '';
  let converter = loaded.get(key);
  if (!converter) {
    // A literal specifier for the default, so it resolves both from dist/ and from src/ under vitest.
    converter = (url === undefined ? import('./convert-job.js') : import(url)).then(checked(url ?? 'convert-job'));
    loaded.set(key, converter);
  }
  return converter;
}
