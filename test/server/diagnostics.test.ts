import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import {
  DocumentDiagnosticRequest,
  FileChangeType,
  WorkspaceDiagnosticRequest,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type FullDocumentDiagnosticReport,
  type PublishDiagnosticsParams,
  type WorkspaceFullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { DocumentFragmentsRequest } from '../../server/src/protocol';
import { fullCapabilities, openProject, range } from './client';

const TILBURG: Diagnostic[] = [
  {
    range: range(4, 53, 4, 64),
    severity: 2,
    code: 'code-case',
    source: 'kader',
    message: '#Activiteit differs only in upper and lower case from #activiteit in the codebook.',
  },
  { range: range(4, 65, 4, 74), severity: 2, code: 'undefined-code', source: 'kader', message: '#onbekend is not in the codebook.' },
  { range: range(6, 35, 6, 46), severity: 2, code: 'duplicate-code', source: 'kader', message: '#activiteit is already given to this fragment.' },
  { range: range(6, 50, 6, 58), severity: 4, code: 'missing-hash', source: 'kader', message: 'Did you mean the code #intentie? Codes start with “#”.' },
];

const codesOf = (p: PublishDiagnosticsParams | undefined): string[] => (p?.diagnostics ?? []).map((d) => String(d.code));

test('push: every transcript is checked at the start, open or not; clean unopened files get nothing', async (t) => {
  const { client, uri } = await openProject(t);
  assert.deepEqual(client.published(uri('tilburg/gesprek-2.md')), { uri: uri('tilburg/gesprek-2.md'), diagnostics: TILBURG });
  assert.equal(client.published(uri('breda/gesprek-1.md')), undefined);
  assert.equal(client.published(uri('intro.md')), undefined);
  assert.equal(client.published(uri('README.md')), undefined);
  assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
  assert.deepEqual(client.errors(), []);
});

test('push: typing is checked after a pause, with the version, and superseded versions are skipped', async (t) => {
  const { client, uri } = await openProject(t);
  const breda = uri('breda/gesprek-1.md');
  const opened = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === breda);
  await client.open(breda);
  assert.deepEqual(await opened, { uri: breda, diagnostics: [], version: 1 });

  const checked = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === breda && p.version === 3);
  await client.change(breda, 'Eerst {#intentie #intentie}\n');
  await client.change(breda, 'Dan [iets]{#intentie #nieuw} en {#}\n');
  const published = await checked;
  assert.deepEqual(published.diagnostics, [
    { range: range(0, 21, 0, 27), severity: 2, code: 'undefined-code', source: 'kader', message: '#nieuw is not in the codebook.' },
    { range: range(0, 33, 0, 34), severity: 1, code: 'invalid-code', source: 'kader', message: '“#” is not a valid code: use letters, digits, “-” and “_”, with “/” between levels.' },
  ]);
  // Version 2 was superseded before its pause ended: it was never checked.
  assert.equal(client.all<PublishDiagnosticsParams>('textDocument/publishDiagnostics').filter((p) => p.uri === breda && p.version === 2).length, 0);
});

test('push: a change that leaves the text as it was is answered too, with its version', async (t) => {
  const { client, uri } = await openProject(t);
  const breda = uri('breda/gesprek-1.md');
  const first = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === breda && p.version === 2);
  await client.open(breda);
  await client.change(breda, 'Dan [iets]{#intentie #nieuw}\r\n');
  assert.deepEqual(codesOf(await first), ['undefined-code']);
  const again = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === breda && p.version === 3);
  await client.change(breda, 'Dan [iets]{#intentie #nieuw}\r\n');
  assert.deepEqual(await again, { ...(await first), version: 3 });
});

test('push: severity settings change and switch off rules; the language setting translates', async (t) => {
  const { client, uri } = await openProject(t);
  const tilburg = uri('tilburg/gesprek-2.md');
  client.settings = { diagnostics: { severity: { 'code-case': 'off', 'undefined-code': 'error', 'missing-hash': 'bogus' } } };
  let published = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === tilburg);
  await client.configurationChanged();
  const p = await published;
  assert.deepEqual(codesOf(p), ['undefined-code', 'duplicate-code', 'missing-hash']);
  assert.deepEqual(p.diagnostics.map((d) => d.severity), [1, 2, 4]);

  client.settings = { language: 'nl' };
  published = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === tilburg);
  await client.configurationChanged();
  assert.deepEqual(
    (await published).diagnostics.map((d) => d.message),
    [
      '#Activiteit verschilt alleen in hoofdletters van #activiteit in het codeboek.',
      '#onbekend staat niet in het codeboek.',
      '#activiteit staat al bij dit fragment.',
      'Bedoel je de code #intentie? Codes beginnen met “#”.',
    ],
  );
});

