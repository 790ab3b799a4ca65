// Inputs on which remark misbehaves: GFM autolink literals (www., http://, e-mail addresses) make
// mdast nodes without positions, and deep block quotes overflow its stack. Reading never throws.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { REMARK_BUDGET } from '../../server/src/core/parse/chunk';
import { messageOf } from '../../server/src/core/messages';
import { parseTranscript } from '../../server/src/core/parse/transcript';

test('an autolink literal right after a fragment-like bracket does not throw', () => {
  const model = parseTranscript('{#}][y]_- }{a}*\t"\\"]:www."\\"');
  assert.ok(Array.isArray(model.fragments));
});

test('any mix of autolink literals, labels and coding markup parses', () => {
  const token = fc.constantFrom('www.', 'www.x.nl', 'http://a.b', 'a@b.nl', 'mailto:', '[', ']', '{#a}', '{', '}', '**S1**', ':', '*', '_', '"', '\\', ' ', '\n', 'x', '](', ')', '<', '>');
  fc.assert(
    fc.property(fc.array(token, { maxLength: 40 }), (tokens) => {
      const text = tokens.join('');
      const model = parseTranscript(text);
      for (const f of model.fragments) assert.ok(f.full.span.start >= 0 && f.full.span.end <= model.length);
    }),
    { numRuns: 2000 },
  );
});

test('a chunk remark cannot read (5,000 nested quotes) is read by the line reader, with a diagnostic', () => {
  const model = parseTranscript('Voor.\n\n' + '>'.repeat(5000) + ' [x]{#intentie}\n\nNa. {#context}\n');
  assert.deepEqual(model.fragments.map((f) => [f.kind, f.codes, f.text]), [['inline', ['intentie'], 'x'], ['block', ['context'], 'Na.']]);
  assert.deepEqual(model.diagnostics.map((d) => [d.rule, d.severity, d.range.start.line]), [['parse-fallback', 'information', 2]]);
});

test('a chunk with more markup than remark is given (REMARK_BUDGET) is read by the line reader, with a diagnostic saying why', () => {
  const within = '[x]{#intentie} ' + '_'.repeat(REMARK_BUDGET.markup - 2);
  const over = within + '_';
  const inside = parseTranscript(`Voor.\n\n${within}\n`);
  assert.deepEqual(inside.diagnostics.filter((d) => d.rule === 'parse-fallback'), []);
  const model = parseTranscript(`Voor.\n\n${over}\n\nNa. {#context}\n`);
  assert.deepEqual(
    model.fragments.map((f) => [f.kind, f.codes, f.text, f.content.range]),
    [
      ['inline', ['intentie'], 'x', { start: { line: 2, character: 1 }, end: { line: 2, character: 2 } }],
      ['block', ['context'], 'Na.', { start: { line: 4, character: 0 }, end: { line: 4, character: 3 } }],
    ],
  );
  const fallback = model.diagnostics.filter((d) => d.rule === 'parse-fallback');
  assert.deepEqual(
    fallback.map((d) => [d.severity, d.range, d.args]),
    [['information', { start: { line: 2, character: 0 }, end: { line: 2, character: over.length } }, { reason: 'markup' }]],
  );
  assert.equal(
    messageOf(fallback[0]!, 'en'),
    'This paragraph holds more Markdown markup (brackets, asterisks, underscores, backticks) than Kader reads as Markdown, so it was read line by line: codes are found, but Markdown details may be missed.',
  );
  assert.equal(
    messageOf(fallback[0]!, 'nl'),
    'Deze alinea bevat meer Markdown-opmaak (haken, sterretjes, liggende streepjes, backticks) dan Kader als Markdown leest en is daarom regel voor regel gelezen: codes worden gevonden, Markdown-details misschien niet.',
  );
});

test('a chunk longer than remark is given is read by the line reader; 128 kB of `a_ ` (quadratic in remark) too', () => {
  const long = 'woord '.repeat(REMARK_BUDGET.length / 6 + 1) + '{#context}';
  const model = parseTranscript(long);
  assert.deepEqual(model.fragments.map((f) => [f.kind, f.codes, f.content.span.end]), [['block', ['context'], long.length - '{#context}'.length - 1]]);
  assert.deepEqual(model.diagnostics.map((d) => [d.rule, d.args]), [['parse-fallback', { reason: 'length' }]]);
  assert.equal(messageOf(model.diagnostics[0]!, 'en'), 'This paragraph is too long to read as Markdown, so it was read line by line: codes are found, but Markdown details may be missed.');

  const runs = parseTranscript('a_ '.repeat(43_000));
  assert.deepEqual(runs.diagnostics.map((d) => [d.rule, d.args]), [['parse-fallback', { reason: 'length' }]]);
});

test('5,000 nested fragments are read by the line reader, each with its text', () => {
  const depth = 5_000;
  const model = parseTranscript('['.repeat(depth) + 'x' + ']{#a}'.repeat(depth));
  assert.equal(model.fragments.length, depth);
  assert.ok(model.fragments.every((f) => f.text === 'x' && f.codes[0] === 'a'));
  assert.deepEqual(model.fragments.slice(0, 2).map((f) => [f.full.span, f.parent]), [[{ start: 0, end: depth * 6 + 1 }, -1], [{ start: 1, end: depth * 6 + 1 - 5 }, 0]]);
  assert.deepEqual(model.diagnostics.map((d) => [d.rule, d.args]), [['parse-fallback', { reason: 'markup' }]]);
});

test('the line reader reports every unclosed `{#` of a line beyond the budget, as the chunk reader does', () => {
  const model = parseTranscript('{#a '.repeat(10_000));
  assert.equal(model.diagnostics.filter((d) => d.rule === 'unclosed-attributes').length, 10_000);
  assert.deepEqual(model.diagnostics.filter((d) => d.rule === 'parse-fallback').map((d) => d.args), [{ reason: 'length' }]);
  const quoted = parseTranscript('x '.repeat(17_000) + 'a {#a "x } b {#b}');
  assert.deepEqual(quoted.diagnostics.map((d) => d.rule), ['parse-fallback', 'stray-attributes']);
});
