// The standalone server as other editors start it: `kader-language-server --stdio`, built by
// `npm run build` (run here when dist/server.js is missing or older than the sources).

import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  DidOpenTextDocumentNotification,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { fileUri } from '../../server/src/workspace/uris';
import { copyFixtures, removeFolder } from './client';

const ROOT = path.resolve(__dirname, '../..');
const BUNDLE = path.join(ROOT, 'dist/server.js');

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

test('bin/kader-language-server.js --stdio: initialize, diagnostics, shutdown and exit', { timeout: 180_000 }, async (t) => {
  if (!existsSync(BUNDLE) || statSync(BUNDLE).mtimeMs < newestSource(path.join(ROOT, 'server/src'))) {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore', timeout: 170_000 });
  }
  const root = await copyFixtures('project');
  t.after(() => removeFolder(root));
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/kader-language-server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishDiagnosticsParams[] = [];
  let seen: (() => void) | undefined;
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push(params);
    seen?.();
  });
  connection.listen();

  const folder = path.join(root, 'project');
  const result = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: fileUri(folder),
    capabilities: {},
    workspaceFolders: null,
  });
  assert.deepEqual(result.serverInfo, { name: 'kader-language-server', version: '0.1.0' });
  assert.deepEqual(result.capabilities.completionProvider, { triggerCharacters: ['#', '{', '/'], resolveProvider: false });

  const uri = fileUri(path.join(folder, 'nieuw.md'));
  const diagnosed = new Promise<void>((resolve) => {
    seen = () => {
      if (published.some((p) => p.uri === uri)) resolve();
    };
  });
  await connection.sendNotification(InitializedNotification.type, {});
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'markdown', version: 1, text: 'Iets [nieuws]{#nieuw}\n' },
  });
  await diagnosed;
  assert.deepEqual(
    published.find((p) => p.uri === uri)!.diagnostics.map((d) => [d.code, d.source]),
    [['undefined-code', 'kader']],
  );

  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  assert.equal(await exited, 0);
  connection.dispose();
  assert.equal(stderr, '');
});

test('bin/kader-language-server.js without a transport prints its usage', { timeout: 60_000 }, () => {
  if (!existsSync(BUNDLE)) return;
  let failed: { status: number; stderr: string } | undefined;
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'bin/kader-language-server.js')], { stdio: 'pipe' });
  } catch (error) {
    failed = error as { status: number; stderr: string };
  }
  assert.equal(failed?.status, 2);
  assert.match(String(failed?.stderr), /^Usage: kader-language-server --stdio/);
});
