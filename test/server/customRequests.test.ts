import * as assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { markdownReport } from '../../server/src/core/outputs/report';
import { ErrorCodes, type ResponseError } from 'vscode-languageserver-protocol';
import {
  CodesRequest,
  CodingRequest,
  DocumentFragmentsRequest,
  ReportRequest,
  TreePathRequest,
  TreeRequest,
  type FolderNode,
  type TreeNode,
  type TreeParams,
  type TreeQuery,
} from '../../server/src/protocol';
import { builtInCodebook, parseCodebook } from '../../server/src/core/parse/codebook';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import type { Codebook, Locale } from '../../server/src/core/types';
import { listTranscripts } from '../../server/src/workspace/files';
import { Indexer } from '../../server/src/workspace/indexer';
import { openProject, range, type Project } from './client';
import { ASPECTS, BREDA_FRAGMENTS } from '../service/expectations';

/** A folder indexed by the core alone, keyed by relative path: what the server's report must equal. */
async function indexFolder(folder: string, locale: Locale): Promise<{ index: WorkspaceIndex; codebook: Codebook }> {
  const index = new WorkspaceIndex();
  for (const relative of (await listTranscripts(folder)).transcripts) {
    index.set(relative, relative, parseTranscript(await readFile(`${folder}/${relative}`, 'utf8')));
  }
  const codebookText = await readFile(`${folder}/codebook.md`, 'utf8').catch(() => undefined);
  return { index, codebook: codebookText === undefined ? builtInCodebook(locale) : parseCodebook(codebookText) };
}

type Loaded = (TreeNode | FolderNode) & { children: Loaded[] };

/** A whole view, level by level as a client expands it: every node with children is asked for them. */
async function loadTree(project: Project, params: Omit<TreeParams, 'parent'>, parent?: TreeQuery): Promise<Loaded[]> {
  const result = await project.client.request(TreeRequest, parent ? { ...params, parent } : params);
  return Promise.all(
    result.roots.map(async (node) => {
      assert.ok(!('children' in node), 'a level comes without the levels below it');
      return { ...node, children: node.hasChildren ? await loadTree(project, params, node.query) : [] };
    }),
  );
}

/** A tree as lines: id (with the temporary folder as <root>), kind, label, count. */
function render(project: Project, nodes: Loaded[], depth = 0): string[] {
  const root = `file://${project.root}`;
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.id.split(root).join('<root>')} | ${n.kind} | ${n.label} | ${n.count}`,
    ...render(project, n.children, depth + 1),
  ]);
}

test('kader/tree: one level at a time, each node with the query for its children', async (t) => {
  const project = await openProject(t);
  const roots = await project.client.request(TreeRequest, { view: 'aspects' });
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
  const children = await project.client.request(TreeRequest, { view: 'aspects', parent: { aspect: 'intentie' } });
  assert.deepEqual(children.coders, ['anna', 'bram']);
  assert.deepEqual(
    children.roots.map((n) => [n.id, n.kind, n.count, n.hasChildren, 'query' in n ? n.query : undefined]),
    [
      ['a:intentie/c:intentie/gestuurd', 'code', 2, true, { aspect: 'intentie', code: 'intentie/gestuurd' }],
      ['a:intentie/c:intentie/intrinsiek', 'code', 1, true, { aspect: 'intentie', code: 'intentie/intrinsiek' }],
      ['a:intentie/direct', 'direct', 1, true, { aspect: 'intentie', direct: true }],
    ],
  );
  const leaves = await project.client.request(TreeRequest, { view: 'aspects', parent: { aspect: 'intentie', code: 'intentie/gestuurd', practice: 'Breda' } });
  assert.deepEqual(leaves.roots, [
    {
      id: `a:intentie/c:intentie/gestuurd/p:Breda/f:${project.uri('breda/gesprek-1.md')}#89`,
      kind: 'fragment',
      label: 'omdat het moest',
      count: 1,
      hasChildren: false,
      fragment: {
        key: project.uri('breda/gesprek-1.md'),
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
  // A parent that names nothing (any more) has no children.
  assert.deepEqual((await project.client.request(TreeRequest, { view: 'aspects', parent: { aspect: 'nergens' } })).roots, []);
  assert.deepEqual((await project.client.request(TreeRequest, { view: 'practices', parent: { aspect: 'intentie' } })).roots, []);
});

