import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { applyCorrections, correctionsTransform, loadCorrections, type CorrectionSet } from '../../src/transforms/corrections/index.js';
import { readJsonWithPositions } from '../../src/transforms/corrections/json-positions.js';
import { MetaRole } from '../../src/model/edition.js';
import { buildEdition, modelProblems, show } from './build.js';

const SIDECAR = `{
  "editors": [{ "id": "ed-jdoe", "name": "Jane Doe" }],
  "files": {
    "draft-letter": [
      { "find": "whitch", "replace": "which", "in": "note 2", "editor": "ed-jdoe", "reason": "typo" },
      { "find": "numner ot", "replace": "number of", "in": "note 2", "editor": "ed-jdoe" },
      { "find": "3nd", "replace": "3rd", "in": "source", "editor": "ed-jdoe" }
    ]
  }
}
`;

const NOTE_2 = 'This document formed the basis of the draft letter “On the Attitude to NonParty Workers” to whitch Lenin made a numner ot amendments.';

function letter() {
  return buildEdition({
    title: 'On the Attitude to Non-Party Workers{2}',
    source: 'Lenin Collected Works, 3nd English Printing, Progress Publishers, 1977',
    paragraphs: ['The experience of non-Party conferences.'],
    notes: [{ key: '2', text: NOTE_2 }],
  });
}

function load(json: string): CorrectionSet {
  const r = loadCorrections(json, 'corrections.json');
  expect(r.diagnostics).toEqual([]);
  return r.corrections!;
}

const noteText = (ed: ReturnType<typeof letter>) => {
  const b = ed.notes[0]!.notes[0]!.blocks[0]!;
  return b.kind === 'p' ? show(b.children) : '';
};

describe('the editor’s corrections file', () => {
  it('fixes “whitch”, “numner ot” and “3nd” as choice/sic/corr with the editor’s resp', () => {
    const ed = letter();
    const d = new Diagnostics('draft-letter.txt');
    correctionsTransform.apply(ed, { diagnostics: d, file: 'texts/draft-letter.txt', corrections: load(SIDECAR) });
    expect(modelProblems(ed)).toEqual([]);
    expect(noteText(ed)).toBe(
      'This document formed the basis of the draft letter “On the Attitude to NonParty Workers” to <choice #ed-jdoe><sic>whitch</sic><corr>which</corr></choice> Lenin made a <choice #ed-jdoe><sic>numner ot</sic><corr>number of</corr></choice> amendments.',
    );
    expect(show(ed.metadata.fields[0]!.value)).toBe('Lenin Collected Works, <choice #ed-jdoe><sic>3nd</sic><corr>3rd</corr></choice> English Printing, Progress Publishers, 1977');
    expect(ed.editors).toEqual([{ id: 'ed-jdoe', name: 'Jane Doe', role: 'correction' }]);
    expect(ed.emendations.map((e) => [e.kind, e.resp])).toEqual([['correction', '#ed-jdoe'], ['correction', '#ed-jdoe'], ['correction', '#ed-jdoe']]);
    expect(ed.emendations[0]!.description).toContain('corrections.json:5:7');
    // The source line of the correction: note 2's paragraph starts at column 5 of line 8.
    expect(ed.emendations[0]!.pos).toEqual({ line: 8, column: 5 + NOTE_2.indexOf('whitch') });
    expect(d.items.map((i) => i.code)).toEqual(['emendation-applied', 'emendation-applied', 'emendation-applied']);
  });

  it('matches words across a line break and only whole words', () => {
    const ed = buildEdition({ paragraphs: ['a numner\not amendments, not numnerous'] });
    const d = new Diagnostics();
    applyCorrections(ed, { diagnostics: d }, load('{"editors":[{"id":"ed-a","name":"A"}],"files":{"x":[{"find":"numner ot","replace":"number of","editor":"ed-a"}]}}'), 'x.txt');
    expect(modelProblems(ed)).toEqual([]);
    const p = ed.body.blocks[0]!;
    expect(p.kind === 'p' && show(p.children)).toBe('a <choice #ed-a><sic>numner\not</sic><corr>number of</corr></choice> amendments, not numnerous');
  });

  it('corrects the title in head and in the header’s title', () => {
    const ed = buildEdition({ title: 'On the Attitude to Non-Party Wrokers', paragraphs: ['Text.'] });
    applyCorrections(ed, { diagnostics: new Diagnostics() }, load('{"editors":[{"id":"ed-a","name":"A"}],"files":{"x.txt":[{"find":"Wrokers","replace":"Workers","in":"title","editor":"ed-a"}]}}'), 'x.txt');
    expect(show(ed.body.head)).toBe('On the Attitude to Non-Party <choice #ed-a><sic>Wrokers</sic><corr>Workers</corr></choice>');
    expect(ed.metadata.title).toBe('On the Attitude to Non-Party Workers');
    expect(modelProblems(ed)).toEqual([]);
  });

  it('a correction that matches nothing is an error naming the corrections file’s line; nothing changes', () => {
    const ed = letter();
    const d = new Diagnostics('draft-letter.txt');
    const json = '{\n  "editors": [{"id": "ed-a", "name": "A"}],\n  "files": {"draft-letter": [\n    {"find": "whitch", "replace": "which", "in": "text", "editor": "ed-a"}\n  ]}\n}';
    applyCorrections(ed, { diagnostics: d }, load(json), 'draft-letter.txt');
    expect(d.items.map((i) => [i.code, i.severity])).toEqual([['correction-unmatched', 'error']]);
    expect(d.items[0]!.message).toContain('corrections.json:4:5');
    expect(ed.emendations).toEqual([]);
    expect(noteText(ed)).toBe(NOTE_2);
  });

  it('more matches than it says → ambiguous, naming the line; "occurrence" and "count" resolve it', () => {
    const para = 'the the conference and the the delegates';
    const set = (extra: string) => load(`{"editors":[{"id":"ed-a","name":"A"}],\n"files":{"x":[\n{"find":"the the","replace":"the","editor":"ed-a"${extra}}]}}`);
    const run = (extra: string) => {
      const ed = buildEdition({ paragraphs: [para] });
      const d = new Diagnostics();
      applyCorrections(ed, { diagnostics: d }, set(extra), 'x');
      expect(modelProblems(ed)).toEqual([]);
      const p = ed.body.blocks[0]!;
      return { d, text: p.kind === 'p' ? show(p.children) : '' };
    };
    const ambiguous = run('');
    expect(ambiguous.d.items.map((i) => i.code)).toEqual(['correction-ambiguous']);
    expect(ambiguous.d.items[0]!.message).toContain('corrections.json:3:1');
    expect(ambiguous.d.items[0]!.message).toContain('at 3:1, 3:24');
    expect(ambiguous.text).toBe(para);
    expect(run(', "occurrence": 2').text).toBe('the the conference and <choice #ed-a><sic>the the</sic><corr>the</corr></choice> delegates');
    expect(run(', "count": 2').text).toBe('<choice #ed-a><sic>the the</sic><corr>the</corr></choice> conference and <choice #ed-a><sic>the the</sic><corr>the</corr></choice> delegates');
    expect(run(', "occurrence": 3').d.items.map((i) => i.code)).toEqual(['correction-unmatched']);
  });

  it('applies only the entries keyed to the file being converted', () => {
    const ed = letter();
    const d = new Diagnostics();
    correctionsTransform.apply(ed, { diagnostics: d, file: 'another-file.txt', corrections: load(SIDECAR) });
    expect(d.items).toEqual([]);
    expect(ed.emendations).toEqual([]);
  });
});

