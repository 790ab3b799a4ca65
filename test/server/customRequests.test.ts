import * as assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { markdownReport } from '../../server/src/core/report';
import { CodesRequest, CodingRequest, DocumentFragmentsRequest, ReportRequest, TreeRequest, type FolderNode, type TreeNode } from '../../server/src/protocol';
import { builtInCodebook, parseCodebook } from '../../server/src/core/codebook';
import { parseTranscript } from '../../server/src/core/transcript';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import type { Codebook, Locale } from '../../server/src/core/types';
import { listTranscripts } from '../../server/src/workspace/files';
import { Indexer } from '../../server/src/workspace/indexer';
import { openProject, range, type Project } from './client';

/** A folder indexed by the core alone, keyed by relative path: what the server's report must equal. */
async function indexFolder(folder: string, locale: Locale): Promise<{ index: WorkspaceIndex; codebook: Codebook }> {
  const index = new WorkspaceIndex();
  for (const relative of (await listTranscripts(folder)).transcripts) {
    index.set(relative, relative, parseTranscript(await readFile(`${folder}/${relative}`, 'utf8')));
  }
  const codebookText = await readFile(`${folder}/codebook.md`, 'utf8').catch(() => undefined);
  return { index, codebook: codebookText === undefined ? builtInCodebook(locale) : parseCodebook(codebookText) };
}