test('kader/tree: the aspects and practices views of a folder, expanded level by level', async (t) => {
  const project = await openProject(t);
  assert.deepEqual(render(project, await loadTree(project, { view: 'aspects' })), ASPECTS);
  assert.deepEqual(render(project, await loadTree(project, { view: 'practices' })), [
    'p:Breda | practice | Breda | 4',
    '  p:Breda/a:intentie | aspect | Intentie | 3',
    '    p:Breda/a:intentie/c:intentie/gestuurd | code | Gestuurd | 1',
    '      p:Breda/a:intentie/c:intentie/gestuurd/f:<root>/project/breda/gesprek-1.md#89 | fragment | omdat het moest | 1',
    '    p:Breda/a:intentie/c:intentie/intrinsiek | code | Intrinsiek | 1',
    '      p:Breda/a:intentie/c:intentie/intrinsiek/f:<root>/project/breda/gesprek-1.md#144 | fragment | S2: Ik wilde zelf leren. | 1',
    '    p:Breda/a:intentie/direct | direct | (no sub-code) | 1',
    '      p:Breda/a:intentie/direct/f:<root>/project/breda/gesprek-1.md#49 | fragment | Vraag 1 S1: Ik kwam omdat het moest. S2: Ik wilde zelf leren. S1: De gemeente bepaalt. | 1',
    '  p:Breda/a:context | aspect | Context | 1',
    '    p:Breda/a:context/direct | direct | (no sub-code) | 1',
    '      p:Breda/a:context/direct/f:<root>/project/breda/gesprek-1.md#197 | fragment | S1: De gemeente bepaalt. | 1',
    'p:Tilburg | practice | Tilburg | 3',
    '  p:Tilburg/a:intentie | aspect | Intentie | 1',
    '    p:Tilburg/a:intentie/c:intentie/gestuurd | code | Gestuurd | 1',
    '      p:Tilburg/a:intentie/c:intentie/gestuurd/f:<root>/project/tilburg/gesprek-2.md#46 | fragment | Ik kwam | 1',
    '  p:Tilburg/a:activiteit | aspect | Activiteit | 1',
    '    p:Tilburg/a:activiteit/direct | direct | (no sub-code) | 1',
    '      p:Tilburg/a:activiteit/direct/f:<root>/project/tilburg/gesprek-2.md#130 | fragment | lezen | 1',
    '  p:Tilburg/a:Activiteit | aspect | Activiteit | 1',
    '    p:Tilburg/a:Activiteit/direct | direct | (no sub-code) | 1',
    '      p:Tilburg/a:Activiteit/direct/f:<root>/project/tilburg/gesprek-2.md#79 | fragment | we praten | 1',
    '  p:Tilburg/a:onbekend | aspect | onbekend | 1',
    '    p:Tilburg/a:onbekend/direct | direct | (no sub-code) | 1',
    '      p:Tilburg/a:onbekend/direct/f:<root>/project/tilburg/gesprek-2.md#79 | fragment | we praten | 1',
    'p: | practice | (no practice) | 1',
    '  p:/a:activiteit | aspect | Activiteit | 1',
    '    p:/a:activiteit/direct | direct | (no sub-code) | 1',
    '      p:/a:activiteit/direct/f:<root>/project/intro.md#0 | fragment | Welkom bij het project. | 1',
  ]);
});

