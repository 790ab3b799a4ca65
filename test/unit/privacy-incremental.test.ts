// Personal data in an open document, per chunk (core/privacy/incremental.ts): after any edits the
// findings equal those of findPersonalData over the whole text, and typing re-reads only the
// chunks it touched. Every person here is invented.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { builtInCodebook, codeLookup, LineIndex, parseTranscript, stripBom } from '../../server/src/core/parse';
import { findPersonalData, prepareDetection, type PreparedDetection } from '../../server/src/core/privacy/detect';
import { parseKey } from '../../server/src/core/privacy/key';
import { OpenDocuments } from '../../server/src/workspace/documents';
import { md } from './helpers';

const KEY = parseKey(md('Anna de Vries: Deelnemer 1', 'Jan van der Berg:', '  pseudonym: Deelnemer 2', '  variants: [Jantje]', 'Buurthuis De Linde: { pseudonym: Organisatie 1, kind: organisation }')).key;
const lookup = codeLookup(builtInCodebook('nl'));

const DOC = md(
  '---',
  'practice: Breda',
  'participants: [Interviewer, Noor Bakker, Karel Smit]',
  'note: "bel Noor op 06-12345678"',
  '---',
  '',
  '## Vraag 1 {#context}',
  '',
  '**Interviewer:** Wat deed mevrouw Jansen in De Linde?',
  '',
  '**Noor Bakker:** Ik sprak Anna en [Jantje]{#actanten memo="zei Karel"} bij Buurthuis De Linde.',
  '',
  '::: {#intentie memo="Anna de Vries belde"}',
  '**Karel Smit:** Mail naar noor@example.nl of bel 06-12345678, Kerkstraat 12.',
  ':::',
  '',
  'Piet: dat was alles, zei Piet tegen Anna.',
  '',
  '```',
  '::: {Karel}',
  '```',
  '',
  '::: {Karel}',
  'Het is Noors en Jans werk. Geboren op 3-4-1980.',
  ':::',
);

function fresh(text: string, prepared: PreparedDetection): unknown {
  return findPersonalData(text, parseTranscript(text), prepared);
}

