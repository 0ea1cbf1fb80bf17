/**
 * Expected names for a schema split over files (RELAX NG include and externalRef): the
 * files are found relative to the file naming them, as the validator finds them; include
 * overrides, externalRef scopes and parentRef are kept; no network, loops refused.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateTei } from '../../src/validate/index.js';
import { parseRngFiles } from '../../src/validate/rng-files.js';

const RNG = 'xmlns="http://relaxng.org/ns/structure/1.0"';
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'teiwright-rngfiles-'));
  mkdirSync(join(dir, 'schemas/parts'), { recursive: true });
  mkdirSync(join(dir, 'schemas/ext'), { recursive: true });
  // main: a doc is a head, then blocks; "block" comes from parts/blocks.rng; "head" and the start are redefined in the include.
  writeFileSync(
    join(dir, 'schemas/main.rng'),
    `<grammar ${RNG}><include href="parts/blocks.rng"><define name="head"><element name="title"><text/></element></define>` +
      `<start><element name="doc"><ref name="head"/><oneOrMore><ref name="block"/></oneOrMore><optional><externalRef href="ext/notes.rng"/></optional></element></start></include>` +
      `<define name="inline"><element name="em"><text/></element></define></grammar>`,
  );
  // parts: the included grammar's own "head" is replaced by main's; its start is main's too.
  writeFileSync(
    join(dir, 'schemas/parts/blocks.rng'),
    `<grammar ${RNG}><start><element name="never"><empty/></element></start><define name="head"><element name="heading"><text/></element></define>` +
      `<define name="block"><choice><element name="para"><mixed><zeroOrMore><ref name="inline"/></zeroOrMore></mixed></element><element name="list"><oneOrMore><element name="item"><text/></element></oneOrMore></element></choice></define></grammar>`,
  );
  // ext: its own "inline", a different one from main's (libxml2 refuses parentRef across an externalRef, so none here).
  writeFileSync(
    join(dir, 'schemas/ext/notes.rng'),
    `<grammar ${RNG}><start><element name="notes"><oneOrMore><element name="note"><zeroOrMore><ref name="inline"/></zeroOrMore></element></oneOrMore></element></start>` +
      `<define name="inline"><element name="sup"><text/></element></define></grammar>`,
  );
  writeFileSync(join(dir, 'schemas/loop.rng'), `<grammar ${RNG}><include href="loop.rng"/><start><element name="doc"><empty/></element></start></grammar>`);
  writeFileSync(join(dir, 'schemas/remote.rng'), `<grammar ${RNG}><include href="http://127.0.0.1:9/x.rng"/><start><element name="doc"><empty/></element></start></grammar>`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const errors = (xml: string, schema = join(dir, 'schemas/main.rng')): string[] =>
  validateTei(xml, { schema, schematron: 'none' })
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.line}:${d.column} ${d.message}`);

// Each case's errors are jing's (jing 20220510 on the same files): same elements, same expected names.
describe('expected names from a schema in several files', () => {
  it('names the elements an include brings, with its redefinitions', () => {
    // "heading" is the included file's head, replaced by main's "title"; jing goes on, and <para> lacks the title before it.
    expect(errors('<doc><heading>H</heading><para>p</para></doc>')).toEqual([
      '1:6 <heading> is not allowed inside <doc>; expected <title>',
      '1:26 <para> is not allowed at this position inside <doc>; expected <title>',
    ]);
    // jing: item not allowed here (expected list or para), and doc incomplete at its end.
    expect(errors('<doc><title>T</title><item>i</item></doc>')).toEqual([
      '1:1 <doc> is incomplete; expected <list> or <para>',
      '1:22 <item> is not allowed inside <doc>; expected <list> or <para>',
    ]);
  });

  it('says text may come where the included pattern is mixed', () => {
    expect(errors('<doc><title>T</title><para>a <item>b</item></para></doc>')).toEqual(['1:30 <item> is not allowed inside <para>; expected the end of <para>, text or <em>']);
  });

  it('follows an externalRef into its own grammar, with its own define names', () => {
    // In notes.rng "inline" is <sup>, not main's <em>.
    expect(errors('<doc><title>T</title><para>p</para><notes><note><sup>1</sup><em>e</em></note></notes></doc>')).toEqual([
      '1:61 <em> is not allowed inside <note>; expected the end of <note> or <sup>',
    ]);
    expect(errors('<doc><title>T</title><para>p</para><notes/></doc>')).toEqual(['1:36 <notes> is incomplete; expected <note>']);
  });

  it('refuses a loop and the network: no grammar, so no names are made up', () => {
    expect(parseRngFiles(join(dir, 'schemas/main.rng'))).toBeDefined();
    expect(parseRngFiles(join(dir, 'schemas/loop.rng'))).toBeUndefined();
    expect(parseRngFiles(join(dir, 'schemas/remote.rng'))).toBeUndefined();
  });
});
