// Kader's own requests in-process: tree, treePath, codes, documentFragments, coding, report and
// statistics (the expectations of test/server/customRequests.test.ts and agreement-server.test.ts).

import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { markdownReport } from '../../server/src/core/outputs/report';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { builtInCodebook, parseCodebook } from '../../server/src/core/parse/codebook';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import type { Codebook, Locale } from '../../server/src/core/types';
import type {
  CodesResult,
  CodingResult,
  DocumentFragmentsResult,
  FolderNode,
  StatisticsResult,
  TreeNode,
  TreeParams,
  TreePathResult,
  TreeQuery,
  TreeResult,
} from '../../server/src/protocol';
import { InvalidParams } from '../../server/src/service/errors';
import { listTranscripts } from '../../server/src/workspace/files';
import { Indexer } from '../../server/src/workspace/indexer';
import { ASPECTS, BREDA_FRAGMENTS, PRACTICES } from './expectations';
import { pos, range, startService, type Harness } from './harness';

type Loaded = (TreeNode | FolderNode) & { children: Loaded[] };

/** A whole view, level by level as a client expands it. */
async function loadTree(h: Harness, params: Omit<TreeParams, 'parent'>, parent?: TreeQuery): Promise<Loaded[]> {
  const result = await h.request<TreeResult>('kader/tree', parent ? { ...params, parent } : params);
  return Promise.all(
    result.roots.map(async (node) => {
      assert.ok(!('children' in node), 'a level comes without the levels below it');
      return { ...node, children: node.hasChildren ? await loadTree(h, params, node.query) : [] };
    }),
  );
}

/** A tree as lines: id (with the temporary folder as <root>), kind, label, count. */
function render(h: Harness, nodes: Loaded[], depth = 0): string[] {
  const root = `file://${h.root}`;
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.id.split(root).join('<root>')} | ${n.kind} | ${n.label} | ${n.count}`, ...render(h, n.children, depth + 1)]);
}

/** A folder indexed by the core alone: what the report must equal. */
async function indexFolder(folder: string, locale: Locale): Promise<{ index: WorkspaceIndex; codebook: Codebook }> {
  const index = new WorkspaceIndex();
  for (const relative of (await listTranscripts(folder)).transcripts) index.set(relative, relative, parseTranscript(await readFile(`${folder}/${relative}`, 'utf8')));
  const codebookText = await readFile(`${folder}/codebook.md`, 'utf8').catch(() => undefined);
  return { index, codebook: codebookText === undefined ? builtInCodebook(locale) : parseCodebook(codebookText) };
}

test('kader/tree: one level at a time, each node with the query for its children; both views in full', async (t) => {
  const h = await startService(t);
  const roots = await h.request<TreeResult>('kader/tree', { view: 'aspects' });
  assert.deepEqual(roots.coders, ['anna', 'bram']);
  assert.deepEqual(roots.roots[0], {
    id: 'a:intentie',
    kind: 'aspect',
    label: 'Intentie',
    count: 4,
    hasChildren: true,
    query: { aspect: 'intentie' },
    code: 'intentie',
    color: '#4E79A7',
    description: 'Wat is de bedoeling van de lerende praktijk?',
  });
  const leaves = await h.service.tree({ view: 'aspects', parent: { aspect: 'intentie', code: 'intentie/gestuurd', practice: 'Breda' } });
  assert.deepEqual(leaves.roots, [
    {
      id: `a:intentie/c:intentie/gestuurd/p:Breda/f:${h.uri('breda/gesprek-1.md')}#89`,
      kind: 'fragment',
      label: 'omdat het moest',
      count: 1,
      hasChildren: false,
      fragment: {
        key: h.uri('breda/gesprek-1.md'),
        path: 'breda/gesprek-1.md',
        codes: ['intentie/gestuurd'],
        kind: 'inline',
        text: 'omdat het moest',
        range: range(8, 17, 8, 32),
        fullRange: range(8, 16, 8, 68),
        practice: 'Breda',
        coder: 'anna',
        speaker: 'S1',
        memo: 'twijfel',
      },
    },
  ]);
  assert.deepEqual((await h.request<TreeResult>('kader/tree', { view: 'aspects', parent: { aspect: 'nergens' } })).roots, []);
  assert.deepEqual(render(h, await loadTree(h, { view: 'aspects' })), ASPECTS);
  assert.deepEqual(render(h, await loadTree(h, { view: 'practices' })), PRACTICES);
});

