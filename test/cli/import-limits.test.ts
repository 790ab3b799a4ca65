import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { deepWordFile, wordBomb } from '../unit/hostileFiles';
import { run, temp } from './helpers';

describe('kader import: hostile files', () => {
  test('a zip bomb: exits non-zero with the refusal and writes nothing', async () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'bom.docx'), await wordBomb(200));
    const refused = await run(['import', 'bom.docx'], dir);
    assert.equal(refused.code, 1);
    assert.equal(refused.out, '');
    assert.equal(refused.err, 'kader: bom.docx: This Word file unpacks to more than 50 MB; Kader does not import it.\n');
    const dutch = await run(['import', 'bom.docx', '--lang', 'nl'], dir);
    assert.equal(dutch.code, 1);
    assert.equal(dutch.err, 'kader: bom.docx: Dit Word-bestand is uitgepakt groter dan 50 MB; Kader importeert het niet.\n');
    assert.deepEqual(readdirSync(dir), ['bom.docx']);
  });

  test('a lying zip bomb, deep nesting, a billion laughs: each refused, nothing written', async () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'liegt.docx'), await wordBomb(200, 1000));
    writeFileSync(path.join(dir, 'diep.docx'), await deepWordFile(100_000));
    writeFileSync(path.join(dir, 'diep.vtt'), `WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n${'<b>'.repeat(200_000)}x\n`);
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    writeFileSync(path.join(dir, 'lol.qdc'), `<!DOCTYPE CodeBook [<!ENTITY l0 "lol">${lol}]><CodeBook><Codes><Code name="&l9;"/></Codes></CodeBook>`);
    const result = await run(['import', 'liegt.docx', 'diep.docx', 'diep.vtt', 'lol.qdc'], dir);
    assert.equal(result.code, 1);
    assert.equal(
      result.err,
      [
        'kader: liegt.docx: This Word file is damaged: its part word/document.xml unpacks to more than the file says; Kader does not import it.',
        'kader: diep.docx: This Word file nests elements more than 256 levels deep; Kader does not import it.',
        'kader: diep.vtt: This WebVTT file nests elements more than 256 levels deep; Kader does not import it.',
        'kader: lol.qdc: This codebook declares its own XML entities (<!ENTITY …>), which Kader does not read. Export the codebook again without them.',
        '',
      ].join('\n'),
    );
    assert.deepEqual(readdirSync(dir).sort(), ['diep.docx', 'diep.vtt', 'liegt.docx', 'lol.qdc']);
  });
});
