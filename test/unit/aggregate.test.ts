import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  aspectTree,
  countFragments,
  filteredFragments,
  fullTree,
  practiceTree,
  treeLevel,
  treePath,
  type FullTreeNode,
  type TreeFilter,
  type TreeNode,
  type TreeQuery,
  type AggregateView,
} from '../../server/src/core/index/aggregate';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { textReport } from '../../server/src/core/outputs/report';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import type { Locale } from '../../server/src/core/types';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { loadProject } from '../../server/src/workspace/project';

const CODEBOOK = parseCodebook(
  [
    '# Intentie {#intentie color="#4E79A7"}',
    'Waarom?',
    '',
    '## Gestuurd {#intentie/gestuurd}',
    'Moeten.',
    '',
    '## Intrinsiek {#intentie/intrinsiek}',
    'Willen.',
    '',
    '# Context {#context color="#F28E2B"}',
    'Waar?',
    '',
  ].join('\n'),
);

const FILES: Record<string, string> = {
  'breda/a.md': '---\npractice: Breda\ncoder: anna\n---\n**S1:** [ik moest]{#intentie/gestuurd memo="echt"} en [wilde]{#intentie}.\n\n**S2:** Zelf leren. {#intentie/intrinsiek #context}\n',
  'tilburg/b.md': '---\ncoder: bram\n---\nOver het weer. {#intentie #extra/x}\n\n[Moest]{#intentie/gestuurd #intentie}\n',
  'intro.md': 'Welkom. {#context}\n',
};

function indexOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [file, text] of Object.entries(files)) index.set(file, file, parseTranscript(text));
  return index;
}

/** A level as lines: id | kind | label | count, `+` when it has children. */
function lines(nodes: TreeNode[]): string[] {
  return nodes.map((n) => `${n.id} | ${n.kind} | ${n.label} | ${n.count}${n.hasChildren ? ' +' : ''}`);
}

function level(index: WorkspaceIndex, view: AggregateView, parent?: TreeQuery, filter: TreeFilter = {}, locale: Locale = 'en'): TreeNode[] {
  return treeLevel(index, CODEBOOK, view, filter, locale, parent);
}

/** The node of a level with this id. */
function pick(nodes: TreeNode[], id: string): TreeNode {
  const node = nodes.find((n) => n.id === id);
  assert.ok(node, `${id} not in ${nodes.map((n) => n.id).join(', ')}`);
  return node;
}

