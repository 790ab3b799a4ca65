// Counts in the CLI's summaries agree with their number: 1 file, 2 files; 1 warning, 2
// warnings; in Dutch 1 bestand, 2 bestanden; 1 waarschuwing, 2 waarschuwingen. And an empty
// `practice:` is a warning of `kader check`. Invented names only.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { folder, run } from './helpers';

describe('kader check: counts and an empty practice', () => {
  test('1 file, 1 error, 1 warning; in Dutch too', async () => {
    const root = folder({ 'a.md': '[x]{#onbekend} en {#open\n' });
    const en = await run(['check', root]);
    assert.equal(en.code, 1);
    assert.equal(en.err, '1 file checked: 1 error, 1 warning.\n');
    const nl = await run(['check', root, '--lang', 'nl']);
    assert.equal(nl.code, 1);
    assert.equal(nl.err, '1 bestand gecontroleerd: 1 fout, 1 waarschuwing.\n');
  });

  test('2 files, 0 errors, 2 warnings; in Dutch too', async () => {
    const root = folder({ 'a.md': '[x]{#onbekend}\n', 'b.md': '[y]{#anders}\n' });
    assert.equal((await run(['check', root])).err, '2 files checked: 0 errors, 2 warnings.\n');
    assert.equal((await run(['check', root, '--lang', 'nl'])).err, '2 bestanden gecontroleerd: 0 fouten, 2 waarschuwingen.\n');
  });

  test('an empty practice: a warning at the key, in English and Dutch, and in JSON', async () => {
    const root = folder({ 'codebook.md': '# Context {#context}\n', 'breda/a.md': '---\npractice:\n---\n[ja]{#context}\n' });
    assert.deepEqual(await run(['check', root]), {
      code: 0,
      out: 'breda/a.md:2:1: warning front-matter: “practice” is empty, so the transcript counts under its folder’s name (or under “(no practice)”): write the name of the practice after “practice:”, or remove the line.\n',
      err: '2 files checked: 0 errors, 1 warning.\n',
    });
    assert.deepEqual(await run(['check', root, '--lang', 'nl']), {
      code: 0,
      out: 'breda/a.md:2:1: warning front-matter: “practice” is leeg, dus het transcript telt onder de naam van zijn map (of onder “(geen praktijk)”): schrijf de naam van de praktijk achter “practice:”, of verwijder de regel.\n',
      err: '2 bestanden gecontroleerd: 0 fouten, 1 waarschuwing.\n',
    });
    const json = await run(['check', root, '--format', 'json']);
    assert.deepEqual(JSON.parse(json.out), [
      {
        path: 'breda/a.md',
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 8 } },
        severity: 'warning',
        rule: 'front-matter',
        message: '“practice” is empty, so the transcript counts under its folder’s name (or under “(no practice)”): write the name of the practice after “practice:”, or remove the line.',
      },
    ]);
    // The warning counts for --max-warnings; the transcript still counts under its folder.
    assert.equal((await run(['check', root, '--max-warnings', '0'])).code, 1);
    assert.equal((await run(['report', root])).out, 'Context #context  1\n  breda  1\n');
  });
});

describe('kader export: the number of transcripts written', () => {
  test('1 transcript, 2 transcripts; in Dutch too', async () => {
    const one = folder({ 'a.md': '[x]{#intentie}\n' });
    assert.deepEqual(await run(['export', one, '--format', 'csv', '--out', path.join(one, 'uit.csv')], one), { code: 0, out: '', err: 'kader: wrote uit.csv (1 transcript)\n' });
    const two = folder({ 'a.md': '[x]{#intentie}\n', 'b.md': '[y]{#intentie}\n' });
    assert.deepEqual(await run(['export', two, '--format', 'csv', '--out', path.join(two, 'uit.csv')], two), { code: 0, out: '', err: 'kader: wrote uit.csv (2 transcripts)\n' });
    assert.deepEqual(await run(['export', two, '--format', 'md', '--out', path.join(two, 'uit.md'), '--lang', 'nl'], two), {
      code: 0,
      out: '',
      err: 'kader: uit.md geschreven (2 transcripten)\n',
    });
  });
});