describe('privacy findings of an open document', () => {
  const prepared = prepareDetection({ key: KEY, allowList: ['Kerkstraat'] });

  it('equal those of the whole text after any edits, several between pulls', () => {
    const pieces = ['x', ' ', 'e', '\n', '\n\n', '\r\n', '**S9:** ', '**Piet:** ', 'Anna', ' Anna ', 'de Vries', 'Jans', ', Karel', 'Noor: ', '[', ']', ']{#a}', '{#actanten memo="Anna"}', '{#b #b}', '{', '}', '# ', '## K {#c}', '::: {#d}\n', ':::\n', '::: {Piet}\n', '```\n', '---\n', 'participants: [Piet Hein]\n', '06-12345678', ' mevrouw Bakker', '\uFEFF'];
    const base = fc.constantFrom(DOC, DOC.replace(/\n/g, '\r\n'), '\uFEFF' + DOC, md('**Anna:** Een [x]{#intentie/y}.', '', '**Piet:** Twee, zei Anna.', '', '## B {#b}', '', 'Vijf {intentie}.'));
    const change = fc.record({ at: fc.nat(), remove: fc.nat({ max: 6 }), insert: fc.oneof(fc.constantFrom(...pieces), fc.constant('')) });
    const step = fc.record({ changes: fc.array(change, { minLength: 1, maxLength: 3 }), pull: fc.boolean(), model: fc.integer({ min: 0, max: 5 }), full: fc.integer({ min: 0, max: 15 }) });
    fc.assert(
      fc.property(base, fc.array(step, { minLength: 1, maxLength: 10 }), (start, steps) => {
        const documents = new OpenDocuments();
        const entry = documents.open('file:///a.md', 'markdown', 1, start);
        let text = start;
        let version = 1;
        assert.deepEqual(documents.privacy(entry, lookup, prepared), fresh(text, prepared));
        for (const s of steps) {
          const events = s.changes.map((c) => {
            const insideCrLf = (offset: number): boolean => text[offset - 1] === '\r' && text[offset] === '\n';
            let at = c.at % (text.length + 1);
            if (insideCrLf(at)) at--;
            let end = Math.min(text.length, at + c.remove);
            if (insideCrLf(end)) end++;
            const lines = new LineIndex(text);
            const event = { range: { start: lines.position(at), end: lines.position(end) }, text: c.insert };
            text = text.slice(0, at) + c.insert + text.slice(end);
            return event;
          });
          documents.change('file:///a.md', ++version, s.full === 0 ? [{ text }] : events);
          if (s.pull) documents.diagnostics(entry, lookup);
          if (s.model === 0) documents.model(entry);
          assert.deepEqual(documents.privacy(entry, lookup, prepared), fresh(text, prepared), JSON.stringify(text));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('follow a change of the key: all found again', () => {
    const documents = new OpenDocuments();
    const entry = documents.open('file:///a.md', 'markdown', 1, DOC);
    const without = prepareDetection({});
    assert.deepEqual(documents.privacy(entry, lookup, without), fresh(DOC, without));
    assert.deepEqual(documents.privacy(entry, lookup, prepared), fresh(DOC, prepared));
  });

  it('a long transcript: typing re-reads only the chunks it touched, and a new speaker only the chunks with its words', () => {
    const paragraphs: string[] = ['---', 'participants: [Interviewer, S1, S2]', '---', ''];
    for (let i = 0; i < 3000; i++) {
      if (i % 200 === 0) paragraphs.push(`## Vraag ${i / 200 + 1} {#context}`, '');
      paragraphs.push(i % 50 === 7 ? `**S1:** Beurt ${i}: Anna zei het tegen [Jantje]{#intentie}.` : `**S2:** Beurt ${i}, gewoon over de wijk {#activiteit}.`, '');
    }
    let text = paragraphs.join('\n');
    const documents = new OpenDocuments();
    const entry = documents.open('file:///groot.md', 'markdown', 1, text);
    const first = documents.privacy(entry, lookup, prepared);
    assert.deepEqual(first, fresh(text, prepared));
    assert.equal(first.length, 120);
    let version = 1;
    const type = (offset: number, insert: string, remove = 0): void => {
      const lines = new LineIndex(text);
      documents.change('file:///groot.md', ++version, [{ range: { start: lines.position(offset), end: lines.position(offset + remove) }, text: insert }]);
      text = text.slice(0, offset) + insert + text.slice(offset + remove);
    };
    const count = (run: () => void): number => {
      let calls = 0;
      const slice = entry.document.text.slice.bind(entry.document.text);
      entry.document.text.slice = (start: number, end?: number): string => {
        calls++;
        return slice(start, end);
      };
      try {
        run();
      } finally {
        delete (entry.document.text as { slice?: unknown }).slice;
      }
      return calls;
    };
    // Typing in the middle: a few slices of the text (the chunks around the edit and the front matter).
    const middle = text.indexOf('Beurt 1500') + 5;
    for (let i = 0; i < 20; i++) {
      type(middle, i % 4 === 3 ? ' Anna' : 'e');
      documents.diagnostics(entry, lookup);
      const reads = count(() => documents.privacy(entry, lookup, prepared));
      assert.ok(reads < 40, `${reads} slices of the text at ${i}`);
    }
    assert.deepEqual(documents.privacy(entry, lookup, prepared), fresh(text, prepared));
    // A new speaker whose name is nowhere else: still only around the edit.
    type(text.indexOf('**S2:** Beurt 1600'), '**Zoë Bos:** Hallo.\n\n');
    documents.diagnostics(entry, lookup);
    const reads = count(() => documents.privacy(entry, lookup, prepared));
    assert.ok(reads < 60, `${reads} slices of the text`);
    assert.deepEqual(documents.privacy(entry, lookup, prepared), fresh(text, prepared));
    // Her name said elsewhere: found there too.
    type(text.indexOf('Beurt 10,') + 5, ' met Zoë');
    assert.deepEqual(documents.privacy(entry, lookup, prepared), fresh(text, prepared));
    assert.ok(documents.privacy(entry, lookup, prepared).some((f) => f.args['text'] === 'Zoë' && f.rule === 'personal-data/name'));
  });

  it('a byte-order mark: ranges as in the text without it', () => {
    const text = '\uFEFF' + DOC;
    const documents = new OpenDocuments();
    const entry = documents.open('file:///a.md', 'markdown', 1, text);
    assert.deepEqual(documents.privacy(entry, lookup, prepared), findPersonalData(stripBom(text), parseTranscript(text), prepared));
  });
});
