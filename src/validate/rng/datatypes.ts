/**
 * The datatypes of the fast RELAX NG check (rng/index.ts), each as a test that answers
 * "certainly valid" or "not certain". A value passes only when it lies in a plain subset
 * of the type's lexical space that libxml2's XML Schema datatypes (xmlschemastypes.c)
 * certainly accept too: ASCII, no white space to normalise, numbers of bounded length,
 * dates of four-digit years with real days. Anything else is "not certain": the value is
 * treated as not matching, the document is not called valid, and libxml2 says what it is.
 *
 * That is sound because RELAX NG without `except` is monotone in its datatypes: accepting
 * fewer values can only turn a valid document into an invalid one, never the reverse.
 */

export const XSD = 'http://www.w3.org/2001/XMLSchema-datatypes';

/** A compiled datatype test: true only when the value certainly belongs to the type (and its params). */
export type ValueTest = (value: string) => boolean;

export class UnsupportedSchema extends Error {}

const NCNAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;
const NAME = /^[A-Za-z_:][A-Za-z0-9._:-]*$/;
const LANGUAGE = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;
const YEAR = '(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})';
const GYEAR = new RegExp(`^${YEAR}$`);
const GYEAR_MONTH = new RegExp(`^${YEAR}-(?:0[1-9]|1[0-2])$`);
const DATE = new RegExp(`^(${YEAR})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`);
/** Unsigned decimals of at most 15 digits in all (libxml2 keeps decimals to 24 digits). */
const DECIMAL = /^\+?(?:[0-9]{1,15}(?:\.[0-9]{0,15})?|\.[0-9]{1,15})$/;
const NON_NEGATIVE_INTEGER = /^\+?[0-9]{1,15}$/;
/** A token with nothing the type's white-space collapse would change. */
const TOKEN = /^(?:[^\t\n\r ]+(?: [^\t\n\r ]+)*)?$/;
/**
 * URI references libxml2's parser (xmlParseURI, after escaping) certainly accepts: an
 * http(s) or ftp URL with a plain host, a mailto address, or a relative reference (not
 * starting with `//`, no `:` in its first segment); unreserved characters and the
 * delimiters between them, `%` only before two hex digits.
 */
const PCHARS = "(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})";
const TAIL = `(?:\\?(?:${PCHARS}|[/?])*)?(?:#(?:${PCHARS}|[/?])*)?`;
const URL = new RegExp(`^(?:https?|ftp)://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?(?:/${PCHARS}*)*${TAIL}$`);
const MAILTO = new RegExp(`^mailto:${PCHARS}+$`);
const RELATIVE = new RegExp(`^(?:(?!//)(?:[A-Za-z0-9._~!$&'()*+,;=@-]|%[0-9A-Fa-f]{2})*(?:/${PCHARS}*)*)${TAIL}$`);
const URI = { test: (v: string): boolean => URL.test(v) || MAILTO.test(v) || RELATIVE.test(v) };

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDay(year: number, month: number, day: number): boolean {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
  return day <= days;
}

/** The number written by the ASCII digits of `s` from `from` to `to`. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 0x30;
  return n;
}

function xsdType(type: string): ValueTest {
  switch (type) {
    case 'string':
      return () => true;
    case 'token':
      return (v) => TOKEN.test(v);
    case 'ID':
    case 'NCName':
      return (v) => NCNAME.test(v);
    case 'Name':
      return (v) => NAME.test(v);
    case 'language':
      return (v) => LANGUAGE.test(v);
    case 'anyURI':
      return (v) => v.length > 0 && v.length < 2000 && URI.test(v);
    case 'gYear':
      return (v) => GYEAR.test(v);
    case 'gYearMonth':
      return (v) => GYEAR_MONTH.test(v);
    case 'date':
      // DATE is exactly YYYY-MM-DD: the parts are read where they stand (no match array).
      return (v) => DATE.test(v) && validDay(digitsAt(v, 0, 4), digitsAt(v, 5, 7), digitsAt(v, 8, 10));
    case 'decimal':
      return (v) => DECIMAL.test(v);
    case 'nonNegativeInteger':
      return (v) => NON_NEGATIVE_INTEGER.test(v);
    default:
      throw new UnsupportedSchema(`datatype ${type}`);
  }
}

/**
 * Values that certainly match a `pattern` param, keyed by the pattern as the schema writes
 * it; each test accepts a subset of what the pattern matches, in ASCII with no white space.
 */
const CERTAIN_PATTERNS: Record<string, RegExp> = {
  '[^\\p{C}\\p{Z}]+': /^[\x21-\x7e]+$/,
  '\\S+': /^[\x21-\x7e]+$/,
  '[\\d]+[a-z]*[\\d]*(\\.[\\d]+[a-z]*[\\d]*){0,3}': /^[0-9]+[a-z]*[0-9]*(\.[0-9]+[a-z]*[0-9]*){0,3}$/,
};

/** The test of `<data type>` with its params; throws UnsupportedSchema for what it does not know. */
export function dataTest(library: string, type: string, params: readonly { name: string; value: string }[]): ValueTest {
  let base: ValueTest;
  if (library === '') {
    if (type === 'string') base = () => true;
    else if (type === 'token') base = (v) => TOKEN.test(v);
    else throw new UnsupportedSchema(`built-in datatype ${type}`);
    if (params.length > 0) throw new UnsupportedSchema('params on a built-in datatype');
    return base;
  }
  if (library !== XSD) throw new UnsupportedSchema(`datatype library ${library}`);
  base = xsdType(type);
  const extra: ValueTest[] = [];
  for (const p of params) {
    if (p.name === 'pattern') {
      const re = Object.hasOwn(CERTAIN_PATTERNS, p.value) ? CERTAIN_PATTERNS[p.value] : undefined;
      if (!re) throw new UnsupportedSchema(`pattern ${p.value}`);
      extra.push((v) => re.test(v));
    } else if (p.name === 'minInclusive' && p.value === '0' && (type === 'decimal' || type === 'nonNegativeInteger')) {
      // The lexical tests above take no sign but `+`: every value they pass is ≥ 0.
    } else throw new UnsupportedSchema(`param ${p.name}`);
  }
  if (extra.length === 0) return base;
  if (extra.length === 1) {
    const only = extra[0]!;
    return (v) => base(v) && only(v);
  }
  return (v) => {
    if (!base(v)) return false;
    for (const t of extra) if (!t(v)) return false;
    return true;
  };
}

/**
 * The test of `<value>`: the value written exactly as the schema's (no white space or
 * number form that the type's comparison would have to settle).
 */
export function valueTest(library: string, type: string, expected: string): ValueTest {
  if (library === '' ? type !== 'string' && type !== 'token' : library !== XSD || !['string', 'token', 'NCName', 'Name', 'language'].includes(type)) {
    throw new UnsupportedSchema(`value of type ${type}`);
  }
  return (v) => v === expected;
}

/** XSD types whose values are ids: their attributes must be unique in a document (else not certain). */
export const ID_TYPES = new Set(['ID']);
/** Types the fast check does not follow across a document (references to ids). */
export const REFERENCE_TYPES = new Set(['IDREF', 'IDREFS']);
