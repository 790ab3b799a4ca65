import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Document, Packer, Paragraph, TextRun } from 'docx';
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
    assert.deepEqual(utterancesFromParagraphs(['Anna: Eerst ik.', 'Bram: Dan ik.']), [
      { speaker: 'Anna', start: undefined, text: 'Eerst ik.' },
      { speaker: 'Bram', start: undefined, text: 'Dan ik.' },
    ]);
  });

  test('a corrupt file gives a clear message, in English or Dutch', async () => {
    const result = await importDocx(new TextEncoder().encode('dit is geen zip'), { locale: 'nl' });
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', /^Dit Word-bestand kan niet gelezen worden \(.+\)\.$/);
  });
});