describe('treeLevel: the Aspects view', () => {
  const index = indexOf(FILES);

  test('the roots: every aspect of the codebook, then those in use it lacks, with counts', () => {
    const roots = level(index, 'aspects');
    assert.deepEqual(lines(roots), ['a:intentie | aspect | Intentie | 5 +', 'a:context | aspect | Context | 2 +', 'a:extra | aspect | extra | 1 +']);
    assert.deepEqual(roots[0], {
      id: 'a:intentie',
      kind: 'aspect',
      label: 'Intentie',
      count: 5,
      hasChildren: true,
      query: { aspect: 'intentie' },
      code: 'intentie',
      color: '#4E79A7',
      description: 'Waarom?',
    });
    assert.deepEqual(roots[2], { id: 'a:extra', kind: 'aspect', label: 'extra', count: 1, hasChildren: true, query: { aspect: 'extra' }, code: 'extra' });
  });

  test('an aspect: its sub-codes in codebook order, then the fragments coded with the aspect itself as one group', () => {
    const children = level(index, 'aspects', { aspect: 'intentie' });
    assert.deepEqual(lines(children), [
      'a:intentie/c:intentie/gestuurd | code | Gestuurd | 2 +',
      'a:intentie/c:intentie/intrinsiek | code | Intrinsiek | 1 +',
      'a:intentie/direct | direct | (no sub-code) | 3 +',
    ]);
    assert.deepEqual(children[0]!.query, { aspect: 'intentie', code: 'intentie/gestuurd' });
    assert.equal(children[0]!.color, '#4E79A7', 'a sub-code without a colour takes its aspect’s');
    assert.equal(children[0]!.description, 'Moeten.');
    assert.deepEqual(children[2], {
      id: 'a:intentie/direct',
      kind: 'direct',
      label: '(no sub-code)',
      count: 3,
      hasChildren: true,
      query: { aspect: 'intentie', direct: true },
      code: 'intentie',
      color: '#4E79A7',
    });
    // An aspect used only without sub-codes still has the group, so ids do not move when one is added.
    assert.deepEqual(lines(level(index, 'aspects', { aspect: 'context' })), ['a:context/direct | direct | (no sub-code) | 2 +']);
    assert.deepEqual(lines(level(index, 'aspects', { aspect: 'extra' })), ['a:extra/c:extra/x | code | extra/x | 1 +']);
  });

  test('a sub-code or the group: practices by name, no practice last', () => {
    assert.deepEqual(lines(level(index, 'aspects', { aspect: 'intentie', code: 'intentie/gestuurd' })), [
      'a:intentie/c:intentie/gestuurd/p:Breda | practice | Breda | 1 +',
      'a:intentie/c:intentie/gestuurd/p:tilburg | practice | tilburg | 1 +',
    ]);
    const practices = level(index, 'aspects', { aspect: 'context', direct: true });
    assert.deepEqual(lines(practices), ['a:context/direct/p:Breda | practice | Breda | 1 +', 'a:context/direct/p: | practice | (no practice) | 1 +']);
    assert.deepEqual(practices[0]!.query, { aspect: 'context', direct: true, practice: 'Breda' });
    assert.equal(practices[0]!.practice, 'Breda');
    assert.deepEqual(practices[1]!.query, { aspect: 'context', direct: true, practice: null });
    assert.equal(practices[1]!.practice, undefined);
  });

  test('a practice: the fragments, in path and document order, as leaves with their summaries', () => {
    const leaves = level(index, 'aspects', { aspect: 'intentie', direct: true, practice: 'tilburg' });
    assert.deepEqual(lines(leaves), [
      'a:intentie/direct/p:tilburg/f:tilburg/b.md#20 | fragment | Over het weer. | 1',
      'a:intentie/direct/p:tilburg/f:tilburg/b.md#57 | fragment | Moest | 1',
    ]);
    assert.deepEqual(leaves[1], {
      id: 'a:intentie/direct/p:tilburg/f:tilburg/b.md#57',
      kind: 'fragment',
      label: 'Moest',
      count: 1,
      hasChildren: false,
      fragment: {
        key: 'tilburg/b.md',
        path: 'tilburg/b.md',
        practice: 'tilburg',
        coder: 'bram',
        codes: ['intentie/gestuurd', 'intentie'],
        kind: 'inline',
        text: 'Moest',
        range: { start: { line: 5, character: 1 }, end: { line: 5, character: 6 } },
        fullRange: { start: { line: 5, character: 0 }, end: { line: 5, character: 37 } },
      },
    });
    const memo = level(index, 'aspects', { aspect: 'intentie', code: 'intentie/gestuurd', practice: 'Breda' });
    assert.equal(memo[0]!.fragment!.memo, 'echt');
    assert.equal(memo[0]!.fragment!.speaker, 'S1');
  });

  test('a query that names no node of the view has no children', () => {
    for (const query of [
      { practice: 'Breda' },
      { code: 'intentie/gestuurd' },
      { aspect: 'intentie', code: 'context' },
      { aspect: 'intentie', code: 'intentie' },
      { aspect: 'intentie', code: 'intentie/gestuurd', direct: true },
      { aspect: 'intentie', practice: 'Breda' },
      { aspect: 'nergens' },
      { aspect: 'intentie', code: 'intentie/nergens' },
      { aspect: 'intentie', direct: true, practice: 'nergens' },
    ] satisfies TreeQuery[]) {
      assert.deepEqual(level(index, 'aspects', query), [], JSON.stringify(query));
    }
  });
});

describe('treeLevel: the Practices view', () => {
  const index = indexOf(FILES);

  test('practice → aspect → sub-code or group → fragments, in Dutch', () => {
    assert.deepEqual(lines(level(index, 'practices', undefined, {}, 'nl')), [
      'p:Breda | practice | Breda | 3 +',
      'p:tilburg | practice | tilburg | 2 +',
      'p: | practice | (geen praktijk) | 1 +',
    ]);
    const aspects = level(index, 'practices', { practice: 'tilburg' }, {}, 'nl');
    assert.deepEqual(lines(aspects), ['p:tilburg/a:intentie | aspect | Intentie | 2 +', 'p:tilburg/a:extra | aspect | extra | 1 +']);
    assert.deepEqual(aspects[0]!.query, { aspect: 'intentie', practice: 'tilburg' });
    const subs = level(index, 'practices', aspects[0]!.query, {}, 'nl');
    assert.deepEqual(lines(subs), [
      'p:tilburg/a:intentie/c:intentie/gestuurd | code | Gestuurd | 1 +',
      'p:tilburg/a:intentie/direct | direct | (geen subcode) | 2 +',
    ]);
    assert.deepEqual(lines(level(index, 'practices', subs[1]!.query, {}, 'nl')), [
      'p:tilburg/a:intentie/direct/f:tilburg/b.md#20 | fragment | Over het weer. | 1',
      'p:tilburg/a:intentie/direct/f:tilburg/b.md#57 | fragment | Moest | 1',
    ]);
    assert.deepEqual(lines(level(index, 'practices', { practice: null }, {}, 'nl')), ['p:/a:context | aspect | Context | 1 +']);
    assert.deepEqual(level(index, 'practices', { aspect: 'intentie' }), []);
  });
});

