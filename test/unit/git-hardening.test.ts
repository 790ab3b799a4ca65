// A repository's own configuration must not make Kader's git calls start a program, and a `git`
// inside the workspace must never be the one that runs. Each hostile setting is first shown to
// work on plain git (so the test proves something), then the hardened calls of git.ts and
// `kader agree --rev` must leave no trace.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, beforeEach, describe, test } from 'node:test';
import { runCli } from '../../server/src/cli/main';
import { fileHistory, findGit, gitEnvironment, listRefs, showAtRevision } from '../../server/src/workspace/git';

const ANNA = '---\ncoder: anna\n---\nIk kwam [omdat het moest]{#intentie} en bleef.\n';
const BERT = '---\ncoder: bert\n---\nIk kwam omdat het moest en bleef. {#intentie}\n';

// The hostile programs are shell scripts.
const skip = process.platform === 'win32';

const temps: string[] = [];
after(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function temp(prefix: string): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
  temps.push(dir);
  return dir;
}

/** Where the hostile programs leave their marks: outside every repository. */
const marks = temp('kader-git-marks-');
beforeEach(() => {
  for (const f of readdirSync(marks)) rmSync(path.join(marks, f));
});
const marked = (): string[] => readdirSync(marks).sort();

/** An executable shell script that leaves `name` in the marks folder (and reads its input when it succeeds). */
function program(dir: string, name: string, exitCode = 0): string {
  const file = path.join(dir, `${name}.sh`);
  const read = exitCode === 0 ? 'cat >/dev/null 2>&1\n' : '';
  writeFileSync(file, `#!/bin/sh\ntouch '${path.join(marks, name)}'\n${read}exit ${exitCode}\n`);
  chmodSync(file, 0o755);
  return file;
}

const IDENTITY = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' };

/** Plain git, as Kader called it before: `git` from the PATH, the repository's configuration in force. */
function plainGit(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...env, ...IDENTITY }, stdio: ['ignore', 'pipe', 'ignore'] });
}

/**
 * A repository whose last commit (it changes g/gesprek.md) carries a signature and whose
 * `.git/config` names a program for every way git could start one while reading history.
 */
function hostileRepository(): { root: string; file: string } {
  const root = temp('kader-git-hostile-');
  const programs = temp('kader-git-programs-');
  const file = path.join(root, 'g', 'gesprek.md');
  mkdirSync(path.dirname(file));
  writeFileSync(file, ANNA);
  plainGit(root, ['init', '-q', '-b', 'main']);
  plainGit(root, ['add', '.']);
  plainGit(root, ['commit', '-q', '-m', 'anna']);
  writeFileSync(file, BERT);
  plainGit(root, ['add', '.']);
  const tree = plainGit(root, ['write-tree']).trim();
  const parent = plainGit(root, ['rev-parse', 'HEAD']).trim();
  // A signature need not be valid: git hands any signed commit to gpg.program to verify.
  const signed = [
    `tree ${tree}`,
    `parent ${parent}`,
    'author t <t@x> 1700000000 +0000',
    'committer t <t@x> 1700000000 +0000',
    'gpgsig -----BEGIN PGP SIGNATURE-----',
    ' ',
    ' iQEzBAABCAAdFiEE',
    ' -----END PGP SIGNATURE-----',
    '',
    'bert',
    '',
  ].join('\n');
  const commit = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: root, input: signed, encoding: 'utf8' }).trim();
  plainGit(root, ['update-ref', 'refs/heads/main', commit]);
  plainGit(root, ['branch', 'bert']);
  const config = (key: string, value: string): string => plainGit(root, ['config', key, value]);
  config('log.showSignature', 'true');
  config('gpg.program', program(programs, 'gpg'));
  config('gpg.ssh.program', program(programs, 'gpg-ssh'));
  config('core.fsmonitor', program(programs, 'fsmonitor'));
  config('core.pager', program(programs, 'pager'));
  config('pager.log', program(programs, 'pager-log'));
  config('diff.external', program(programs, 'external-diff'));
  config('diff.kader.textconv', program(programs, 'textconv'));
  config('filter.kader.smudge', program(programs, 'smudge'));
  config('filter.kader.clean', program(programs, 'clean'));
  writeFileSync(path.join(root, '.git', 'info', 'attributes'), '*.md diff=kader filter=kader\n');
  mkdirSync(path.join(root, '.git', 'hooks'), { recursive: true });
  for (const hook of ['post-index-change', 'reference-transaction', 'post-checkout']) {
    writeFileSync(path.join(root, '.git', 'hooks', hook), `#!/bin/sh\ntouch '${path.join(marks, `hook-${hook}`)}'\n`);
    chmodSync(path.join(root, '.git', 'hooks', hook), 0o755);
  }
  return { root, file };
}