test('kader/tree: the Learning Level view, level → aspect → practice → quotes; empty without level codes', async (t) => {
  const project = await openProject(t);
  const { client } = project;
  assert.deepEqual((await client.request(TreeRequest, { view: 'levels' })).roots, []);
  const intro = project.uri('intro.md');
  await client.open(intro);
  await client.change(intro, 'Welkom [bij het project]{#activiteit #niveau/collectief #lus/waartoe}.\n');
  assert.deepEqual(render(project, await loadTree(project, { view: 'levels' })), [
    'l:niveau/collectief | code | niveau/collectief | 1',
    '  l:niveau/collectief/a:activiteit | aspect | Activiteit | 1',
    '    l:niveau/collectief/a:activiteit/p: | practice | (no practice) | 1',
    '      l:niveau/collectief/a:activiteit/p:/f:<root>/project/intro.md#7 | fragment | bij het project | 1',
    'l:lus/waartoe | code | lus/waartoe | 1',
    '  l:lus/waartoe/a:activiteit | aspect | Activiteit | 1',
    '    l:lus/waartoe/a:activiteit/p: | practice | (no practice) | 1',
    '      l:lus/waartoe/a:activiteit/p:/f:<root>/project/intro.md#7 | fragment | bij het project | 1',
  ]);
  assert.deepEqual(await client.request(TreePathRequest, { view: 'levels', uri: intro, start: { line: 0, character: 7 } }), { path: [] });
});

test('kader/tree: two coders of one conversation count once; the coder filter shows each coding', async (t) => {
  const project = await openProject(t);
  const { client } = project;
  const conversation = (coder: string, coded: string): string => `---\npractice: Oost\ncoder: ${coder}\n---\n**S1:** ${coded}\n`;
  await writeFile(project.path('oost-anna.md'), conversation('anna', '[Wij praten]{#normativiteit} veel.'));
  await writeFile(project.path('oost-bram.md'), conversation('bram', 'Wij praten veel. {#normativiteit #actanten}'));
  const changed = client.indexChanged();
  await client.filesChanged([
    { uri: project.uri('oost-anna.md'), type: FileChangeType.Created },
    { uri: project.uri('oost-bram.md'), type: FileChangeType.Created },
  ]);
  assert.deepEqual((await changed).uris, [project.uri('oost-anna.md'), project.uri('oost-bram.md')]);
  const counts = async (filter?: { coder: string }): Promise<string[]> =>
    (await client.request(TreeRequest, { view: 'practices', ...(filter ? { filter } : {}) })).roots.filter((n) => n.label === 'Oost').map((n) => `${n.label} ${n.count}`);
  const aspectsOf = async (filter?: { coder: string }): Promise<string[]> =>
    (await client.request(TreeRequest, { view: 'practices', parent: { practice: 'Oost' }, ...(filter ? { filter } : {}) })).roots.map((n) => `${'code' in n ? n.code : ''} ${n.count}`);
  assert.deepEqual(await counts(), ['Oost 1']);
  assert.deepEqual(await aspectsOf(), ['normativiteit 1']);
  assert.deepEqual(await aspectsOf({ coder: 'bram' }), ['actanten 1', 'normativiteit 1']);
});

test('kader/tree: the same when the first scan parses in worker threads', async (t) => {
  const project = await openProject(t, ['project'], { indexer: new Indexer({ workers: 1 }) });
  assert.deepEqual(render(project, await loadTree(project, { view: 'aspects' })), ASPECTS);
});

