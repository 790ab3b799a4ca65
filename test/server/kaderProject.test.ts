// Kader only where Kader belongs: a folder is a Kader project when it has a codebook, or a
// transcript with Kader front matter, or `kader.project` says so. Elsewhere a Markdown file gets
// no diagnostics, no completion, no fragments, and the views offer to make the folder a project.

import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CompletionRequest, DocumentDiagnosticRequest, FileChangeType, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { DocumentFragmentsRequest, TreeRequest } from '../../server/src/protocol';
import { fileUri } from '../../server/src/workspace/uris';
import { fullCapabilities, range, TestClient } from './client';

const INSTALL = '# Mijn programma\n\n## Installation {#install}\n\nRun `npm install`.\n';
const NOT_IN_CODEBOOK = [{ range: range(2, 17, 2, 25), severity: 2, code: 'undefined-code', source: 'kader', message: '#install is not in the codebook.' }];
const CODEBOOK = '# Intentie {#intentie}\nWaarom doen mensen mee?\n\n# Installatie {#install}\nHoe het programma erop komt.\n';

/** A software project: Markdown files, no codebook, no Kader front matter. */
async function softwareProject(t: { after(fn: () => Promise<void>): void }, settings: Record<string, unknown> = {}) {
  const root = await mkdtemp(path.join(tmpdir(), 'kader-plain-'));
  const folder = path.join(root, 'programma');
  await mkdir(path.join(folder, 'docs'), { recursive: true });
  await writeFile(path.join(folder, 'docs', 'install.md'), INSTALL);
  await writeFile(path.join(folder, 'docs', 'usage.md'), 'Use it [well]{#usage}.\n');
  const client = await TestClient.start({ folders: [folder], capabilities: fullCapabilities(true), settings });
  t.after(async () => {
    await client.dispose();
    await rm(root, { recursive: true, force: true });
  });
  const uri = (relative: string): string => fileUri(path.join(folder, ...relative.split('/')));
  const pull = async (relative: string): Promise<unknown[]> =>
    ((await client.request(DocumentDiagnosticRequest.type, { textDocument: { uri: uri(relative) } })) as FullDocumentDiagnosticReport).items;
  return { client, folder, uri, pull };
}

test('a Markdown file in a folder without codebook or Kader front matter gets nothing; a codebook added makes the folder a project', async (t) => {
  const { client, folder, uri, pull } = await softwareProject(t);
  await client.open(uri('docs/install.md'));
  assert.deepEqual(await pull('docs/install.md'), []);
  assert.deepEqual(await client.request(CompletionRequest.type, { textDocument: { uri: uri('docs/install.md') }, position: { line: 2, character: 18 } }), null);
  assert.deepEqual(await client.request(DocumentFragmentsRequest, { uri: uri('docs/install.md') }), { version: 1, fragments: [] });
  assert.deepEqual(await client.request(TreeRequest, { view: 'aspects' }), { roots: [], coders: [], noProject: true });

  // The codebook arrives (a git pull, or Create Codebook): every Markdown file is a transcript now.
  await writeFile(path.join(folder, 'codebook.md'), CODEBOOK);
  const changed = client.indexChanged();
  await client.filesChanged([{ uri: uri('codebook.md'), type: FileChangeType.Created }]);
  await changed;
  await client.request(TreeRequest, { view: 'aspects' });
  assert.deepEqual(await pull('docs/install.md'), []);
  assert.deepEqual(await pull('docs/usage.md'), [
    { range: range(0, 14, 0, 20), severity: 2, code: 'undefined-code', source: 'kader', message: '#usage is not in the codebook.' },
  ]);
  const tree = await client.request(TreeRequest, { view: 'aspects' });
  assert.equal(tree.noProject, undefined);
  assert.deepEqual(
    tree.roots.map((n) => [n.label, n.count]),
    [
      ['Intentie', 0],
      ['Installatie', 1],
      ['usage', 1],
    ],
  );

  // And without it again, the folder is plain Markdown once more.
  await unlink(path.join(folder, 'codebook.md'));
  const removed = client.indexChanged();
  await client.filesChanged([{ uri: uri('codebook.md'), type: FileChangeType.Deleted }]);
  await removed;
  assert.deepEqual(await pull('docs/usage.md'), []);
  assert.deepEqual(await client.request(TreeRequest, { view: 'aspects' }), { roots: [], coders: [], noProject: true });
  assert.deepEqual(client.errors(), []);
});

test('a transcript with Kader front matter makes its folder a project while the front matter is there', async (t) => {
  const { client, uri, pull } = await softwareProject(t);
  await client.open(uri('docs/install.md'));
  assert.deepEqual(await pull('docs/install.md'), []);

  const changed = client.indexChanged();
  await client.change(uri('docs/install.md'), `---\npractice: leergemeenschap\n---\n${INSTALL}`);
  await changed;
  assert.deepEqual(await pull('docs/install.md'), [{ ...NOT_IN_CODEBOOK[0], range: range(5, 17, 5, 25) }]);
  // The other files of the folder are transcripts too.
  assert.deepEqual(await pull('docs/usage.md'), [
    { range: range(0, 14, 0, 20), severity: 2, code: 'undefined-code', source: 'kader', message: '#usage is not in the codebook.' },
  ]);

  const plain = client.indexChanged();
  await client.change(uri('docs/install.md'), INSTALL);
  await plain;
  assert.deepEqual(await pull('docs/install.md'), []);
  assert.deepEqual(await pull('docs/usage.md'), []);
  assert.deepEqual(client.errors(), []);
});