/**
 * A partial clone with a blob left out, whose remote is reached over ssh through core.sshCommand,
 * and which allows ssh explicitly (protocol.ssh.allow wins over a `-c protocol.allow=never`).
 */
function partialClone(): { file: string; rev: string } {
  const origin = temp('kader-git-origin-');
  mkdirSync(path.join(origin, 'g'));
  writeFileSync(path.join(origin, 'g', 'gesprek.md'), ANNA);
  plainGit(origin, ['init', '-q', '-b', 'main']);
  plainGit(origin, ['add', '.']);
  plainGit(origin, ['commit', '-q', '-m', 'anna']);
  writeFileSync(path.join(origin, 'g', 'gesprek.md'), BERT);
  plainGit(origin, ['commit', '-q', '-am', 'bert']);
  plainGit(origin, ['config', 'uploadpack.allowFilter', 'true']);
  const parent = temp('kader-git-clone-');
  const root = path.join(parent, 'clone');
  plainGit(parent, ['clone', '-q', '--filter=blob:none', '--no-checkout', `file://${origin}`, root]);
  plainGit(root, ['config', 'remote.origin.url', 'ssh://kader.invalid/project']);
  plainGit(root, ['config', 'core.sshCommand', program(temp('kader-git-programs-'), 'ssh', 1)]);
  plainGit(root, ['config', 'protocol.ssh.allow', 'always']);
  mkdirSync(path.join(root, 'g'));
  return { file: path.join(root, 'g', 'gesprek.md'), rev: 'HEAD~1' };
}

describe('git with a hostile repository configuration', { skip }, () => {
  test('plain git runs the programs the configuration names (the attack is real)', () => {
    const { root, file } = hostileRepository();
    const g = path.dirname(file);
    plainGit(g, ['log', '-n20', '--format=%h%x00%s', '--', 'gesprek.md']);
    assert.deepEqual(marked(), ['gpg']);
    for (const f of readdirSync(marks)) rmSync(path.join(marks, f));
    plainGit(g, ['show', '--textconv', 'main:./gesprek.md']);
    assert.deepEqual(marked(), ['smudge', 'textconv']);
    for (const f of readdirSync(marks)) rmSync(path.join(marks, f));
    plainGit(root, ['status']);
    assert.ok(marked().includes('fsmonitor'), marked().join());
    assert.ok(marked().includes('hook-post-index-change'), marked().join());
  });

  test('fileHistory, listRefs and showAtRevision start none of them', async () => {
    const { root, file } = hostileRepository();
    const history = await fileHistory(file, 20, { untrusted: [root] });
    assert.deepEqual(history.map((c) => c.subject), ['bert', 'anna']);
    const refs = await listRefs(path.dirname(file), { untrusted: [root] });
    assert.deepEqual(refs.map((r) => r.name).sort(), ['bert', 'main']);
    assert.equal(await showAtRevision(file, 'main~1', { untrusted: [root] }), ANNA);
    assert.equal(await showAtRevision(file, 'bert'), BERT);
    assert.deepEqual(marked(), []);
  });

  test('kader agree --rev starts none of them', async () => {
    const { file } = hostileRepository();
    let out = '';
    let err = '';
    const code = await runCli(['agree', 'gesprek.md', '--rev', 'main~1'], { out: (t) => (out += t), err: (t) => (err += t), env: { LANG: 'en' }, cwd: path.dirname(file) });
    assert.equal(err, '');
    assert.equal(code, 0);
    assert.match(out, /^gesprek\.md vs gesprek\.md@main~1\n\nA: gesprek\.md \(bert\)\nB: gesprek\.md@main~1 \(anna\)\n/);
    assert.deepEqual(marked(), []);
  });

  test('a partial clone fetches nothing, so its ssh command never runs', async () => {
    const { file, rev } = partialClone();
    assert.throws(() => plainGit(path.dirname(file), ['cat-file', 'blob', `${rev}:./gesprek.md`]));
    assert.deepEqual(marked(), ['ssh'], 'plain git fetched the missing blob over ssh');
    for (const f of readdirSync(marks)) rmSync(path.join(marks, f));
    // The blob is missing and stays missing: an error the user reads, not a fetch.
    await assert.rejects(showAtRevision(file, rev), /lazy fetching disabled|not allowed|could not fetch|Not a valid object/);
    assert.deepEqual(marked(), []);
    writeFileSync(file, BERT);
    let err = '';
    const code = await runCli(['agree', 'gesprek.md', '--rev', rev], { out: () => undefined, err: (t) => (err += t), env: { LANG: 'en' }, cwd: path.dirname(file) });
    assert.equal(code, 2);
    assert.match(err, /^kader: gesprek\.md at HEAD~1: /);
    assert.deepEqual(marked(), []);
  });
});

