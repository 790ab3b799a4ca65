import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { importBytes } from '../../server/src/core/outputs/exchange/exchange';
import { importQdpx } from '../../server/src/core/outputs/exchange/qdpxImport';
import { CODEBOOK, USERS, project, qdpx, selection, textSource } from '../fixtures/qdpx/build';

/** The files of an import by name. */
function filesOf(bytes: Uint8Array, locale: 'en' | 'nl' = 'en'): Map<string, string> {
  const result = importQdpx(bytes, { locale });
  assert.ok(result.ok, result.ok ? '' : result.message);
  return new Map(result.files!.map((f) => [f.name, f.text]));
}

/** Each fragment of a transcript as `text {codes}` (with its part when it has one). */
function fragments(markdown: string): string[] {
  return parseTranscript(markdown).fragments.map((f) => `${f.kind}: ${f.text} {${f.codes.map((c) => `#${c}`).join(' ')}${f.attributes['part'] ? ` part=${f.attributes['part']}` : ''}${f.memo ? ` memo=${f.memo}` : ''}}`);
}

const TEXT = 'Ik kwam omdat het moest.\nDaarna bleef ik.\n\nTweede alinea *met* [haken] en 1. lijst.\n# geen kop\n\nDerde.';

describe('REFI-QDA project import (.qdpx)', () => {
  test('nested and crossing selections, two coders, whole paragraphs: exact Markdown, and the re-read fragments have the selections\' text and codes', () => {
    const qde = project(
      `${USERS}${CODEBOOK}<Sources>${textSource(
        'S1',
        'gesprek 1.txt',
        selection('A', 3, 23, ['C1']) + selection('B', 8, 30, ['C2']) + selection('C', 0, 40, ['C3'], 'U2') + selection('D', 42, 94, ['C3']) + selection('E', 42, 102, ['C1']),
      )}</Sources>`,
    );
    const files = filesOf(qdpx({ qde, entries: { 'sources/S1.txt': TEXT } }));
    assert.deepEqual([...files.keys()], ['codebook.md', 'gesprek-1-anna.md', 'gesprek-1-bram.md', 'import-report.txt']);
    assert.equal(
      files.get('gesprek-1-anna.md'),
      [
        '---',
        'title: gesprek 1.txt',
        'coder: anna',
        '---',
        '',
        'Ik [kwam [omdat het moest]{#intentie/gestuurd part="p1"}]{#intentie}[.',
        'Daarn]{#intentie/gestuurd part="p1"}a bleef ik.',
        '',
        '::: {#intentie}',
        '',
        'Tweede alinea \\*met\\* \\[haken\\] en 1. lijst.',
        '\\# geen kop {#actanten}',
        '',
        'Derde.',
        '',
        ':::',
        '',
      ].join('\n'),
    );
    assert.deepEqual(fragments(files.get('gesprek-1-anna.md')!), [
      'inline: kwam omdat het moest {#intentie}',
      'inline: omdat het moest {#intentie/gestuurd part=p1}',
      'inline: . Daarn {#intentie/gestuurd part=p1}',
      'div: Tweede alinea *met* [haken] en 1. lijst. # geen kop Derde. {#intentie}',
      'block: Tweede alinea *met* [haken] en 1. lijst. # geen kop {#actanten}',
    ]);
    assert.deepEqual(fragments(files.get('gesprek-1-bram.md')!), ['inline: Ik kwam omdat het moest. Daarna bleef ik {#actanten}']);
    assert.equal(files.get('codebook.md'), ['---', 'title: Proef', '---', '', '# Intentie {#intentie color="#4E79A7"}', '', 'Wat is de bedoeling?', '', '## Gestuurd {#intentie/gestuurd}', '', '# Actanten {#actanten color="#e15759"}', ''].join('\n'));
  });

  test('a selection over part of two paragraphs becomes two parts; selections that cross in a paragraph keep all their text', () => {
    const text = 'een twee drie vier\n\nvijf zes zeven';
    // «twee drie vier\n\nvijf» over two paragraphs crosses «een twee»; «twee drie» crosses «een twee» too.
    const qde = project(`${CODEBOOK}<Sources>${textSource('S', 'a.txt', selection('X', 4, 24, ['C3'], '') + selection('Y', 0, 8, ['C1'], '') + selection('Z', 4, 13, ['C2'], ''))}</Sources>`);
    const files = filesOf(qdpx({ qde, entries: { 'sources/S.txt': text } }));
    assert.equal(files.get('a.md'), ['---', 'title: a.txt', '---', '', '[een [[twee]{#intentie/gestuurd part="p2"}]{#actanten part="p1"}]{#intentie} [[drie]{#intentie/gestuurd part="p2"} vier]{#actanten part="p1"}', '', '[vijf]{#actanten part="p1"} zes zeven', ''].join('\n'));
    // The parts' texts together are each selection's text.
    assert.deepEqual(fragments(files.get('a.md')!), [
      'inline: een twee {#intentie}',
      'inline: twee {#actanten part=p1}',
      'inline: twee {#intentie/gestuurd part=p2}',
      'inline: drie vier {#actanten part=p1}',
      'inline: drie {#intentie/gestuurd part=p2}',
      'inline: vijf {#actanten part=p1}',
    ]);
  });

  test('text that looks like Markdown stays text; offsets count code points (an emoji is one)', () => {
    const text = '😀 1) lijst | tabel\n---\n> citaat &amp; <b>vet</b> {#geen-code}';
    const qde = project(`${CODEBOOK}<Sources>${textSource('S', 'b.txt', selection('X', 2, 8, ['C3'], ''))}</Sources>`);
    const files = filesOf(qdpx({ qde, entries: { 'sources/S.txt': text } }));
    const markdown = files.get('b.md')!;
    assert.equal(markdown.split('---\n\n')[1], '😀 [1) lij]{#actanten}st | tabel\n\\---\n\\> citaat \\&amp; \\<b\\>vet\\</b\\> \\{#geen-code\\}\n');
    const model = parseTranscript(markdown);
    assert.deepEqual(fragments(markdown), ['inline: 1) lij {#actanten}']);
    assert.equal(model.headings.length, 0);
  });

  test('web and e-mail addresses stay text; a coding with an edge inside one is widened to the whole address, and its bracket never closes inside it', () => {
    const text = 'Zie https://example.org/a_b en www.voorbeeld.nl of mail naam_x@voorbeeld.nl vandaag.';
    // «example.org/a» (edge inside the address), «www.voorbeeld.nl» (ends where the address ends), «x@voorbeeld» (inside an e-mail address).
    const qde = project(`${CODEBOOK}<Sources>${textSource('S', 'w.txt', selection('X', 12, 25, ['C1'], '') + selection('Y', 31, 47, ['C2'], '') + selection('Z', 58, 69, ['C3'], ''))}</Sources>`);
    const files = filesOf(qdpx({ qde, entries: { 'sources/S.txt': text } }));
    assert.equal(files.get('w.md')!.split('---\n\n')[1], 'Zie [https\\://example.org/a\\_b ]{#intentie} en [www\\.voorbeeld.nl ]{#intentie/gestuurd} of mail [naam\\_x@voorbeeld.nl]{#actanten} vandaag.\n');
    assert.deepEqual(fragments(files.get('w.md')!), ['inline: https://example.org/a_b {#intentie}', 'inline: www.voorbeeld.nl {#intentie/gestuurd}', 'inline: naam_x@voorbeeld.nl {#actanten}']);
    assert.match(files.get('import-report.txt')!, /- codings with an edge inside a web address, widened to the whole address: 2\n/);
  });

  test('a project Kader exported keeps its code ids: the Kader id in a code\'s description (kaderIds.ts) is the code path again', () => {
    const qde = project(
      `<CodeBook><Codes><Code guid="C1" name="Intention" isCodable="true"><Description>Wat?\n\nKader: #intentie</Description><Code guid="C2" name="Steered" isCodable="true"><Description>Kader: #intentie/gestuurd</Description></Code></Code></Codes></CodeBook><Sources>${textSource('S', 'a.txt', selection('X', 0, 4, ['C2'], ''))}</Sources>`,
    );
    const files = filesOf(qdpx({ qde, entries: { 'sources/S.txt': 'Eerst.' } }));
    assert.equal(files.get('codebook.md'), ['---', 'title: Proef', '---', '', '# Intention {#intentie}', '', 'Wat?', '', '## Steered {#intentie/gestuurd}', ''].join('\n'));
    assert.equal(files.get('a.md'), '---\ntitle: a.txt\n---\n\n[Eers]{#intentie/gestuurd}t.\n');
  });

  test('memos, cases, variables and sets: selection memos as memo="…", source memos, cases and variables in the front matter, code memos in the description, sets kept', () => {
    const qde = project(
      `${USERS}<CodeBook><Codes><Code guid="C1" name="Intentie" isCodable="true"><NoteRef targetGUID="N3"/></Code></Codes></CodeBook>
      <Variables><Variable guid="V1" name="jaar" typeOfVariable="Integer"/><Variable guid="V2" name="practice" typeOfVariable="Text"/></Variables>
      <Cases><Case guid="K1" name="Leergemeenschap Breda"><SourceRef targetGUID="S"/><VariableValue><VariableRef targetGUID="V1"/><IntegerValue>2</IntegerValue></VariableValue></Case></Cases>
      <Sources>${textSource('S', 'c.txt', selection('X', 0, 4, ['C1'], 'U1', '<NoteRef targetGUID="N1"/>'), '<NoteRef targetGUID="N2"/><VariableValue><VariableRef targetGUID="V2"/><TextValue>buiten</TextValue></VariableValue>')}</Sources>
      <Notes><Note guid="N1" name="m"><PlainTextContent>twijfelt "echt"</PlainTextContent></Note><Note guid="N2" name="s"><PlainTextContent>Goed gesprek.</PlainTextContent></Note><Note guid="N3" name="c"><PlainTextContent>Let op sturing.</PlainTextContent></Note><Note guid="N4" name="Project"><PlainTextContent>Algemene notitie.</PlainTextContent></Note></Notes>
      <Sets><Set guid="T1" name="Kerncodes"><MemberCode targetGUID="C1"/></Set><Set guid="T2" name="Ronde 1"><MemberSource targetGUID="S"/></Set></Sets>`,
    );
    const files = filesOf(qdpx({ qde, entries: { 'sources/S.txt': 'Eerst praten.' } }));
    assert.equal(
      files.get('c.md'),
      ['---', 'title: c.txt', 'practice: Leergemeenschap Breda', 'coder: anna', 'memo: Goed gesprek.', 'sets:', '  - Ronde 1', 'practice (variable): buiten', 'jaar: 2', '---', '', '[Eers]{#intentie memo="twijfelt \\"echt\\""}t praten.', ''].join('\n'),
    );
    assert.equal(files.get('codebook.md'), ['---', 'title: Proef', 'sets:', '  Kerncodes:', '    - "#intentie"', '---', '', '# Intentie {#intentie}', '', 'Let op sturing.', ''].join('\n'));
    assert.deepEqual(fragments(files.get('c.md')!), ['inline: Eers {#intentie memo=twijfelt "echt"}']);
    assert.match(files.get('import-report.txt')!, /Project memos:\n- Project: Algemene notitie\./);
  });

  test('what Kader cannot represent is counted in the report (English and Dutch)', () => {
    const qde = project(
      `${CODEBOOK}<Sources>${textSource('S', 'd.txt', selection('X', 0, 3, ['C9'], '') + selection('Y', 5, 99, ['C1'], '') + '<PlainTextSelection guid="Z" startPosition="0" endPosition="2"/>')}
      <PictureSource guid="P" name="foto.jpg" path="internal://P.jpg"><PictureSelection guid="PS" firstX="0" firstY="0" secondX="1" secondY="1"/></PictureSource>
      <AudioSource guid="A" name="opname.mp3" path="internal://A.mp3"/><VideoSource guid="V" name="film.mp4" path="internal://V.mp4"/>
      <PDFSource guid="F" name="brief.pdf" path="internal://F.pdf"><PDFSelection guid="FS" page="1" firstX="0" firstY="0" secondX="1" secondY="1"/></PDFSource>
      <TextSource guid="E" name="extern.txt" plainTextPath="relative://extern.txt"/><TextSource guid="W" name="weg.txt" plainTextPath="internal://../../weg.txt"/></Sources>`,
    );
    const bytes = qdpx({ qde, entries: { 'sources/S.txt': 'kort', 'sources/../../weg.txt': 'geheim' } });
    const result = importQdpx(bytes, { locale: 'en' });
    assert.ok(result.ok);
    assert.deepEqual(result.notes, [
      'regions coded on PDF pages: 1',
      'PDF sources without a text representation: 1',
      'pictures (and their codings): 1',
      'audio sources (and their codings): 1',
      'video sources (and their codings): 1',
      'codings of a code that is not in the codebook: 1',
      "selections outside their source's text: 1",
      'selections without a code (their memos are listed below): 1',
      'text sources whose text is outside the project file: 1',
      'text sources with an unsafe path inside the project file (not read): 1',
    ]);
    assert.deepEqual(result.files!.map((f) => f.name), ['codebook.md', 'd.md', 'import-report.txt']);
    const dutch = importQdpx(bytes, { locale: 'nl' });
    assert.ok(dutch.ok);
    assert.equal(dutch.notes![0], 'gecodeerde gebieden op pdf-pagina\'s: 1');
  });

  test('importBytes takes .qdpx; a zip without project.qde, an oversized part and a damaged file are refused with a message', async () => {
    const none = await importBytes('x.qdpx', zipSync({ 'a.txt': strToU8('x') }), { locale: 'en' });
    assert.deepEqual(none, { ok: false, message: 'This is not a REFI-QDA project: it holds no project.qde.' });
    const big = new Uint8Array(51 * 1024 * 1024);
    const oversized = await importBytes('x.qdpx', qdpx({ qde: project(`${CODEBOOK}<Sources>${textSource('big', 'groot.txt', '')}</Sources>`), entries: { 'sources/big.txt': big } }), { locale: 'en' });
    assert.deepEqual(oversized, { ok: false, message: 'This project unpacks to more than 50 MB; Kader does not import it.' });
    const damaged = await importBytes('x.qdpx', strToU8('PK not a zip'), { locale: 'en' });
    assert.deepEqual(damaged, { ok: false, message: 'This project cannot be read (no zip directory).' });
  });
});

describe('REFI-QDA project import: a project written by another tool', () => {
  test('the REFI-QDA toolkit\'s hand-authored sample (test/fixtures/qdpx/ornio-hand-authored): every coding\'s text and codes, the codebook, the case, the report', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const dir = path.join(__dirname, '../fixtures/qdpx/ornio-hand-authored');
    const source = 'sources/11111111-1111-1111-1111-111111111111.txt';
    const files = filesOf(qdpx({ qde: readFileSync(path.join(dir, 'project.qde'), 'utf8'), entries: { [source]: readFileSync(path.join(dir, source)) } }));
    assert.deepEqual([...files.keys()], ['codebook.md', 'interview-1.md', 'doc.md', 'import-report.txt']);
    // Selections [0, 15) «Diet and health» (#Health) and [9, 23) «health are clo» (#Diet) cross:
    // the second is split at the first's end into two parts that hold its whole text.
    assert.equal(
      files.get('interview-1.md'),
      [
        '---',
        'title: Interview 1.txt',
        'practice: Participant 1',
        'coder: Researcher A',
        'case memo: A pseudonymised interview participant.',
        'sets:',
        '  - Diet-related',
        'Age: 34',
        'Consented: true',
        '---',
        '',
        '[Diet and [health]{#topics/health/diet part="p1"}]{#topics/health} [are clo]{#topics/health/diet part="p1"}sely linked in this interview.',
        '',
      ].join('\n'),
    );
    assert.deepEqual(fragments(files.get('interview-1.md')!), ['inline: Diet and health {#topics/health}', 'inline: health {#topics/health/diet part=p1}', 'inline: are clo {#topics/health/diet part=p1}']);
    const { joinedParts, joinedText } = await import('../../server/src/core/fragmentParts');
    assert.deepEqual(
      joinedParts(parseTranscript(files.get('interview-1.md')!).fragments).map((parts) => `${joinedText(parts)} ${parts[0]!.codes.join(' ')}`),
      ['Diet and health topics/health', 'health are clo topics/health/diet'],
    );
    assert.equal(files.get('doc.md'), '---\ntitle: doc.pdf\n---\n\nNotes about diet and health from the document.\n');
    assert.equal(
      files.get('codebook.md'),
      [
        '---',
        'title: Sample Study',
        'sets:',
        '  Diet-related:',
        '    - "#topics/health/diet"',
        '---',
        '',
        '# Topics {#topics}',
        '',
        '## Health {#topics/health color="#33cc33"}',
        '',
        'Anything about physical or mental health',
        '',
        '### Diet {#topics/health/diet color="#dc0000"}',
        '',
        'Food and eating habits',
        '',
        '## Wellbeing {#topics/wellbeing color="#0000ff"}',
        '',
      ].join('\n'),
    );
    assert.equal(
      files.get('import-report.txt'),
      [
        'Kader imported the REFI-QDA project «Sample Study» (made with refi_qda test fixture).',
        'Written: codebook.md with 4 codes, 2 transcripts, 2 codings.',
        '',
        'Not represented exactly:',
        '- regions coded on PDF pages: 1',
        '- pictures (and their codings): 1',
        '- audio sources (and their codings): 1',
        '- transcripts synchronised with audio or video: 1',
        '- video sources (and their codings): 1',
        '- links between objects: 1',
        '- graphs: 1',
        '- codes assigned to cases: 1',
        '- selections assigned to cases: 1',
        '',
        'Kept, in another form:',
        '- codings that crossed another, split at its edge into parts with part="…": 1',
        '- codings written as parts (part="…", counted as one coding): 1',
        '',
        'Project memos:',
        '- Research memo: Remember to follow up on diet-related comments.',
        '',
      ].join('\n'),
    );
  });

  test('ATLAS.ti names the project file after the project (Trial.qde): the one .qde in the archive is read', () => {
    const bytes = zipSync({ 'Trial.qde': strToU8(project(CODEBOOK)) });
    const result = importQdpx(bytes, { locale: 'en' });
    assert.ok(result.ok);
    assert.deepEqual(result.files!.map((f) => f.name), ['codebook.md', 'import-report.txt']);
    const two = importQdpx(zipSync({ 'a.qde': strToU8(project(CODEBOOK)), 'b.qde': strToU8(project(CODEBOOK)) }), { locale: 'en' });
    assert.deepEqual(two, { ok: false, message: 'This is not a REFI-QDA project: it holds several .qde files and no project.qde.' });
  });
});