test('push: editing the open codebook re-checks every transcript and checks the codebook itself', async (t) => {
  const { client, uri } = await openProject(t);
  const codebook = uri('codebook.md');
  const tilburg = uri('tilburg/gesprek-2.md');
  await client.open(codebook);
  const text = client.text(codebook)!;
  const rechecked = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === tilburg && !codesOf(p).includes('undefined-code'));
  const ownCheck = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === codebook && p.version === 2);
  await client.change(codebook, `${text}\n# Onbekend {#onbekend color="rood"}\n\n# Nog eens {#context}\n`);
  assert.deepEqual(codesOf(await rechecked), ['code-case', 'duplicate-code', 'missing-hash']);
  assert.deepEqual((await ownCheck).diagnostics, [
    { range: range(23, 11, 23, 35), severity: 2, code: 'codebook-color', source: 'kader', message: '“rood” is not a colour: write “#RGB” or “#RRGGBB”.' },
    { range: range(25, 12, 25, 20), severity: 1, code: 'codebook-duplicate', source: 'kader', message: '#context is already defined on line 16.' },
  ]);
});

test('push: a codebook changed on disk (watched) re-checks every transcript', async (t) => {
  const { client, uri, path } = await openProject(t);
  const tilburg = uri('tilburg/gesprek-2.md');
  await writeFile(path('codebook.md'), '# Activiteit {#Activiteit}\n\n# Onbekend {#onbekend}\n');
  const rechecked = client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === tilburg);
  await client.filesChanged([{ uri: uri('codebook.md'), type: FileChangeType.Changed }]);
  // #intentie is gone, #Activiteit is now the codebook's spelling, #onbekend is defined.
  assert.deepEqual(codesOf(await rechecked), ['undefined-code', 'code-case', 'duplicate-code']);
  assert.deepEqual(codesOf(client.published(uri('breda/gesprek-1.md'))), [
    'undefined-code',
    'undefined-code',
    'undefined-code',
    'undefined-code',
  ]);
});

