import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  HeadingLevel,
  InsertedTextRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { importDocx, utterancesFromParagraphs } from '../../server/src/core/outputs/exchange/docx';
import { parseTranscript } from '../../server/src/core/parse/transcript';

async function wordFile(paragraphs: string[]): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })) }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('Word import', () => {
  test('a Teams transcript: name and time lines, then the words', async () => {
    const bytes = await wordFile([
      'Reflectiegesprek groep 3',
      'Anna de Vries   0:03',
      'Goedemorgen allemaal, welkom.',
      'Anna de Vries   0:09',
      'Zullen we beginnen met de [eerste] vraag?',
      'Bram Jansen   1:02:05',
      'Ja, graag.',
    ]);
    const result = await importDocx(bytes, { practice: 'Breda', timestamps: true });
    assert.ok(result.ok, !result.ok ? result.message : '');
    assert.equal(
      result.markdown,
      [
        '---',
        'practice: Breda',
        'participants:',
        '  - Anna de Vries',
        '  - Bram Jansen',
        '---',
        '',
        'Reflectiegesprek groep 3',
        '',
        '[00:00:03] **Anna de Vries:** Goedemorgen allemaal, welkom.',
        '',
        '[00:00:09] Zullen we beginnen met de \\[eerste\\] vraag?',
        '',
        '[01:02:05] **Bram Jansen:** Ja, graag.',
        '',
      ].join('\n'),
    );
    const model = parseTranscript(result.markdown);
    assert.deepEqual(model.diagnostics, []);
    assert.deepEqual(model.turns.map((t) => t.speaker), ['Anna de Vries', 'Bram Jansen']);
  });

  test('older Teams cue timings, `[time] Name:` lines and `Name: words` paragraphs', () => {
    assert.deepEqual(utterancesFromParagraphs(['0:0:0.0 --> 0:0:3.740', 'Anna', 'Hallo daar.', '0:0:4.0 --> 0:0:5.0', 'Bram', 'Hoi.']), [
      { speaker: 'Anna', start: 0, text: 'Hallo daar.' },
      { speaker: 'Bram', start: 4, text: 'Hoi.' },
    ]);
    assert.deepEqual(utterancesFromParagraphs(['[00:01:02] Anna:', 'Ja.']), [{ speaker: 'Anna', start: 62, text: 'Ja.' }]);
    assert.deepEqual(utterancesFromParagraphs(['Deelnemers: Anna en Bram', 'Anna: Eerst ik.', 'Bram: Dan ik.', 'Anna: En ik zei toen: nee.']), [
      { speaker: undefined, start: undefined, text: 'Deelnemers: Anna en Bram' },
      { speaker: 'Anna', start: undefined, text: 'Eerst ik.' },
      { speaker: 'Bram', start: undefined, text: 'Dan ik.' },
      { speaker: 'Anna', start: undefined, text: 'En ik zei toen: nee.' },
    ]);
    // Names that open two paragraphs or more are speakers too; a colon in a sentence is words.
    assert.deepEqual(utterancesFromParagraphs(['Anna: Eerst ik.', 'Bram: Dan ik.', 'Anna: Ja.', 'En ik zei toen: nee.']), [
      { speaker: 'Anna', start: undefined, text: 'Eerst ik.' },
      { speaker: undefined, start: undefined, text: 'Bram: Dan ik.' },
      { speaker: 'Anna', start: undefined, text: 'Ja.' },
      { speaker: undefined, start: undefined, text: 'En ik zei toen: nee.' },
    ]);
  });

  test('headings, lists, tables, comments and tracked changes; speakers from bold labels, a colon in a sentence is words', async () => {
    const date = '2020-01-01T00:00:00Z';
    const cell = (text: string): TableCell => new TableCell({ children: [new Paragraph(text)] });
    const doc = new Document({
      comments: { children: [{ id: 0, author: 'Femke Bakker', date: new Date(date), children: [new Paragraph({ children: [new TextRun('Mooi [citaat]')] })] }] },
      numbering: { config: [{ reference: 'genummerd', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] }] },
      sections: [
        {
          children: [
            new Paragraph({ text: 'Gesprek 3 | groep', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ children: [new TextRun({ text: 'Anna de Vries:', bold: true }), new TextRun(' Welkom allemaal.')] }),
            new Paragraph({ children: [new TextRun('En ik zei toen: dat doen we.')] }),
            new Paragraph({
              children: [new TextRun({ text: 'Bram', bold: true }), new TextRun(': Ik wilde '), new CommentRangeStart(0), new TextRun('zelf iets leren'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] }), new TextRun('.')],
            }),
            new Paragraph({ text: 'eerste punt', bullet: { level: 0 } }),
            new Paragraph({ text: 'tweede *punt*', bullet: { level: 1 } }),
            new Paragraph({ text: 'stap een', numbering: { reference: 'genummerd', level: 0 } }),
            new Table({ rows: [new TableRow({ children: [cell('Wie'), cell('Wat | waar')] }), new TableRow({ children: [cell('Anna'), cell('[x]{#y}')] })] }),
            new Paragraph({ children: [new TextRun('Het was '), new DeletedTextRun({ text: 'niet ', id: 1, author: 'Femke', date }), new InsertedTextRun({ text: 'heel ', id: 2, author: 'Femke', date }), new TextRun('goed.')] }),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const markdown = (comment: string): string =>
      [
        '---',
        'participants:',
        '  - Anna de Vries',
        '  - Bram',
        '---',
        '',
        '# Gesprek 3 | groep',
        '',
        '**Anna de Vries:** Welkom allemaal. En ik zei toen: dat doen we.',
        '',
        '**Bram:** Ik wilde zelf iets leren.',
        '',
        `*${comment}: Mooi \\[citaat\\]*`,
        '',
        '- eerste punt',
        '',
        '   - tweede \\*punt\\*',
        '',
        '1. stap een',
        '',
        '| Wie | Wat \\| waar |',
        '| --- | --- |',
        '| Anna | \\[x\\]\\{#y\\} |',
        '',
        '**Bram:** Het was heel goed.',
        '',
      ].join('\n');
    assert.deepEqual(await importDocx(bytes), {
      ok: true,
      markdown: markdown('Comment by Femke Bakker'),
      participants: ['Anna de Vries', 'Bram'],
      turns: 3,
      notes: ['The Word file has tracked changes: they were imported as accepted (insertions kept, deletions left out).'],
    });
    assert.deepEqual(await importDocx(bytes, { locale: 'nl' }), {
      ok: true,
      markdown: markdown('Opmerking van Femke Bakker'),
      participants: ['Anna de Vries', 'Bram'],
      turns: 3,
      notes: ['Het Word-bestand bevat bijgehouden wijzigingen: ze zijn geïmporteerd als geaccepteerd (invoegingen behouden, verwijderingen weggelaten).'],
    });
    const model = parseTranscript(markdown('Comment by Femke Bakker'));
    assert.deepEqual([model.fragments, model.diagnostics], [[], []]);
    assert.deepEqual(model.turns.map((t) => t.speaker), ['Anna de Vries', 'Bram', 'Bram']);
    assert.deepEqual(model.headings.map((h) => [h.depth, h.text]), [[1, 'Gesprek 3 | groep']]);
  });

  test('a corrupt file gives a clear message, in English or Dutch', async () => {
    const result = await importDocx(new TextEncoder().encode('dit is geen zip'), { locale: 'nl' });
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', /^Dit Word-bestand kan niet gelezen worden \(.+\)\.$/);
  });
});
