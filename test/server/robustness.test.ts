import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeWorkspaceFoldersNotification,
  DocumentDiagnosticRequest,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { CodesRequest, CodingRequest, DocumentFragmentsRequest, ReportRequest, TreeRequest } from '../../server/src/protocol';
import { fileUri } from '../../server/src/workspace/uris';
import { fullCapabilities, minimalCapabilities, openProject, range } from './client';

const nowhere = [
  'file:///nergens/x.md',
  'untitled:Untitled-1',
  'vscode-notebook-cell:/x.ipynb#1',
  'not a uri at all',
];

test('unknown URIs, other schemes and positions past the end are answered, never fatal', async (t) => {
  const project = await openProject(t);
  const { client } = project;
  for (const uri of [...nowhere, project.uri('README.md'), project.uri('breda/gesprek-1.md')]) {
    for (const position of [
      { line: 0, character: 0 },
      { line: 9999, character: 9999 },
      { line: 8, character: 9999 },
      { line: -1, character: -5 },
    ]) {
      const textDocument = { uri };
      assert.equal(await client.request(HoverRequest.type, { textDocument, position }), null, `${uri} ${JSON.stringify(position)}`);
      assert.equal(await client.request(DefinitionRequest.type, { textDocument, position }), null);
      assert.equal(await client.request(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } }), null);
      assert.equal(await client.request(DocumentHighlightRequest.type, { textDocument, position }), null);
      assert.equal(await client.request(CompletionRequest.type, { textDocument, position }), null);
      await assert.rejects(client.request(PrepareRenameRequest.type, { textDocument, position }), (e: ResponseError<unknown>) => e.code === -32803);
      await assert.rejects(client.request(RenameRequest.type, { textDocument, position, newName: 'x' }), (e: ResponseError<unknown>) => e.code === -32803);
      assert.deepEqual(await client.request(CodeActionRequest.type, { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }), []);
    }
  }
  for (const uri of nowhere) {
    assert.equal(await client.request(DocumentSymbolRequest.type, { textDocument: { uri } }), null);
    assert.equal(await client.request(FoldingRangeRequest.type, { textDocument: { uri } }), null);
    assert.deepEqual(await client.request(DocumentFragmentsRequest, { uri }), { version: null, fragments: [] });
    assert.deepEqual(await client.request(CodingRequest, { uri, action: 'uncode', position: { line: 0, character: 0 } }), {
      edits: [],
      message: 'This file is not a transcript of a workspace folder.',
    });
  }
  // A folder that is not open, for codes and the report: the first folder answers.
  assert.deepEqual(
    (await client.request(CodesRequest, { uri: 'file:///nergens/x.md' })).codes.map((c) => c.code),
    ['intentie', 'intentie/gestuurd', 'intentie/intrinsiek', 'context', 'activiteit', 'Activiteit', 'onbekend'],
  );
  assert.ok((await client.request(ReportRequest, { format: 'markdown', folderUri: 'file:///nergens' })).text.startsWith('# Kader report'));
  assert.deepEqual(client.errors(), []);
});

test('malformed requests get an error response and the server keeps serving', async (t) => {
  const project = await openProject(t);
  const { client } = project;
  for (const [method, params] of [
    ['textDocument/hover', {}],
    ['textDocument/completion', { textDocument: {} }],
    ['textDocument/rename', { textDocument: { uri: project.uri('breda/gesprek-1.md') }, position: { line: 6, character: 14 } }],
    ['kader/tree', { view: 'aspects', filter: { text: 42 } }],
    ['kader/coding', { uri: project.uri('intro.md'), action: 'explode' }],
    ['textDocument/codeAction', { textDocument: { uri: project.uri('intro.md') } }],
  ] as const) {
    await assert.rejects(client.raw(method, params), (e: ResponseError<unknown>) => typeof e.code === 'number', method);
  }
  const tree = await client.request(TreeRequest, { view: 'aspects' });
  assert.equal(tree.roots.length, 5);
});

