/**
 * JUnit XML, as GitLab, Jenkins and most CI servers read it: one test case per file, a
 * failure when the file has errors (its error lines in the failure's text), warnings and
 * notes in system-out.
 */
import { formatDiagnostic } from '../../diagnostics.js';
import type { Report } from '../output.js';

/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;');
}

const text = (s: string): string => xmlEscape(s).replace(/&#10;/g, '\n');

export function junitXml(report: Report): string {
  const suite = `teiwright ${report.command}`;
  const failed = report.files.filter((f) => f.diagnostics.some((d) => d.severity === 'error'));
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="${xmlEscape(suite)}" tests="${report.files.length}" failures="${failed.length}" errors="0">`);
  out.push(`  <testsuite name="${xmlEscape(suite)}" tests="${report.files.length}" failures="${failed.length}" errors="0" skipped="0">`);
  for (const f of report.files) {
    out.push(`    <testcase classname="${xmlEscape(suite)}" name="${xmlEscape(f.input)}" file="${xmlEscape(f.input)}">`);
    const errors = f.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      const first = errors[0]!;
      out.push(`      <failure type="${xmlEscape(first.code)}" message="${xmlEscape(`${errors.length} error${errors.length === 1 ? '' : 's'}: ${first.message}`)}">${text(errors.map(formatDiagnostic).join('\n'))}</failure>`);
    }
    const others = f.diagnostics.filter((d) => d.severity !== 'error');
    if (others.length > 0) out.push(`      <system-out>${text(others.map(formatDiagnostic).join('\n'))}</system-out>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>', '');
  return out.join('\n');
}
