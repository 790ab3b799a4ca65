import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { joinedParts, joinedText, laterParts } from '../../server/src/core/fragmentParts';
import { parseTranscript } from '../../server/src/core/parse/transcript';

const TEXT = '[een [twee]{#b part="p2"}]{#a} [[drie]{#b part="p2"} vier]{#c part="p1"}\n\n[vijf]{#c part="p1"} zes\n';

describe('the parts of one coding (part="…")', () => {
  test('joinedParts groups the parts of a coding in document order; other fragments stay alone', () => {
    const model = parseTranscript(TEXT);
    const groups = joinedParts(model.fragments).map((group) => group.map((f) => `${f.text} ${f.codes.join(' ')}`));
    assert.deepEqual(groups, [['een twee a'], ['twee b', 'drie b'], ['drie vier c', 'vijf c']]);
    assert.deepEqual(joinedParts(model.fragments).map(joinedText), ['een twee', 'twee drie', 'drie vier vijf']);
  });

  test('laterParts: the places of every part after the first of its coding', () => {
    const model = parseTranscript(TEXT);
    assert.deepEqual([...laterParts(model.fragments)].sort(), [3, 4]);
    assert.deepEqual([...laterParts(parseTranscript('[a]{#a}\n').fragments)], []);
  });
});

describe('counts treat the parts of a coding as one coding', () => {
  test('the aspects tree and countFragments count a coding in parts once (by its first part)', async () => {
    const { WorkspaceIndex } = await import('../../server/src/core/index/workspaceIndex');
    const { countFragments, aspectTree } = await import('../../server/src/core/index/aggregate');
    const { parseCodebook } = await import('../../server/src/core/parse/codebook');
    const index = new WorkspaceIndex();
    index.set('a.md', 'a.md', parseTranscript(TEXT));
    assert.equal(countFragments(index), 3);
    assert.equal(countFragments(index, { text: 'vijf' }), 0);
    const tree = aspectTree(index, parseCodebook('# A {#a}\n\n# B {#b}\n\n# C {#c}\n'), {}, 'en');
    assert.deepEqual(tree.map((n) => `${n.label} ${n.count}`), ['A 1', 'B 1', 'C 1']);
  });

  test('the statistics count a coding in parts once (by its first part)', async () => {
    const { WorkspaceIndex } = await import('../../server/src/core/index/workspaceIndex');
    const { computeStatistics } = await import('../../server/src/core/outputs/statistics');
    const { parseCodebook } = await import('../../server/src/core/parse/codebook');
    const index = new WorkspaceIndex();
    index.set('a.md', 'a.md', parseTranscript(TEXT));
    const statistics = computeStatistics(index, parseCodebook('# A {#a}\n\n# B {#b}\n\n# C {#c}\n'), 'en');
    assert.equal(statistics.total, 3);
    assert.deepEqual(statistics.fragments.map((f) => `${f.text} ${f.codes.join(' ')}`), ['een twee a', 'twee b', 'drie vier c']);
  });
});

describe('the agreement treats the parts of a coding as one segment', () => {
  test('a coding in two parts agrees with the same coding written as one fragment', async () => {
    const { compareCodings } = await import('../../server/src/core/outputs/agreement');
    const a = '---\ncoder: anna\n---\n\n[een twee drie]{#c} vier\n';
    const b = '---\ncoder: bram\n---\n\n[een]{#c part="p1"} [twee drie]{#c part="p1"} vier\n';
    const result = compareCodings({ text: a }, { text: b });
    assert.deepEqual(result.codes.map((c) => [c.code, c.segments.agreeing, c.segments.total]), [['c', 2, 2]]);
  });
});
