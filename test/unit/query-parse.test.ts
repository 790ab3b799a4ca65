// The coding query language: the tree the parser makes (with the place of every node) and the
// error it gives for a malformed query, with its place, in English and Dutch. Any text parses to
// one or the other, quickly.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { MAX_DEPTH, MAX_QUERY_LENGTH, parseQuery, type ParsedQuery } from '../../server/src/core/query';

function parsed(text: string): unknown {
  const result = parseQuery(text, 'en');
  assert.ok(result.ok, `${text}: ${JSON.stringify(result)}`);
  return result.query;
}

function failure(text: string, locale: 'en' | 'nl' = 'en'): [string, number, number] {
  const result = parseQuery(text, locale);
  assert.ok(!result.ok, `${text} parsed`);
  return [result.message, result.offset, result.length];
}

describe('query parser: terms', () => {
  test('#code, with sub-codes in the path', () => {
    assert.deepEqual(parsed('#intentie'), { kind: 'code', code: 'intentie', offset: 0, length: 9 });
    assert.deepEqual(parsed('  #intentie/gestuurd '), { kind: 'code', code: 'intentie/gestuurd', offset: 2, length: 18 });
  });

  test('practice:, coder:, speaker: (and their Dutch names) and any front-matter key', () => {
    assert.deepEqual(parsed('practice:"Leergemeenschap Breda"'), { kind: 'field', key: 'practice', comparison: '=', value: 'Leergemeenschap Breda', offset: 0, length: 32 });
    assert.deepEqual(parsed('praktijk:Breda'), { kind: 'field', key: 'practice', comparison: '=', value: 'Breda', offset: 0, length: 14 });
    assert.deepEqual(parsed('codeur:anna'), { kind: 'field', key: 'coder', comparison: '=', value: 'anna', offset: 0, length: 11 });
    assert.deepEqual(parsed('spreker: S1'), { kind: 'field', key: 'speaker', comparison: '=', value: 'S1', offset: 0, length: 11 });
    assert.deepEqual(parsed('ronde:2'), { kind: 'field', key: 'ronde', comparison: '=', value: '2', offset: 0, length: 7 });
  });

  test('comparisons of numbers and dates', () => {
    assert.deepEqual(parsed('jaar:>=2'), { kind: 'field', key: 'jaar', comparison: '>=', value: '2', offset: 0, length: 8 });
    assert.deepEqual(parsed('jaar<3'), { kind: 'field', key: 'jaar', comparison: '<', value: '3', offset: 0, length: 6 });
    assert.deepEqual(parsed('date:>2020-12'), { kind: 'field', key: 'date', comparison: '>', value: '2020-12', offset: 0, length: 13 });
    assert.deepEqual(parsed('date=2021-03-04'), { kind: 'field', key: 'date', comparison: '=', value: '2021-03-04', offset: 0, length: 15 });
  });

  test('quoted words are folded (case, accents); curly quotes too', () => {
    assert.deepEqual(parsed('"Met  Bewoners"'), { kind: 'text', words: ['met', 'bewoners'], offset: 0, length: 15 });
    assert.deepEqual(parsed('“coöperatie”'), { kind: 'text', words: ['cooperatie'], offset: 0, length: 12 });
  });

  test('/pattern/ with flags i and u', () => {
    assert.deepEqual(parsed('/bewoner(s)?/i'), { kind: 'pattern', source: 'bewoner(s)?', flags: 'i', offset: 0, length: 14 });
    assert.deepEqual(parsed('/a\\/b[/]/'), { kind: 'pattern', source: 'a\\/b[/]', flags: '', offset: 0, length: 9 });
  });
});

