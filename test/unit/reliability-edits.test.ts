// Property tests on the edit paths, over random Markdown-ish documents (paragraphs, speaker turns,
// lists, quotes, headings, divs, existing fragments; LF or CRLF): coding then uncoding, and
// renaming then renaming back, give the file back byte for byte, and coding adds no problem.
// KADER_FUZZ_RUNS sets the number of runs (npm run fuzz runs many more).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { applyEdits, codingEdits } from '../../server/src/core/edits';
import { LineIndex } from '../../server/src/core/parse/text';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import type { Transcript } from '../../server/src/core/types';
import { renameEdits } from '../../server/src/service/rename';

const RUNS = Number(process.env['KADER_FUZZ_RUNS'] ?? 200);

const word = fc.constantFrom('ik', 'kwam', 'omdat', 'het', 'moest', 'wij', 'beïnvloeding', 'daar', 'x', 'één');
const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
const code = fc.constantFrom('a', 'b', 'a/x', 'c-d', 'intentie/gestuurd');
const inline = fc.oneof(
  words,
  fc.tuple(words, code).map(([w, c]) => `[${w}]{#${c}}`),
  // Two different codes: rename merges a code given twice into one (on purpose), which no rename back undoes.
  fc.tuple(words, code, code).filter(([, c, d]) => c !== d).map(([w, c, d]) => `[${w}]{#${c}, #${d} memo="m"}`),
  words.map((w) => `*${w}*`),
);
const sentence = fc.array(inline, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));
const block = fc.oneof(
  sentence,
  sentence.map((s) => `**S1:** ${s}`),
  fc.tuple(sentence, code).map(([s, c]) => `${s} {#${c}}`),
  fc.tuple(fc.constantFrom('#', '##', '###'), words, fc.option(code)).map(([h, w, c]) => `${h} ${w}${c ? ` {#${c}}` : ''}`),
  fc.array(sentence, { minLength: 1, maxLength: 3 }).map((items) => items.map((s) => `- ${s}`).join('\n')),
  fc.array(sentence, { minLength: 1, maxLength: 3 }).map((items) => items.map((s, i) => `${i + 1}. ${s}`).join('\n')),
  fc.array(sentence, { minLength: 1, maxLength: 2 }).map((lines) => lines.map((s) => `> ${s}`).join('\n')),
  fc.tuple(code, sentence).map(([c, s]) => `::: {#${c}}\n${s}\n:::`),
  fc.tuple(sentence, sentence).map(([a, b]) => `${a}\n${b}`),
);
const documentOf = fc
  .tuple(fc.array(block, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n'))
  .map(([blocks, eol]) => (blocks.join('\n\n') + '\n').replace(/\n/g, eol));

function problems(model: Transcript): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of model.diagnostics) if (d.severity === 'error' || d.severity === 'warning') counts.set(d.rule, (counts.get(d.rule) ?? 0) + 1);
  return counts;
}

function assertNoNewProblems(before: Transcript, after: Transcript, shown: string): void {
  const was = problems(before);
  for (const [rule, count] of problems(after)) assert.ok(count <= (was.get(rule) ?? 0), `new ${rule} after the edit:\n${shown}`);
}

describe('edit paths on random Markdown-ish documents', () => {
  test('code a random selection with a new code, then remove that code: byte-identical, no new problem', () => {
    fc.assert(
      fc.property(documentOf, fc.nat(), fc.nat(), (text, a, b) => {
        const lines = new LineIndex(text);
        const [from, to] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y);
        const model = parseTranscript(text);
        const result = codingEdits(text, model, { action: 'code', range: lines.range({ start: from!, end: to! }), codes: ['zz'] });
        if (result.edits.length === 0) {
          assert.ok(result.message, 'no edit comes with a reason');
          return;
        }
        const coded = applyEdits(text, result.edits);
        const shown = JSON.stringify({ text, from, to, coded });
        const after = parseTranscript(coded);
        const tokens = after.codes.filter((c) => c.code === 'zz');
        assert.equal(tokens.length, 1, `the new code is read back once: ${shown}`);
        assert.ok(tokens[0]!.fragment >= 0, `the new code codes a fragment: ${shown}`);
        assertNoNewProblems(model, after, shown);
        const back = codingEdits(coded, after, { action: 'removeCode', position: tokens[0]!.range.start, code: 'zz' });
        assert.equal(applyEdits(coded, back.edits), text, shown);
      }),
      { numRuns: RUNS },
    );
  });

  test('rename a code to a new name, then back: byte-identical', () => {
    fc.assert(
      fc.property(documentOf, fc.constantFrom('a', 'b', 'a/x', 'c-d', 'intentie'), (text, from) => {
        const there = renameEdits(text, parseTranscript(text), from, 'nieuw/naam');
        const renamed = applyEdits(text, there);
        const shown = JSON.stringify({ text, from, renamed });
        const model = parseTranscript(renamed);
        assert.ok(!model.codes.some((c) => c.code === from || c.code.startsWith(`${from}/`)), `no ${from} is left: ${shown}`);
        assert.deepEqual(problems(model), problems(parseTranscript(text)), shown);
        const back = renameEdits(renamed, model, 'nieuw/naam', from);
        assert.equal(applyEdits(renamed, back), text, shown);
      }),
      { numRuns: RUNS },
    );
  });

  test('coding a selection inside a div fence line leaves the div intact', () => {
    const text = '::: {#a}\nik\n:::\n';
    const lines = new LineIndex(text);
    const result = codingEdits(text, parseTranscript(text), { action: 'code', range: lines.range({ start: 0, end: 1 }), codes: ['zz'] });
    const coded = applyEdits(text, result.edits);
    assert.ok(result.edits.length === 0 || parseTranscript(coded).fragments.some((f) => f.kind === 'div'), coded);
  });

  const structure = (text: string, start: number, end: number, what: string): void => {
    test(`coding ${what} keeps the Markdown structure, or changes nothing`, () => {
      const lines = new LineIndex(text);
      const before = parseTranscript(text);
      const result = codingEdits(text, before, { action: 'code', range: lines.range({ start, end }), codes: ['zz'] });
      const coded = applyEdits(text, result.edits);
      if (result.edits.length === 0) return;
      const after = parseTranscript(coded);
      const token = after.codes.find((c) => c.code === 'zz' && c.fragment >= 0);
      assert.ok(token && after.diagnostics.length === 0, coded);
      assert.equal(applyEdits(coded, codingEdits(coded, after, { action: 'removeCode', position: token.range.start, code: 'zz' }).edits), text);
    });
  };
  structure('- een\n- twee\n', 2, 11, 'a selection over two list items');
  structure('**S1:** ik\n', 0, 1, 'a selection of one emphasis delimiter');
  structure('*ik* {#a}\n', 1, 6, 'a selection that ends inside a block-coding attribute block');
  structure('::: {#a}\n[ik]{#a}\n:::\n\n**S1:** [ik]{#a}\n', 9, 24, 'a selection from inside a div to after it');
});
