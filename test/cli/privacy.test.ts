// The privacy commands (issue #14): `kader pseudonymise`, `kader reidentify`, `kader check
// --privacy` (working tree, staged, history), `kader hooks install` and `kader export
// --pseudonymise`. Every person here is invented.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { parseTranscript } from '../../server/src/core/parse';
import { HOOK_MARK } from '../../server/src/cli/hooks';
import { run, temp } from './helpers';

const KEY = 'Marloes Verhagen: Deelnemer 1\nTeun Oosterbeek: Deelnemer 2\n';

const TRANSCRIPT = [
  '---',
  'participants: [Interviewer, Marloes Verhagen, Teun Oosterbeek]',
  '---',
  '**Marloes Verhagen:** Ik [zag Teun]{#actanten memo="Teun\'s buurman"} bij meneer Pietersen. {#context}',
  '',
  '**Interviewer:** Bel 06-12345678 of mail marloes@voorbeeld.nl.',
  '',
].join('\n');

const PSEUDONYMISED = [
  '---',
  'participants: [Interviewer, Deelnemer 1, Deelnemer 2]',
  '---',
  '**Deelnemer 1:** Ik [zag Deelnemer 2]{#actanten memo="Deelnemer 2\'s buurman"} bij meneer Pietersen. {#context}',
  '',
  '**Interviewer:** Bel [telefoonnummer] of mail [e-mail].',
  '',
].join('\n');

const REAL_WORDS = ['Marloes', 'Verhagen', 'Teun', 'Oosterbeek', '06-12345678', 'voorbeeld.nl'];

