// `kader/agreement` and `kader/revisions` over JSON-RPC: no git in an untrusted workspace (until
// the client says it is trusted), and no file outside the workspace folders, links included.

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { LSPErrorCodes, type ResponseError } from 'vscode-languageserver-protocol';
import { AgreementMergeRequest, AgreementRequest, RevisionsRequest, WorkspaceTrustNotification, type AgreementOther } from '../../server/src/protocol';
import { fileUri } from '../../server/src/workspace/uris';
import { TestClient, type StartOptions } from './client';

const ANNA = '---\ncoder: anna\n---\nIk kwam [omdat het moest]{#intentie} en bleef.\n';
const BERT = '---\ncoder: bert\n---\nIk kwam omdat het moest en bleef. {#intentie}\n';

const UNTRUSTED = {
  en: 'This workspace is not trusted, so Kader runs no git here: comparing with a branch or commit needs a trusted workspace (Manage Workspace Trust). Comparing with another file works.',
  nl: 'Deze werkruimte is niet vertrouwd, dus Kader voert hier geen git uit: vergelijken met een branch of commit kan alleen in een vertrouwde werkruimte (Werkruimtevertrouwen beheren). Vergelijken met een ander bestand kan wel.',
};
const outside = (name: string): string =>
  `${name} is outside the workspace folders (or a link leads outside them); Kader compares only files in the workspace and files open in the editor.`;

interface Setup {
  client: TestClient;
  /** The workspace folder: a git repository with g/anna.md on main and g/bert.md. */
  folder: string;
  /** A folder beside it, outside the workspace. */
  elsewhere: string;
  /** Where a hostile signature program would leave its mark. */
  mark: string;
}

async function start(t: { after(fn: () => Promise<void>): void }, options: Partial<StartOptions> = {}): Promise<Setup> {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'kader-agreement-')));
  const folder = path.join(root, 'project');
  const elsewhere = path.join(root, 'elsewhere');
  mkdirSync(path.join(folder, 'g'), { recursive: true });
  mkdirSync(elsewhere);
  writeFileSync(path.join(folder, 'g', 'anna.md'), ANNA);
  writeFileSync(path.join(folder, 'g', 'bert.md'), BERT);
  writeFileSync(path.join(elsewhere, 'geheim.md'), BERT);
  const mark = path.join(root, 'mark');
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: folder, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'anna');
  git('branch', 'bert');
  // Runs only if some git call honours the repository's signature settings (none may).
  writeFileSync(path.join(root, 'gpg.sh'), `#!/bin/sh\ntouch '${mark}'\n`);
  chmodSync(path.join(root, 'gpg.sh'), 0o755);
  git('config', 'log.showSignature', 'true');
  git('config', 'gpg.program', path.join(root, 'gpg.sh'));
  const client = await TestClient.start({ folders: [folder], ...options });
  t.after(async () => {
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  });
  return { client, folder, elsewhere, mark };
}

const uriOf = (...parts: string[]): string => fileUri(path.join(...parts));

function refusedWith(message: string): (error: ResponseError<unknown>) => boolean {
  return (error) => {
    assert.equal(error.message, message);
    assert.equal(error.code, LSPErrorCodes.RequestFailed);
    return true;
  };
}

test('an untrusted workspace: no revisions and no comparison with a revision, until trust is granted', async (t) => {
  const { client, folder, mark } = await start(t, { initializationOptions: { locale: 'en', workspaceTrusted: false } });
  const uri = uriOf(folder, 'g', 'anna.md');
  assert.deepEqual(await client.request(RevisionsRequest, { uri }), { refs: [], history: [], message: UNTRUSTED.en });
  const revision: AgreementOther = { kind: 'revision', rev: 'bert' };
  await assert.rejects(client.request(AgreementRequest, { uri, other: revision }), refusedWith(UNTRUSTED.en));
  await assert.rejects(client.request(AgreementMergeRequest, { uri, other: revision, choices: [] }), refusedWith(UNTRUSTED.en));
  // Comparing with a file needs no git and works.
  const report = await client.request(AgreementRequest, { uri, other: { kind: 'file', uri: uriOf(folder, 'g', 'bert.md') } });
  assert.deepEqual(report.coders, { a: 'anna', b: 'bert' });

  await client.connection.sendNotification(WorkspaceTrustNotification, { trusted: true });
  const revisions = await client.request(RevisionsRequest, { uri });
  assert.deepEqual(revisions.refs.map((r) => r.name).sort(), ['bert', 'main']);
  assert.deepEqual(revisions.history.map((c) => c.subject), ['anna']);
  assert.equal((await client.request(AgreementRequest, { uri, other: revision })).labelB, 'anna.md @ bert');
  assert.equal(existsSync(mark), false);
});

test('an untrusted workspace, in Dutch', async (t) => {
  const { client, folder } = await start(t, { locale: 'nl', initializationOptions: { locale: 'nl', workspaceTrusted: false } });
  const uri = uriOf(folder, 'g', 'anna.md');
  assert.equal((await client.request(RevisionsRequest, { uri })).message, UNTRUSTED.nl);
  await assert.rejects(client.request(AgreementRequest, { uri, other: { kind: 'revision', rev: 'main' } }), refusedWith(UNTRUSTED.nl));
});