test('kader/tree: filters by coder and by text; the group label follows the language', async (t) => {
  const project = await openProject(t);
  const byCoder = await project.client.request(TreeRequest, { view: 'practices', filter: { coder: 'bram' } });
  assert.deepEqual(
    byCoder.roots.map((n) => [n.label, n.count]),
    [['Tilburg', 3]],
  );
  const byText = await project.client.request(TreeRequest, { view: 'aspects', filter: { text: 'KWAM' } });
  assert.deepEqual(
    byText.roots.map((n) => [n.id, n.count, n.hasChildren]),
    [
      ['a:intentie', 2, true],
      ['a:context', 0, false],
      ['a:activiteit', 0, false],
      ['a:Activiteit', 0, false],
      ['a:onbekend', 0, false],
    ],
  );
  assert.deepEqual(
    (await project.client.request(TreeRequest, { view: 'aspects', filter: { text: 'KWAM' }, parent: { aspect: 'intentie' } })).roots.map((n) => [n.label, n.count]),
    [
      ['Gestuurd', 1],
      ['(no sub-code)', 1],
    ],
  );

  const dutch = await openProject(t, ['project'], { locale: 'nl' });
  assert.deepEqual(
    (await dutch.client.request(TreeRequest, { view: 'practices', parent: { practice: 'Tilburg', aspect: 'activiteit' } })).roots.map((n) => [n.id, n.label]),
    [['p:Tilburg/a:activiteit/direct', '(geen subcode)']],
  );
});

test('kader/tree: a malformed parent or filter is refused', async (t) => {
  const project = await openProject(t);
  for (const params of [
    { view: 'aspects', parent: 'a:intentie' },
    { view: 'aspects', parent: { aspect: 7 } },
    { view: 'aspects', parent: { aspect: 'intentie', direct: 'ja' } },
    { view: 'practices', parent: { practice: 3 } },
    { view: 'bomen' },
    { view: 'aspects', filter: { coder: ['anna'] } },
  ]) {
    await assert.rejects(project.client.raw(TreeRequest.method, params), (e: ResponseError<unknown>) => e.code === ErrorCodes.InvalidParams, JSON.stringify(params));
  }
  await assert.rejects(project.client.raw(TreePathRequest.method, { view: 'aspects', uri: project.uri('intro.md') }), (e: ResponseError<unknown>) => e.code === ErrorCodes.InvalidParams);
});

test('kader/treePath: the nodes from a root to a fragment, as the levels give them', async (t) => {
  const project = await openProject(t);
  const uri = project.uri('breda/gesprek-1.md');
  const path = await project.client.request(TreePathRequest, { view: 'aspects', uri, start: { line: 8, character: 16 } });
  assert.deepEqual(
    path.path.map((n) => n.id),
    ['a:intentie', 'a:intentie/c:intentie/gestuurd', 'a:intentie/c:intentie/gestuurd/p:Breda', `a:intentie/c:intentie/gestuurd/p:Breda/f:${uri}#89`],
  );
  let parent: TreeQuery | undefined;
  for (const node of path.path) {
    const level = await project.client.request(TreeRequest, parent ? { view: 'aspects', parent } : { view: 'aspects' });
    assert.deepEqual(
      level.roots.find((n) => n.id === node.id),
      node,
    );
    parent = 'query' in node ? node.query : undefined;
  }
  const practices = await project.client.request(TreePathRequest, { view: 'practices', uri, start: { line: 12, character: 0 } });
  assert.deepEqual(
    practices.path.map((n) => n.id),
    ['p:Breda', 'p:Breda/a:context', 'p:Breda/a:context/direct', `p:Breda/a:context/direct/f:${uri}#197`],
  );
  // Hidden by the filter, no fragment there, not a transcript.
  assert.deepEqual(await project.client.request(TreePathRequest, { view: 'aspects', uri, start: { line: 8, character: 16 }, filter: { coder: 'bram' } }), { path: [] });
  assert.deepEqual(await project.client.request(TreePathRequest, { view: 'aspects', uri, start: { line: 8, character: 17 } }), { path: [] });
  assert.deepEqual(await project.client.request(TreePathRequest, { view: 'aspects', uri: 'file:///nergens/x.md', start: { line: 0, character: 0 } }), { path: [] });
});

