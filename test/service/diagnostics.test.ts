// Pulled diagnostics in-process: full reports, "unchanged" by result id, after edits, codebook
// changes, deleted files and settings (the expectations of test/server/diagnostics.test.ts).

import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import type {
  Diagnostic,
  DocumentDiagnosticReport,
  FullDocumentDiagnosticReport,
  WorkspaceDiagnosticReport,
  WorkspaceFullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import type { DocumentFragmentsResult } from '../../server/src/protocol';
import { TILBURG_DIAGNOSTICS } from './expectations';
import { fullCapabilities, range, startService, type Harness } from './harness';

const PULL = { capabilities: fullCapabilities(true) };

const pull = (h: Harness, uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> =>
  h.request('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
const pullWorkspace = (h: Harness, previous: WorkspaceFullDocumentDiagnosticReport[] = []): Promise<WorkspaceDiagnosticReport> =>
  h.request('workspace/diagnostic', { previousResultIds: previous.map((r) => ({ uri: r.uri, value: r.resultId! })) });
const items = async (h: Harness, uri: string): Promise<Diagnostic[]> => ((await pull(h, uri)) as FullDocumentDiagnosticReport).items;

test('pull: document and workspace diagnostics with result ids; full reports again after a codebook change on disk', async (t) => {
  const h = await startService(t, PULL);
  const tilburg = h.uri('tilburg/gesprek-2.md');
  await h.open(tilburg);
  const first = (await pull(h, tilburg)) as FullDocumentDiagnosticReport;
  assert.equal(first.kind, 'full');
  assert.deepEqual(first.items, TILBURG_DIAGNOSTICS);
  assert.equal(typeof first.resultId, 'string');
  assert.deepEqual(await pull(h, tilburg, first.resultId), { kind: 'unchanged', resultId: first.resultId });

  const all = await pullWorkspace(h);
  const reports = all.items as WorkspaceFullDocumentDiagnosticReport[];
  assert.deepEqual(
    reports.map((r) => [r.uri, r.kind, r.version, r.items]),
    [
      [h.uri('codebook.md'), 'full', null, []],
      [h.uri('breda/gesprek-1.md'), 'full', null, []],
      [h.uri('intro.md'), 'full', null, []],
      [tilburg, 'full', 1, TILBURG_DIAGNOSTICS],
    ],
  );
  assert.deepEqual(
    (await pullWorkspace(h, reports)).items,
    reports.map((r) => ({ kind: 'unchanged', uri: r.uri, version: r.version, resultId: r.resultId })),
  );

  await writeFile(h.path('codebook.md'), '# Intentie {#intentie}\n\n# Onbekend {#onbekend}\n');
  await h.fileChanged(h.uri('codebook.md'), 'changed');
  const after = await pullWorkspace(h, reports);
  assert.deepEqual(
    after.items.map((r) => [r.uri, r.kind, r.kind === 'full' ? r.items.map((d) => [d.code, d.range]) : null]),
    [
      [h.uri('codebook.md'), 'full', []],
      [
        h.uri('breda/gesprek-1.md'),
        'full',
        [
          ['undefined-subcode', range(8, 34, 8, 52)],
          ['undefined-subcode', range(10, 30, 10, 50)],
          ['undefined-code', range(12, 5, 12, 13)],
        ],
      ],
      [h.uri('intro.md'), 'full', [['undefined-code', range(0, 25, 0, 36)]]],
      [
        tilburg,
        'full',
        [
          ['undefined-subcode', range(4, 18, 4, 36)],
          ['undefined-code', range(4, 53, 4, 64)],
          ['undefined-code', range(6, 22, 6, 33)],
          ['duplicate-code', range(6, 35, 6, 46)],
          ['missing-hash', range(6, 50, 6, 58)],
        ],
      ],
    ],
  );
  assert.deepEqual((after.items[3] as WorkspaceFullDocumentDiagnosticReport).items[0], {
    range: range(4, 18, 4, 36),
    severity: 3,
    code: 'undefined-subcode',
    source: 'kader',
    message: '#intentie/gestuurd is a new sub-code of #intentie, not yet in the codebook.',
  });
  assert.deepEqual(h.errors(), []);
});

test('pull: editing the open codebook re-checks every transcript and checks the codebook itself', async (t) => {
  const h = await startService(t, PULL);
  const codebook = h.uri('codebook.md');
  const tilburg = h.uri('tilburg/gesprek-2.md');
  await h.open(codebook);
  const before = (await pull(h, tilburg)) as FullDocumentDiagnosticReport;
  h.change(codebook, `${h.text(codebook)}\n# Onbekend {#onbekend color="rood"}\n\n# Nog eens {#context}\n`);
  const after = (await pull(h, tilburg, before.resultId)) as FullDocumentDiagnosticReport;
  assert.equal(after.kind, 'full');
  assert.deepEqual(after.items, TILBURG_DIAGNOSTICS.filter((d) => d.code !== 'undefined-code'));
  assert.deepEqual(await items(h, codebook), [
    { range: range(23, 11, 23, 35), severity: 2, code: 'codebook-color', source: 'kader', message: '“rood” is not a colour: write “#RGB” or “#RRGGBB”.' },
    { range: range(25, 12, 25, 20), severity: 1, code: 'codebook-duplicate', source: 'kader', message: '#context is already defined on line 16.' },
  ]);
  // Closed again, the codebook on disk counts: #onbekend is undefined once more.
  await h.close(codebook);
  assert.deepEqual(await items(h, tilburg), TILBURG_DIAGNOSTICS);
});

test('pull: typing in an open transcript, edit by edit; the fragments asked for afterwards follow every edit', async (t) => {
  const h = await startService(t, PULL);
  const breda = h.uri('breda/gesprek-1.md');
  await h.open(breda);
  h.change(breda, 'Een [eerste]{#intentie} zin.\n\nTwee {#activiteit}\n\nDrie [derde]{#context}.\n');
  const codes = async (): Promise<[unknown, unknown][]> => (await items(h, breda)).map((d) => [d.code, d.range]);
  assert.deepEqual(await codes(), []);
  h.edit(breda, range(0, 22, 0, 22), ' #onbekend');
  assert.deepEqual(await codes(), [['undefined-code', range(0, 23, 0, 32)]]);
  h.edit(breda, range(2, 0, 2, 0), '**S1:** ');
  h.edit(breda, range(4, 23, 4, 23), '\n\nVier {#context #context}');
  assert.deepEqual(await codes(), [
    ['undefined-code', range(0, 23, 0, 32)],
    ['duplicate-code', range(6, 15, 6, 23)],
  ]);
  h.edit(breda, range(0, 22, 0, 32), '');
  assert.deepEqual(await codes(), [['duplicate-code', range(6, 15, 6, 23)]]);
  const { fragments, version } = await h.request<DocumentFragmentsResult>('kader/documentFragments', { uri: breda });
  assert.equal(version, 6);
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
  const h = await startService(t, PULL);
  const tilburg = h.uri('tilburg/gesprek-2.md');
  const first = (await pullWorkspace(h)).items as WorkspaceFullDocumentDiagnosticReport[];
  await h.fileChanged(tilburg, 'deleted');
  const after = await pullWorkspace(h, first);
  assert.deepEqual(
    after.items.map((r) => [r.uri, r.kind]),
    [
      [h.uri('codebook.md'), 'unchanged'],
      [h.uri('breda/gesprek-1.md'), 'unchanged'],
      [h.uri('intro.md'), 'unchanged'],
      [tilburg, 'full'],
    ],
  );
  assert.deepEqual(after.items.at(-1), { kind: 'full', uri: tilburg, version: null, items: [] });

  await h.configure({ diagnostics: { severity: { 'undefined-code': 'hint', 'duplicate-code': 'off' } } });
  // Every result id changed with the settings.
  assert.deepEqual(
    (await pullWorkspace(h, first)).items.map((r) => r.kind),
    ['full', 'full', 'full', 'full'],
  );
  await h.open(h.uri('intro.md'), 'Hallo [x]{#nieuw} en {#context #context}\n');
  assert.deepEqual(await items(h, h.uri('intro.md')), [{ range: range(0, 10, 0, 16), severity: 4, code: 'undefined-code', source: 'kader', message: '#nieuw is not in the codebook.' }]);
});

test('pull: the language setting translates every message', async (t) => {
  const h = await startService(t, PULL);
  const tilburg = h.uri('tilburg/gesprek-2.md');
  const english = (await pull(h, tilburg)) as FullDocumentDiagnosticReport;
  await h.configure({ language: 'nl', diagnostics: { severity: { 'code-case': 'off', 'undefined-code': 'error', 'missing-hash': 'bogus' } } });
  const dutch = (await pull(h, tilburg, english.resultId)) as FullDocumentDiagnosticReport;
  assert.deepEqual(
    dutch.items.map((d) => [d.code, d.severity, d.message]),
    [
      ['undefined-code', 1, '#onbekend staat niet in het codeboek.'],
      ['duplicate-code', 2, '#activiteit staat al bij dit fragment.'],
      ['missing-hash', 4, 'Bedoel je de code #intentie? Codes beginnen met “#”.'],
    ],
  );
});

test('pull: an edit that leaves every finding as it was is "unchanged" with the held result id; a moved or new finding gets a full report', async (t) => {
  const h = await startService(t, PULL);
  const breda = h.uri('breda/gesprek-1.md');
  await h.open(breda, 'Eerste regel.\n\nTweede [iets]{#nieuw}.\n');
  const undefinedAt = (line: number, start: number): Diagnostic => ({
    range: range(line, start, line, start + 6),
    severity: 2,
    code: 'undefined-code',
    source: 'kader',
    message: '#nieuw is not in the codebook.',
  });
  const first = (await pull(h, breda)) as FullDocumentDiagnosticReport;
  assert.deepEqual(first.items, [undefinedAt(2, 14)]);
  h.edit(breda, range(0, 6, 0, 6), 'e');
  assert.deepEqual(await pull(h, breda, first.resultId), { kind: 'unchanged', resultId: first.resultId });
  assert.deepEqual(await items(h, breda), [undefinedAt(2, 14)]);
  h.edit(breda, range(2, 0, 2, 0), 'x');
  const moved = (await pull(h, breda, first.resultId)) as FullDocumentDiagnosticReport;
  assert.equal(moved.kind, 'full');
  assert.deepEqual(moved.items, [undefinedAt(2, 15)]);
  assert.notEqual(moved.resultId, first.resultId);
  h.edit(breda, range(0, 0, 0, 0), '\n');
  const down = (await pull(h, breda, moved.resultId)) as FullDocumentDiagnosticReport;
  assert.deepEqual(down.items, [undefinedAt(3, 15)]);
  h.edit(breda, range(3, 15, 3, 21), '#intentie');
  assert.deepEqual(((await pull(h, breda, down.resultId)) as FullDocumentDiagnosticReport).items, []);
  // Closed, it is read from disk again (no findings), and its next pull starts afresh.
  await h.close(breda);
  assert.deepEqual(await items(h, breda), []);
  assert.deepEqual(h.errors(), []);
});