test('kader/tree: the same when the scan parses in worker threads', async (t) => {
  const h = await startService(t, { indexer: new Indexer({ workers: 1 }) });
  assert.deepEqual(render(h, await loadTree(h, { view: 'aspects' })), ASPECTS);
});

test('kader/tree: filters by coder and by text; the group label follows the language; malformed params are refused', async (t) => {
  const h = await startService(t);
  assert.deepEqual(
    (await h.request<TreeResult>('kader/tree', { view: 'practices', filter: { coder: 'bram' } })).roots.map((n) => [n.label, n.count]),
    [['Tilburg', 3]],
  );
  assert.deepEqual(
    (await h.request<TreeResult>('kader/tree', { view: 'aspects', filter: { text: 'KWAM' } })).roots.map((n) => [n.id, n.count, n.hasChildren]),
    [
      ['a:intentie', 2, true],
      ['a:context', 0, false],
      ['a:activiteit', 0, false],
      ['a:Activiteit', 0, false],
      ['a:onbekend', 0, false],
    ],
  );
  for (const params of [
    { view: 'aspects', parent: 'a:intentie' },
    { view: 'aspects', parent: { aspect: 7 } },
    { view: 'aspects', parent: { aspect: 'intentie', direct: 'ja' } },
    { view: 'practices', parent: { practice: 3 } },
    { view: 'bomen' },
    { view: 'aspects', filter: { coder: ['anna'] } },
  ]) {
    await assert.rejects(h.request('kader/tree', params), InvalidParams, JSON.stringify(params));
  }
  await assert.rejects(h.request('kader/treePath', { view: 'aspects', uri: h.uri('intro.md') }), InvalidParams);

  const dutch = await startService(t, { locale: 'nl' });
  assert.deepEqual(
    (await dutch.request<TreeResult>('kader/tree', { view: 'practices', parent: { practice: 'Tilburg', aspect: 'activiteit' } })).roots.map((n) => [n.id, n.label]),
    [['p:Tilburg/a:activiteit/direct', '(geen subcode)']],
  );
});

test('kader/treePath: the nodes from a root to a fragment, as the levels give them', async (t) => {
  const h = await startService(t);
  const uri = h.uri('breda/gesprek-1.md');
  const path = await h.request<TreePathResult>('kader/treePath', { view: 'aspects', uri, start: pos(8, 16) });
  assert.deepEqual(
    path.path.map((n) => n.id),
    ['a:intentie', 'a:intentie/c:intentie/gestuurd', 'a:intentie/c:intentie/gestuurd/p:Breda', `a:intentie/c:intentie/gestuurd/p:Breda/f:${uri}#89`],
  );
  let parent: TreeQuery | undefined;
  for (const node of path.path) {
    const level = await h.service.tree(parent ? { view: 'aspects', parent } : { view: 'aspects' });
    assert.deepEqual(
      level.roots.find((n) => n.id === node.id),
      node,
    );
    parent = 'query' in node ? node.query : undefined;
  }
  assert.deepEqual(
    (await h.service.treePath({ view: 'practices', uri, start: pos(12, 0) })).path.map((n) => n.id),
    ['p:Breda', 'p:Breda/a:context', 'p:Breda/a:context/direct', `p:Breda/a:context/direct/f:${uri}#197`],
  );
  assert.deepEqual(await h.request('kader/treePath', { view: 'aspects', uri, start: pos(8, 16), filter: { coder: 'bram' } }), { path: [] });
  assert.deepEqual(await h.request('kader/treePath', { view: 'aspects', uri, start: pos(8, 17) }), { path: [] });
  assert.deepEqual(await h.request('kader/treePath', { view: 'aspects', uri: 'file:///nergens/x.md', start: pos(0, 0) }), { path: [] });
});

