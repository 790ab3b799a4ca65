// GFM's autolink literals (www., http://, e-mail addresses) make mdast nodes without positions;
// reading them must never throw.
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
