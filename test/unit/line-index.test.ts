// The line index after an edit (LineIndex.edited) equals one built from scratch, for any mix of
// LF, CRLF and lone CR, including edits that split or join a CR LF pair.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/core/parse/text';
import { commonEnds } from '../../server/src/core/parse/transcript';

const textArb = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', 'é', '😀'), { maxLength: 40 }).map((parts) => parts.join(''));

test('an edited line index equals a fresh one', () => {
  fc.assert(
    fc.property(textArb, fc.nat(), fc.nat({ max: 6 }), textArb, (before, at, remove, insert) => {
      const from = at % (before.length + 1);
      const after = before.slice(0, from) + insert + before.slice(from + remove);
      const { prefix, suffix } = commonEnds(before, after);
      assert.ok(prefix + suffix <= Math.min(before.length, after.length));
      assert.equal(before.slice(0, prefix), after.slice(0, prefix));
      assert.equal(before.slice(before.length - suffix), after.slice(after.length - suffix));
      assert.deepEqual(LineIndex.edited(new LineIndex(before), after, prefix, suffix).lineStarts, new LineIndex(after).lineStarts);
    }),
    { numRuns: 3000 },
  );
});

test('common ends of long texts are found exactly', () => {
  const base = 'regel\n'.repeat(5000);
  const changed = base.slice(0, 12_345) + 'X' + base.slice(12_346);
  assert.deepEqual(commonEnds(base, changed), { prefix: 12_345, suffix: base.length - 12_346 });
  assert.deepEqual(commonEnds(base, base + 'y'), { prefix: base.length, suffix: 0 });
  assert.deepEqual(commonEnds('', 'abc'), { prefix: 0, suffix: 0 });
});