test('an unreadable or broken codebook, and binary or non-UTF-8 transcripts, are reported and survived', async (t) => {
  const project = await openProject(t, ['project'], {}, async (root) => {
    await writeFile(`${root}/project/codebook.md`, Buffer.from([0x23, 0x20, 0x00, 0xff, 0x00]));
    await writeFile(`${root}/project/kapot.md`, Buffer.from([0x48, 0xc3, 0x28, 0x0a]));
  });
  const { client } = project;
  assert.deepEqual(
    client.logs.filter((l) => l.type === 2).map((l) => l.message.replace(project.root, '<root>')),
    [
      `${fileUri(project.path('codebook.md')).replace(project.root, '<root>')}: the codebook is not read: it contains NUL bytes.`,
      `${fileUri(project.path('kapot.md')).replace(project.root, '<root>')}: skipped: it is not valid UTF-8.`,
    ],
  );
  // The built-in framework applies instead.
  const codes = await client.request(CodesRequest, {});
  assert.equal(codes.codebookUri, undefined);
  assert.equal(codes.codes[0]!.name, 'Intention');

  // A codebook whose front matter and attribute blocks do not parse is checked, not fatal.
  const codebook = project.uri('codebook.md');
  const published = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === codebook);
  await client.open(codebook, '---\ntitle: [niet gesloten\n---\n# Alleen {#alleen}\n\n# Kapot {#kapot\n');
  assert.deepEqual(
    (await published).diagnostics.map((d) => [d.code, d.range]),
    [
      ['front-matter', range(2, 0, 2, 1)],
      ['unclosed-attributes', range(5, 8, 5, 15)],
    ],
  );
  assert.deepEqual(
    (await client.request(CodesRequest, {})).codes.map((c) => [c.code, c.defined]).slice(0, 2),
    [
      ['alleen', true],
      ['Activiteit', false],
    ],
  );
  assert.deepEqual(client.errors(), []);
});

test('a client that cannot configure or watch: pushed settings, and files read again when closed', async (t) => {
  const project = await openProject(t, ['project'], {
    capabilities: minimalCapabilities,
    initializationOptions: { settings: { kader: { transcripts: { exclude: ['intro.md'] } } } },
  });
  const { client } = project;
  assert.deepEqual(client.registrations, []);
  assert.deepEqual(client.all('window/workDoneProgress/create'), []);
  const practices = async (): Promise<string[]> => (await client.request(TreeRequest, { view: 'practices' })).roots.map((n) => `${n.label} ${n.count}`);
  assert.deepEqual(await practices(), ['Breda 4', 'Tilburg 3']);

  let changed = client.indexChanged();
  await client.configurationChanged({ kader: { transcripts: { exclude: [] }, language: 'nl' } });
  await changed;
  assert.deepEqual(await practices(), ['Breda 4', 'Tilburg 3', '(geen praktijk) 1']);

  // Typed but not saved, then closed: what is on disk counts again.
  const intro = project.uri('intro.md');
  await client.open(intro);
  changed = client.indexChanged();
  await client.change(intro, 'Anders. {#context #x}\n');
  await changed;
  assert.equal((await client.request(CodesRequest, {})).codes.find((c) => c.code === 'context')!.count, 2);
  await writeFile(project.path('intro.md'), 'Van schijf. {#onbekend}\n');
  changed = client.indexChanged();
  await client.close(intro);
  assert.deepEqual((await changed).uris, [intro]);
  const counts = Object.fromEntries((await client.request(CodesRequest, {})).codes.map((c) => [c.code, c.count]));
  assert.equal(counts['context'], 1);
  assert.equal(counts['onbekend'], 2);
});

test('workspace folders added and removed while running', async (t) => {
  const project = await openProject(t, ['project', 'bare']);
  const { client } = project;
  const bare = { uri: project.uri('bare', project.root), name: 'bare' };
  const projectFolder = { uri: project.uri('project', project.root), name: 'project' };
  let changed = client.indexChanged();
  await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [bare] } });
  await changed;
  let tree = await client.request(TreeRequest, { view: 'aspects' });
  assert.equal(tree.roots[0]!.kind, 'aspect');
  changed = client.indexChanged();
  await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [bare], removed: [projectFolder] } });
  await changed;
  tree = await client.request(TreeRequest, { view: 'aspects' });
  assert.deepEqual(
    tree.roots.map((n) => [n.id, n.count]),
    [
      ['a:intentie', 1],
      ['a:activiteit', 0],
      ['a:normativiteit', 0],
      ['a:context', 0],
      ['a:space-en-place', 0],
      ['a:actanten', 0],
      ['a:outcome', 0],
    ],
  );
});

test('pull diagnostics for unknown and non-transcript documents: empty reports', async (t) => {
  const project = await openProject(t, ['project'], { capabilities: fullCapabilities(true) });
  for (const uri of [...nowhere, project.uri('README.md')]) {
    assert.deepEqual(await project.client.request(DocumentDiagnosticRequest.type, { textDocument: { uri } }), { kind: 'full', items: [] });
  }
});
