// Property: whatever a REFI-QDA source holds (lines that look like Markdown, entities, brackets,
// braces, blank lines) and wherever its selections lie (nested, crossing, over several
// paragraphs, cutting words), the project import writes each coding on exactly its text: read
// back by Kader, the fragments of each coding hold the selection's characters (white space aside),
// and nothing else is coded; a selection with an edge inside a web or e-mail address holds the
// whole address (Kader reads no bracket inside one, SYNTAX.md §4). Runs are bounded (KADER_FUZZ_RUNS raises them).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { joinedParts } from '../../server/src/core/fragmentParts';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { importQdpx } from '../../server/src/core/outputs/exchange/qdpxImport';
import { project, qdpx, selection, textSource } from '../fixtures/qdpx/build';

const RUNS = Number(process.env['KADER_FUZZ_RUNS']) || 150;

const ADDRESSES = ['https://voorbeeld.nl/pad?a=1&b=2', 'http://x.nl', 'www.voorbeeld.nl', 'anna@voorbeeld.nl', 'mailto:bram@x.nl', 'ftp://x.nl/f'];
const PIECES = ['1.', '1)', '-', '+', '*', '_', '#', '>', '---', ':::', '|', '\\', '`', '[', ']', '{', '}', '[a]{#evil}', '&amp;', '<b>', '**X:**', 'Anna:', '😀', 'é', ...ADDRESSES];
const WORD = fc.oneof(fc.constantFrom(...PIECES), fc.constantFrom('Anna', 'Bram', 'ja', 'nee', 'woord', '2020'));
const LINE = fc.array(fc.tuple(WORD, fc.constantFrom('', ' ', ' ')), { minLength: 1, maxLength: 8 }).map((parts) => parts.map(([w, s]) => w + s).join(''));
/** Lines, with blank lines between some of them (paragraphs). */
const TEXT = fc.array(fc.tuple(LINE, fc.constantFrom('\n', '\n', '\n\n')), { minLength: 1, maxLength: 6 }).map((lines) => lines.map(([l, s]) => l + s).join('').trimEnd());

const stripped = (text: string): string => text.replace(/\s+/g, '');

/** Web and e-mail addresses as GFM finds them (to the next white space): code-point ranges in `chars`. */
function addressesIn(chars: string[]): [number, number][] {
  const text = chars.join('');
  const point = (unit: number): number => Array.from(text.slice(0, unit)).length;
  return [...text.matchAll(/(?:https?:\/\/|ftp:\/\/|www\.)\S*|[-.\w+]+@[-\w]+(?:\.[-\w]+)+/gi)].map((m) => [point(m.index), point(m.index + m[0].length)]);
}

/** A selection with an edge inside an address, widened to the whole address (after its white space is trimmed). */
function widened(chars: string[], addresses: [number, number][], s: number, e: number): [number, number] {
  while (s < e && /\s/.test(chars[s]!)) s++;
  while (e > s && /\s/.test(chars[e - 1]!)) e--;
  if (s === e) return [s, e];
  for (const [from, to] of addresses) {
    if (from < s && s < to) s = from;
    if (from < e && e < to) e = to;
  }
  return [s, e];
}

describe('REFI-QDA project import: properties', () => {
  test('every coding reads back on exactly its text, with its code; nothing else is coded', () => {
    fc.assert(
      fc.property(
        TEXT.chain((text) => {
          const points = Array.from(text).length;
          const range = fc.tuple(fc.integer({ min: 0, max: points }), fc.integer({ min: 0, max: points })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
          return fc.tuple(fc.constant(text), fc.array(range, { minLength: 0, maxLength: 6 }));
        }),
        ([text, ranges]) => {
          const codes = ranges.map((_, i) => `<Code guid="K${i}" name="c${i}" isCodable="true"/>`).join('');
          const selections = ranges.map(([s, e], i) => selection(`S${i}`, s, e, [`K${i}`], '')).join('');
          const bytes = qdpx({ qde: project(`<CodeBook><Codes>${codes}</Codes></CodeBook><Sources>${textSource('T', 't.txt', selections)}</Sources>`), entries: { 'sources/T.txt': text } });
          const result = importQdpx(bytes, { locale: 'en' });
          assert.ok(result.ok);
          const markdown = result.files!.find((f) => f.name === 't.md')!.text;
          const model = parseTranscript(markdown);
          const chars = Array.from(text);
          const addresses = addressesIn(chars);
          const groups = joinedParts(model.fragments);
          ranges.forEach(([start, end], i) => {
            const [s, e] = widened(chars, addresses, start, end);
            const selected = stripped(chars.slice(s, e).join(''));
            const mine = groups.filter((g) => g[0]!.codes.includes(`c${i}`));
            if (selected === '') return assert.equal(mine.length, 0, markdown);
            assert.equal(mine.length, 1, `selection ${i} [${s}, ${e}) is one coding\n${markdown}`);
            // The parts of a split coding may cut a word: compare without white space.
            assert.equal(stripped(mine[0]!.map((f) => f.text).join('')), selected, `selection ${i} [${s}, ${e})\n${markdown}`);
          });
          assert.equal(groups.length, ranges.filter(([s, e]) => stripped(chars.slice(s, e).join('')) !== '').length, markdown);
          // No line of the source became a heading.
          assert.equal(model.headings.length, 0, markdown);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