test('multi-root: a folder level with unique ids, each folder its own codebook and report', async (t) => {
  const h = await startService(t, { fixtures: ['project', 'bare'] });
  const bare = h.uri('bare', h.root);
  const lines = render(h, await loadTree(h, { view: 'aspects' }));
  assert.deepEqual(
    lines.filter((l) => !l.startsWith('    ')),
    [
      'folder:<root>/project | folder | project | 8',
      ...ASPECTS.filter((l) => !l.startsWith('  ')).map((l) => `  folder:<root>/project/${l}`),
      'folder:<root>/bare | folder | bare | 1',
      '  folder:<root>/bare/a:intentie | aspect | Intention | 1',
      '  folder:<root>/bare/a:activiteit | aspect | Activity | 0',
      '  folder:<root>/bare/a:normativiteit | aspect | Normativity | 0',
      '  folder:<root>/bare/a:context | aspect | Context | 0',
      '  folder:<root>/bare/a:space-en-place | aspect | Space and place | 0',
      '  folder:<root>/bare/a:actanten | aspect | Actants | 0',
      '  folder:<root>/bare/a:outcome | aspect | Outcome/value | 0',
    ],
  );
  assert.equal(new Set(lines.map((l) => l.trim().split(' | ')[0])).size, lines.length);
  const codes = await h.request<CodesResult>('kader/codes', { uri: h.uri('bare/a.md', h.root) });
  assert.equal(codes.codebookUri, undefined);
  assert.deepEqual(codes.codes[0], {
    code: 'intentie',
    name: 'Intention',
    count: 1,
    defined: true,
    description: 'What is the purpose of the learning practice? (according to the different people involved)',
    color: '#4E79A7',
  });
  const report = await h.request<{ text: string }>('kader/report', { format: 'markdown', folderUri: bare });
  const expected = await indexFolder(h.path('bare', h.root), 'en');
  assert.equal(report.text, markdownReport({ index: expected.index, codebook: expected.codebook, locale: 'en' }));
});

test('kader/documentFragments: fragments with codes, colours and ranges; open versions; not a transcript', async (t) => {
  const h = await startService(t);
  const breda = h.uri('breda/gesprek-1.md');
  assert.deepEqual(await h.request<DocumentFragmentsResult>('kader/documentFragments', { uri: breda }), { version: null, fragments: BREDA_FRAGMENTS });
  await h.open(breda, 'Nieuw [stuk]{#onbekend #context}\n');
  h.change(breda, 'Nieuw [stuk]{#onbekend #context} en [meer]{#activiteit}\n');
  const changed = await h.service.documentFragments({ uri: breda });
  assert.equal(changed.version, 2);
  assert.deepEqual(
    changed.fragments.map((f) => [f.codes, f.color, f.range]),
    [
      [['onbekend', 'context'], undefined, range(0, 7, 0, 11)],
      [['activiteit'], '#59A14F', range(0, 37, 0, 41)],
    ],
  );
  await h.open(h.uri('README.md'));
  assert.deepEqual(await h.request('kader/documentFragments', { uri: h.uri('README.md') }), { version: 1, fragments: [] });
  assert.deepEqual(await h.request('kader/documentFragments', { uri: 'file:///nergens/x.md' }), { version: null, fragments: [] });
});

test('kader/codes: the codebook in order, then codes in use it lacks, with counts and colours', async (t) => {
  const h = await startService(t);
  const codes = await h.request<CodesResult>('kader/codes', {});
  assert.equal(codes.codebookUri, h.uri('codebook.md'));
  assert.deepEqual(
    codes.codes.map((c) => [c.code, c.name, c.count, c.defined, c.color ?? null]),
    [
      ['intentie', 'Intentie', 1, true, '#4E79A7'],
      ['intentie/gestuurd', 'Gestuurd', 2, true, '#4E79A7'],
      ['intentie/intrinsiek', 'Intrinsiek', 1, true, '#4E79A7'],
      ['context', 'Context', 1, true, '#F28E2B'],
      ['activiteit', 'Activiteit', 2, true, '#59A14F'],
      ['Activiteit', 'Activiteit', 1, false, null],
      ['onbekend', 'onbekend', 1, false, null],
    ],
  );
  assert.equal(codes.codes[1]!.description, 'De deelnemer doet mee omdat de organisatie dat vraagt.');
  assert.deepEqual(await h.service.codes(undefined), codes);
});

test('kader/report: the Markdown report of a folder, as the core writes it', async (t) => {
  const h = await startService(t, { locale: 'nl' });
  const report = await h.request<{ text: string }>('kader/report', { format: 'markdown' });
  const loaded = await indexFolder(h.folder, 'nl');
  assert.equal(report.text, markdownReport({ index: loaded.index, codebook: loaded.codebook, codebookPath: 'codebook.md', locale: 'nl' }));
  assert.ok(report.text.startsWith('# Kader-rapport'));
});

