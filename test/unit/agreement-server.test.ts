// The `kader/agreement`, `kader/agreementMerge`, `kader/revisions` and `kader/statistics` requests,
// answered in-process by the service over a temporary folder, through the server's handler table.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { applyEdits } from '../../server/src/core/edits';
import type { AgreementMergeResult, AgreementReport, RevisionsResult, StatisticsResult } from '../../server/src/protocol';
import { REQUEST_HANDLERS } from '../../server/src/handlers/index';
import { createKaderService, type KaderService } from '../../server/src/service/service';
import { importInWorker } from '../../server/src/workspace/importRunner';
import { nodeFileSystem } from '../../server/src/workspace/nodeFileSystem';
import { nodeGitAccess } from '../../server/src/workspace/nodeGitAccess';
import { fileUri } from '../../server/src/workspace/uris';

const temps: string[] = [];
after(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

const ANNA = '---\ncoder: anna\n---\nIk kwam [omdat het moest]{#intentie} en bleef.\n\nTweede alinea hier.\n';
const BERT = '---\ncoder: bert\n---\nIk kwam omdat het moest en bleef. {#intentie}\n\nTweede [alinea]{#actanten} hier.\n';

async function server(files: Record<string, string>): Promise<{ root: string; service: KaderService; call: <R>(method: string, params: unknown) => Promise<R> }> {
  const root = mkdtempSync(path.join(tmpdir(), 'kader-agree-server-'));
  temps.push(root);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  const log = { info: () => undefined, warn: () => undefined, error: (m: string) => assert.fail(m) };
  const service = createKaderService({ fileSystem: nodeFileSystem, git: nodeGitAccess, importer: importInWorker, log, locale: 'en' });
  const { workspace } = service;
  const { added } = workspace.updateFolders([{ uri: fileUri(root), name: 'project' }], []);
  await workspace.scan(added[0]!);
  workspace.markReady();
  const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) };
  return {
    root,
    service,
    call: async <R>(method: string, params: unknown): Promise<R> => (await REQUEST_HANDLERS.find((h) => h.method === method)!.answer(service, params, token)) as R,
  };
}

describe('the agreement requests', () => {
  test('kader/agreement with another file, then kader/agreementMerge', async () => {
    const { root, call } = await server({ 'g/anna.md': ANNA, 'g/bert.md': BERT });
    const uri = fileUri(path.join(root, 'g/anna.md'));
    const other = { kind: 'file', uri: fileUri(path.join(root, 'g/bert.md')) };
    const report = await call<AgreementReport>('kader/agreement', { uri, other });
    assert.equal(report.labelA, 'anna.md');
    assert.equal(report.labelB, 'bert.md');
    assert.deepEqual(report.coders, { a: 'anna', b: 'bert' });
    assert.equal(report.version, null);
    assert.deepEqual(report.disagreements.map((d) => d.text), ['Ik kwam', 'en bleef.', 'alinea']);
    const merge = await call<AgreementMergeResult>('kader/agreementMerge', { uri, other, choices: [{ disagreement: 2, accept: 'b' }] });
    assert.deepEqual(merge.problems, []);
    assert.equal(applyEdits(ANNA, merge.edits), ANNA.replace('Tweede alinea', 'Tweede [alinea]{#actanten}'));
    // Choices that are not choices are dropped.
    const none = await call<AgreementMergeResult>('kader/agreementMerge', { uri, other, choices: [{ disagreement: 'x', accept: 'b' }, null] });
    assert.deepEqual(none.edits, []);
  });

  test('kader/agreement with a git revision, and kader/revisions', async () => {
    const { root, call } = await server({ 'g/gesprek.md': ANNA });
    const git = (...args: string[]): string =>
      execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'anna');
    git('checkout', '-q', '-b', 'bert');
    writeFileSync(path.join(root, 'g/gesprek.md'), BERT);
    git('commit', '-q', '-am', 'bert');
    git('checkout', '-q', 'main');
    const uri = fileUri(path.join(root, 'g/gesprek.md'));
    const revisions = await call<RevisionsResult>('kader/revisions', { uri });
    assert.deepEqual(revisions.refs.map((r) => r.name).sort(), ['bert', 'main']);
    assert.deepEqual(revisions.history.map((c) => c.subject), ['anna']);
    const report = await call<AgreementReport>('kader/agreement', { uri, other: { kind: 'revision', rev: 'bert' } });
    assert.equal(report.labelB, 'gesprek.md @ bert');
    assert.deepEqual(report.coders, { a: 'anna', b: 'bert' });
    await assert.rejects(call('kader/agreement', { uri, other: { kind: 'revision', rev: '--output=/tmp/x' } }), /is not a revision/);
    await assert.rejects(call('kader/agreement', { uri, other: { kind: 'revision', rev: 'bert' }, threshold: 500 }), /threshold/);
  });
});

describe('the statistics request', () => {
  test('kader/statistics: the first folder, filtered by coder', async () => {
    const { root, call } = await server({ 'breda/a.md': ANNA, 'tilburg/b.md': BERT });
    const all = await call<StatisticsResult>('kader/statistics', {});
    assert.equal(all.folderName, 'project');
    assert.deepEqual(all.practices.map((p) => p.label), ['breda', 'tilburg']);
    assert.equal(all.total, 3);
    assert.equal(all.fragments[0]!.uri, fileUri(path.join(root, 'breda/a.md')));
    const bert = await call<StatisticsResult>('kader/statistics', { filter: { coder: 'bert' }, cooccurrence: 'code' });
    assert.equal(bert.total, 2);
    assert.equal(bert.cooccurrence.level, 'code');
  });
});
