// What the service's snapshot does for freshness: a `workspace` call brings every open document
// into the index itself; a `document` call reads the open document's own model and leaves the
// index as it was (server.ts syncs it after a pause in typing).

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import type { CodesResult, DocumentFragmentsResult, TreeResult } from '../../server/src/protocol';
import { fullCapabilities, pos, range, startService, type Harness } from './harness';

const INTRO = 'Welkom bij het project. {#activiteit}\n';

function indexed(h: Harness, relative: string): object | undefined {
  return h.workspace.folders[0]!.index.get(h.uri(relative))?.model;
}

const count = async (h: Harness, code: string): Promise<number | undefined> => (await h.request<CodesResult>('kader/codes', {})).codes.find((c) => c.code === code)?.count;

test('an edit left unsynced is in the next workspace-freshness answer, with no explicit sync', async (t) => {
  const h = await startService(t);
  const intro = h.uri('intro.md');
  await h.open(intro, INTRO);
  const before = indexed(h, 'intro.md');
  assert.equal(await count(h, 'context'), 1);

  h.change(intro, 'Welkom. {#context}\n', { sync: false });
  assert.equal(indexed(h, 'intro.md'), before, 'the change alone leaves the index as it was');
  assert.equal(await count(h, 'context'), 2);
  assert.equal(await count(h, 'activiteit'), 1);
  assert.notEqual(indexed(h, 'intro.md'), before);

  h.edit(intro, range(0, 9, 0, 17), '#intentie', { sync: false });
  const tree = await h.request<TreeResult>('kader/tree', { view: 'aspects' });
  assert.deepEqual(
    tree.roots.map((n) => [n.id, n.count]),
    [
      ['a:intentie', 5],
      ['a:context', 1],
      ['a:activiteit', 1],
      ['a:Activiteit', 1],
      ['a:onbekend', 1],
    ],
  );
  // Hover counts are workspace-fresh too.
  h.change(intro, 'Welkom. [hier]{#onbekend} {#context}\n', { sync: false });
  const hover = await h.service.hover({ textDocument: { uri: h.uri('tilburg/gesprek-2.md') }, position: pos(4, 70) });
  assert.deepEqual(hover, {
    contents: { kind: 'markdown', value: '`#onbekend`\n\nNot in the codebook.\n\n2 fragments in 2 practices  \nMost in: Tilburg (1), (no practice) (1)' },
    range: range(4, 65, 4, 74),
  });
});

test('a document-freshness call answers from the open text and leaves the index model as it was', async (t) => {
  const h = await startService(t, { capabilities: fullCapabilities(true) });
  const intro = h.uri('intro.md');
  await h.open(intro, INTRO);
  const synced = indexed(h, 'intro.md');
  assert.ok(synced);

  h.change(intro, 'Welkom. [hier]{#nieuw} en daar {#context #context}\n', { sync: false });
  const fragments = await h.request<DocumentFragmentsResult>('kader/documentFragments', { uri: intro });
  assert.equal(fragments.version, 2);
  assert.deepEqual(
    fragments.fragments.map((f) => [f.codes, f.range]),
    [
      [['context'], range(0, 0, 0, 30)],
      [['nieuw'], range(0, 9, 0, 13)],
    ],
  );
  const report = (await h.request('textDocument/diagnostic', { textDocument: { uri: intro } })) as FullDocumentDiagnosticReport;
  assert.deepEqual(
    report.items.map((d) => [d.code, d.range]),
    [
      ['undefined-code', range(0, 15, 0, 21)],
      ['duplicate-code', range(0, 41, 0, 49)],
    ],
  );
  assert.deepEqual(await h.service.foldingRanges({ textDocument: { uri: intro } }), []);
  assert.deepEqual(await h.service.highlights({ textDocument: { uri: intro }, position: pos(0, 35) }), [
    { range: range(0, 32, 0, 40), kind: 1 },
    { range: range(0, 41, 0, 49), kind: 1 },
  ]);
  assert.deepEqual(await h.service.prepareRename({ textDocument: { uri: intro }, position: pos(0, 17) }), { range: range(0, 16, 0, 21), placeholder: 'nieuw' });
  assert.equal(indexed(h, 'intro.md'), synced, 'document calls do not push the open document into the index');

  // The next workspace call does.
  assert.equal(await count(h, 'nieuw'), 1);
  assert.notEqual(indexed(h, 'intro.md'), synced);
  assert.equal(indexed(h, 'intro.md'), h.workspace.documents.model(h.workspace.documents.get(intro)!));
});

// Every transcript is checked against the codebook, so a document snapshot takes an edited open
// codebook as it is, within the server's pause in typing too.
test(
  'a document-freshness call on a transcript sees the open codebook as it is',
  async (t) => {
    const h = await startService(t);
    const codebook = h.uri('codebook.md');
    await h.open(codebook);
    h.change(codebook, `# Nieuw {#nieuw}\n\nUitleg.\n\n${h.text(codebook)}\n# Laatste {#laatste}\n`, { sync: false });
    const definition = await h.service.definition({ textDocument: { uri: h.uri('breda/gesprek-1.md') }, position: pos(8, 34) });
    const actions = await h.service.codeActions({ textDocument: { uri: h.uri('tilburg/gesprek-2.md') }, range: range(4, 70, 4, 70), context: { diagnostics: [] } });
    assert.deepEqual(definition, { uri: codebook, range: range(11, 0, 11, 32) });
    assert.deepEqual(
      actions.map((a) => a.edit),
      [{ documentChanges: [{ textDocument: { uri: codebook, version: 2 }, edits: [{ range: range(28, 0, 28, 0), newText: '\n# Onbekend {#onbekend}\n' }] }] }],
    );
  },
);