describe('query parser: operators and relations', () => {
  test('NOT binds closer than AND, AND closer than OR; brackets keep their place', () => {
    assert.deepEqual(parsed('#a AND #b OR NOT #c'), {
      kind: 'or',
      left: { kind: 'and', left: { kind: 'code', code: 'a', offset: 0, length: 2 }, right: { kind: 'code', code: 'b', offset: 7, length: 2 }, offset: 0, length: 9 },
      right: { kind: 'not', operand: { kind: 'code', code: 'c', offset: 17, length: 2 }, offset: 13, length: 6 },
      offset: 0,
      length: 19,
    });
    assert.deepEqual(parsed('#a and (#b or #c)'), {
      kind: 'and',
      left: { kind: 'code', code: 'a', offset: 0, length: 2 },
      right: { kind: 'or', left: { kind: 'code', code: 'b', offset: 8, length: 2 }, right: { kind: 'code', code: 'c', offset: 14, length: 2 }, offset: 7, length: 10 },
      offset: 0,
      length: 17,
    });
  });

  test('Dutch EN, OF, NIET', () => {
    assert.deepEqual(parsed('#a EN NIET #b'), {
      kind: 'and',
      left: { kind: 'code', code: 'a', offset: 0, length: 2 },
      right: { kind: 'not', operand: { kind: 'code', code: 'b', offset: 11, length: 2 }, offset: 6, length: 7 },
      offset: 0,
      length: 13,
    });
    assert.deepEqual(parsed('#a of #b'), { kind: 'or', left: { kind: 'code', code: 'a', offset: 0, length: 2 }, right: { kind: 'code', code: 'b', offset: 6, length: 2 }, offset: 0, length: 8 });
  });

  test('relations bind closer than NOT and AND; NEAR takes a distance (1 without one)', () => {
    const a = { kind: 'code', code: 'a', offset: 4, length: 2 };
    assert.deepEqual(parsed('NOT #a IN #b'), { kind: 'not', operand: { kind: 'relation', relation: 'in', left: a, right: { kind: 'code', code: 'b', offset: 10, length: 2 }, offset: 4, length: 8 }, offset: 0, length: 12 });
    assert.deepEqual(parsed('#a NEAR/2 #b'), { kind: 'relation', relation: 'near', distance: 2, left: { kind: 'code', code: 'a', offset: 0, length: 2 }, right: { kind: 'code', code: 'b', offset: 10, length: 2 }, offset: 0, length: 12 });
    assert.deepEqual(parsed('#a near #b'), { kind: 'relation', relation: 'near', distance: 1, left: { kind: 'code', code: 'a', offset: 0, length: 2 }, right: { kind: 'code', code: 'b', offset: 8, length: 2 }, offset: 0, length: 10 });
    assert.deepEqual(parsed('#a IN NOT #b'), {
      kind: 'relation',
      relation: 'in',
      left: { kind: 'code', code: 'a', offset: 0, length: 2 },
      right: { kind: 'not', operand: { kind: 'code', code: 'b', offset: 10, length: 2 }, offset: 6, length: 6 },
      offset: 0,
      length: 12,
    });
    for (const relation of ['overlaps', 'sameturn', 'samesection'] as const) {
      const query = parsed(`#a ${relation.toUpperCase()} #b`) as { relation: string };
      assert.equal(query.relation, relation);
    }
  });
});

const SLOW = 'This pattern could take very long to search (.* or \\s+, a repeated group that repeats inside, a back-reference): write .{0,50} for a stretch of text, or join two patterns or quoted words with AND.';

