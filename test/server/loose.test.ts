// Loose transcripts: open Markdown documents outside every workspace folder (an untitled one, or
// any file when no folder is open) get Kader's features against the first folder's codebook, or
// the built-in framework, and stay out of the index.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CompletionRequest,
  DocumentDiagnosticRequest,
  RenameRequest,
  type CompletionItem,
  type FullDocumentDiagnosticReport,
  type PublishDiagnosticsParams,
  type TextDocumentEdit,
} from 'vscode-languageserver-protocol';
import { DocumentFragmentsRequest, TreeRequest } from '../../server/src/protocol';
import { fullCapabilities, openProject, range, TestClient } from './client';

const TEXT = '---\npractice: Los\n---\n**S1:** Een [stuk]{#intentie/gestuurd #onbekend}.\n';

const pull = async (client: TestClient, uri: string): Promise<[unknown, unknown][]> => {
  const report = (await client.request(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as FullDocumentDiagnosticReport;
  return report.items.map((d) => [d.code, d.range]);
};

test('an untitled transcript is checked against the first folder’s codebook, coded, renamed with the others, and not indexed', async (t) => {
  const { client, uri } = await openProject(t, ['project'], { capabilities: fullCapabilities(true) });
  const untitled = 'untitled:Untitled-1';
  await client.open(untitled, TEXT);
  assert.deepEqual(await pull(client, untitled), [['undefined-code', range(3, 38, 3, 47)]]);

  const completion = (await client.request(CompletionRequest.type, { textDocument: { uri: untitled }, position: { line: 3, character: 23 } })) as CompletionItem[] | { items: CompletionItem[] };
  const labels = (Array.isArray(completion) ? completion : completion.items).map((i) => i.label);
  assert.ok(labels.includes('intentie/intrinsiek'), `the project's own sub-code is offered: ${labels.join(', ')}`);

  const { fragments } = await client.request(DocumentFragmentsRequest, { uri: untitled });
  assert.deepEqual(
    fragments.map((f) => [f.codes, f.range, f.speaker]),
    [[['intentie/gestuurd', 'onbekend'], range(3, 13, 3, 17), 'S1']],
  );

  // Renaming a code renames it in the untitled transcript too, which the same codebook checks.
  const rename = await client.request(RenameRequest.type, { textDocument: { uri: untitled }, position: { line: 3, character: 25 }, newName: 'intentie/opgelegd' });
  const edits = (rename?.documentChanges ?? []) as TextDocumentEdit[];
  const inUntitled = edits.find((e) => e.textDocument.uri === untitled);
  assert.deepEqual(inUntitled, { textDocument: { uri: untitled, version: 1 }, edits: [{ range: range(3, 20, 3, 37), newText: 'intentie/opgelegd' }] });
  assert.ok(edits.some((e) => e.textDocument.uri === uri('codebook.md')), 'the codebook is renamed too');

  // Not in the index: the views do not count it.
  const tree = await client.request(TreeRequest, { view: 'practices' });
  assert.ok(!tree.roots.some((node) => node.label === 'Los'), JSON.stringify(tree.roots.map((node) => node.label)));

  // A file outside the folder, while folders are open, is not Kader's.
  const elsewhere = 'file:///elders/gesprek.md';
  await client.open(elsewhere, TEXT);
  assert.deepEqual(await pull(client, elsewhere), []);

  await client.close(untitled);
  assert.deepEqual(await pull(client, untitled), []);
  assert.deepEqual(client.errors(), []);
});

test('without a workspace folder, an open Markdown file is checked against the built-in framework', async (t) => {
  const client = await TestClient.start({ folders: [], capabilities: fullCapabilities(true) });
  t.after(() => client.dispose());
  const file = 'file:///elders/gesprek.md';
  await client.open(file, TEXT);
  // #intentie/gestuurd is one of the built-in framework's sub-codes (the article's distinctions).
  assert.deepEqual(await pull(client, file), [['undefined-code', range(3, 38, 3, 47)]]);
  await client.open('file:///elders/notities.txt', TEXT, 'plaintext');
  assert.deepEqual(await pull(client, 'file:///elders/notities.txt'), []);
  assert.deepEqual(client.errors(), []);
});

test('push: an untitled transcript hears its diagnostics when opened, after typing, and none once closed', async (t) => {
  const { client } = await openProject(t);
  const untitled = 'untitled:Untitled-2';
  const opened = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === untitled);
  await client.open(untitled, TEXT);
  assert.deepEqual((await opened).diagnostics.map((d) => [d.code, d.range]), [['undefined-code', range(3, 38, 3, 47)]]);

  const typed = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === untitled && p.version === 2);
  await client.edit(untitled, range(3, 38, 3, 47), '#context');
  assert.deepEqual((await typed).diagnostics, []);

  const again = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === untitled && p.version === 3);
  await client.edit(untitled, range(3, 38, 3, 38), '#nieuw ');
  assert.deepEqual((await again).diagnostics.map((d) => [d.code, d.range]), [['undefined-code', range(3, 38, 3, 44)]]);
  const cleared = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === untitled && p.diagnostics.length === 0 && p.version === undefined);
  await client.close(untitled);
  await cleared;
});