test('pull: document and workspace diagnostics with result ids; refresh after a codebook change', async (t) => {
  const { client, uri, path } = await openProject(t, ['project'], { capabilities: fullCapabilities(true) });
  assert.deepEqual(client.initializeResult.capabilities.diagnosticProvider, { identifier: 'kader', interFileDependencies: true, workspaceDiagnostics: true });
  const tilburg = uri('tilburg/gesprek-2.md');
  await client.open(tilburg);
  const first = (await client.request(DocumentDiagnosticRequest.type, { textDocument: { uri: tilburg } })) as FullDocumentDiagnosticReport;
  assert.equal(first.kind, 'full');
  assert.deepEqual(first.items, TILBURG);
  assert.ok(first.resultId);
  assert.deepEqual(await client.request(DocumentDiagnosticRequest.type, { textDocument: { uri: tilburg }, previousResultId: first.resultId }), {
    kind: 'unchanged',
    resultId: first.resultId,
  });

  const all = await client.request(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
  const reports = all.items as WorkspaceFullDocumentDiagnosticReport[];
  assert.deepEqual(
    reports.map((r) => [r.uri, r.kind, r.version, r.items.map((d) => d.code)]),
    [
      [uri('codebook.md'), 'full', null, []],
      [uri('breda/gesprek-1.md'), 'full', null, []],
      [uri('intro.md'), 'full', null, []],
      [tilburg, 'full', 1, ['code-case', 'undefined-code', 'duplicate-code', 'missing-hash']],
    ],
  );
  const again = await client.request(WorkspaceDiagnosticRequest.type, { previousResultIds: reports.map((r) => ({ uri: r.uri, value: r.resultId! })) });
  assert.deepEqual(
    again.items.map((r) => r.kind),
    ['unchanged', 'unchanged', 'unchanged', 'unchanged'],
  );

  await writeFile(path('codebook.md'), '# Intentie {#intentie}\n\n# Onbekend {#onbekend}\n');
  const refreshed = client.waitFor('workspace/diagnostic/refresh');
  await client.filesChanged([{ uri: uri('codebook.md'), type: FileChangeType.Changed }]);
  await refreshed;
  const after = await client.request(WorkspaceDiagnosticRequest.type, { previousResultIds: reports.map((r) => ({ uri: r.uri, value: r.resultId! })) });
  assert.deepEqual(
    after.items.map((r) => [r.uri, r.kind, r.kind === 'full' ? r.items.map((d) => d.code) : null]),
    [
      [uri('codebook.md'), 'full', []],
      [uri('breda/gesprek-1.md'), 'full', ['undefined-subcode', 'undefined-subcode', 'undefined-code']],
      [uri('intro.md'), 'full', ['undefined-code']],
      [tilburg, 'full', ['undefined-subcode', 'undefined-code', 'undefined-code', 'duplicate-code', 'missing-hash']],
    ],
  );
  assert.equal(client.all('textDocument/publishDiagnostics').length, 0);
});

test('pull: typing in an open transcript, edit by edit; the model asked for afterwards follows every edit', async (t) => {
  const { client, uri } = await openProject(t, ['project'], { capabilities: fullCapabilities(true) });
  const breda = uri('breda/gesprek-1.md');
  await client.open(breda);
  await client.change(breda, 'Een [eerste]{#intentie} zin.\n\nTwee {#activiteit}\n\nDrie [derde]{#context}.\n');
  const pull = async (): Promise<[unknown, unknown][]> => {
    const report = (await client.request(DocumentDiagnosticRequest.type, { textDocument: { uri: breda } })) as FullDocumentDiagnosticReport;
    return report.items.map((d) => [d.code, d.range]);
  };
  assert.deepEqual(await pull(), []);
  await client.edit(breda, range(0, 22, 0, 22), ' #onbekend');
  assert.deepEqual(await pull(), [['undefined-code', range(0, 23, 0, 32)]]);
  await client.edit(breda, range(2, 0, 2, 0), '**S1:** ');
  await client.edit(breda, range(4, 23, 4, 23), '\n\nVier {#context #context}');
  assert.deepEqual(await pull(), [
    ['undefined-code', range(0, 23, 0, 32)],
    ['duplicate-code', range(6, 15, 6, 23)],
  ]);
  await client.edit(breda, range(0, 22, 0, 32), '');
  assert.deepEqual(await pull(), [['duplicate-code', range(6, 15, 6, 23)]]);
  const { fragments } = await client.request(DocumentFragmentsRequest, { uri: breda });
  assert.deepEqual(
    fragments.map((f) => [f.codes, f.range, f.speaker ?? null]),
    [
      [['intentie'], range(0, 5, 0, 11), null],
      [['activiteit'], range(2, 0, 2, 12), 'S1'],
      [['context'], range(4, 6, 4, 11), 'S1'],
      [['context'], range(6, 0, 6, 4), 'S1'],
    ],
  );
});

test('pull: a deleted file is cleared with an empty report; severity settings apply', async (t) => {
  const { client, uri } = await openProject(t, ['project'], { capabilities: fullCapabilities(true) });
  const tilburg = uri('tilburg/gesprek-2.md');
  const first = await client.request(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
  const previous = (first.items as WorkspaceFullDocumentDiagnosticReport[]).map((r) => ({ uri: r.uri, value: r.resultId! }));
  const refreshed = client.waitFor('workspace/diagnostic/refresh');
  await client.filesChanged([{ uri: tilburg, type: FileChangeType.Deleted }]);
  await refreshed;
  const after = await client.request(WorkspaceDiagnosticRequest.type, { previousResultIds: previous });
  assert.deepEqual(after.items.at(-1), { kind: 'full', uri: tilburg, version: null, items: [] });

  client.settings = { diagnostics: { severity: { 'undefined-code': 'hint' } } };
  const refreshedAgain = client.waitFor('workspace/diagnostic/refresh');
  await client.configurationChanged();
  await refreshedAgain;
  await client.open(uri('intro.md'), 'Hallo {#nieuw}\n');
  const report = (await client.request(DocumentDiagnosticRequest.type, { textDocument: { uri: uri('intro.md') } })) as FullDocumentDiagnosticReport;
  assert.deepEqual(report.items, [{ range: range(0, 7, 0, 13), severity: 4, code: 'undefined-code', source: 'kader', message: '#nieuw is not in the codebook.' }]);
});

test('pull: an edit that leaves every finding as it was is answered "unchanged" with the held result id; any moved or new finding gets a full report', async (t) => {
  const { client, uri } = await openProject(t, ['project'], { capabilities: fullCapabilities(true) });
  const breda = uri('breda/gesprek-1.md');
  await client.open(breda, 'Eerste regel.\n\nTweede [iets]{#nieuw}.\n');
  const pull = (previousResultId?: string): Promise<DocumentDiagnosticReport> =>
    client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: breda }, ...(previousResultId ? { previousResultId } : {}) });
  const undefinedAt = (line: number, start: number): Diagnostic => ({
    range: range(line, start, line, start + 6),
    severity: 2,
    code: 'undefined-code',
    source: 'kader',
    message: '#nieuw is not in the codebook.',
  });

  const first = (await pull()) as FullDocumentDiagnosticReport;
  assert.equal(first.kind, 'full');
  assert.deepEqual(first.items, [undefinedAt(2, 14)]);

  // Typing on the first line moves no finding.
  await client.edit(breda, range(0, 6, 0, 6), 'e');
  assert.deepEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId });
  // Without the held id the client gets it all.
  assert.deepEqual(((await pull()) as FullDocumentDiagnosticReport).items, [undefinedAt(2, 14)]);

  // Typing before the finding on its line moves it: a full report with the new range.
  await client.edit(breda, range(2, 0, 2, 0), 'x');
  const moved = (await pull(first.resultId)) as FullDocumentDiagnosticReport;
  assert.equal(moved.kind, 'full');
  assert.deepEqual(moved.items, [undefinedAt(2, 15)]);
  assert.notEqual(moved.resultId, first.resultId);

  // A new line above moves it down; fixing it clears it.
  await client.edit(breda, range(0, 0, 0, 0), '\n');
  const down = (await pull(moved.resultId)) as FullDocumentDiagnosticReport;
  assert.deepEqual(down.items, [undefinedAt(3, 15)]);
  await client.edit(breda, range(3, 15, 3, 21), '#intentie');
  assert.deepEqual(((await pull(down.resultId)) as FullDocumentDiagnosticReport).items, []);
  assert.deepEqual(client.errors(), []);
});
