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

/** Characters after which a multiline (`m`) pattern's `^` matches: JavaScript's line terminators. */
const isLineTerminator = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/**
 * A test of a multiline `pattern` (flag `m`, no `g` or `y`) that opens with `^` and then the
 * character `first`, with the same answer as `pattern.test(text)`: every match starts at the
 * start of a line with `first`, so the pattern is tried only at the `first`s that open a line
 * (V8 tries a `^…`/m pattern at every position of the text). Past `MAX_TRIES` places looked
 * at, the rest of the text is left to the pattern.
 */
export function testFromLineStart(first: string, pattern: RegExp): (text: string) => boolean {
  if (!pattern.multiline || !pattern.source.startsWith('^')) throw new Error('testFromLineStart: a multiline pattern opening with ^');
  const sticky = new RegExp(pattern.source, `${pattern.flags}y`);
  const rest = new RegExp(pattern.source, `${pattern.flags}g`);
  return (text) => {
    let tries = 0;
    for (let i = text.indexOf(first); i >= 0; i = text.indexOf(first, i + 1)) {
      if (i > 0 && !isLineTerminator(text.charCodeAt(i - 1))) continue;
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