describe('treeLevel: filters and changes', () => {
  test('filters by text (text or memo, ignoring case) and by coder; every filter is answered on its own', () => {
    const index = indexOf(FILES);
    const counts = (filter: TreeFilter): [string, number][] => level(index, 'aspects', undefined, filter).map((n) => [n.id, n.count]);
    assert.deepEqual(counts({ text: 'MOEST' }), [
      ['a:intentie', 2],
      ['a:context', 0],
      ['a:extra', 0],
    ]);
    assert.deepEqual(counts({ text: 'ECHT' }), [
      ['a:intentie', 1],
      ['a:context', 0],
      ['a:extra', 0],
    ]);
    assert.deepEqual(counts({ coder: 'bram' }), [
      ['a:intentie', 2],
      ['a:context', 0],
      ['a:extra', 1],
    ]);
    assert.deepEqual(counts({ coder: 'bram', text: 'weer' }), [
      ['a:intentie', 1],
      ['a:context', 0],
      ['a:extra', 1],
    ]);
    assert.deepEqual(counts({ text: 'MOEST' }), [
      ['a:intentie', 2],
      ['a:context', 0],
      ['a:extra', 0],
    ]);
    assert.deepEqual(counts({}), [
      ['a:intentie', 5],
      ['a:context', 2],
      ['a:extra', 1],
    ]);
    assert.deepEqual(lines(level(index, 'practices', undefined, { coder: 'anna' })), ['p:Breda | practice | Breda | 3 +']);
    assert.deepEqual(lines(level(index, 'aspects', { aspect: 'intentie' }, { text: 'moest' })), [
      'a:intentie/c:intentie/gestuurd | code | Gestuurd | 2 +',
      'a:intentie/direct | direct | (no sub-code) | 1 +',
    ]);
    assert.equal(countFragments(index, { text: 'moest' }), 2);
    assert.deepEqual(
      filteredFragments(index, { text: 'moest' }).map((r) => r.fragment.text),
      ['ik moest', 'Moest'],
    );
  });

  test('follows the index: a changed, a new and a removed transcript', () => {
    const index = indexOf(FILES);
    const counts = (): string[] => level(index, 'practices').map((n) => `${n.label} ${n.count}`);
    assert.deepEqual(counts(), ['Breda 3', 'tilburg 2', '(no practice) 1']);
    level(index, 'aspects', { aspect: 'intentie' });
    index.set('intro.md', 'intro.md', parseTranscript('Welkom. {#context}\n\nEn [meer]{#intentie/intrinsiek}.\n'));
    assert.deepEqual(counts(), ['Breda 3', 'tilburg 2', '(no practice) 2']);
    assert.deepEqual(lines(level(index, 'aspects', { aspect: 'intentie', code: 'intentie/intrinsiek' })), [
      'a:intentie/c:intentie/intrinsiek/p:Breda | practice | Breda | 1 +',
      'a:intentie/c:intentie/intrinsiek/p: | practice | (no practice) | 1 +',
    ]);
    index.set('den-bosch/c.md', 'den-bosch/c.md', parseTranscript('Nieuw. {#context}\n'));
    assert.deepEqual(counts(), ['Breda 3', 'den-bosch 1', 'tilburg 2', '(no practice) 2']);
    index.remove('tilburg/b.md');
    assert.deepEqual(counts(), ['Breda 3', 'den-bosch 1', '(no practice) 2']);
    assert.deepEqual(
      level(index, 'aspects').map((n) => [n.id, n.count]),
      [
        ['a:intentie', 4],
        ['a:context', 3],
      ],
    );
  });
});

