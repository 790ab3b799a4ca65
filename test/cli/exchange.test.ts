import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { unzipSync, strFromU8 } from 'fflate';
import { validateXML } from 'xmllint-wasm';
import { folder, run, temp } from './helpers';

const examples = path.resolve(__dirname, '../../examples');
const schemas = path.resolve(__dirname, '../fixtures/refi-qda');

describe('kader export', () => {
  test('qdpx of the example project: a zip with project.qde (valid) and one source per transcript', async () => {
    const dir = temp();
    const { code, err } = await run(['export', examples, '--format', 'qdpx', '--out', 'voorbeeld.qdpx'], dir);
    assert.equal(code, 0, err);
    const files = unzipSync(readFileSync(path.join(dir, 'voorbeeld.qdpx')));
    const names = Object.keys(files).sort();
    assert.equal(names.length, 1 + 7 + 7);
    assert.ok(names.includes('project.qde'));
    // Each transcript's Markdown beside its plain text, for Kader's own round trip.
    assert.deepEqual(
      names.filter((n) => n.startsWith('kader/')).map((n) => n.replace(/^kader\/(.*)\.md$/, '$1')),
      names.filter((n) => n.startsWith('sources/')).map((n) => n.replace(/^sources\/(.*)\.txt$/, '$1')),
    );
    const xml = strFromU8(files['project.qde']!);
    const result = await validateXML({ xml: [{ fileName: 'project.qde', contents: xml }], schema: [readFileSync(path.join(schemas, 'Project.xsd'), 'utf8')] });
    assert.equal(result.valid, true, result.rawOutput);
    for (const name of names.filter((n) => n.startsWith('sources/'))) {
      assert.match(name, /^sources\/[0-9A-F-]{36}\.txt$/);
      const text = strFromU8(files[name]!);
      assert.ok(!text.includes(']{#'), `${name} still has coding markup`);
      assert.ok(!text.includes('**'), `${name} still has speaker bold`);
      assert.ok(!text.includes('\r'), `${name} has a CR`);
    }
    assert.deepEqual(readdirSync(dir), ['voorbeeld.qdpx'], 'no temporary file is left behind');
  });

  test('never overwrites without --force', async () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'codebook.qdc'), 'mijn werk');
    const refused = await run(['export', examples, '--format', 'qdc'], dir);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /codebook\.qdc already exists; use --force to replace it/);
    assert.equal(readFileSync(path.join(dir, 'codebook.qdc'), 'utf8'), 'mijn werk');
    assert.equal((await run(['export', examples, '--format', 'qdc', '--force'], dir)).code, 0);
    assert.match(readFileSync(path.join(dir, 'codebook.qdc'), 'utf8'), /<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/);
  });

  test('csv with a BOM and semicolons; md and html reports', async () => {
    const dir = temp();
    assert.equal((await run(['export', examples, '--format', 'csv', '--separator', ';'], dir)).code, 0);
    assert.ok(readFileSync(path.join(dir, 'fragments.csv'), 'utf8').startsWith('\uFEFFfile;practice;coder;speaker;code;aspect;text;memo;line\r\n'));
    assert.equal((await run(['export', examples, '--format', 'md'], dir)).code, 0);
    assert.match(readFileSync(path.join(dir, 'report.md'), 'utf8'), /^# Kader report\n/);
    assert.equal((await run(['export', examples, '--format', 'html'], dir)).code, 0);
    assert.match(readFileSync(path.join(dir, 'report.html'), 'utf8'), /^<!DOCTYPE html>/);
  });
});

