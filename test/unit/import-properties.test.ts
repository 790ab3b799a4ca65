// Property: whatever text a conversation or a codebook holds — lines that look like Markdown,
// entities, braces, brackets, `#`, `:::`, speaker-like prefixes — every importer writes it so that
// Kader reads back the same words (white space folded) and finds no coding in it. Runs are bounded
// (KADER_FUZZ_RUNS raises them).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import fc from 'fast-check';
import { readChunk } from '../../server/src/core/parse/chunk';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { importDocx } from '../../server/src/core/outputs/exchange/docx';
import { foldWhitespace } from '../../server/src/core/outputs/exchange/escape';
import { importQdc } from '../../server/src/core/outputs/exchange/qdcImport';
import type { ImportResult } from '../../server/src/core/outputs/exchange/transcriptWriter';
import { importWebVtt } from '../../server/src/core/outputs/exchange/webvtt';

const RUNS = Number(process.env['KADER_FUZZ_RUNS']) || 200;

/** Pieces of text that Markdown or Kader would read as syntax, among ordinary words. */
const PIECES = [
  '1.', '1)', '12.', '-', '+', '*', '_', '#', '##', '>', '---', '***', '===', ':::', '::: {#x}', '|', '\\', '`', '~~~', '```', '[', ']', '{', '}',
  '[a]{#evil}', '{#evil memo="x"}', '&amp;', '&copy;', '&#35;', '&nbsp;', '<b>', '<!--', '!', '"', ':', '**X:**', 'Anna:', 'Bram de Vries:',
  'En ik zei toen:', '[^1]', '![a](b)', '<<<<<<<', '%', "'",
];
const WORD = fc.oneof(fc.constantFrom(...PIECES), fc.constantFrom('Anna', 'Bram', 'ja', 'nee', 'é', 'x', '2020'));
/** One line: pieces joined by nothing or a space (so `1.` may open a line, `Anna:` may be a prefix). */
const LINE = fc.array(fc.tuple(WORD, fc.constantFrom('', ' ', ' ', '\t')), { minLength: 1, maxLength: 10 }).map((parts) => parts.map(([w, s]) => w + s).join(''));
const LINES = fc.array(LINE, { minLength: 1, maxLength: 6 });

/** The plain text Kader reads from a transcript's body: every block's text, with the model checked for coding. */
function readBack(result: ImportResult): { paragraphs: string[]; participants: string[] } {
  assert.ok(result.ok, !result.ok ? result.message : '');
  const model = parseTranscript(result.markdown);
  assert.deepEqual([model.fragments, model.codes, model.attributeBlocks], [[], [], []], result.markdown);
  assert.deepEqual(
    model.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'),
    [],
    result.markdown,
  );
  const body = result.markdown.slice(model.frontMatter.span!.end);
  return { paragraphs: readChunk(body).blocks.map((b) => foldWhitespace(b.text)), participants: result.participants };
}

/** A line without the `Name:` it opens with, when Name is a participant (then the importer made it a speaker label). */
function withoutLabel(line: string, participants: readonly string[]): string {
  const label = /^([^:]{1,60}?):(?=\s|$)/.exec(line);
  return label && participants.includes(label[1]!.trim()) ? line.slice(label[0].length).trim() : line;
}

/** The input lines and the read paragraphs as one text each, speaker labels and timestamps set aside. */
function sameWords(lines: string[], read: { paragraphs: string[]; participants: string[] }, timestamps: boolean, markdown: string): void {
  const written = read.paragraphs.map((p) => withoutLabel(timestamps ? p.replace(/^\[\d\d:\d\d:\d\d\] /, '') : p, read.participants));
  const expected = lines.map((l) => withoutLabel(foldWhitespace(l), read.participants));
  assert.equal(foldWhitespace(written.join(' ')), foldWhitespace(expected.join(' ')), markdown);
}

/** Cue text as WebVTT writes it: `&`, `<` and `>` as references, no blank line, no `-->`. */
const cueText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What a Word line may not be for this property: a Teams or Zoom header line with a clock, which the import reads as a speaker and time. */
const CLOCK = /(?:^|\s|\[)\d{1,2}:\d{1,2}/;

describe('property: every importer keeps the words and codes nothing', () => {
  test('WebVTT: cues of random text, with and without timestamps', () => {
    fc.assert(
      fc.property(LINES, fc.boolean(), (lines, timestamps) => {
        const cues = lines.filter((l) => foldWhitespace(l));
        fc.pre(cues.length > 0);
        const at = (i: number): string => `00:00:${String(i).padStart(2, '0')}.000`;
        const vtt = `WEBVTT\n\n${cues.map((c, i) => `${at(i)} --> ${at(i)}\n${cueText(c)}`).join('\n\n')}\n`;
        const result = importWebVtt(vtt, { timestamps });
        sameWords(cues, readBack(result), timestamps, result.ok ? result.markdown : '');
      }),
      { numRuns: RUNS },
    );
  });

  test('Word: one paragraph per line of random text', async () => {
    await fc.assert(
      fc.asyncProperty(LINES, async (lines) => {
        fc.pre(lines.some((l) => foldWhitespace(l)) && !lines.some((l) => CLOCK.test(l)));
        const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
        const result = await importDocx(new Uint8Array(await Packer.toBuffer(doc)));
        sameWords(lines, readBack(result), false, result.ok ? result.markdown : '');
      }),
      { numRuns: Math.max(20, Math.floor(RUNS / 4)) },
    );
  });

  test('.qdc: a description of random lines stays the description, and codes nothing', () => {
    const xmlText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    fc.assert(
      fc.property(LINES, LINE, (lines, name) => {
        const description = lines.join('\n');
        const result = importQdc(`<CodeBook><Codes><Code guid="1" name="${xmlText(name)}"><Description>${xmlText(description)}</Description></Code></Codes></CodeBook>`);
        assert.ok(result.ok);
        const codebook = parseCodebook(result.markdown);
        assert.deepEqual(codebook.diagnostics, [], result.markdown);
        assert.deepEqual(
          codebook.codes.map((c) => c.name),
          [foldWhitespace(name) || 'code'],
          result.markdown,
        );
        const read = readChunk(codebook.codes[0]!.description).blocks.map((b) => b.text);
        assert.equal(foldWhitespace(read.join(' ')), foldWhitespace(description), result.markdown);
      }),
      { numRuns: RUNS },
    );
  });
});
