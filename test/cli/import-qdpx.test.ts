import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CODEBOOK, USERS, project, qdpx, selection, textSource } from '../fixtures/qdpx/build';
import { run, temp } from './helpers';

const PROJECT = qdpx({
  qde: project(
    `${USERS}${CODEBOOK}<Sources>${textSource('S1', 'Gesprek 1.txt', selection('A', 0, 4, ['C1']) + selection('B', 6, 10, ['C3'], 'U2'))}
    <PictureSource guid="P" name="foto.jpg" path="internal://P.jpg"/></Sources>`,
  ),
  entries: { 'sources/S1.txt': 'Eerst twee.' },
});

describe('kader import: a REFI-QDA project (.qdpx)', () => {
  test('writes a transcript per source and coder, codebook.md and the report into --out; says what was not represented', async () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'project.qdpx'), PROJECT);
    const { code, out, err } = await run(['import', 'project.qdpx', '--out', 'uit'], dir);
    assert.equal(code, 0, err);
    assert.equal(out, ['uit/codebook.md', 'uit/gesprek-1-anna.md', 'uit/gesprek-1-bram.md', 'uit/import-report.txt', ''].join('\n'));
    assert.equal(err, 'kader: project.qdpx: pictures (and their codings): 1\n');
    assert.deepEqual(readdirSync(path.join(dir, 'uit')).sort(), ['codebook.md', 'gesprek-1-anna.md', 'gesprek-1-bram.md', 'import-report.txt']);
    assert.equal(readFileSync(path.join(dir, 'uit/gesprek-1-anna.md'), 'utf8'), '---\ntitle: Gesprek 1.txt\ncoder: anna\n---\n\n[Eers]{#intentie}t twee.\n');
    assert.equal(readFileSync(path.join(dir, 'uit/gesprek-1-bram.md'), 'utf8'), '---\ntitle: Gesprek 1.txt\ncoder: bram\n---\n\nEerst [twee]{#actanten}.\n');
    assert.equal(
      readFileSync(path.join(dir, 'uit/import-report.txt'), 'utf8'),
      [
        'Kader imported the REFI-QDA project «Proef» (made with Handwerk 1.0).',
        'Written: codebook.md with 3 codes, 2 transcripts, 2 codings.',
        '',
        'Not represented exactly:',
        '- pictures (and their codings): 1',
        '',
      ].join('\n'),
    );
  });

  test('the report in Dutch with --lang nl', async () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'project.qdpx'), PROJECT);
    const { code, err } = await run(['import', 'project.qdpx', '--out', 'uit', '--lang', 'nl'], dir);
    assert.equal(code, 0, err);
    assert.equal(err, 'kader: project.qdpx: afbeeldingen (en hun coderingen): 1\n');
    assert.match(readFileSync(path.join(dir, 'uit/import-report.txt'), 'utf8'), /^Kader heeft het REFI-QDA-project «Proef» \(gemaakt met Handwerk 1\.0\) geïmporteerd\.\nGeschreven: codebook\.md met 3 codes, 2 transcripten, 2 coderingen\.\n/);
  });

  test('writes nothing when one of its files exists, unless --force', async () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'project.qdpx'), PROJECT);
    writeFileSync(path.join(dir, 'codebook.md'), 'mijn codeboek');
    const refused = await run(['import', 'project.qdpx'], dir);
    assert.equal(refused.code, 1);
    assert.equal(refused.out, '');
    assert.equal(refused.err, 'kader: codebook.md already exists; use --force to replace it\nkader: project.qdpx: nothing was written\n');
    assert.deepEqual(readdirSync(dir).sort(), ['codebook.md', 'project.qdpx']);
    assert.equal(readFileSync(path.join(dir, 'codebook.md'), 'utf8'), 'mijn codeboek');
    const forced = await run(['import', 'project.qdpx', '--force'], dir);
    assert.equal(forced.code, 0, forced.err);
    assert.match(readFileSync(path.join(dir, 'codebook.md'), 'utf8'), /^---\ntitle: Proef\n---\n\n# Intentie/);
  });

  test('zip safety: an entry named outside the folder is never written or read; an oversized entry is refused before it is unpacked', async () => {
    const dir = temp();
    const slip = qdpx({
      qde: project(`${CODEBOOK}<Sources>${textSource('S', '../../buiten.txt', '')}<TextSource guid="T" name="weg" plainTextPath="internal://../../../etc/passwd"/></Sources>`),
      entries: { 'sources/S.txt': 'Binnen.', '../../../etc/passwd': 'geheim', '../buiten.md': 'x' },
    });
    writeFileSync(path.join(dir, 'slip.qdpx'), slip);
    const { code, out, err } = await run(['import', 'slip.qdpx', '--out', 'uit'], dir);
    assert.equal(code, 0, err);
    assert.equal(out, 'uit/codebook.md\nuit/buiten.md\nuit/import-report.txt\n');
    assert.equal(err, 'kader: slip.qdpx: text sources with an unsafe path inside the project file (not read): 1\n');
    assert.deepEqual(readdirSync(dir).sort(), ['slip.qdpx', 'uit']);
    const big = qdpx({ qde: project(`${CODEBOOK}<Sources>${textSource('B', 'groot.txt', '')}</Sources>`), entries: { 'sources/B.txt': new Uint8Array(51 * 1024 * 1024) } });
    writeFileSync(path.join(dir, 'groot.qdpx'), big);
    const refused = await run(['import', 'groot.qdpx', '--out', 'groot'], dir);
    assert.equal(refused.code, 1);
    assert.equal(refused.err, 'kader: groot.qdpx: This project unpacks to more than 50 MB; Kader does not import it.\n');
    assert.deepEqual(readdirSync(dir).sort(), ['groot.qdpx', 'slip.qdpx', 'uit']);
  });
});
