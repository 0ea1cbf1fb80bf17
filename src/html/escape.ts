/**
 * Escaping for HTML text and attribute values, and the one gate every link passes through.
 * Every string that comes from a transcription or a TEI file goes through one of these:
 * the renderer never concatenates model text into markup unescaped.
 */

const HTML_SPECIAL = /[&<>"']/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or a double-quoted attribute value, safe in either place. */
export const esc = (value: string): string => value.replace(HTML_SPECIAL, (c) => ENTITY[c] ?? c);

/** URL schemes a reader may follow from an edition; anything else (javascript:, data:, vbscript:, file:) is not a link. */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'ftp']);

/**
 * The href for a link of the text, or undefined when it must not become one. Browsers drop
 * tabs and newlines anywhere in a URL and C0 controls and spaces at its ends, so
 * "java\tscript:" or " javascript:" would run script: the scheme is judged after the same
 * clean-up. A relative reference (no scheme) is kept.
 */
export function safeHref(href: string): string | undefined {
  const cleaned = href.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (cleaned === '') return undefined;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(cleaned);
  if (scheme) return SAFE_SCHEMES.has(scheme[1]!.toLowerCase()) ? cleaned : undefined;
  // A colon before any "/", "?" or "#" that is not a valid scheme ("java script:x") is refused too.
  const firstColon = cleaned.indexOf(':');
  const firstDelimiter = cleaned.search(/[/?#]/);
  if (firstColon >= 0 && (firstDelimiter < 0 || firstColon < firstDelimiter)) return undefined;
  return cleaned;
}

/** A token for a class name from model data (a `rend`, a place): letters, digits and dashes only. */
export const classToken = (value: string): string => value.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