/** A temporary folder (links resolved) with `files`. */
function tree(files: Record<string, string | Buffer>): string {
  const root = realpathSync(temp('kader-privacy-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}

/** A project folder and, beside it (outside it), the key. */
function project(files: Record<string, string | Buffer> = { 'data/gesprek.md': TRANSCRIPT }, key = KEY): string {
  return tree({ ...files, 'keys/key.yaml': key });
}

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Onderzoeker',
  GIT_AUTHOR_EMAIL: 'onderzoek@example.org',
  GIT_COMMITTER_NAME: 'Onderzoeker',
  GIT_COMMITTER_EMAIL: 'onderzoek@example.org',
};

/** Plain git, for setting up the repositories of these tests (Kader itself runs git only through git.ts). */
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function commit(cwd: string, message: string): string {
  git(cwd, 'commit', '-q', '-m', message);
  return git(cwd, 'rev-parse', 'HEAD').trim();
}

/** Every file under `root` (relative, sorted), `.git` left out. */
function files(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).filter((f) => !f.split(path.sep).includes('.git')).sort();
}

const en = (args: string[], cwd: string) => run(args, cwd);
const nl = (args: string[], cwd: string) => run([...args, '--lang', 'nl'], cwd);

describe('kader pseudonymise', () => {
  test('--dry-run lists every change and what it left alone, and writes nothing', async () => {
    const root = project();
    const file = path.join(root, 'data/gesprek.md');
    utimesSync(file, new Date(2020, 0, 1), new Date(2020, 0, 1));
    const before = statSync(file).mtimeMs;
    const { code, out, err } = await nl(['pseudonymise', 'data', '--key', 'keys/key.yaml', '--dry-run'], root);
    assert.equal(code, 0, err);
    assert.equal(
      out,
      [
        'gesprek.md',
        '  2:29: Marloes Verhagen → Deelnemer 1',
        '  2:47: Teun Oosterbeek → Deelnemer 2',
        '  4:3: Marloes Verhagen → Deelnemer 1',
        '  4:31: Teun → Deelnemer 2',
        '  4:53: Teun → Deelnemer 2',
        '  6:22: 06-12345678 → [telefoonnummer]',
        '  6:42: marloes@voorbeeld.nl → [e-mail]',
        '',
        'Niet vervangen (bekijk deze zelf; zet een naam in de sleutel om hem te vervangen):',
        'gesprek.md:4:81: information personal-data/title-name: “Pietersen” is misschien iemands naam (het volgt op een titel of rol).',
        '',
      ].join('\n'),
    );
    assert.equal(err, 'kader: 1 van de 1 transcripten zou veranderen (7 vervangingen); er is niets geschreven (--dry-run)\n');
    assert.equal(readFileSync(file, 'utf8'), TRANSCRIPT);
    assert.equal(statSync(file).mtimeMs, before);
    assert.deepEqual(files(root), ['data', 'data/gesprek.md', 'keys', 'keys/key.yaml']);
  });

  test('--format diff shows a unified diff', async () => {
    const root = project();
    const { code, out } = await nl(['pseudonymise', 'data', '--key', 'keys/key.yaml', '--dry-run', '--format', 'diff'], root);
    assert.equal(code, 0);
    assert.match(out, /^-{3} a\/gesprek\.md\n\+{3} b\/gesprek\.md\n/m);
    assert.match(out, /^-\*\*Marloes Verhagen:\*\* Ik \[zag Teun\]/m);
    assert.match(out, /^\+\*\*Deelnemer 1:\*\* Ik \[zag Deelnemer 2\]/m);
    assert.equal(readFileSync(path.join(root, 'data/gesprek.md'), 'utf8'), TRANSCRIPT);
  });

  test('writes through a temporary file, keeps every coding, and a second run changes nothing', async () => {
    const root = project();
    const file = path.join(root, 'data/gesprek.md');
    const { code, err } = await nl(['pseudonymise', 'data', '--key', 'keys/key.yaml'], root);
    assert.equal(code, 0, err);
    assert.equal(err, 'kader: 1 van de 1 transcripten gepseudonimiseerd (7 vervangingen)\n');
    assert.equal(readFileSync(file, 'utf8'), PSEUDONYMISED);
    assert.deepEqual(files(root), ['data', 'data/gesprek.md', 'keys', 'keys/key.yaml'], 'no temporary file is left behind');
    const codes = (text: string) => parseTranscript(text).fragments.map((f) => [f.kind, f.codes.join(' '), f.memo === undefined ? '' : 'memo']);
    assert.deepEqual(codes(PSEUDONYMISED), codes(TRANSCRIPT));

    utimesSync(file, new Date(2020, 0, 1), new Date(2020, 0, 1));
    const before = statSync(file).mtimeMs;
    const again = await en(['pseudonymise', 'data', '--key', 'keys/key.yaml'], root);
    assert.equal(again.code, 0);
    assert.doesNotMatch(again.out, /→/);
    assert.equal(again.err, 'kader: nothing to change: the 1 transcripts hold no name of the key and no other certain personal data\n');
    assert.equal(readFileSync(file, 'utf8'), PSEUDONYMISED);
    assert.equal(statSync(file).mtimeMs, before, 'the file was not written again');
  });

  test('a byte-order mark, CRLF line ends and the file mode stay', async () => {
    const root = project({ 'data/gesprek.md': '\uFEFF' + TRANSCRIPT.replace(/\n/g, '\r\n') });
    const file = path.join(root, 'data/gesprek.md');
    chmodSync(file, 0o640);
    assert.equal((await en(['pseudonymise', 'data', '--key', 'keys/key.yaml', '--lang', 'nl'], root)).code, 0);
    assert.equal(readFileSync(file, 'utf8'), '\uFEFF' + PSEUDONYMISED.replace(/\n/g, '\r\n'));
    assert.equal(statSync(file).mode & 0o777, 0o640);
  });

  test('a key with errors: each with its line, exit 2, nothing written', async () => {
    const cases: [string, string][] = [
      ['Marloes Verhagen: Deelnemer 1\nTeun Oosterbeek: Deelnemer 2\nMarloes Verhagen: Deelnemer 3\n', 'kader: keys/key.yaml: Line 3: “Marloes Verhagen” is given the pseudonym “Deelnemer 3” here, but “Deelnemer 1” on line 1.\n'],
      ['Marloes Verhagen: [Deelnemer 1\n', 'kader: keys/key.yaml: Line 2: The key is not valid YAML: '],
      [': Deelnemer 1\n', 'kader: keys/key.yaml: Line 1: This entry has no name.\n'],
      ['Marloes Verhagen: Teun\nTeun Oosterbeek: Deelnemer 2\n', 'kader: keys/key.yaml: Line 1: The pseudonym “Teun” of “Marloes Verhagen” is itself a real name in the key: of “Teun Oosterbeek” (line 2).\n'],
    ];
    for (const [key, message] of cases) {
      const root = project(undefined, key);
      const { code, out, err } = await en(['pseudonymise', 'data', '--key', 'keys/key.yaml'], root);
      assert.equal(code, 2, key);
      assert.equal(out, '');
      assert.ok(err.startsWith(message), err);
      assert.ok(err.endsWith('kader: the key cannot be used until it is corrected; nothing was written\n'), err);
      assert.equal(readFileSync(path.join(root, 'data/gesprek.md'), 'utf8'), TRANSCRIPT);
    }
  });

  test('usage: no key, a key that is not there, a bad format, a folder that is not there (exit 2)', async () => {
    const root = project();
    const noKey = await en(['pseudonymise', 'data'], root);
    assert.equal(noKey.code, 2);
    assert.equal(noKey.err, 'kader: name the key with --key FILE\nRun "kader --help" for usage.\n');
    const missing = await en(['pseudonymise', 'data', '--key', 'elders.yaml'], root);
    assert.equal(missing.code, 2);
    assert.equal(missing.err, 'kader: the key elders.yaml does not exist\n');
    assert.equal((await en(['pseudonymise', 'data', '--key', 'keys/key.yaml', '--format', 'json'], root)).code, 2);
    assert.equal((await en(['pseudonymise', 'nergens', '--key', 'keys/key.yaml'], root)).code, 2);
    assert.equal(readFileSync(path.join(root, 'data/gesprek.md'), 'utf8'), TRANSCRIPT);
  });

  test('a key that git tracks is used, with a warning', async () => {
    const root = project();
    git(root, 'init', '-q');
    git(root, 'add', 'keys/key.yaml');
    const { code, err } = await en(['pseudonymise', 'data', '--key', 'keys/key.yaml', '--dry-run'], root);
    assert.equal(code, 0);
    assert.match(err, /^kader: warning: git tracks the key keys\/key\.yaml \(in .+\), so everyone with a clone can see who is who\. Remove it from the repository \(git rm --cached\) and keep it outside\.\n/);
    const untracked = project();
    git(untracked, 'init', '-q');
    assert.doesNotMatch((await en(['pseudonymise', 'data', '--key', 'keys/key.yaml', '--dry-run'], untracked)).err, /warning/);
  });
});

describe('kader key', () => {
  test('adds every participant the key lacks, with the next free pseudonym; roles and forms of known names are left out', async () => {
    const root = project({
      'data/gesprek.md': TRANSCRIPT,
      'data/tweede.md': '---\nparticipants: [S1, Teun, Sanne de Wit-Ouwehand]\n---\n**Sanne de Wit-Ouwehand:** Ja.\n\n**Interviewer:** Dank.\n',
    }, 'Teun Oosterbeek: Deelnemer 4\n');
    const dry = await nl(['key', 'data', '--key', 'keys/key.yaml', '--dry-run'], root);
    assert.equal(dry.code, 0, dry.err);
    assert.equal(dry.out, 'Marloes Verhagen: Deelnemer 5\nSanne de Wit-Ouwehand: Deelnemer 6\n');
    assert.equal(readFileSync(path.join(root, 'keys/key.yaml'), 'utf8'), 'Teun Oosterbeek: Deelnemer 4\n');

    const { code, err } = await nl(['key', 'data', '--key', 'keys/key.yaml'], root);
    assert.equal(code, 0);
    assert.equal(err, 'kader: 2 namen aan de sleutel keys/key.yaml toegevoegd: controleer ze (een pseudoniem mag je veranderen) en voer dan kader pseudonymise uit\n');
    assert.equal(readFileSync(path.join(root, 'keys/key.yaml'), 'utf8'), 'Teun Oosterbeek: Deelnemer 4\nMarloes Verhagen: Deelnemer 5\nSanne de Wit-Ouwehand: Deelnemer 6\n');
    assert.deepEqual(files(path.join(root, 'keys')), ['key.yaml']);

    const again = await en(['key', 'data', '--key', 'keys/key.yaml'], root);
    assert.equal(again.code, 0);
    assert.equal(again.err, 'kader: the key keys/key.yaml has every participant of the 2 transcripts already\n');
  });

  test('creates a new key readable by its owner only, but never inside a git working tree', async () => {
    const root = project();
    const created = await en(['key', 'data', '--key', 'sleutels/nieuw.yaml'], root);
    assert.equal(created.code, 0, created.err);
    assert.equal(readFileSync(path.join(root, 'sleutels/nieuw.yaml'), 'utf8'), 'Marloes Verhagen: Participant 1\nTeun Oosterbeek: Participant 2\n');
    assert.equal(statSync(path.join(root, 'sleutels/nieuw.yaml')).mode & 0o777, 0o600);

    git(path.join(root, 'data'), 'init', '-q');
    const refused = await en(['key', 'data', '--key', 'data/sleutel.yaml'], root);
    assert.equal(refused.code, 2);
    assert.equal(refused.err, `kader: a key is never created inside a git working tree (${path.join(root, 'data')}): choose a place outside the repository\n`);
    assert.equal(existsSync(path.join(root, 'data/sleutel.yaml')), false);
    assert.equal((await en(['key', 'data'], root)).code, 2);
  });
});

describe('kader reidentify', () => {
  test('writes a copy with the real names into a folder outside every repository; never over a file without --force', async () => {
    const root = project({ 'data/gesprek.md': PSEUDONYMISED });
    const { code, err } = await en(['reidentify', 'data/gesprek.md', '--key', 'keys/key.yaml', '--out', 'echt'], root);
    assert.equal(code, 0, err);
    assert.equal(err, 'kader: wrote echt/gesprek.md (5 names put back)\n');
    const copy = readFileSync(path.join(root, 'echt/gesprek.md'), 'utf8');
    assert.equal(copy, PSEUDONYMISED.replace(/Deelnemer 1/g, 'Marloes Verhagen').replace(/Deelnemer 2/g, 'Teun Oosterbeek'));
    assert.equal(readFileSync(path.join(root, 'data/gesprek.md'), 'utf8'), PSEUDONYMISED);

    writeFileSync(path.join(root, 'echt/gesprek.md'), 'mijn aantekeningen');
    const refused = await en(['reidentify', 'data/gesprek.md', '--key', 'keys/key.yaml', '--out', 'echt'], root);
    assert.equal(refused.code, 1);
    assert.equal(refused.err, 'kader: echt/gesprek.md already exists; use --force to replace it\n');
    assert.equal(readFileSync(path.join(root, 'echt/gesprek.md'), 'utf8'), 'mijn aantekeningen');
    assert.equal((await en(['reidentify', 'data/gesprek.md', '--key', 'keys/key.yaml', '--out', 'echt', '--force'], root)).code, 0);
    assert.equal(readFileSync(path.join(root, 'echt/gesprek.md'), 'utf8'), copy);
    assert.deepEqual(files(path.join(root, 'echt')), ['gesprek.md'], 'no temporary file is left behind');
  });

  test('refuses a folder inside a git working tree, also one that does not exist yet (exit 2)', async () => {
    const root = project({ 'data/gesprek.md': PSEUDONYMISED });
    git(path.join(root, 'data'), 'init', '-q');
    for (const out of ['data', 'data/nieuw/echt']) {
      const { code, err } = await en(['reidentify', 'data/gesprek.md', '--key', 'keys/key.yaml', '--out', out], root);
      assert.equal(code, 2);
      assert.equal(err, `kader: ${out} is inside the git working tree ${path.join(root, 'data')}: a copy with the real names is never written into a repository. Choose a folder outside it.\n`);
    }
    assert.deepEqual(files(root), ['data', 'data/gesprek.md', 'keys', 'keys/key.yaml']);
    assert.equal(readFileSync(path.join(root, 'data/gesprek.md'), 'utf8'), PSEUDONYMISED);
  });

  test('usage: no --out, no --key, a bad key (exit 2)', async () => {
    const root = project({ 'data/gesprek.md': PSEUDONYMISED }, 'Marloes Verhagen:\n');
    assert.equal((await en(['reidentify', 'data/gesprek.md', '--key', 'keys/key.yaml'], root)).code, 2);
    assert.equal((await en(['reidentify', 'data/gesprek.md', '--out', 'echt'], root)).code, 2);
    assert.equal((await en(['reidentify', '--key', 'keys/key.yaml', '--out', 'echt'], root)).code, 2);
    const bad = await en(['reidentify', 'data/gesprek.md', '--key', 'keys/key.yaml', '--out', 'echt'], root);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /Line 1: “Marloes Verhagen” has no pseudonym\./);
    assert.equal(existsSync(path.join(root, 'echt')), false);
  });
});