describe('kader import', () => {
  test('vtt and docx into transcripts, qdc into codebook.md; never over existing files', async () => {
    const dir = temp();
    writeFileSync(path.join(dir, '2021-03-04-gesprek.vtt'), 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>Hallo.</v>\n');
    const doc = new Document({ sections: [{ children: ['Bram   0:05', 'Dag.'].map((t) => new Paragraph({ children: [new TextRun(t)] })) }] });
    writeFileSync(path.join(dir, 'teams.docx'), await Packer.toBuffer(doc));
    writeFileSync(path.join(dir, 'codes.qdc'), '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="11111111-1111-1111-1111-111111111111" name="Intentie" isCodable="true"/></Codes></CodeBook>');
    mkdirSync(path.join(dir, 'out'));
    const result = await run(['import', '2021-03-04-gesprek.vtt', 'teams.docx', 'codes.qdc', '--out', 'out', '--practice', 'Breda', '--timestamps'], dir);
    assert.equal(result.code, 0, result.err);
    assert.equal(result.out, 'out/2021-03-04-gesprek.md\nout/teams.md\nout/codebook.md\n');
    assert.equal(
      readFileSync(path.join(dir, 'out/2021-03-04-gesprek.md'), 'utf8'),
      '---\ntitle: 2021-03-04-gesprek\npractice: Breda\ndate: 2021-03-04\nparticipants:\n  - Anna\n---\n\n[00:00:01] **Anna:** Hallo.\n',
    );
    assert.match(readFileSync(path.join(dir, 'out/teams.md'), 'utf8'), /\[00:00:05\] \*\*Bram:\*\* Dag\.\n$/);
    assert.match(readFileSync(path.join(dir, 'out/codebook.md'), 'utf8'), /^---\ntitle: codes\n---\n\n# Intentie \{#intentie\}\n/);

    const again = await run(['import', '2021-03-04-gesprek.vtt', '--out', 'out'], dir);
    assert.equal(again.code, 1);
    assert.match(again.err, /out\/2021-03-04-gesprek\.md already exists; use --force to replace it/);
  });

  test('bad input: not WebVTT, a corrupt docx, an unknown kind; nothing written', async () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'fout.vtt'), 'geen vtt');
    writeFileSync(path.join(dir, 'kapot.docx'), 'geen zip');
    writeFileSync(path.join(dir, 'iets.txt'), 'tekst');
    const result = await run(['import', 'fout.vtt', 'kapot.docx', 'iets.txt'], dir);
    assert.equal(result.code, 1);
    assert.match(result.err, /fout\.vtt: This is not a WebVTT file/);
    assert.match(result.err, /kapot\.docx: This Word file cannot be read/);
    assert.match(result.err, /iets\.txt: only \.vtt, \.docx, \.qdc and \.qdpx files can be imported/);
    assert.ok(!existsSync(path.join(dir, 'fout.md')));
    assert.deepEqual(readdirSync(dir).sort(), ['fout.vtt', 'iets.txt', 'kapot.docx']);
  });
});

