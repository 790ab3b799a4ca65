// `--lang nl` (or LANG=nl_NL) reaches every message a researcher reads, usage errors included;
// these were English only before.

import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../server/src/cli/main';
import { folder, run, temp } from './helpers';

describe('kader --lang nl', () => {
  test('check: the summary, too many warnings, and skipped files', async () => {
    const root = folder({ 'b.md': '[x]{#onbekend}\n', 'binair.md': Buffer.from([0x89, 0x50, 0x00, 0x01]), 'kapot.md': Buffer.from([0x61, 0xff, 0xfe]) });
    symlinkSync(path.join(root, 'lus.md'), path.join(root, 'lus.md'));
    const { code, err } = await run(['check', root, '--lang', 'nl', '--max-warnings', '0']);
    assert.equal(code, 1);
    assert.match(err, /kader: binair\.md: overgeslagen: bevat NUL-bytes\n/);
    assert.match(err, /kader: kapot\.md: overgeslagen: is geen geldige UTF-8\n/);
    assert.match(err, /kader: lus\.md: overgeslagen: /);
    assert.match(err, /\n1 bestand gecontroleerd: 0 fouten, 1 waarschuwing\.\n/);
    assert.match(err, /kader: te veel waarschuwingen \(1, hoogstens 0 toegestaan\)\n$/);
    assert.doesNotMatch(err, /skipped|files checked|too many warnings/);
  });

  test('usage errors, also those found before the options are read', async () => {
    const hint = 'Zie "kader --help" voor het gebruik.\n';
    assert.deepEqual(await run(['tover', '--lang', 'nl']), { code: 2, out: '', err: `kader: onbekende opdracht "tover"\n${hint}` });
    assert.deepEqual(await run(['check', '--lang=nl', '--format', 'pdf']), { code: 2, out: '', err: `kader: --format moet een van text, json zijn (niet "pdf")\n${hint}` });
    assert.deepEqual(await run(['check', 'nergens', '--lang', 'nl']), { code: 2, out: '', err: `kader: de map "nergens" bestaat niet\n${hint}` });
    assert.deepEqual(await run(['check', 'a', 'b', '--lang', 'nl']), { code: 2, out: '', err: `kader: één map verwacht, 2 gekregen\n${hint}` });
    assert.deepEqual(await run(['check', '--max-size', '0', '--lang', 'nl']), { code: 2, out: '', err: `kader: --max-size vraagt een aantal megabytes boven 0 (niet "0")\n${hint}` });
    assert.deepEqual(await run(['import', '--lang', 'nl']), { code: 2, out: '', err: `kader: noem de bestanden om te importeren\n${hint}` });
    assert.deepEqual(await run(['agree', '--lang', 'nl']), { code: 2, out: '', err: `kader: geef twee transcripten, één transcript met --rev, of een map\n${hint}` });
    assert.deepEqual(await run(['agree', 'a.md', 'b.md', '--threshold', '0', '--lang', 'nl']), { code: 2, out: '', err: `kader: --threshold vraagt een percentage boven 0, hoogstens 100\n${hint}` });
    // An unknown option is refused by Node's parser, in its own words; the hint is Dutch.
    const unknown = await run(['check', '--lang', 'nl', '--kleur']);
    assert.equal(unknown.code, 2);
    assert.ok(unknown.err.endsWith(hint));
    // An invalid --lang is reported in the language of LANG.
    assert.deepEqual(await run(['check', '--lang', 'fr']), { code: 2, out: '', err: 'kader: --lang must be one of en, nl (got "fr")\nRun "kader --help" for usage.\n' });
  });

  test('LANG=nl_NL speaks Dutch without --lang; --lang en overrides it', async () => {
    let err = '';
    const io = { out: (): void => {}, err: (text: string): void => void (err += text), env: { LANG: 'nl_NL.UTF-8' }, cwd: process.cwd() };
    assert.equal(await runCli(['tover'], io), 2);
    assert.equal(err, 'kader: onbekende opdracht "tover"\nZie "kader --help" voor het gebruik.\n');
    err = '';
    assert.equal(await runCli(['tover', '--lang', 'en'], io), 2);
    assert.equal(err, 'kader: unknown command "tover"\nRun "kader --help" for usage.\n');
  });

  test('export and import: already exists, wrote', async () => {
    const root = folder({ 'a.md': '[x]{#intentie}\n' });
    const first = await run(['export', root, '--format', 'csv', '--out', path.join(root, 'uit.csv'), '--lang', 'nl'], root);
    assert.equal(first.code, 0);
    assert.equal(first.err, 'kader: uit.csv geschreven (1 transcript)\n');
    const again = await run(['export', root, '--format', 'csv', '--out', 'uit.csv', '--lang', 'nl'], root);
    assert.equal(again.code, 1);
    assert.equal(again.err, 'kader: uit.csv bestaat al; gebruik --force om het te vervangen\n');
    const dir = temp();
    writeFileSync(path.join(dir, 'gesprek.vtt'), 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>Hallo.\n');
    writeFileSync(path.join(dir, 'gesprek.md'), 'er staat al iets\n');
    const imported = await run(['import', 'gesprek.vtt', '--lang', 'nl'], dir);
    assert.equal(imported.code, 1);
    assert.equal(imported.err, 'kader: gesprek.md bestaat al; gebruik --force om het te vervangen\n');
    writeFileSync(path.join(dir, 'notities.txt'), 'tekst\n');
    writeFileSync(path.join(dir, 'binair.vtt'), Buffer.from([0x00, 0x01]));
    const refused = await run(['import', 'notities.txt', 'binair.vtt', '--lang', 'nl'], dir);
    assert.equal(refused.code, 1);
    assert.equal(
      refused.err,
      'kader: notities.txt: alleen .vtt-, .docx-, .qdc- en .qdpx-bestanden kunnen worden geïmporteerd\nkader: binair.vtt: het bestand bevat NUL-bytes\n',
    );
  });

  test('agree: a folder with a skipped file', async () => {
    const root = folder({ 'a.md': '[x]{#intentie}\n', 'binair.md': Buffer.from([0x00, 0x01]) });
    const { code, out, err } = await run(['agree', root, '--lang', 'nl']);
    assert.equal(code, 0);
    assert.equal(err, 'kader: binair.md: overgeslagen: bevat NUL-bytes\n');
    assert.match(out, /^Geen paren gevonden/);
  });
});