test('kader.project: "always" makes a folder a project, "never" silences one with a codebook', async (t) => {
  const { client, folder, uri, pull } = await softwareProject(t);
  await client.open(uri('docs/install.md'));
  assert.deepEqual(await pull('docs/install.md'), []);

  client.settings = { project: 'always' };
  const on = client.indexChanged();
  await client.configurationChanged();
  await on;
  assert.deepEqual(await pull('docs/install.md'), NOT_IN_CODEBOOK);
  assert.equal((await client.request(TreeRequest, { view: 'aspects' })).noProject, undefined);

  await writeFile(path.join(folder, 'codebook.md'), CODEBOOK);
  const codebook = client.indexChanged();
  await client.filesChanged([{ uri: uri('codebook.md'), type: FileChangeType.Created }]);
  await codebook;
  assert.deepEqual(await pull('docs/install.md'), []);

  client.settings = { project: 'never' };
  const off = client.indexChanged();
  await client.configurationChanged();
  await off;
  assert.deepEqual(await pull('docs/install.md'), []);
  assert.deepEqual(await pull('docs/usage.md'), []);
  assert.deepEqual(await client.request(TreeRequest, { view: 'aspects' }), { roots: [], coders: [], noProject: true });
  assert.deepEqual(client.errors(), []);
});

test('without a workspace folder, an open Markdown file is Kader’s only with Kader front matter', async (t) => {
  const client = await TestClient.start({ folders: [], capabilities: fullCapabilities(true) });
  t.after(() => client.dispose());
  const file = 'file:///elders/README-tool.md';
  await client.open(file, INSTALL);
  const report = (await client.request(DocumentDiagnosticRequest.type, { textDocument: { uri: file } })) as FullDocumentDiagnosticReport;
  assert.deepEqual(report.items, []);
  await client.change(file, `---\ncoder: Noor\n---\n${INSTALL}`);
  const marked = (await client.request(DocumentDiagnosticRequest.type, { textDocument: { uri: file } })) as FullDocumentDiagnosticReport;
  assert.deepEqual(marked.items, [{ ...NOT_IN_CODEBOOK[0], range: range(5, 17, 5, 25) }]);
  assert.deepEqual(client.errors(), []);
});

test('on disk: a transcript that gains Kader front matter, or a folder moved in holding one, makes the folder a project', async (t) => {
  const { client, folder, uri, pull } = await softwareProject(t);
  await writeFile(path.join(folder, 'docs', 'usage.md'), '---\ncoder: noor\n---\nUse it [well]{#usage}.\n');
  const marked = client.indexChanged();
  await client.filesChanged([{ uri: uri('docs/usage.md'), type: FileChangeType.Changed }]);
  await marked;
  assert.deepEqual(await pull('docs/usage.md'), [
    { range: range(3, 14, 3, 20), severity: 2, code: 'undefined-code', source: 'kader', message: '#usage is not in the codebook.' },
  ]);
  assert.deepEqual(await pull('docs/install.md'), NOT_IN_CODEBOOK);

  // Deleted: no transcript marks the folder any more.
  await unlink(path.join(folder, 'docs', 'usage.md'));
  const unmarked = client.indexChanged();
  await client.filesChanged([{ uri: uri('docs/usage.md'), type: FileChangeType.Deleted }]);
  await unmarked;
  assert.deepEqual(await pull('docs/install.md'), []);

  await mkdir(path.join(folder, 'gesprekken', 'noord'), { recursive: true });
  await writeFile(path.join(folder, 'gesprekken', 'noord', 'een.md'), '---\npractice: noord\n---\n**S1:** [Ik kwam]{#intentie}.\n');
  const moved = client.indexChanged();
  await client.filesChanged([{ uri: uri('gesprekken'), type: FileChangeType.Created }]);
  await moved;
  assert.deepEqual(await pull('docs/install.md'), NOT_IN_CODEBOOK);
  assert.deepEqual(
    (await client.request(TreeRequest, { view: 'practices' })).roots.map((n) => [n.label, n.count]),
    [
      ['docs', 1],
      ['noord', 1],
    ],
  );
  assert.deepEqual(client.errors(), []);
});

test('pull: a folder that becomes a project, or stops being one, has its open documents pulled again', async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), 'kader-plain-'));
  await writeFile(path.join(root, 'notes.md'), INSTALL);
  const client = await TestClient.start({ folders: [root], capabilities: fullCapabilities(true) });
  t.after(async () => {
    await client.dispose();
    await rm(root, { recursive: true, force: true });
  });
  const notes = fileUri(path.join(root, 'notes.md'));
  await client.open(notes);
  const pull = async (): Promise<unknown[]> => ((await client.request(DocumentDiagnosticRequest.type, { textDocument: { uri: notes } })) as FullDocumentDiagnosticReport).items;
  assert.deepEqual(await pull(), []);

  client.settings = { project: 'always' };
  let refreshed = client.waitFor('workspace/diagnostic/refresh');
  await client.configurationChanged();
  await refreshed;
  assert.deepEqual(await pull(), NOT_IN_CODEBOOK);

  client.settings = {};
  refreshed = client.waitFor('workspace/diagnostic/refresh');
  await client.configurationChanged();
  await refreshed;
  assert.deepEqual(await pull(), []);
  assert.deepEqual(client.errors(), []);
});