test('multi-root: a folder level with unique ids, each folder its own codebook', async (t) => {
  const project = await openProject(t, ['project', 'bare']);
  const bare = project.uri('bare', project.root);
  const tree = await loadTree(project, { view: 'aspects' });
  const lines = render(project, tree);
  const folderLines = lines.filter((l) => !l.startsWith('    '));
  assert.deepEqual(folderLines, [
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
  ]);
  assert.deepEqual(
    lines.filter((l) => l.includes('/bare/a:intentie')),
    [
      '  folder:<root>/bare/a:intentie | aspect | Intention | 1',
      '    folder:<root>/bare/a:intentie/direct | direct | (no sub-code) | 1',
      '      folder:<root>/bare/a:intentie/direct/p: | practice | (no practice) | 1',
      '        folder:<root>/bare/a:intentie/direct/p:/f:<root>/bare/a.md#27 | fragment | ik kwam | 1',
    ],
  );
  assert.equal(new Set(lines.map((l) => l.trim().split(' | ')[0])).size, lines.length);
  const folder = tree[1]! as FolderNode & { children: Loaded[] };
  assert.deepEqual({ ...folder, children: undefined }, { id: `folder:${bare}`, kind: 'folder', label: 'bare', uri: bare, count: 1, hasChildren: true, query: { folder: bare }, children: undefined });
  assert.deepEqual('query' in folder.children[0]! && folder.children[0]!.query, { folder: bare, aspect: 'intentie' });
  // A folder that is not (any more) one of the workspace's has no children.
  assert.deepEqual((await project.client.request(TreeRequest, { view: 'aspects', parent: { folder: 'file:///nergens', aspect: 'intentie' } })).roots, []);
  const path = await project.client.request(TreePathRequest, { view: 'aspects', uri: project.uri('bare/a.md', project.root), start: { line: 3, character: 7 } });
  assert.deepEqual(
    path.path.map((n) => n.id.split(`file://${project.root}`).join('<root>')),
    [
      'folder:<root>/bare',
      'folder:<root>/bare/a:intentie',
      'folder:<root>/bare/a:intentie/direct',
      'folder:<root>/bare/a:intentie/direct/p:',
      'folder:<root>/bare/a:intentie/direct/p:/f:<root>/bare/a.md#27',
    ],
  );

  const codes = await project.client.request(CodesRequest, { uri: project.uri('bare/a.md', project.root) });
  assert.equal(codes.codebookUri, undefined);
  assert.deepEqual(codes.codes[0], {
    code: 'intentie',
    name: 'Intention',
    count: 1,
    defined: true,
    description: 'What is the purpose of the learning practice? (according to the different people involved)',
    color: '#4E79A7',
  });
  const report = await project.client.request(ReportRequest, { format: 'markdown', folderUri: bare });
  const expected = await indexFolder(project.path('bare', project.root), 'en');
  assert.equal(report.text, markdownReport({ index: expected.index, codebook: expected.codebook, locale: 'en' }));
});

test('kader/documentFragments: fragments with codes, colours and ranges; open versions; not a transcript', async (t) => {
  const project = await openProject(t);
  const breda = project.uri('breda/gesprek-1.md');
  const result = await project.client.request(DocumentFragmentsRequest, { uri: breda });
  assert.equal(result.version, null);
  assert.deepEqual(result.fragments, BREDA_FRAGMENTS);

  await project.client.open(breda, 'Nieuw [stuk]{#onbekend #context}\n');
  await project.client.change(breda, 'Nieuw [stuk]{#onbekend #context} en [meer]{#activiteit}\n');
  const changed = await project.client.request(DocumentFragmentsRequest, { uri: breda });
  assert.equal(changed.version, 2);
  assert.deepEqual(
    changed.fragments.map((f) => [f.codes, f.color]),
    [
      [['onbekend', 'context'], undefined],
      [['activiteit'], '#59A14F'],
    ],
  );
  await project.client.open(project.uri('README.md'));
  assert.deepEqual(await project.client.request(DocumentFragmentsRequest, { uri: project.uri('README.md') }), { version: 1, fragments: [] });
  assert.deepEqual(await project.client.request(DocumentFragmentsRequest, { uri: 'file:///nergens/x.md' }), { version: null, fragments: [] });
});