describe('checking the corrections file', () => {
  const problems = (json: string) => loadCorrections(json, 'c.json').diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);

  it('names the JSON path, the line and the column of each schema error in plain words', () => {
    const json = `{
  "editors": [{ "id": "ed-a", "name": "A" }],
  "files": {
    "x": [
      { "find": "", "replace": "which", "editor": "ed-a" },
      { "replace": "which", "editor": "ed-a", "in": "footnote 2" },
      { "find": "a", "replace": "b", "editor": "ed-a", "occurence": 1 }
    ]
  }
}`;
    expect(problems(json)).toEqual([
      '5:17 /files/x/0/find: must not be empty',
      '6:7 /files/x/1: missing "find"',
      '6:53 /files/x/1/in: must be any, text, title, notes, metadata, "note <number>" or a metadata role such as source',
      '7:56 /files/x/2/occurence: unknown property "occurence"',
    ]);
    expect(loadCorrections(json, 'c.json').diagnostics.every((d) => d.code === 'corrections-invalid' && d.file === 'c.json')).toBe(true);
    expect(loadCorrections(json, 'c.json').corrections).toBeUndefined();
  });

  it('an editor that is not declared, a reserved id, both occurrence and count', () => {
    expect(problems('{"editors":[{"id":"ed-a","name":"A"}],"files":{"x":[{"find":"a","replace":"b","editor":"ed-b"}]}}')).toEqual([
      '1:88 /files/x/0/editor: "ed-b" is not one of the editors (ed-a)',
    ]);
    expect(problems('{"editors":[{"id":"teiwright","name":"T"}],"files":{}}')).toEqual(['1:19 /editors/0/id: "teiwright" is the converter\'s own id; choose another']);
    expect(problems('{"editors":[{"id":"ed-a","name":"A"}],"files":{"x":[{"find":"a","replace":"b","editor":"ed-a","occurrence":1,"count":2}]}}')).toEqual([
      '1:53 /files/x/0: give "occurrence" or "count", not both',
    ]);
  });

  it('accepts every metadata role of the model as a place to correct (the schema and the model agree)', () => {
    const roles = (MetaRole as unknown as { anyOf: { const: string }[] }).anyOf.map((r) => r.const);
    expect(roles.length).toBeGreaterThan(5);
    for (const role of [...roles, 'any', 'text', 'title', 'notes', 'metadata', 'note 2', 'note A']) {
      expect(problems(`{"editors":[{"id":"ed-a","name":"A"}],"files":{"x":[{"find":"a","replace":"b","editor":"ed-a","in":"${role}"}]}}`)).toEqual([]);
    }
  });

  it('JSON that does not parse: line and column of the fault', () => {
    expect(problems('{\n  "editors": [\n    {"id": "ed-a", "name": "A"},\n  ],\n}')).toEqual(['4:3 not JSON: unexpected "]" at line 4, column 3']);
    expect(problems('{"editors": [], "files": {}} x')).toEqual(['1:30 not JSON: unexpected text after the JSON value at line 1, column 30']);
  });

  it('the position reader agrees with JSON.parse and finds keys and values', () => {
    const text = '{\n "a": [1, {"b/c": "x\\"y"}],\n "d": -2.5e3, "e": null\n}';
    const r = readJsonWithPositions(text);
    expect(r.value).toEqual(JSON.parse(text));
    expect(r.positions.get('/a/1/b~1c')).toEqual({ line: 2, column: 19 });
    expect(r.positions.get('/d')).toEqual({ line: 3, column: 7 });
    expect(readJsonWithPositions('\ufeff{"a": 1}').positions.get('/a')).toEqual({ line: 1, column: 7 });
  });
});
