// Inputs on which remark misbehaves: GFM autolink literals (www., http://, e-mail addresses) make
// mdast nodes without positions, and deep block quotes overflow its stack. Reading never throws.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseTranscript } from '../../server/src/core/transcript';

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
