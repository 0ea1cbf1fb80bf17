/**
 * Schematron: a project's own .sch file, and the constraints tei_all embeds, with the
 * failed assertion's message and the element's line:column.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateTei } from '../../src/validate/index.js';
import { TEI_ALL, hasTeiAll, skipMessage } from '../helpers/shared.js';

const HEADER = '<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>';
const tei = (body: string): string => `<TEI xmlns="http://www.tei-c.org/ns/1.0">${HEADER}\n<text><body>\n${body}\n</body></text></TEI>`;

const dir = mkdtempSync(join(tmpdir(), 'teiwright-sch-'));
const SCH = join(dir, 'project.sch');
writeFileSync(
  SCH,
  `<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <pattern id="persons">
    <rule context="tei:persName">
      <let name="key" value="normalize-space(@ref)"/>
      <assert test="starts-with($key, '#')">A <name/> needs @ref to a person (got "<value-of select="$key"/>").</assert>
    </rule>
  </pattern>
  <pattern id="dates">
    <rule context="tei:date[@when]">
      <report test="xs:integer(substring(@when, 1, 4)) gt 2000" role="warning">Date <value-of select="@when"/> is after 2000.</report>
    </rule>
    <rule context="tei:date">
      <assert test="false()">Only the first matching rule of a pattern applies: this one must not fire for dated dates.</assert>
    </rule>
  </pattern>
</schema>`,
);

describe('--schematron FILE', () => {
  it('reports each failed assertion with its message at the element, and reports as warnings by role', () => {
    const ds = validateTei(tei('<p xml:id="a"><persName ref="#a">A</persName> <persName ref="b">B</persName>\n<date when="2020">now</date> <date when="1900">then</date></p>'), { schema: 'none', schematron: SCH });
    expect(ds.map((d) => [d.code, d.severity, d.line, d.message.replace(/ \(Schematron.*$/, '')])).toEqual([
      ['schematron-failed', 'error', 3, '<persName>: A persName needs @ref to a person (got "b").'],
      ['schematron-failed', 'warning', 4, '<date>: Date 2020 is after 2000.'],
    ]);
    const column = tei('<p xml:id="a"><persName ref="#a">A</persName> <persName').split('\n')[2]!.length - '<persName'.length + 1;
    expect(ds[0]!.column).toBe(column);
  });

  it('runs nothing with schematron: none', () => {
    expect(validateTei(tei('<p><persName ref="b">B</persName></p>'), { schema: 'none', schematron: 'none' })).toEqual([]);
  });
});

if (!hasTeiAll) console.warn(skipMessage('tei_all.rng (for its embedded Schematron)'));

describe.skipIf(!hasTeiAll)("tei_all's embedded Schematron", () => {
  it('runs with the RELAX NG check: @when with @notBefore is reported (RELAX NG allows it)', () => {
    const ds = validateTei(tei('<p><date when="1900" notBefore="1800">x</date></p>'), { schema: TEI_ALL });
    expect(ds.map((d) => [d.code, d.line])).toEqual([['schematron-failed', 3]]);
    expect(ds[0]!.message).toMatch(/^<date>: The @when attribute cannot be used with any other att\.datable\.w3c attributes\./);
  });

  it('finds nothing on a valid document', () => {
    expect(validateTei(tei('<p><date when="1900">x</date></p>'), { schema: TEI_ALL })).toEqual([]);
  });
});
