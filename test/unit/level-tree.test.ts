// The Learning Level view: level → aspect → practice → quotes, counted as the Statistics page and
// the report count the aspects against the learning level.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { frameworkCodebookMarkdown } from '../../server/src/core/framework';
import type { TreeNode } from '../../server/src/core/index/aggregate';
import { learningLevelTree } from '../../server/src/core/index/levelTree';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { md } from './helpers';

// Invented conversations in two practices: the level on a fragment, on a section around fragments,
// and on a fragment inside one.
const FILES = {
  'deventer/gesprek.md': md(
    '---',
    'practice: Buurtteam Deventer',
    'coder: noor',
    '---',
    '## Samen {#niveau/collectief}',
    '',
    '**S1:** We deden mee [omdat de wijk het vroeg]{#intentie/vrijwillig}.',
    '',
    '**S2:** Ik leerde [luisteren]{#outcome/jij #niveau/individueel}.',
    '',
  ),
  'zwolle/gesprek.md': md(
    '---',
    'practice: Leerwerkplaats Zwolle',
    'coder: ravi',
    '---',
    '**S1:** [De regels van de gemeente]{#context/macht #niveau/collectief #lus/waarom} bepalen veel.',
    '',
    '**S2:** Geen niveau. {#context}',
    '',
  ),
};

function project(): { index: WorkspaceIndex; codebook: ReturnType<typeof parseCodebook> } {
  const index = new WorkspaceIndex();
  for (const [file, text] of Object.entries(FILES)) index.set(file, file, parseTranscript(text));
  return { index, codebook: parseCodebook(frameworkCodebookMarkdown('nl', { learning: true })) };
}

function lines(nodes: TreeNode[]): string[] {
  return nodes.map((n) => `${n.id} | ${n.kind} | ${n.label} | ${n.count}${n.hasChildren ? ' +' : ''}`);
}

describe('the Learning Level view', () => {
  const { index, codebook } = project();
  const level = (parent?: Parameters<typeof learningLevelTree>[4]): TreeNode[] => learningLevelTree(index, codebook, {}, 'nl', parent);

  test('the roots: each level and loop in use, in codebook order, with the aspect fragments counted at it', () => {
    assert.deepEqual(lines(level()), [
      // "omdat de wijk het vroeg" and "luisteren" (inside the section), "De regels van de gemeente".
      'l:niveau/individueel | code | Individueel | 1 +',
      'l:niveau/collectief | code | Collectief | 3 +',
      'l:lus/waarom | code | Waarom | 1 +',
    ]);
    const root = level()[1]!;
    assert.deepEqual(root.query, { level: 'niveau/collectief' });
    assert.equal(root.code, 'niveau/collectief');
    assert.ok(root.color, 'the level has its family’s colour');
  });

  test('under a level its aspects, under an aspect its practices, under a practice the quotes', () => {
    assert.deepEqual(lines(level({ level: 'niveau/collectief' })), [
      'l:niveau/collectief/a:intentie | aspect | Intentie | 1 +',
      'l:niveau/collectief/a:context | aspect | Context | 1 +',
      'l:niveau/collectief/a:outcome | aspect | Outcome/waarde | 1 +',
    ]);
    assert.deepEqual(lines(level({ level: 'niveau/collectief', aspect: 'context' })), ['l:niveau/collectief/a:context/p:Leerwerkplaats Zwolle | practice | Leerwerkplaats Zwolle | 1 +']);
    const quotes = level({ level: 'niveau/collectief', aspect: 'context', practice: 'Leerwerkplaats Zwolle' });
    assert.deepEqual(
      quotes.map((n) => [n.kind, n.fragment?.text, n.fragment?.path, n.fragment?.range.start.line]),
      [['fragment', 'De regels van de gemeente', 'zwolle/gesprek.md', 4]],
    );
    // The fragment starts at its `[`, 60 characters into the file.
    assert.equal(quotes[0]!.id, 'l:niveau/collectief/a:context/p:Leerwerkplaats Zwolle/f:zwolle/gesprek.md#60');
  });

  test('a query that names no node has no children; the filter applies', () => {
    assert.deepEqual(level({ level: 'niveau/nergens' }), []);
    assert.deepEqual(level({ level: 'niveau/collectief', aspect: 'actanten' }), []);
    assert.deepEqual(level({ level: 'niveau/collectief', code: 'intentie/vrijwillig' }), []);
    assert.deepEqual(level({ aspect: 'intentie' }), []);
    const ravi = learningLevelTree(index, codebook, { coder: 'ravi' }, 'nl');
    assert.deepEqual(lines(ravi), ['l:niveau/collectief | code | Collectief | 1 +', 'l:lus/waarom | code | Waarom | 1 +']);
  });

  test('without the level codes the view is empty', () => {
    const plain = new WorkspaceIndex();
    plain.set('a/x.md', 'a/x.md', parseTranscript('[x]{#intentie}\n'));
    assert.deepEqual(learningLevelTree(plain, codebook, {}, 'en'), []);
  });
});