describe('the whole tree (reports)', () => {
  test('is the levels walked, each node counting the distinct fragments below it', async () => {
    const project = await loadProject(path.resolve(__dirname, '../../examples'), { locale: 'nl', workers: 0 });
    for (const view of ['aspects', 'practices'] as const) {
      const tree = fullTree(project.index, project.codebook, view, {}, 'nl');
      const walk = (query?: TreeQuery): FullTreeNode[] =>
        treeLevel(project.index, project.codebook, view, {}, 'nl', query).map((n) => ({ ...n, children: n.hasChildren ? walk(n.query) : [] }));
      assert.deepEqual(tree, walk());
      const leaves = (node: FullTreeNode): string[] => {
        if (node.kind !== 'fragment') return node.children.flatMap(leaves);
        const start = node.fragment!.fullRange.start;
        return [`${node.fragment!.key}#${start.line}:${start.character}`];
      };
      let nodes = 0;
      const check = (node: FullTreeNode): void => {
        nodes++;
        if (node.kind === 'fragment') return;
        assert.equal(node.count, new Set(leaves(node)).size, `${view}: ${node.id}`);
        assert.equal(node.hasChildren, node.count > 0);
        node.children.forEach(check);
      };
      tree.forEach(check);
      assert.ok(nodes > 100, `${view}: ${nodes} nodes`);
      // Every fragment is under some root; the practices split them.
      const total = countFragments(project.index);
      assert.equal(new Set(tree.flatMap(leaves)).size, total);
      if (view === 'practices') assert.equal(tree.reduce((n, p) => n + p.count, 0), total);
    }
    assert.deepEqual(aspectTree(project.index, project.codebook, {}, 'en'), fullTree(project.index, project.codebook, 'aspects', {}, 'en'));
    assert.deepEqual(practiceTree(project.index, project.codebook, {}, 'en'), fullTree(project.index, project.codebook, 'practices', {}, 'en'));
  });

  test('the text report lists the fragments without a sub-code per practice right under the aspect', () => {
    assert.equal(
      textReport({ index: indexOf(FILES), codebook: CODEBOOK, locale: 'en' }),
      [
        'Intentie #intentie  5',
        '  Gestuurd #intentie/gestuurd  2',
        '    Breda  1',
        '    tilburg  1',
        '  Intrinsiek #intentie/intrinsiek  1',
        '    Breda  1',
        '  Breda  1',
        '  tilburg  2',
        'Context #context  2',
        '  Breda  1',
        '  (no practice)  1',
        'extra #extra  1',
        '  extra/x #extra/x  1',
        '    tilburg  1',
        '',
      ].join('\n'),
    );
  });
});

describe('treePath', () => {
  const index = indexOf(FILES);
  const ids = (view: AggregateView, key: string, line: number, character: number, filter: TreeFilter = {}): string[] =>
    treePath(index, CODEBOOK, view, filter, 'en', key, { line, character }).map((n) => n.id);

  test('the first leaf of a fragment in tree order, from the root down', () => {
    // Coded #intentie/gestuurd and #intentie: under the sub-code, which comes first.
    assert.deepEqual(ids('aspects', 'tilburg/b.md', 5, 0), [
      'a:intentie',
      'a:intentie/c:intentie/gestuurd',
      'a:intentie/c:intentie/gestuurd/p:tilburg',
      'a:intentie/c:intentie/gestuurd/p:tilburg/f:tilburg/b.md#57',
    ]);
    assert.deepEqual(ids('practices', 'intro.md', 0, 0), ['p:', 'p:/a:context', 'p:/a:context/direct', 'p:/a:context/direct/f:intro.md#0']);
    // Every node on the path is one of the levels, as the view shows them.
    const path = treePath(index, CODEBOOK, 'aspects', {}, 'en', 'breda/a.md', { line: 6, character: 0 });
    let parent: TreeQuery | undefined;
    for (const node of path) {
      assert.deepEqual(pick(level(index, 'aspects', parent), node.id), node);
      parent = node.query;
    }
    assert.equal(path.length, 4);
  });

  test('nothing for a fragment the filter hides, or a position where no fragment starts', () => {
    assert.deepEqual(ids('aspects', 'tilburg/b.md', 5, 0, { coder: 'anna' }), []);
    assert.deepEqual(ids('aspects', 'tilburg/b.md', 5, 0, { text: 'weer' }), []);
    assert.deepEqual(ids('aspects', 'tilburg/b.md', 5, 1), []);
    assert.deepEqual(ids('aspects', 'nergens.md', 0, 0), []);
  });
});