describe('kader report --format csv: the Dutch way, and the document × code matrix', () => {
  // Invented practices and coders; a folder and a practice that hold `;`, `,`, `"` and a line break.
  const project = {
    'codebook.md': '# Intentie {#intentie}\n\n## Gestuurd {#intentie/gestuurd}\n\n# Context {#context}\n',
    'breda/a.md': '---\npractice: Breda\ncoder: Femke\n---\n\n[Ik wilde]{#intentie} iets [leren]{#intentie #zelfgekozen}, [echt]{#intentie}.\n',
    'tilburg; "oost", zuid/b.md': '---\npractice: "Tilburg\\nOost"\ncoder: Joost\n---\n\n[Omdat het moest]{#intentie/gestuurd #context}.\n',
    'leeg/c.md': '---\npractice: Leeg\n---\n\nNog niets gecodeerd.\n',
  };

  test('with --lang nl the separator is ; (an explicit --separator wins); in English ,', async () => {
    const root = folder(project);
    const nl = await run(['report', root, '--format', 'csv', '--lang', 'nl']);
    assert.equal(nl.code, 0, nl.err);
    assert.ok(nl.out.startsWith('\uFEFFfile;practice;coder;speaker;code;aspect;text;memo;line\r\nbreda/a.md;Breda;Femke;;intentie;intentie;Ik wilde;;6\r\n'), nl.out);
    const comma = await run(['report', root, '--format', 'csv', '--lang', 'nl', '--separator', ',']);
    assert.ok(comma.out.startsWith('\uFEFFfile,practice,coder,speaker,code,aspect,text,memo,line\r\nbreda/a.md,Breda,Femke,,intentie,intentie,Ik wilde,,6\r\n'), comma.out);
    const en = await run(['report', root, '--format', 'csv']);
    assert.ok(en.out.startsWith('\uFEFFfile,practice,coder,speaker,code,aspect,text,memo,line\r\n'), en.out);
  });

  test('--matrix documents: one row per transcript, one column per code (codebook order, then others), counts; quoted where needed', async () => {
    const root = folder(project);
    const semicolon = await run(['report', root, '--format', 'csv', '--matrix', 'documents', '--lang', 'nl']);
    assert.deepEqual(semicolon, {
      code: 0,
      err: '',
      out:
        '\uFEFFfile;practice;coder;intentie;intentie/gestuurd;context;zelfgekozen\r\n' +
        'breda/a.md;Breda;Femke;3;0;0;1\r\n' +
        'leeg/c.md;Leeg;;0;0;0;0\r\n' +
        '"tilburg; ""oost"", zuid/b.md";"Tilburg\nOost";Joost;0;1;1;0\r\n',
    });
    const comma = await run(['report', root, '--format', 'csv', '--matrix', 'documents']);
    assert.equal(
      comma.out,
      '\uFEFFfile,practice,coder,intentie,intentie/gestuurd,context,zelfgekozen\r\n' +
        'breda/a.md,Breda,Femke,3,0,0,1\r\n' +
        'leeg/c.md,Leeg,,0,0,0,0\r\n' +
        '"tilburg; ""oost"", zuid/b.md","Tilburg\nOost",Joost,0,1,1,0\r\n',
    );
  });

  test('--matrix documents needs --format csv; another --matrix is ROWS×COLS; said in English and Dutch', async () => {
    const root = folder(project);
    assert.deepEqual(await run(['report', root, '--matrix', 'documents']), { code: 2, out: '', err: 'kader: --matrix goes with --format csv\nRun "kader --help" for usage.\n' });
    const nl = await run(['report', root, '--matrix', 'documents', '--lang', 'nl']);
    assert.equal(nl.err.split('\n')[0], 'kader: --matrix hoort bij --format csv');
    assert.deepEqual(await run(['report', root, '--format', 'csv', '--matrix', 'codes']), {
      code: 2,
      out: '',
      err: 'kader: --matrix takes ROWS×COLS (or ROWSxCOLS), each one of: code, aspect, practice, coder, speaker, document (got "codes")\nRun "kader --help" for usage.\n',
    });
    assert.equal(
      (await run(['report', root, '--format', 'csv', '--matrix', 'codes', '--lang', 'nl'])).err.split('\n')[0],
      'kader: --matrix vraagt ROWS×COLS (of ROWSxCOLS), elk een van: code, aspect, practice, coder, speaker, document (niet "codes")',
    );
  });

  test('export --format csv with --lang nl writes ; too', async () => {
    const root = folder(project);
    const dir = temp();
    assert.equal((await run(['export', root, '--format', 'csv', '--lang', 'nl'], dir)).code, 0);
    assert.ok(readFileSync(path.join(dir, 'fragments.csv'), 'utf8').startsWith('\uFEFFfile;practice;coder;speaker;code;aspect;text;memo;line\r\n'));
    assert.deepEqual(await run(['export', root, '--format', 'csv', '--matrix', 'documents', '--lang', 'nl'], dir), { code: 0, out: '', err: 'kader: matrix.csv geschreven (3 transcripten)\n' });
    assert.equal(readFileSync(path.join(dir, 'matrix.csv'), 'utf8').split('\r\n')[1], 'breda/a.md;Breda;Femke;3;0;0;1');
  });
});