/** A tree as lines: id (with the temporary folder as <root>), kind, label, count. */
function render(project: Project, nodes: (TreeNode | FolderNode)[], depth = 0): string[] {
  const root = `file://${project.root}`;
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.id.split(root).join('<root>')} | ${n.kind} | ${n.label} | ${n.count}`,
    ...render(project, n.children, depth + 1),
  ]);
}

const ASPECTS = [
  'a:intentie | aspect | Intentie | 4',
  '  a:intentie/c:intentie/gestuurd | code | Gestuurd | 2',
  '    a:intentie/c:intentie/gestuurd/p:Breda | practice | Breda | 1',
  '      a:intentie/c:intentie/gestuurd/p:Breda/f:<root>/project/breda/gesprek-1.md#89 | fragment | omdat het moest | 1',
  '    a:intentie/c:intentie/gestuurd/p:Tilburg | practice | Tilburg | 1',
  '      a:intentie/c:intentie/gestuurd/p:Tilburg/f:<root>/project/tilburg/gesprek-2.md#46 | fragment | Ik kwam | 1',
  '  a:intentie/c:intentie/intrinsiek | code | Intrinsiek | 1',
  '    a:intentie/c:intentie/intrinsiek/p:Breda | practice | Breda | 1',
  '      a:intentie/c:intentie/intrinsiek/p:Breda/f:<root>/project/breda/gesprek-1.md#144 | fragment | S2: Ik wilde zelf leren. | 1',
  '  a:intentie/p:Breda | practice | Breda | 1',
  '    a:intentie/p:Breda/f:<root>/project/breda/gesprek-1.md#49 | fragment | Vraag 1 S1: Ik kwam omdat het moest. S2: Ik wilde zelf leren. S1: De gemeente bepaalt. | 1',
  'a:context | aspect | Context | 1',
  '  a:context/p:Breda | practice | Breda | 1',
  '    a:context/p:Breda/f:<root>/project/breda/gesprek-1.md#197 | fragment | S1: De gemeente bepaalt. | 1',
  'a:activiteit | aspect | Activiteit | 2',
  '  a:activiteit/p:Tilburg | practice | Tilburg | 1',
  '    a:activiteit/p:Tilburg/f:<root>/project/tilburg/gesprek-2.md#130 | fragment | lezen | 1',
  '  a:activiteit/p: | practice | (no practice) | 1',
  '    a:activiteit/p:/f:<root>/project/intro.md#0 | fragment | Welkom bij het project. | 1',
  'a:Activiteit | aspect | Activiteit | 1',
  '  a:Activiteit/p:Tilburg | practice | Tilburg | 1',
  '    a:Activiteit/p:Tilburg/f:<root>/project/tilburg/gesprek-2.md#79 | fragment | we praten | 1',
  'a:onbekend | aspect | onbekend | 1',
  '  a:onbekend/p:Tilburg | practice | Tilburg | 1',
  '    a:onbekend/p:Tilburg/f:<root>/project/tilburg/gesprek-2.md#79 | fragment | we praten | 1',
];

test('kader/tree: the aspects and practices views of a folder, with coders and fragment summaries', async (t) => {
  const project = await openProject(t);
  const aspects = await project.client.request(TreeRequest, { view: 'aspects' });
  assert.deepEqual(render(project, aspects.roots), ASPECTS);
  assert.deepEqual(aspects.coders, ['anna', 'bram']);
  assert.deepEqual(aspects.roots[0]!.children[0]!.children[0]!.children[0]!.fragment, {
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
  });
  const practices = await project.client.request(TreeRequest, { view: 'practices' });
  assert.deepEqual(render(project, practices.roots), [
    'p:Breda | practice | Breda | 4',
    '  p:Breda/a:intentie | aspect | Intentie | 3',
    '    p:Breda/a:intentie/c:intentie/gestuurd | code | Gestuurd | 1',
    '      p:Breda/a:intentie/c:intentie/gestuurd/f:<root>/project/breda/gesprek-1.md#89 | fragment | omdat het moest | 1',
    '    p:Breda/a:intentie/c:intentie/intrinsiek | code | Intrinsiek | 1',
    '      p:Breda/a:intentie/c:intentie/intrinsiek/f:<root>/project/breda/gesprek-1.md#144 | fragment | S2: Ik wilde zelf leren. | 1',
    '    p:Breda/a:intentie/f:<root>/project/breda/gesprek-1.md#49 | fragment | Vraag 1 S1: Ik kwam omdat het moest. S2: Ik wilde zelf leren. S1: De gemeente bepaalt. | 1',
    '  p:Breda/a:context | aspect | Context | 1',
    '    p:Breda/a:context/f:<root>/project/breda/gesprek-1.md#197 | fragment | S1: De gemeente bepaalt. | 1',
    'p:Tilburg | practice | Tilburg | 3',
    '  p:Tilburg/a:intentie | aspect | Intentie | 1',
    '    p:Tilburg/a:intentie/c:intentie/gestuurd | code | Gestuurd | 1',
    '      p:Tilburg/a:intentie/c:intentie/gestuurd/f:<root>/project/tilburg/gesprek-2.md#46 | fragment | Ik kwam | 1',
    '  p:Tilburg/a:activiteit | aspect | Activiteit | 1',
    '    p:Tilburg/a:activiteit/f:<root>/project/tilburg/gesprek-2.md#130 | fragment | lezen | 1',
    '  p:Tilburg/a:Activiteit | aspect | Activiteit | 1',
    '    p:Tilburg/a:Activiteit/f:<root>/project/tilburg/gesprek-2.md#79 | fragment | we praten | 1',
    '  p:Tilburg/a:onbekend | aspect | onbekend | 1',
    '    p:Tilburg/a:onbekend/f:<root>/project/tilburg/gesprek-2.md#79 | fragment | we praten | 1',
    'p: | practice | (no practice) | 1',
    '  p:/a:activiteit | aspect | Activiteit | 1',
    '    p:/a:activiteit/f:<root>/project/intro.md#0 | fragment | Welkom bij het project. | 1',
  ]);
});

test('kader/tree: the same when the first scan parses in worker threads', async (t) => {
  const project = await openProject(t, ['project'], { indexer: new Indexer({ workers: 1 }) });
  const aspects = await project.client.request(TreeRequest, { view: 'aspects' });
  assert.deepEqual(render(project, aspects.roots), ASPECTS);
});

test('kader/tree: filters by coder and by text', async (t) => {
  const project = await openProject(t);
  const byCoder = await project.client.request(TreeRequest, { view: 'practices', filter: { coder: 'bram' } });
  assert.deepEqual(
    byCoder.roots.map((n) => [n.label, n.count]),
    [['Tilburg', 3]],
  );
  const byText = await project.client.request(TreeRequest, { view: 'aspects', filter: { text: 'KWAM' } });
  assert.deepEqual(
    byText.roots.map((n) => [n.id, n.count]),
    [
      ['a:intentie', 2],
      ['a:context', 0],
      ['a:activiteit', 0],
      ['a:Activiteit', 0],
      ['a:onbekend', 0],
    ],
  );
});

test('multi-root: a folder level with unique ids, each folder its own codebook', async (t) => {
  const project = await openProject(t, ['project', 'bare']);
  const bare = project.uri('bare', project.root);
  const tree = await project.client.request(TreeRequest, { view: 'aspects' });
  const lines = render(project, tree.roots);
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
  assert.equal(new Set(lines.map((l) => l.trim().split(' | ')[0])).size, lines.length);
  assert.deepEqual((tree.roots[1] as FolderNode).uri, bare);

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
  assert.deepEqual(result.fragments, [
    {
      id: 0,
      parent: -1,
      kind: 'section',
      codes: ['intentie'],
      text: 'Vraag 1 S1: Ik kwam omdat het moest. S2: Ik wilde zelf leren. S1: De gemeente bepaalt.',
      range: range(6, 0, 14, 3),
      fullRange: range(6, 0, 14, 3),
      attributeRange: range(6, 11, 6, 22),
      color: '#4E79A7',
    },
    {
      id: 1,
      parent: 0,
      kind: 'inline',
      codes: ['intentie/gestuurd'],
      text: 'omdat het moest',
      range: range(8, 17, 8, 32),
      fullRange: range(8, 16, 8, 68),
      attributeRange: range(8, 33, 8, 68),
      color: '#4E79A7',
      memo: 'twijfel',
      speaker: 'S1',
    },
    {
      id: 2,
      parent: 0,
      kind: 'block',
      codes: ['intentie/intrinsiek'],
      text: 'S2: Ik wilde zelf leren.',
      range: range(10, 0, 10, 28),
      fullRange: range(10, 0, 10, 51),
      attributeRange: range(10, 29, 10, 51),
      color: '#4E79A7',
      speaker: 'S2',
    },
    {
      id: 3,
      parent: 0,
      kind: 'div',
      codes: ['context'],
      text: 'S1: De gemeente bepaalt.',
      range: range(13, 0, 14, 0),
      fullRange: range(12, 0, 14, 3),
      attributeRange: range(12, 4, 12, 14),
      color: '#F28E2B',
      speaker: 'S1',
    },
  ]);

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
