import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { DocumentDiagnosticRequest, HoverRequest, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { DocumentFragmentsRequest } from '../../server/src/protocol';
import { fullCapabilities, openProject, range } from './client';

// 0.001 MB is 1,049 bytes: the file on disk and the open document below are past it, the fixtures are not.
const big = `**S1:** Een lang verhaal [hier]{#intentie}.\n\n${'Nog meer tekst. '.repeat(80)}\n`;

test('kader.transcripts.maxSizeMB: a file past it is skipped with a warning in the log; an open document past it gets one warning and no parse', async (t) => {
  const project = await openProject(t, ['project'], { capabilities: fullCapabilities(true), settings: { transcripts: { maxSizeMB: 0.001 } } }, async (root) => {
    await writeFile(`${root}/project/breda/groot.md`, big);
  });
  const { client } = project;
  const onDisk = project.uri('breda/groot.md');
  assert.ok(Buffer.byteLength(big) > 1049);
  assert.deepEqual(
    client.logs.filter((l) => l.type === 2).map((l) => l.message),
    [`${onDisk}: skipped: it is larger than 0.001 MB.`],
  );
  assert.deepEqual(await client.request(DocumentFragmentsRequest, { uri: onDisk }), { version: null, fragments: [] });

  const open = project.uri('breda/nieuw.md');
  await client.open(open, big);
  const pull = async (): Promise<FullDocumentDiagnosticReport> => (await client.request(DocumentDiagnosticRequest.type, { textDocument: { uri: open } })) as FullDocumentDiagnosticReport;
  assert.deepEqual((await pull()).items, [
    {
      range: range(0, 0, 0, 43),
      severity: 2,
      code: 'too-large',
      source: 'kader',
      message: 'This file is larger than 0.001 MB (kader.transcripts.maxSizeMB), so Kader does not read it: its codes are not found or counted.',
    },
  ]);
  assert.equal(await client.request(HoverRequest.type, { textDocument: { uri: open }, position: { line: 0, character: 36 } }), null);
  // Typing keeps it past the limit: still the one warning, moved with nothing.
  await client.edit(open, range(0, 8, 0, 8), 'Dus ');
  assert.deepEqual((await pull()).items.map((d) => [d.code, d.range]), [['too-large', range(0, 0, 0, 47)]]);

  // A larger limit: the file is read and the open document parsed.
  client.settings = { transcripts: { maxSizeMB: 1 } };
  const indexed = client.indexChanged();
  await client.configurationChanged();
  await indexed;
  await client.request(DocumentDiagnosticRequest.type, { textDocument: { uri: onDisk } });
  assert.equal((await client.request(DocumentFragmentsRequest, { uri: onDisk })).fragments.length, 1);
  assert.deepEqual((await pull()).items, []);
  assert.equal((await client.request(HoverRequest.type, { textDocument: { uri: open }, position: { line: 0, character: 40 } }))?.range?.start.character, 36);
  assert.deepEqual(client.errors(), []);
});