test('a client that says nothing of trust (another editor) may use git', async (t) => {
  const { client, folder } = await start(t);
  const revisions = await client.request(RevisionsRequest, { uri: uriOf(folder, 'g', 'anna.md') });
  assert.equal(revisions.message, undefined);
  assert.deepEqual(revisions.refs.map((r) => r.name).sort(), ['bert', 'main']);
});

test('only files inside the workspace folders are compared; links that lead outside are refused', async (t) => {
  const { client, folder, elsewhere } = await start(t);
  const anna = uriOf(folder, 'g', 'anna.md');
  const file = (uri: string): AgreementOther => ({ kind: 'file', uri });
  const inside = await client.request(AgreementRequest, { uri: anna, other: file(uriOf(folder, 'g', 'bert.md')) });
  assert.equal(inside.labelB, 'bert.md');

  await assert.rejects(client.request(AgreementRequest, { uri: anna, other: file(uriOf(elsewhere, 'geheim.md')) }), refusedWith(outside('geheim.md')));
  await assert.rejects(client.request(AgreementRequest, { uri: uriOf(elsewhere, 'geheim.md'), other: file(anna) }), refusedWith(outside('geheim.md')));
  await assert.rejects(client.request(AgreementRequest, { uri: anna, other: file(`${fileUri(folder)}/g/../../elsewhere/geheim.md`) }), refusedWith(outside('geheim.md')));
  await assert.rejects(
    client.request(AgreementMergeRequest, { uri: anna, other: file(uriOf(elsewhere, 'geheim.md')), choices: [] }),
    refusedWith(outside('geheim.md')),
  );

  symlinkSync(path.join(elsewhere, 'geheim.md'), path.join(folder, 'g', 'link.md'));
  symlinkSync(elsewhere, path.join(folder, 'map'));
  await assert.rejects(client.request(AgreementRequest, { uri: anna, other: file(uriOf(folder, 'g', 'link.md')) }), refusedWith(outside('link.md')));
  await assert.rejects(client.request(AgreementRequest, { uri: anna, other: file(uriOf(folder, 'map', 'geheim.md')) }), refusedWith(outside('geheim.md')));
  assert.deepEqual(await client.request(RevisionsRequest, { uri: uriOf(folder, 'map', 'geheim.md') }), { refs: [], history: [], message: outside('geheim.md') });
  await assert.rejects(
    client.request(AgreementRequest, { uri: uriOf(folder, 'map', 'geheim.md'), other: { kind: 'revision', rev: 'main' } }),
    refusedWith(outside('geheim.md')),
  );

  // A link inside the folder to a file inside it is fine.
  symlinkSync(path.join(folder, 'g', 'bert.md'), path.join(folder, 'g', 'ook-bert.md'));
  assert.deepEqual((await client.request(AgreementRequest, { uri: anna, other: file(uriOf(folder, 'g', 'ook-bert.md')) })).coders, { a: 'anna', b: 'bert' });

  // A document open in the editor is the client's own text: it may be compared wherever it lives.
  await client.open(uriOf(elsewhere, 'geheim.md'));
  assert.deepEqual((await client.request(AgreementRequest, { uri: anna, other: file(uriOf(elsewhere, 'geheim.md')) })).coders, { a: 'anna', b: 'bert' });
});

test('a workspace that is no git repository: no revisions, and a plain line instead of git\'s error', async (t) => {
  for (const locale of ['en', 'nl'] as const) {
    const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'kader-no-git-')));
    writeFileSync(path.join(root, 'anna.md'), ANNA);
    writeFileSync(path.join(root, 'bert.md'), BERT);
    const client = await TestClient.start({ folders: [root], locale, initializationOptions: { locale, workspaceTrusted: true } });
    t.after(async () => {
      await client.dispose();
      rmSync(root, { recursive: true, force: true });
    });
    assert.deepEqual(await client.request(RevisionsRequest, { uri: uriOf(root, 'anna.md') }), {
      refs: [],
      history: [],
      message: {
        en: 'Comparing with a branch or commit needs a git repository: choose a file instead.',
        nl: 'Een branch of commit vergelijken vraagt een git-repository: kies een bestand.',
      }[locale],
    });
    // A revision asked for directly gets the same plain line, not git's "fatal: not a git repository".
    await assert.rejects(client.request(AgreementRequest, { uri: uriOf(root, 'anna.md'), other: { kind: 'revision', rev: 'HEAD' } }), (error: Error) => {
      assert.equal(error.message, {
        en: 'Comparing with a branch or commit needs a git repository: choose a file instead.',
        nl: 'Een branch of commit vergelijken vraagt een git-repository: kies een bestand.',
      }[locale]);
      return true;
    });
    // Comparing with the other coder's file works.
    assert.deepEqual((await client.request(AgreementRequest, { uri: uriOf(root, 'anna.md'), other: { kind: 'file', uri: uriOf(root, 'bert.md') } })).coders, { a: 'anna', b: 'bert' });
  }
});