describe('kader check --privacy', () => {
  test('text: rows like every other rule; exit 1 while a certain finding remains, 0 when only likely ones do', async () => {
    const root = project();
    const { code, out, err } = await en(['check', 'data', '--privacy'], root);
    assert.equal(code, 1);
    assert.equal(
      out,
      [
        'gesprek.md:2:29: warning personal-data/name: “Marloes Verhagen” is the name of Marloes Verhagen: replace it with a pseudonym before the file is shared.',
        'gesprek.md:2:47: warning personal-data/name: “Teun Oosterbeek” is the name of Teun Oosterbeek: replace it with a pseudonym before the file is shared.',
        'gesprek.md:4:3: warning personal-data/name: “Marloes Verhagen” is the name of Marloes Verhagen: replace it with a pseudonym before the file is shared.',
        'gesprek.md:4:31: warning personal-data/name: “Teun” is the name of Teun Oosterbeek: replace it with a pseudonym before the file is shared.',
        'gesprek.md:4:53: warning personal-data/name: “Teun” is the name of Teun Oosterbeek: replace it with a pseudonym before the file is shared.',
        'gesprek.md:4:81: information personal-data/title-name: “Pietersen” may be someone\'s name (it follows a title or role).',
        'gesprek.md:6:22: warning personal-data/phone: “06-12345678” is a phone number.',
        'gesprek.md:6:42: warning personal-data/email: “marloes@voorbeeld.nl” is an e-mail address.',
        '',
      ].join('\n'),
    );
    assert.equal(err, '1 transcripts checked: 7 certain and 1 likely findings of personal data.\n');

    const clean = project({ 'data/gesprek.md': PSEUDONYMISED });
    const after = await en(['check', 'data', '--privacy', '--key', 'keys/key.yaml'], clean);
    assert.equal(after.code, 0);
    assert.equal(after.out, 'gesprek.md:4:90: information personal-data/title-name: “Pietersen” may be someone\'s name (it follows a title or role).\n');
  });

  test('with the key, a name of the key is found where no participant list names it', async () => {
    const root = project({ 'data/gesprek.md': '**S1:** Ik sprak Teun gisteren.\n' });
    assert.equal((await en(['check', 'data', '--privacy'], root)).code, 0);
    const withKey = await en(['check', 'data', '--privacy', '--key', 'keys/key.yaml'], root);
    assert.equal(withKey.code, 1);
    assert.match(withKey.out, /^gesprek\.md:1:18: warning personal-data\/name: “Teun” is the name of Teun Oosterbeek/);
  });

  test('json: the row shape of `kader check --format json`', async () => {
    const root = project({ 'data/gesprek.md': '**Interviewer:** Mail naar teun@voorbeeld.nl.\n' });
    const { code, out } = await en(['check', 'data', '--privacy', '--format', 'json'], root);
    assert.equal(code, 1);
    assert.deepEqual(JSON.parse(out), [
      {
        path: 'gesprek.md',
        range: { start: { line: 0, character: 27 }, end: { line: 0, character: 44 } },
        severity: 'warning',
        rule: 'personal-data/email',
        message: '“teun@voorbeeld.nl” is an e-mail address.',
      },
    ]);
  });

  test('--staged checks what is staged, not the working tree', async () => {
    const root = project({ 'data/gesprek.md': PSEUDONYMISED, 'data/notities.txt': 'Marloes Verhagen' });
    const data = path.join(root, 'data');
    git(data, 'init', '-q');
    git(data, 'add', 'gesprek.md', 'notities.txt');
    const unborn = await en(['check', '--privacy', '--staged', 'data'], root);
    assert.equal(unborn.code, 0, unborn.err);
    assert.equal(unborn.err, '1 transcripts checked: 0 certain and 1 likely findings of personal data.\n');
    commit(data, 'Gesprek, gepseudonimiseerd');

    // A name in the working tree only: not staged, so no reason to stop a commit.
    writeFileSync(path.join(data, 'gesprek.md'), TRANSCRIPT);
    const unstaged = await en(['check', '--privacy', '--staged', 'data'], root);
    assert.equal(unstaged.code, 0);
    assert.equal(unstaged.err, '0 transcripts checked: 0 certain and 0 likely findings of personal data.\n');

    // Staged with names, then the working tree cleaned: the staged version counts.
    git(data, 'add', 'gesprek.md');
    writeFileSync(path.join(data, 'gesprek.md'), PSEUDONYMISED);
    mkdirSync(path.join(data, 'sub'));
    writeFileSync(path.join(data, 'sub/tweede.md'), '**S1:** Bel me op 06-12345678.\n');
    git(data, 'add', 'sub/tweede.md');
    const staged = await en(['check', '--privacy', '--staged', 'data', '--format', 'json'], root);
    assert.equal(staged.code, 1);
    const rows = JSON.parse(staged.out) as { path: string; rule: string; severity: string }[];
    assert.deepEqual([...new Set(rows.map((r) => r.path))], ['gesprek.md', 'sub/tweede.md']);
    assert.equal(rows.filter((r) => r.severity === 'warning').length, 8);

    const text = await nl(['check', '--privacy', '--staged'], data);
    assert.equal(text.code, 1);
    assert.match(text.err, /de commit gaat niet door: pseudonimiseer deze transcripten/);
  });

  test('--staged and --history outside a repository, or together: exit 2', async () => {
    const root = project();
    const outside = await en(['check', '--privacy', '--staged', 'data'], root);
    assert.equal(outside.code, 2);
    assert.match(outside.err, /^kader: git: /);
    assert.equal((await en(['check', '--privacy', '--history', 'data'], root)).code, 2);
    assert.equal((await en(['check', '--privacy', '--staged', '--history', 'data'], root)).code, 2);
    assert.equal((await en(['check', '--privacy', '--staged', 'nergens'], root)).code, 2);
  });

  test('--history lists the names in earlier commits with the commits, and how to remove them (en and nl); it rewrites nothing', async () => {
    const root = project();
    const data = path.join(root, 'data');
    git(data, 'init', '-q');
    git(data, 'add', '.');
    const first = commit(data, 'Gesprek');
    writeFileSync(path.join(data, 'gesprek.md'), PSEUDONYMISED);
    git(data, 'add', '.');
    commit(data, 'Gepseudonimiseerd');
    const head = git(data, 'rev-parse', 'HEAD');

    const { code, out } = await en(['check', '--privacy', '--history', 'data', '--key', 'keys/key.yaml'], root);
    assert.equal(code, 1);
    const short = first.slice(0, 10);
    assert.equal(
      out.split('\n\nHow a team')[0],
      [
        'Personal data in the history of this repository (every clone keeps it until the history is rewritten):',
        '',
        '“Marloes Verhagen”  personal-data/name',
        `  ${short} gesprek.md`,
        '',
        '“Teun Oosterbeek”  personal-data/name',
        `  ${short} gesprek.md`,
        '',
        '“Teun”  personal-data/name',
        `  ${short} gesprek.md`,
        '',
        '“06-12345678”  personal-data/phone',
        `  ${short} gesprek.md`,
        '',
        '“marloes@voorbeeld.nl”  personal-data/email',
        `  ${short} gesprek.md`,
      ].join('\n'),
    );
    assert.match(out, /git filter-repo --replace-text FILE/);
    assert.equal(git(data, 'rev-parse', 'HEAD'), head, 'the history is as it was');

    const dutch = await nl(['check', '--privacy', '--history', 'data'], root);
    assert.equal(dutch.code, 1);
    assert.match(dutch.out, /^Persoonsgegevens in de geschiedenis van deze repository/);
    assert.match(dutch.out, /Zo haalt een team ze weg \(Kader herschrijft zelf nooit geschiedenis\):/);

    const json = await en(['check', '--privacy', '--history', 'data', '--format', 'json'], root);
    assert.equal(json.code, 1);
    const rows = JSON.parse(json.out) as { commit: string; path: string; rule: string }[];
    assert.ok(rows.length > 0 && rows.every((r) => r.commit === first && r.path === 'gesprek.md'));
    assert.match(json.err, /git filter-repo/);
  });

  test('--history of a clean repository: exit 0', async () => {
    const root = project({ 'data/gesprek.md': PSEUDONYMISED });
    const data = path.join(root, 'data');
    git(data, 'init', '-q');
    git(data, 'add', '.');
    commit(data, 'Gesprek');
    const { code, out, err } = await en(['check', '--privacy', '--history', 'data', '--key', 'keys/key.yaml'], root);
    assert.equal(code, 0);
    assert.equal(out, '');
    assert.equal(err, 'kader: no certain personal data in the 1 versions of transcripts in the history\n');
  });
});

