// The Speakers view: person → aspect → quotes, each conversation counted once, with the text and
// coder filters of the other views.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { frameworkCodebookMarkdown } from '../../server/src/core/framework';
import type { TreeFilter, TreeNode, TreeQuery } from '../../server/src/core/index/aggregate';
import { speakerTree, speakerTreePath } from '../../server/src/core/index/speakerTree';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { md } from './helpers';

// Invented conversations. P07 is S1 in the first and S2 in the second; the first is coded by noor
// and by ravi (one conversation, noor's coding counts); a section code has no speaker.
const FIRST = (coder: string, code: string): string =>
  md(
    '---',
    'practice: Buurtteam Deventer',
    `coder: ${coder}`,
    'persons: {S1: P07}',
    '---',
    '## Start {#context}',
    '',
    '**Interviewer:** [Waarom deed je mee?]{#intentie}',
    '',
    `**S1:** [Omdat de wijk het vroeg]{${code} #actanten/bewoners}.`,
    '',
    '**S2:** Ik [leerde luisteren]{#outcome}.',
    '',
  );
const FILES: Record<string, string> = {
  'deventer/eerste-noor.md': FIRST('noor', '#intentie/gestuurd'),
  'deventer/eerste-ravi.md': FIRST('ravi', '#intentie/vrijwillig'),
  'deventer/tweede.md': md('---', 'practice: Buurtteam Deventer', 'coder: noor', 'personen: {S2: P07}', '---', '**S2:** [De buurt bepaalt het]{#context/macht}.', ''),
};

function project(): { index: WorkspaceIndex; codebook: ReturnType<typeof parseCodebook> } {
  const index = new WorkspaceIndex();
  for (const [file, text] of Object.entries(FILES)) index.set(file, file, parseTranscript(text));
  return { index, codebook: parseCodebook(frameworkCodebookMarkdown('nl')) };
}

function lines(nodes: TreeNode[]): string[] {
  return nodes.map((n) => `${n.id} | ${n.kind} | ${n.label} | ${n.count}${n.hasChildren ? ' +' : ''}${n.description ? ` | ${n.description}` : ''}`);
}

describe('the Speakers view', () => {
  const { index, codebook } = project();
  const level = (parent?: TreeQuery, filter: TreeFilter = {}, locale: 'en' | 'nl' = 'nl'): TreeNode[] => speakerTree(index, codebook, filter, locale, parent);

  test('the roots: each person with the quotes they said, counted once; the interviewer last and marked', () => {
    assert.deepEqual(lines(level()), [
      's:P07 | speaker | P07 | 2 + | S1, S2 · 2 transcripten',
      's:S2 (deventer/eerste-noor.md) | speaker | S2 | 1 + | eerste-noor',
      's:Interviewer (deventer/eerste-noor.md) | speaker | Interviewer | 1 + | interviewer · eerste-noor',
    ]);
    assert.deepEqual(level()[0]!.query, { speaker: 'P07' });
    assert.deepEqual(lines(level(undefined, {}, 'en')).map((l) => l.split(' | ').pop()), ['S1, S2 · 2 transcripts', 'eerste-noor', 'interviewer · eerste-noor']);
  });

  test('a person: the aspects they spoke about, in codebook order, with the aspect’s name and colour', () => {
    const nodes = level({ speaker: 'P07' });
    assert.deepEqual(
      nodes.map((n) => [n.id, n.kind, n.label, n.count, n.code, n.query]),
      [
        ['s:P07/a:intentie', 'aspect', 'Intentie', 1, 'intentie', { speaker: 'P07', aspect: 'intentie' }],
        ['s:P07/a:context', 'aspect', 'Context', 1, 'context', { speaker: 'P07', aspect: 'context' }],
        ['s:P07/a:actanten', 'aspect', 'Actanten', 1, 'actanten', { speaker: 'P07', aspect: 'actanten' }],
      ],
    );
    assert.ok(nodes.every((n) => n.color !== undefined));
  });

  test('a person and an aspect: the quotes, each opening its place', () => {
    const nodes = level({ speaker: 'P07', aspect: 'context' });
    assert.deepEqual(lines(nodes), ['s:P07/a:context/f:deventer/tweede.md#77 | fragment | De buurt bepaalt het | 1']);
    const fragment = nodes[0]!.fragment!;
    assert.deepEqual([fragment.key, fragment.speaker, fragment.codes, fragment.range], [
      'deventer/tweede.md',
      'S2',
      ['context/macht'],
      { start: { line: 5, character: 9 }, end: { line: 5, character: 29 } },
    ]);
    assert.deepEqual(
      level({ speaker: 'P07', aspect: 'intentie' }).map((n) => [n.label, n.fragment!.coder, n.fragment!.codes]),
      [['Omdat de wijk het vroeg', 'noor', ['intentie/gestuurd', 'actanten/bewoners']]],
    );
  });

  test('the coder filter shows that coder’s coding; the text filter only the quotes with the text', () => {
    assert.deepEqual(
      level({ speaker: 'P07', aspect: 'intentie' }, { coder: 'ravi' }).map((n) => [n.id, n.fragment!.codes]),
      [['s:P07/a:intentie/f:deventer/eerste-ravi.md#148', ['intentie/vrijwillig', 'actanten/bewoners']]],
    );
    assert.deepEqual(lines(level(undefined, { coder: 'ravi' })).map((l) => l.split(' | ').slice(0, 4).join(' | ')), [
      's:P07 | speaker | P07 | 1 +',
      's:S2 (deventer/eerste-ravi.md) | speaker | S2 | 1 +',
      's:Interviewer (deventer/eerste-ravi.md) | speaker | Interviewer | 1 +',
    ]);
    assert.deepEqual(lines(level(undefined, { text: 'BUURT' })), ['s:P07 | speaker | P07 | 1 + | S2 · tweede']);
  });

  test('a coding query filters it as it filters the other views', () => {
    assert.deepEqual(lines(level(undefined, { query: '#outcome OR #context' })), [
      's:P07 | speaker | P07 | 1 + | S2 · tweede',
      's:S2 (deventer/eerste-noor.md) | speaker | S2 | 1 + | eerste-noor',
    ]);
    assert.deepEqual(lines(level(undefined, { query: 'speaker:P07' })), ['s:P07 | speaker | P07 | 2 + | S1, S2 · 2 transcripten']);
  });

  test('a query that names no node gives none', () => {
    assert.deepEqual(level({ speaker: 'P99' }), []);
    assert.deepEqual(level({ aspect: 'intentie' }), []);
    assert.deepEqual(level({ speaker: 'P07', practice: 'Buurtteam Deventer' }), []);
  });

  test('the path to a quote, under its first aspect; none for a fragment outside any turn', () => {
    const start = { line: 9, character: 8 };
    assert.deepEqual(
      speakerTreePath(index, codebook, {}, 'nl', 'deventer/eerste-noor.md', start).map((n) => n.id),
      ['s:P07', 's:P07/a:intentie', 's:P07/a:intentie/f:deventer/eerste-noor.md#148'],
    );
    assert.deepEqual(speakerTreePath(index, codebook, {}, 'nl', 'deventer/eerste-noor.md', { line: 5, character: 0 }), []);
    // Left out of the counts (the other coding of the conversation counts).
    assert.deepEqual(speakerTreePath(index, codebook, {}, 'nl', 'deventer/eerste-ravi.md', start), []);
  });
});
