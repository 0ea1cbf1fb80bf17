/**
 * Whole-text tests for the detectors, fast: V8 tries a case-insensitive pattern at every
 * position of the text (no quick search for its first character), about ten times slower
 * than looking for that character with `indexOf` and trying the pattern only there.
 */

/** After this many places tried one by one, the rest of the text is left to the pattern (a flood of `<`). */
const MAX_TRIES = 64;

/**
 * A test of `pattern` (no `g` or `y` flag; every match starts with the character `first`)
 * on a whole text, with the same answer as `pattern.test(text)`: the pattern is tried at
 * each `first` of the text, then, past `MAX_TRIES` of them, on the rest as usual.
 */
export function testFrom(first: string, pattern: RegExp): (text: string) => boolean {
  const sticky = new RegExp(pattern.source, `${pattern.flags}y`);
  const rest = new RegExp(pattern.source, `${pattern.flags}g`);
  return (text) => {
    let tries = 0;
    for (let i = text.indexOf(first); i >= 0; i = text.indexOf(first, i + 1)) {
      if (++tries > MAX_TRIES) {
        rest.lastIndex = i;
        return rest.test(text);
      }
      sticky.lastIndex = i;
      if (sticky.test(text)) return true;
    }
    return false;
  };
}