describe('kader hooks install', () => {
  test('writes an executable pre-commit hook that runs the staged check; a second install changes nothing', async () => {
    const root = project({ 'data/gesprek.md': PSEUDONYMISED });
    git(root, 'init', '-q');
    const hook = path.join(root, '.git/hooks/pre-commit');
    const { code, err } = await en(['hooks', 'install', 'data', '--key', 'keys/key.yaml'], root);
    assert.equal(code, 0, err);
    assert.equal(err, 'kader: installed the pre-commit hook .git/hooks/pre-commit: every commit is checked for personal data first\n');
    const script = readFileSync(hook, 'utf8');
    assert.ok(script.startsWith(`#!/bin/sh\n${HOOK_MARK}\n`));
    assert.equal(statSync(hook).mode & 0o111, 0o111);
    const exec = script.split('\n').find((l) => l.startsWith('exec '))!;
    assert.match(exec, / check --privacy --staged 'data' --key '[^']+\/keys\/key\.yaml'$/);
    assert.deepEqual(readdirSync(path.join(root, '.git/hooks')).filter((f) => f.includes('kader-tmp')), []);

    // What the hook runs, run here from the top of the working tree (where git runs hooks).
    const args = [...exec.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
    const checkArgs = args.slice(args.indexOf('check'));
    git(root, 'add', 'data/gesprek.md');
    assert.equal((await en(checkArgs, root)).code, 0);
    writeFileSync(path.join(root, 'data/gesprek.md'), TRANSCRIPT);
    git(root, 'add', 'data/gesprek.md');
    assert.equal((await en(checkArgs, root)).code, 1);

    const again = await en(['hooks', 'install', 'data', '--key', 'keys/key.yaml'], root);
    assert.equal(again.code, 0);
    assert.equal(again.err, 'kader: the pre-commit hook .git/hooks/pre-commit is installed already\n');
    assert.equal(readFileSync(hook, 'utf8'), script);
  });

  test('never replaces a hook that is not Kader\'s; replaces its own when the command changes', async () => {
    const root = project();
    git(root, 'init', '-q');
    const hook = path.join(root, '.git/hooks/pre-commit');
    writeFileSync(hook, '#!/bin/sh\nnpm run lint\n');
    const { code, err } = await en(['hooks', 'install'], root);
    assert.equal(code, 1);
    assert.match(err, /^kader: \.git\/hooks\/pre-commit already exists and is not Kader's: it is left as it is\. To check for personal data too, add this line to it: .* check --privacy --staged '\.'\n$/);
    assert.equal(readFileSync(hook, 'utf8'), '#!/bin/sh\nnpm run lint\n');

    const own = project();
    git(own, 'init', '-q');
    assert.equal((await en(['hooks', 'install'], own)).code, 0);
    const updated = await en(['hooks', 'install', 'data'], own);
    assert.equal(updated.code, 0);
    assert.match(readFileSync(path.join(own, '.git/hooks/pre-commit'), 'utf8'), / check --privacy --staged 'data'\n$/);
  });

  test('a repository with core.hooksPath, a folder outside any repository, an unknown action', async () => {
    const root = project();
    git(root, 'init', '-q');
    git(root, 'config', 'core.hooksPath', '.githooks');
    const elsewhere = await en(['hooks', 'install'], root);
    assert.equal(elsewhere.code, 1);
    assert.match(elsewhere.err, /runs its hooks from \.githooks \(core\.hooksPath\)/);
    assert.equal(existsSync(path.join(root, '.git/hooks/pre-commit')), false);
    assert.equal(existsSync(path.join(root, '.githooks')), false);

    const outside = await en(['hooks', 'install'], project());
    assert.equal(outside.code, 2);
    assert.match(outside.err, /^kader: \. is not in a git working tree: /);
    assert.equal((await en(['hooks', 'uninstall'], root)).code, 2);
    assert.equal((await en(['hooks'], root)).code, 2);
  });
});

describe('kader export --pseudonymise', () => {
  for (const format of ['qdpx', 'csv', 'md', 'html'] as const) {
    test(`${format}: no real name in the export, the transcripts untouched`, async () => {
      const root = project({ 'data/gesprek.md': TRANSCRIPT, 'data/tweede.md': '---\npractice: Wijkteam\n---\n**Teun Oosterbeek:** Ik [woon hier]{#context} al lang.\n' });
      const before = readFileSync(path.join(root, 'data/gesprek.md'));
      const out = `export.${format}`;
      const { code, err } = await en(['export', 'data', '--format', format, '--out', out, '--pseudonymise', '--key', 'keys/key.yaml', '--lang', 'nl'], root);
      assert.equal(code, 0, err);
      const bytes = readFileSync(path.join(root, out));
      const texts = format === 'qdpx' ? Object.values(unzipSync(bytes)).map((b) => strFromU8(b)) : [bytes.toString('utf8')];
      const all = texts.join('\n');
      for (const word of REAL_WORDS) assert.ok(!all.includes(word), `${word} is in the ${format} export`);
      assert.match(all, /Deelnemer 2/);
      assert.deepEqual(readFileSync(path.join(root, 'data/gesprek.md')), before);
      assert.deepEqual(files(path.join(root, 'data')), ['gesprek.md', 'tweede.md']);
    });
  }

  test('usage: --pseudonymise without --key, --key without --pseudonymise, a bad key: exit 2, nothing written', async () => {
    const root = project(undefined, 'Marloes Verhagen: Deelnemer 1\nMarloes Verhagen: Deelnemer 1\n');
    const noKey = await en(['export', 'data', '--format', 'csv', '--pseudonymise'], root);
    assert.equal(noKey.code, 2);
    assert.match(noKey.err, /^kader: name the key with --key FILE\n/);
    const noFlag = await en(['export', 'data', '--format', 'csv', '--key', 'keys/key.yaml'], root);
    assert.equal(noFlag.code, 2);
    assert.match(noFlag.err, /^kader: --key goes with --pseudonymise\n/);
    const bad = await en(['export', 'data', '--format', 'csv', '--pseudonymise', '--key', 'keys/key.yaml'], root);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /Line 2: “Marloes Verhagen” is already in the key on line 1\./);
    assert.equal(existsSync(path.join(root, 'fragments.csv')), false);
  });
});

describe('git through the hardened module only', () => {
  test('a repository configured to start programs starts none from the privacy commands', { skip: process.platform === 'win32' }, async () => {
    const root = project();
    const marks = realpathSync(temp('kader-privacy-marks-'));
    const programs = realpathSync(temp('kader-privacy-programs-'));
    const program = (name: string): string => {
      const file = path.join(programs, `${name}.sh`);
      writeFileSync(file, `#!/bin/sh\ntouch '${path.join(marks, name)}'\ncat >/dev/null 2>&1\nexit 0\n`);
      chmodSync(file, 0o755);
      return file;
    };
    git(root, 'init', '-q');
    git(root, 'add', 'data/gesprek.md', 'keys/key.yaml');
    commit(root, 'Gesprek');
    writeFileSync(path.join(root, 'data/gesprek.md'), PSEUDONYMISED);
    git(root, 'add', 'data/gesprek.md');
    for (const [key, value] of [
      ['core.fsmonitor', program('fsmonitor')],
      ['core.pager', program('pager')],
      ['pager.log', program('pager-log')],
      ['diff.external', program('external-diff')],
      ['diff.kader.textconv', program('textconv')],
      ['filter.kader.clean', program('clean')],
      ['filter.kader.smudge', program('smudge')],
    ] as const) {
      git(root, 'config', key, value);
    }
    writeFileSync(path.join(root, '.git/info/attributes'), '*.md diff=kader filter=kader\n*.yaml diff=kader filter=kader\n');
    const hook = path.join(root, '.git/hooks/post-index-change');
    writeFileSync(hook, `#!/bin/sh\ntouch '${path.join(marks, 'hook')}'\n`);
    chmodSync(hook, 0o755);

    assert.equal((await en(['check', '--privacy', '--staged', 'data'], root)).code, 0);
    assert.equal((await en(['check', '--privacy', '--history', 'data'], root)).code, 1);
    assert.match((await en(['check', '--privacy', 'data', '--key', 'keys/key.yaml'], root)).err, /warning: git tracks the key/);
    assert.equal((await en(['hooks', 'install', 'data'], root)).code, 0);
    assert.deepEqual(readdirSync(marks), []);

    // The configuration is live: plain git starts them.
    git(root, 'diff', '--cached');
    assert.ok(readdirSync(marks).length > 0);
  });
});
