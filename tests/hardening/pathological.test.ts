/**
 * Linear time and bounded memory on pathological inputs (issue 14, item 2): one test per
 * fixed finding. Never timed: each checks the algorithmic property that makes the cost
 * linear (work skipped, operations counted), so the test fails if the property is lost.
 */
import { describe, expect, it } from 'vitest';
import { convert, type Stage } from '../../src/convert.js';
import { visitInlines, bodyInlineLists } from '../../src/model/walk.js';

describe('pathological inputs cost linear time and bounded memory', () => {
  it('a text beyond --max-anchors is refused right after reading: no transform, writer or validation runs on it', () => {
    const anchors = `# T\n\n${'word<sup>1</sup> '.repeat(50)}\n\n**Notes**\n\n1. The note.\n`;
    const stages: Stage[] = [];
    const r = convert(anchors, { file: 'a.md', limits: { anchors: 10 }, onStage: (s) => stages.push(s) });
    expect(r.diagnostics.filter((d) => d.code === 'input-too-many-anchors')).toHaveLength(1);
    expect(r.tei).toBeUndefined();
    expect(stages).toEqual(['detect', 'read', 'done']);
    // Note linking never ran: no anchor got an id or a target.
    let linked = 0;
    visitInlines(bodyInlineLists(r.model!), (n) => {
      if (n.kind === 'noteAnchor' && (n.id !== undefined || n.target !== undefined)) linked++;
    });
    expect(linked).toBe(0);
    // Within the limit, the same text goes through every stage.
    const all: Stage[] = [];
    expect(convert(anchors, { file: 'a.md', onStage: (s) => all.push(s) }).ok).toBe(true);
    expect(all).toContain('transform');
  });
});
