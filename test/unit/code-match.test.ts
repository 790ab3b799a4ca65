// The code picker's matching: what a typed text finds (id, path segments, names in both languages,
// typing errors), in which order, and which new names are close to an existing code.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { editDistance, fold, frameworkNames, MatchTier, matchTier, nearCodes, rankCodes, type MatchCandidate } from '../../client/src/codeMatch';

/** A codebook as the picker gets it: codebook order, Dutch names, the framework's names added. */
const CODES: MatchCandidate[] = [
  'intentie',
  'intentie/vrijwillig',
  'intentie/gestuurd',
  'normativiteit',
  'normativiteit/gedeeld',
  'normativiteit/uiteen',
  'context',
  'context/macht',
  'space-en-place',
  'space-en-place/place',
  'actanten',
  'actanten/beleid',
  'outcome',
].map((code) => ({ code, names: frameworkNames(code) }));

const rank = (typed: string): string[] => rankCodes(typed, CODES).map((c) => c.code);
const near = (name: string): string[] => nearCodes(name, CODES).map((c) => c.code);

test('the framework codes carry their Dutch and English names; other codes none', () => {
  assert.deepEqual(frameworkNames('normativiteit'), ['Normativiteit', 'Normativity']);
  assert.deepEqual(frameworkNames('intentie/gestuurd'), ['Gestuurd', 'Sent']);
  assert.deepEqual(frameworkNames('niveau/collectief'), ['Collectief', 'Collective']);
  assert.deepEqual(frameworkNames('actanten/beleid'), []);
});

test('fold: lower case, no diacritics, no leading #', () => {
  assert.equal(fold(' #Beïnvloeding '), 'beinvloeding');
});

test('editDistance counts insertions, deletions, substitutions and adjacent swaps', () => {
  assert.equal(editDistance('normativiteit', 'normativiteit'), 0);
  assert.equal(editDistance('contxt', 'context'), 1);
  assert.equal(editDistance('intnetie', 'intentie'), 1);
  assert.equal(editDistance('macht', 'mach'), 1);
  assert.equal(editDistance('', 'abc'), 3);
});

test('a prefix of a code finds the aspect first, then its sub-codes', () => {
  assert.deepEqual(rank('normativ'), ['normativiteit', 'normativiteit/gedeeld', 'normativiteit/uiteen']);
  assert.deepEqual(rank('#normativ'), ['normativiteit', 'normativiteit/gedeeld', 'normativiteit/uiteen']);
});

test('an exact sub-code name beats a prefix; the English name finds the code too', () => {
  assert.deepEqual(rank('gestuurd'), ['intentie/gestuurd']);
  assert.deepEqual(rank('sent'), ['intentie/gestuurd']);
  assert.deepEqual(rank('normativity'), ['normativiteit']);
  assert.deepEqual(rank('intention'), ['intentie']);
  assert.equal(matchTier('intention', CODES[0]!), MatchTier.Exact);
});

test('a word inside a name or a path, a substring, letters in order, a typing error', () => {
  assert.deepEqual(rank('place'), ['space-en-place/place', 'space-en-place']);
  assert.deepEqual(rank('beleid'), ['actanten/beleid']);
  assert.deepEqual(rank('tanten'), ['actanten', 'actanten/beleid']);
  assert.equal(matchTier('tanten', CODES[10]!), MatchTier.Substring);
  assert.deepEqual(rank('nrmtv'), ['normativiteit', 'normativiteit/gedeeld', 'normativiteit/uiteen']);
  assert.equal(matchTier('nrmtv', CODES[3]!), MatchTier.Fuzzy);
  assert.equal(matchTier('normatvit', CODES[3]!), MatchTier.Fuzzy);
  assert.deepEqual(rank('nromativ'), ['normativiteit']);
  assert.equal(matchTier('nromativ', CODES[3]!), MatchTier.Typo);
  assert.deepEqual(rank('contxt'), ['context', 'context/macht']);
});

test('nothing typed keeps the order given; nothing that fits finds nothing', () => {
  assert.deepEqual(rank(''), CODES.map((c) => c.code));
  assert.deepEqual(rank('xyz'), []);
  assert.deepEqual(rank('zz'), []);
});

test('a new name that starts an existing code, or is a typing error away, is near it', () => {
  assert.deepEqual(near('normativ'), ['normativiteit', 'normativiteit/gedeeld', 'normativiteit/uiteen']);
  assert.deepEqual(near('int'), ['intentie', 'intentie/vrijwillig', 'intentie/gestuurd']);
  assert.deepEqual(near('contxt'), ['context']);
  assert.deepEqual(near('intentie/gestuurt'), ['intentie/gestuurd']);
  assert.deepEqual(near('intentie/ges'), ['intentie/gestuurd']);
  assert.deepEqual(near('macht'), ['context/macht']);
  assert.deepEqual(near('normativity'), ['normativiteit']);
});

test('a new name far from every code, or a new sub-code of an aspect, is not near anything', () => {
  assert.deepEqual(near('vertrouwen'), []);
  assert.deepEqual(near('intentie/verplicht'), []);
  assert.deepEqual(near('context/gestuurd'), []);
  assert.deepEqual(near('in'), []);
});