describe('query parser: errors with their place', () => {
  test('each mistake, where it is', () => {
    assert.deepEqual(failure(''), ['The query is empty: write a code (#intentie), a field (practice:"Leergemeenschap Breda") or words in quotes ("met bewoners").', 0, 0]);
    assert.deepEqual(failure('#a #b'), ['Put AND or OR between two terms.', 3, 2]);
    assert.deepEqual(failure('#a NOT #b'), ['Write AND NOT or OR NOT: NOT joins nothing by itself.', 3, 3]);
    assert.deepEqual(failure('bewoners'), ['Write words to search for in quotes ("bewoners") or a code with # (#bewoners).', 0, 8]);
    assert.deepEqual(failure('#intentie context'), ['Write words to search for in quotes ("context") or a code with # (#context).', 10, 7]);
    assert.deepEqual(failure('(#a OR #b'), ['This bracket is not closed.', 0, 1]);
    assert.deepEqual(failure('#a)'), ['This bracket closes nothing.', 2, 1]);
    assert.deepEqual(failure('( )'), ['Write something between the brackets.', 0, 1]);
    assert.deepEqual(failure('#a AND'), ['AND needs a term after it.', 3, 3]);
    assert.deepEqual(failure('#a OR AND #b'), ['OR needs a term after it.', 3, 2]);
    assert.deepEqual(failure('IN #b'), ['IN needs a term before it.', 0, 2]);
    assert.deepEqual(failure('#'), ['Write a code after #, e.g. #intentie or #intentie/gestuurd.', 0, 1]);
    assert.deepEqual(failure('#a/'), ['Write a code after #, e.g. #intentie or #intentie/gestuurd.', 0, 3]);
    assert.deepEqual(failure('#a AND "met bew'), ['This quote is not closed: end the text with ".', 7, 8]);
    assert.deepEqual(failure('"  "'), ['Write a word or phrase between the quotes.', 0, 4]);
    assert.deepEqual(failure('/bewoner'), ['This pattern is not closed: end it with /.', 0, 8]);
    assert.deepEqual(failure('/a/g'), ['A pattern takes the flags i and u only, e.g. /bewoner(s)?/i.', 0, 4]);
    assert.deepEqual(failure('#a OR /(/'), ['This is not a valid pattern (regular expression).', 6, 3]);
    assert.deepEqual(failure('/(\\w+\\s?)+$/'), [SLOW, 0, 12]);
    assert.deepEqual(failure('/(a)\\1/'), [SLOW, 0, 7]);
    assert.deepEqual(failure('#a AND /gemeente.*geld/'), [SLOW, 7, 16]);
    assert.deepEqual(failure('/a.{0,200}b/'), [SLOW, 0, 12]);
    assert.deepEqual(failure('/\\w*\\w*\\w*\\w*/'), [SLOW, 0, 14]);
    assert.deepEqual(parseQuery('/gemeente.{0,50}geld/i', 'en').ok, true);
    assert.deepEqual(parseQuery('/\\bgemeente\\w*/', 'en').ok, true);
    assert.deepEqual(failure(`/${'a'.repeat(101)}/`), ['This pattern is too long: at most 100 characters.', 0, 103]);
    assert.deepEqual(failure('#a AND practice:'), ['Write a value after practice:, e.g. practice:"…".', 7, 9]);
    assert.deepEqual(failure('practice:<3'), ['practice: takes a name, not a comparison.', 0, 11]);
    assert.deepEqual(failure('jaar:>twee'), ['Only numbers and dates compare with < and >, e.g. jaar:>=2 or date:<2021-01-01.', 0, 10]);
    assert.deepEqual(failure('#a NEAR/1001 #b'), ['NEAR takes a distance from 0 to 1000 turns, e.g. NEAR/2.', 3, 9]);
    assert.deepEqual(failure('#a & #b'), ['Kader does not know the sign & here.', 3, 1]);
    assert.deepEqual(failure('#a AND 😀'), ['Kader does not know the sign 😀 here.', 7, 2]);
    assert.deepEqual(failure(`${'('.repeat(MAX_DEPTH + 1)}#a${')'.repeat(MAX_DEPTH + 1)}`), ['This query nests too deep: at most 100 brackets or NOTs inside each other.', MAX_DEPTH, 1]);
    assert.deepEqual(failure('#a OR '.repeat(2000) + '#b'), ['This query is too long: at most 10000 characters.', MAX_QUERY_LENGTH, 2002]);
  });

  test('in Dutch', () => {
    assert.deepEqual(failure('#a #b', 'nl'), ['Zet EN of OF tussen twee termen.', 3, 2]);
    assert.deepEqual(failure('#a EN', 'nl'), ['Na EN hoort een term.', 3, 2]);
    assert.deepEqual(failure('bewoners', 'nl'), ['Schrijf woorden om naar te zoeken tussen aanhalingstekens ("bewoners") of een code met # (#bewoners).', 0, 8]);
    assert.deepEqual(failure('(#a', 'nl'), ['Dit haakje wordt niet gesloten.', 0, 1]);
    assert.deepEqual(failure('', 'nl'), ['De zoekvraag is leeg: schrijf een code (#intentie), een veld (praktijk:"Leergemeenschap Breda") of woorden tussen aanhalingstekens ("met bewoners").', 0, 0]);
  });

  test('property: any text is a query or an error whose place lies inside the text, found quickly', () => {
    const pieces = fc.constantFrom('#a', '#b/c', ' AND ', ' OR ', 'NOT ', ' IN ', ' NEAR/2 ', ' SAMETURN ', '(', ')', '"', '"met"', '/', '/x+/i', 'practice:', 'jaar:>', '2', ':', ' ', '\\', '𝒳', '\u0301');
    const query = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.array(pieces, { maxLength: 60 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(query, (text) => {
        const result: ParsedQuery = parseQuery(text, 'nl');
        if (result.ok) return;
        assert.ok(result.message.length > 0);
        assert.ok(result.offset >= 0 && result.length >= 0 && result.offset + result.length <= text.length, JSON.stringify(result));
      }),
      { numRuns: 2000 },
    );
  });
});