test('kader/codes: the codebook in order, then codes in use it lacks, with counts and colours', async (t) => {
  const project = await openProject(t);
  const codes = await project.client.request(CodesRequest, {});
  assert.equal(codes.codebookUri, project.uri('codebook.md'));
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
});

test('kader/report: the Markdown report of a folder, as the core writes it', async (t) => {
  const project = await openProject(t, ['project'], { locale: 'nl' });
  const report = await project.client.request(ReportRequest, { format: 'markdown' });
  const loaded = await indexFolder(project.folder, 'nl');
  assert.equal(report.text, markdownReport({ index: loaded.index, codebook: loaded.codebook, codebookPath: 'codebook.md', locale: 'nl' }));
  assert.ok(report.text.startsWith('# Kader-rapport'));
});

test('kader/coding: the edits of core/edits.ts for an open document; refusals with a reason', async (t) => {
  const project = await openProject(t);
  const intro = project.uri('intro.md');
  await project.client.open(intro);
  assert.deepEqual(await project.client.request(CodingRequest, { uri: intro, version: 1, action: 'code', range: range(0, 0, 0, 6), codes: ['#context'] }), {
    edits: [
      { range: range(0, 0, 0, 0), newText: '[' },
      { range: range(0, 6, 0, 6), newText: ']{#context}' },
    ],
    shape: 'inline',
  });
  assert.deepEqual(await project.client.request(CodingRequest, { uri: intro, action: 'addCode', position: { line: 0, character: 3 }, code: 'intentie' }), {
    edits: [{ range: range(0, 36, 0, 36), newText: ' #intentie' }],
    shape: 'block',
  });
  assert.deepEqual(await project.client.request(CodingRequest, { uri: intro, version: 7, action: 'uncode', position: { line: 0, character: 3 } }), {
    edits: [],
    message: 'The document changed meanwhile: try again.',
  });
  // An unopened transcript is coded from its file.
  assert.deepEqual(await project.client.request(CodingRequest, { uri: project.uri('tilburg/gesprek-2.md'), action: 'uncode', position: { line: 4, character: 10 } }), {
    edits: [
      { range: range(4, 8, 4, 9), newText: '' },
      { range: range(4, 16, 4, 37), newText: '' },
    ],
    shape: 'inline',
  });
  assert.deepEqual(await project.client.request(CodingRequest, { uri: project.uri('README.md'), action: 'uncode', position: { line: 0, character: 0 } }), {
    edits: [],
    message: 'This file is not a transcript of a workspace folder.',
  });
});

