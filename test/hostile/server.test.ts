// The hostile corpus through the language server, over real JSON-RPC (test/server/client.ts):
// every case's folder is a workspace folder of one server; the scan must finish, each text case
// is opened as an editor would (decoded text) and gets its diagnostics, and the server still
// answers afterwards. A file deleted between listing and reading is injected through the
// FileSystem interface. No promise may be rejected without a handler.

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { HoverRequest, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { CodesRequest, DocumentFragmentsRequest } from '../../server/src/protocol';
import { decodeText } from '../../server/src/core/fileText';
import { nodeFileSystem } from '../../server/src/workspace/nodeFileSystem';
import { fileUri } from '../../server/src/workspace/uris';
import { TestClient } from '../server/client';
import { CASES, type Scale } from './cases';
import { materialize, subjectBytes, tempCorpus } from './generate';

const scale: Scale = process.env['KADER_HOSTILE_SCALE'] === 'full' ? 'full' : 'unit';
const WAIT = scale === 'full' ? 600_000 : 120_000;

describe(`hostile corpus through the language server (${scale} scale)`, () => {
  const corpus = tempCorpus('kader-hostile-server-');
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };
  const folders = new Map<string, string>();
  const originalList = nodeFileSystem.listTranscripts;
  let client: TestClient;

  before(async () => {
    process.on('unhandledRejection', onRejection);
    for (const hostile of CASES) folders.set(hostile.name, materialize(hostile, scale, corpus.dir));
    // One more folder: `weg.md` is listed, then deleted before it is read.
    const deleted = materialize({ ...CASES[0]!, name: 'deleted-while-indexing', files: () => ({ 'weg.md': '[x]{#intentie}\n', 'blijft.md': '[y]{#intentie}\n' }) }, scale, corpus.dir);
    folders.set('deleted-while-indexing', deleted);
    nodeFileSystem.listTranscripts = async (root, codebookPath) => {
      const listing = await originalList(root, codebookPath);
      if (root === fileUri(deleted)) rmSync(path.join(deleted, 'weg.md'), { force: true });
      return listing;
    };
    // The hostile folders have no codebook: kader.project makes each a Kader project.
    client = await TestClient.start({ folders: [...folders.values()], settings: { project: 'always' } });
  });

  after(async () => {
    nodeFileSystem.listTranscripts = originalList;
    await client?.dispose();
    corpus.remove();
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', onRejection);
    assert.deepEqual(rejections, [], 'no promise was rejected without a handler');
  });

  test('the initial scan of every hostile folder finished (the server answered kader/codes)', async () => {
    for (const folder of folders.values()) {
      const result = await client.request(CodesRequest, { uri: fileUri(path.join(folder, 'ok.md')) });
      assert.ok(Array.isArray(result.codes));
    }
  });

  test('deleted-while-indexing: the deleted file is left out, the other one is indexed', async () => {
    const folder = folders.get('deleted-while-indexing')!;
    const gone = await client.request(DocumentFragmentsRequest, { uri: fileUri(path.join(folder, 'weg.md')) }).catch((error: Error) => error);
    if (!(gone instanceof Error)) assert.deepEqual(gone.fragments, []);
    const kept = await client.request(DocumentFragmentsRequest, { uri: fileUri(path.join(folder, 'blijft.md')) });
    assert.equal(kept.fragments.length, 1);
  });

  for (const hostile of CASES) {
    const expect = hostile.core;
    if (!expect || expect.skipped) continue;
    const todo = scale === 'full' ? hostile.knownAtFull : undefined;
    test(`${hostile.name}: opened in the editor, diagnostics published; ${hostile.expected}`, { todo }, async () => {
      const decoded = decodeText(subjectBytes(hostile, scale)!);
      assert.ok(decoded.ok);
      const uri = fileUri(path.join(folders.get(hostile.name)!, hostile.subject));
      // The codebook was checked by the scan; opening the same text changes nothing, so nothing
      // new is published: its latest diagnostics (none published: none) are read after a round trip.
      const codebook = expect.as === 'codebook';
      const wait = todo ? 120_000 : WAIT; // a known failure need not be waited for long
      const published = codebook ? undefined : client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri, wait);
      await client.open(uri, decoded.text);
      try {
        if (codebook) await client.request(CodesRequest, { uri });
        const diagnostics = published ? (await published).diagnostics : (client.published(uri)?.diagnostics ?? []);
        const rules = new Set(diagnostics.map((d) => String(d.code)));
        for (const rule of Object.keys(expect.rules ?? {})) assert.ok(rules.has(rule), `${rule} among ${[...rules].join(', ')}`);
        // Still up: it answers a request on the same document.
        await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
      } finally {
        // Closed even on failure: a document left open affects the next cases (see docs/reliability.md).
        await client.close(uri);
      }
    });
  }

  test('after the whole corpus the server still answers and logged no error', async () => {
    const result = await client.request(CodesRequest, {});
    assert.ok(result.codes.length > 0);
    assert.deepEqual(client.errors(), []);
  });
});
