/** The `mia-html` input profile: original MIA HTML pages of the three markup eras. */
import type { Reader } from '../reader.js';
import { readMiaHtml } from './read.js';
import { testFrom } from '../scan.js';

const DOCTYPE = testFrom('<', /<!doctype\s+html/i);
const HTML = testFrom('<', /<html[\s>]/i);
const BODY_OR_HEAD = testFrom('<', /<(?:body|head)[\s>]/i);
const PARAGRAPH_OR_HEADING = testFrom('<', /<(?:p|h[1-6])[\s>]/i);
const INFO = testFrom('<', /<(?:span|p)\s+class="info(?:rmation)?"/i);

/**
 * How sure we are that the text is an HTML page. A document element or doctype is
 * decisive; a few tags alone (markdown with inline HTML) stay below 0.3.
 */
export function detectMiaHtml(text: string): number {
  const head = text.slice(0, 4096);
  let score = 0;
  if (DOCTYPE(head) || HTML(head)) score += 0.6;
  if (BODY_OR_HEAD(text.slice(0, 16384))) score += 0.15;
  if (PARAGRAPH_OR_HEADING(text)) score += 0.15;
  if (INFO(text)) score += 0.1;
  return Math.min(score, 1);
}

export const miaHtmlReader: Reader = {
  name: 'mia-html',
  description: 'original MIA HTML pages (LIA tx2html 2004–05, Marx/Engels Archive 1999–2002, 2007+ style)',
  markup: 'html',
  detect: detectMiaHtml,
  read: readMiaHtml,
};