test('kader/indexChanged: typing, new files, new and deleted folders on disk reach the tree', async (t) => {
  const project = await openProject(t);
  const { client } = project;
  const intro = project.uri('intro.md');
  let changed = client.indexChanged();
  await client.open(intro);
  assert.deepEqual((await changed).uris, [intro]);
  changed = client.indexChanged();
  await client.change(intro, 'Welkom. {#context}\n');
  assert.deepEqual((await changed).uris, [intro]);
  let tree = await client.request(TreeRequest, { view: 'aspects' });
  assert.deepEqual(
    tree.roots.map((n) => [n.id, n.count]),
    [
      ['a:intentie', 4],
      ['a:context', 2],
      ['a:activiteit', 1],
      ['a:Activiteit', 1],
      ['a:onbekend', 1],
    ],
  );

  const created = project.uri('breda/gesprek-3.md');
  await writeFile(project.path('breda/gesprek-3.md'), '---\npractice: Breda\n---\nNog een. {#activiteit}\n');
  changed = client.indexChanged();
  await client.filesChanged([{ uri: created, type: FileChangeType.Created }]);
  assert.deepEqual((await changed).uris, [created]);

  await mkdir(project.path('den-bosch/deel'), { recursive: true });
  await writeFile(project.path('den-bosch/deel/g.md'), 'Iets. {#intentie}\n');
  await writeFile(project.path('den-bosch/README.md'), 'Niet. {#intentie}\n');
  changed = client.indexChanged();
  await client.filesChanged([{ uri: project.uri('den-bosch'), type: FileChangeType.Created }]);
  assert.deepEqual((await changed).uris, [project.uri('den-bosch/deel/g.md')]);

  await rm(project.path('tilburg'), { recursive: true });
  changed = client.indexChanged();
  await client.filesChanged([{ uri: project.uri('tilburg'), type: FileChangeType.Deleted }]);
  assert.deepEqual((await changed).uris, [project.uri('tilburg/gesprek-2.md')]);

  tree = await client.request(TreeRequest, { view: 'practices' });
  assert.deepEqual(
    tree.roots.map((n) => [n.label, n.count]),
    [
      ['Breda', 5],
      ['deel', 1],
      ['(no practice)', 1],
    ],
  );
});

test('settings: include and exclude globs and the codebook path decide what is read', async (t) => {
  const project = await openProject(t, ['project'], {}, async (root) => {
    await mkdir(`${root}/project/node_modules/pkg`, { recursive: true });
    await writeFile(`${root}/project/node_modules/pkg/notes.md`, 'Niet lezen. {#context}\n');
    await mkdir(`${root}/project/docs`);
    await writeFile(`${root}/project/docs/kb.md`, '# Alleen {#alleen}\n');
  });
  const { client } = project;
  const practices = async (): Promise<[string, number][]> =>
    (await client.request(TreeRequest, { view: 'practices' })).roots.map((n) => [n.label, n.count] as [string, number]);
  // node_modules, .notes, README.md and the codebook are never transcripts.
  assert.deepEqual(await practices(), [
    ['Breda', 4],
    ['docs', 1],
    ['Tilburg', 3],
    ['(no practice)', 1],
  ]);

  client.settings = { transcripts: { include: ['breda/**', 'intro.md'], exclude: ['intro.md'] }, codebook: { path: './docs/kb.md' } };
  let changed = client.indexChanged();
  await client.configurationChanged();
  await changed;
  assert.deepEqual(await practices(), [['Breda', 4]]);
  const codes = await client.request(CodesRequest, {});
  assert.equal(codes.codebookUri, project.uri('docs/kb.md'));
  assert.deepEqual(
    codes.codes.map((c) => [c.code, c.defined]),
    [
      ['alleen', true],
      ['context', false],
      ['intentie', false],
      ['intentie/gestuurd', false],
      ['intentie/intrinsiek', false],
    ],
  );

  client.settings = {};
  changed = client.indexChanged();
  await client.configurationChanged();
  await changed;
  assert.equal((await practices()).length, 4);
});

test('initialization: dynamic registrations and work done progress for the first scan', async (t) => {
  const project = await openProject(t);
  const { client } = project;
  assert.deepEqual(
    client.registrations.map((r) => [r.method, r.registerOptions]),
    [
      ['workspace/didChangeConfiguration', { section: 'kader' }],
      ['workspace/didChangeWatchedFiles', { watchers: [{ globPattern: '**/*.md' }, { globPattern: '**/*', kind: 5 }] }],
    ],
  );
  const progress = client.all<{ value: { kind: string; title?: string; percentage?: number; message?: string } }>('$/progress').map((p) => p.value);
  assert.deepEqual(progress[0], { kind: 'begin', title: 'Kader: reading transcripts', percentage: 0, cancellable: false });
  assert.deepEqual(progress.at(-2), { kind: 'report', percentage: 100, message: 'project: 3/3' });
  assert.deepEqual(progress.at(-1), { kind: 'end' });
});
