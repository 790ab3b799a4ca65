// utf8Length counts UTF-8 bytes without Node's Buffer (the browser build has none): the same
// count as Buffer.byteLength for every string, lone surrogates included.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { utf8Length } from '../../server/src/core/fileText';

test('utf8Length: ASCII, two-, three- and four-byte characters, lone surrogates', () => {
  assert.equal(utf8Length(''), 0);
  assert.equal(utf8Length('Roos'), 4);
  assert.equal(utf8Length('é'), 2);
  assert.equal(utf8Length('€'), 3);
  assert.equal(utf8Length('😀'), 4);
  assert.equal(utf8Length('\uD83D'), 3);
  assert.equal(utf8Length('\uDE00x'), 4);
  assert.equal(utf8Length('\uD83D\uD83D\uDE00'), 7);
});

test('utf8Length equals Buffer.byteLength for any string', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => utf8Length(text) === Buffer.byteLength(text)), { numRuns: 2000 });
});