test('kader/coding: the edits for an open document, an unopened transcript; refusals with a reason', async (t) => {
  const h = await startService(t);
  const intro = h.uri('intro.md');
  await h.open(intro);
  assert.deepEqual(await h.request<CodingResult>('kader/coding', { uri: intro, version: 1, action: 'code', range: range(0, 0, 0, 6), codes: ['#context'] }), {
    edits: [
      { range: range(0, 0, 0, 0), newText: '[' },
      { range: range(0, 6, 0, 6), newText: ']{#context}' },
    ],
    shape: 'inline',
  });
  assert.deepEqual(await h.service.coding({ uri: intro, action: 'addCode', position: pos(0, 3), code: 'intentie' }), {
    edits: [{ range: range(0, 36, 0, 36), newText: ' #intentie' }],
    shape: 'block',
  });
  assert.deepEqual(await h.request('kader/coding', { uri: intro, version: 7, action: 'uncode', position: pos(0, 3) }), {
    edits: [],
    message: 'The document changed meanwhile: try again.',
  });
  assert.deepEqual(await h.request('kader/coding', { uri: h.uri('tilburg/gesprek-2.md'), action: 'uncode', position: pos(4, 10) }), {
    edits: [
      { range: range(4, 8, 4, 9), newText: '' },
      { range: range(4, 16, 4, 37), newText: '' },
    ],
    shape: 'inline',
  });
  assert.deepEqual(await h.request('kader/coding', { uri: h.uri('README.md'), action: 'uncode', position: pos(0, 0) }), {
    edits: [],
    message: 'This file is not a transcript of a workspace folder.',
  });
  await assert.rejects(h.request('kader/coding', { uri: intro, action: 'paint', position: pos(0, 0) }), InvalidParams);
});

test('kader/statistics: the matrix, frequencies, co-occurrence and fragments of the first folder; filtered by coder', async (t) => {
  const h = await startService(t);
  const all = await h.request<StatisticsResult>('kader/statistics', {});
  assert.equal(all.folderUri, h.uri(''));
  assert.equal(all.folderName, 'project');
  assert.equal(all.total, 8);
  assert.deepEqual(all.coders, ['anna', 'bram']);
  assert.deepEqual(
    all.aspects.map((a) => a.code),
    ['intentie', 'context', 'activiteit', 'Activiteit', 'onbekend'],
  );
  assert.deepEqual(
    all.practices.map((p) => p.label),
    ['Breda', 'Tilburg', '(no practice)'],
  );
  assert.deepEqual(all.matrix, [
    [3, 1, 0],
    [1, 0, 0],
    [0, 1, 1],
    [0, 1, 0],
    [0, 1, 0],
  ]);
  assert.deepEqual(all.practiceTotals, [4, 3, 1]);
  assert.deepEqual(
    all.frequencies.map((f) => [f.code, f.count]),
    [
      ['intentie', 1],
      ['intentie/gestuurd', 2],
      ['intentie/intrinsiek', 1],
      ['context', 1],
      ['activiteit', 2],
      ['Activiteit', 1],
      ['onbekend', 1],
    ],
  );
  assert.equal(all.cooccurrence.level, 'aspect');
  assert.deepEqual(all.cooccurrence.counts, [
    [0, 1, 0, 0, 0],
    [1, 0, 0, 0, 0],
    [0, 0, 0, 0, 0],
    [0, 0, 0, 0, 1],
    [0, 0, 0, 1, 0],
  ]);
  assert.deepEqual(
    all.fragments.map((f) => [f.uri, f.codes, f.range]),
    [
      [h.uri('breda/gesprek-1.md'), ['intentie'], range(6, 0, 14, 3)],
      [h.uri('breda/gesprek-1.md'), ['intentie/gestuurd'], range(8, 17, 8, 32)],
      [h.uri('breda/gesprek-1.md'), ['intentie/intrinsiek'], range(10, 0, 10, 28)],
      [h.uri('breda/gesprek-1.md'), ['context'], range(13, 0, 14, 0)],
      [h.uri('intro.md'), ['activiteit'], range(0, 0, 0, 23)],
      [h.uri('tilburg/gesprek-2.md'), ['intentie/gestuurd'], range(4, 9, 4, 16)],
      [h.uri('tilburg/gesprek-2.md'), ['Activiteit', 'onbekend'], range(4, 42, 4, 51)],
      [h.uri('tilburg/gesprek-2.md'), ['activiteit'], range(6, 15, 6, 20)],
    ],
  );
  assert.deepEqual(all.cells['c:0:1'], [0, 3]);

  const bram = await h.service.statistics({ filter: { coder: 'bram' }, cooccurrence: 'code' });
  assert.equal(bram.total, 3);
  assert.deepEqual(
    bram.practices.map((p) => p.label),
    ['Tilburg'],
  );
  assert.equal(bram.cooccurrence.level, 'code');
  assert.deepEqual(
    bram.cooccurrence.codes.map((c) => c.code),
    bram.frequencies.map((f) => f.code),
  );
});