describe('which git runs', { skip }, () => {
  /** A folder holding a fake `git` that leaves a mark, and the environment with `.` first on PATH. */
  function fakeGitIn(dir: string): NodeJS.ProcessEnv {
    writeFileSync(path.join(dir, 'git'), `#!/bin/sh\ntouch '${path.join(marks, 'fake-git')}'\nexit 1\n`);
    chmodSync(path.join(dir, 'git'), 0o755);
    return { ...process.env, PATH: ['.', '', 'g', dir, process.env['PATH']].join(path.delimiter) };
  }

  test('a git in the workspace runs when the PATH has `.` (the attack is real)', () => {
    const { root, file } = hostileRepository();
    const env = fakeGitIn(path.dirname(file));
    const result = spawnSync('git', ['--version'], { cwd: path.dirname(file), env });
    assert.equal(result.status, 1);
    assert.deepEqual(marked(), ['fake-git']);
    assert.ok(existsSync(root));
  });

  test('never the git in the workspace, nor one reached through a relative PATH entry or a link', async () => {
    const { root, file } = hostileRepository();
    const env = fakeGitIn(path.dirname(file));
    writeFileSync(path.join(root, 'git'), '#!/bin/sh\nexit 1\n');
    chmodSync(path.join(root, 'git'), 0o755);
    const link = path.join(temp('kader-git-link-'), 'bin');
    symlinkSync(root, link);
    const hostile = { ...env, PATH: [link, env['PATH']].join(path.delimiter) };
    const found = findGit(hostile, [root]);
    assert.ok(found);
    assert.ok(!found.git.startsWith(root) && path.isAbsolute(found.git), found.git);
    assert.deepEqual(
      found.path.split(path.delimiter).filter((p) => !path.isAbsolute(p) || p.startsWith(root) || p === link),
      [],
    );
    assert.equal((await fileHistory(file, 20, { env: hostile, untrusted: [root] })).length, 2);
    assert.equal(await showAtRevision(file, 'main~1', { env: hostile, untrusted: [root] }), ANNA);
    assert.deepEqual(marked(), []);
  });

  test('kader agree --rev never runs the git in its working directory', async () => {
    const { file } = hostileRepository();
    const saved = process.env['PATH'];
    process.env['PATH'] = fakeGitIn(path.dirname(file))['PATH'];
    try {
      const code = await runCli(['agree', 'gesprek.md', '--rev', 'main~1'], { out: () => undefined, err: () => undefined, env: { LANG: 'en' }, cwd: path.dirname(file) });
      assert.equal(code, 0);
    } finally {
      process.env['PATH'] = saved;
    }
    assert.deepEqual(marked(), []);
  });

  test('no git at all: a plain message', async () => {
    const { root, file } = hostileRepository();
    await assert.rejects(fileHistory(file, 20, { env: { PATH: `.${path.delimiter}${path.dirname(file)}` }, untrusted: [root] }), /git is not installed/);
  });

  test('the environment git runs in names no program and allows no transport', () => {
    const env = gitEnvironment({ PATH: '/x', HOME: '/h', GIT_EXTERNAL_DIFF: '/evil', GIT_ASKPASS: '/evil', SSH_ASKPASS: '/evil', GIT_DIR: '/elsewhere', GIT_SSH_COMMAND: '/evil', PAGER: '/evil' }, '/usr/bin');
    assert.deepEqual(env, {
      HOME: '/h',
      PATH: '/usr/bin',
      LC_ALL: 'C',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      GIT_PAGER: 'cat',
      PAGER: 'cat',
      GIT_OPTIONAL_LOCKS: '0',
      GIT_ALLOW_PROTOCOL: '',
      GIT_NO_LAZY_FETCH: '1',
      GIT_PROTOCOL_FROM_USER: '0',
    });
  });
});
