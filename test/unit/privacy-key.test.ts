// The privacy key (issue #14): the simple and the rich form, every error with its exact message
// and line in English and Dutch, and the next free pseudonym.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nextPseudonym, parseKey, type KeyError } from '../../server/src/core/privacy/key';
import { keyErrorMessage } from '../../server/src/core/privacy/messages';
import { md } from './helpers';

const messages = (errors: KeyError[]): [string, string][] => errors.map((e) => [keyErrorMessage(e, 'en'), keyErrorMessage(e, 'nl')]);

describe('reading a key', () => {
  test('the simple form: one line per person', () => {
    const { key, errors } = parseKey(md('# the key of project X', 'Anna de Vries: Deelnemer 1', 'Noor Bakker: Deelnemer 2'));
    assert.deepEqual(errors, []);
    assert.deepEqual(key.entries, [
      { name: 'Anna de Vries', pseudonym: 'Deelnemer 1', kind: 'participant', variants: [], line: 2 },
      { name: 'Noor Bakker', pseudonym: 'Deelnemer 2', kind: 'participant', variants: [], line: 3 },
    ]);
  });

  test('the rich form: kind and variants', () => {
    const { key, errors } = parseKey(
      md(
        'Jan van der Berg:',
        '  pseudonym: Deelnemer 3',
        '  variants: [Jantje, J. van der Berg]',
        'Buurthuis De Linde: { pseudonym: Organisatie 1, kind: organisation }',
        'Breda: { pseudonym: Plaats 1, kind: place }',
      ),
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(
      key.entries.map((e) => [e.name, e.pseudonym, e.kind, e.variants, e.line]),
      [
        ['Jan van der Berg', 'Deelnemer 3', 'participant', ['Jantje', 'J. van der Berg'], 1],
        ['Buurthuis De Linde', 'Organisatie 1', 'organisation', [], 4],
        ['Breda', 'Plaats 1', 'place', [], 5],
      ],
    );
  });

  test('an empty key is an empty key', () => {
    assert.deepEqual(parseKey(''), { key: { entries: [] }, errors: [] });
    assert.deepEqual(parseKey('# nothing yet\n'), { key: { entries: [] }, errors: [] });
  });
});

describe('bad keys: an error with its line, never an exception', () => {
  test('invalid YAML', () => {
    const { key, errors } = parseKey(md('Anna de Vries: Deelnemer 1', 'Noor Bakker: [Deelnemer 2'));
    assert.deepEqual(key.entries, []);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.problem, 'syntax');
    assert.equal(errors[0]!.line, 2);
    assert.match(keyErrorMessage(errors[0]!, 'en'), /^Line 2: The key is not valid YAML: /);
    assert.match(keyErrorMessage(errors[0]!, 'nl'), /^Regel 2: De sleutel is geen geldige YAML: /);
  });

  test('not a mapping', () => {
    assert.deepEqual(messages(parseKey('- Anna de Vries\n- Noor Bakker').errors), [
      ['Line 1: The key must be a list of “Name: Pseudonym” lines.', 'Regel 1: De sleutel moet bestaan uit regels “Naam: Pseudoniem”.'],
    ]);
  });

  test('a duplicate and a contradictory entry (in any case and with or without diacritics)', () => {
    const { key, errors } = parseKey(md('Anna de Vries: Deelnemer 1', 'Noor Bakker: Deelnemer 2', 'anna de vries: Deelnemer 1', 'Nóor Bakker: Deelnemer 5'));
    assert.deepEqual(
      key.entries.map((e) => e.name),
      ['Anna de Vries', 'Noor Bakker'],
    );
    assert.deepEqual(messages(errors), [
      ['Line 3: “anna de vries” is already in the key on line 1.', 'Regel 3: “anna de vries” staat al in de sleutel op regel 1.'],
      [
        'Line 4: “Nóor Bakker” is given the pseudonym “Deelnemer 5” here, but “Deelnemer 2” on line 2.',
        'Regel 4: “Nóor Bakker” krijgt hier het pseudoniem “Deelnemer 5”, maar op regel 2 “Deelnemer 2”.',
      ],
    ]);
  });

  test('a variant that is another entry’s name contradicts it', () => {
    const { errors } = parseKey(md('Anna de Vries: Deelnemer 1', 'Annie: { pseudonym: Deelnemer 2, variants: [Anna de Vries] }'));
    assert.deepEqual(
      errors.map((e) => [e.problem, e.line]),
      [['contradictory', 2]],
    );
  });

  test('one pseudonym for two people', () => {
    assert.deepEqual(messages(parseKey(md('Anna de Vries: Deelnemer 1', 'Noor Bakker: Deelnemer 1')).errors), [
      [
        'Line 2: The pseudonym “Deelnemer 1” of “Noor Bakker” is already given to “Anna de Vries” on line 1.',
        'Regel 2: Het pseudoniem “Deelnemer 1” van “Noor Bakker” is al gegeven aan “Anna de Vries” op regel 1.',
      ],
    ]);
  });

  test('a pseudonym that is itself a real name in the key', () => {
    const { key, errors } = parseKey(md('Anna de Vries: Noor Bakker', 'Noor Bakker: Deelnemer 2'));
    assert.deepEqual(
      key.entries.map((e) => e.name),
      ['Noor Bakker'],
    );
    assert.deepEqual(messages(errors), [
      [
        'Line 1: The pseudonym “Noor Bakker” of “Anna de Vries” is itself a real name in the key: of “Noor Bakker” (line 2).',
        'Regel 1: Het pseudoniem “Noor Bakker” van “Anna de Vries” is zelf een echte naam in de sleutel: van “Noor Bakker” (regel 2).',
      ],
    ]);
  });

  test('a pseudonym that is a form of a real name: a first name, a surname, a variant', () => {
    const { key, errors } = parseKey(md('Anna de Vries: Noor', 'Noor Bakker: Deelnemer 2', 'Jan van der Berg: Van der Berg', 'Fatima El Amrani: { pseudonym: Deelnemer 4, variants: [Fatma] }', 'Zoë Jansen: fatma'));
    assert.deepEqual(
      key.entries.map((e) => e.name),
      ['Noor Bakker', 'Fatima El Amrani'],
    );
    assert.deepEqual(
      errors.map((e) => [e.problem, e.line, e.args['other']]),
      [
        ['pseudonym-is-name', 1, 'Noor Bakker'],
        ['pseudonym-is-name', 3, 'Jan van der Berg'],
        ['pseudonym-is-name', 5, 'Fatima El Amrani'],
      ],
    );
  });

  test('an empty name, an empty pseudonym, a name or pseudonym that is not text', () => {
    const { key, errors } = parseKey(md('"": Deelnemer 1', 'Anna de Vries:', '12345: Deelnemer 3', 'Noor Bakker: 42', 'Jan van der Berg: [Deelnemer 5]', 'Fatima El Amrani: Deelnemer 6'));
    assert.deepEqual(
      key.entries.map((e) => e.name),
      ['Fatima El Amrani'],
    );
    assert.deepEqual(messages(errors), [
      ['Line 1: This entry has no name.', 'Regel 1: Deze regel heeft geen naam.'],
      ['Line 2: “Anna de Vries” has no pseudonym.', 'Regel 2: “Anna de Vries” heeft geen pseudoniem.'],
      ['Line 3: “12345” is not text: write names and pseudonyms as text.', 'Regel 3: “12345” is geen tekst: schrijf namen en pseudoniemen als tekst.'],
      ['Line 4: “42” is not text: write names and pseudonyms as text.', 'Regel 4: “42” is geen tekst: schrijf namen en pseudoniemen als tekst.'],
      ['Line 5: “Jan van der Berg” is not text: write names and pseudonyms as text.', 'Regel 5: “Jan van der Berg” is geen tekst: schrijf namen en pseudoniemen als tekst.'],
    ]);
  });

  test('an unknown kind or field, variants that are not a list of names', () => {
    const { errors } = parseKey(
      md('Anna de Vries: { pseudonym: Deelnemer 1, kind: person }', 'Noor Bakker: { pseudonym: Deelnemer 2, alias: Noortje }', 'Jan van der Berg: { pseudonym: Deelnemer 3, variants: Jantje }'),
    );
    assert.deepEqual(messages(errors), [
      ['Line 1: “person” is not a kind: write participant, place or organisation.', 'Regel 1: “person” is geen soort: schrijf participant, place of organisation.'],
      ['Line 2: “alias” is not a field of an entry: use pseudonym, kind and variants.', 'Regel 2: “alias” is geen veld van een regel: gebruik pseudonym, kind en variants.'],
      [
        'Line 3: The variants of “Jan van der Berg” must be a list of names, e.g. [Ans, Annie].',
        'Regel 3: De varianten van “Jan van der Berg” moeten een lijst namen zijn, bijvoorbeeld [Ans, Annie].',
      ],
    ]);
  });

  test('nested too deeply, or aliases: an error, not a crash', () => {
    const deep = `a: ${'['.repeat(5000)}${']'.repeat(5000)}`;
    assert.deepEqual(
      parseKey(deep).errors.map((e) => e.problem),
      ['too-deep'],
    );
    const bomb = md('a: &a [x, x]', 'b: &b [*a, *a]', 'c: [*b, *b]');
    assert.doesNotThrow(() => parseKey(bomb));
  });
});

describe('the next pseudonym', () => {
  const { key } = parseKey(md('Anna de Vries: Deelnemer 1', 'Noor Bakker: Participant 4', 'Jan van der Berg: Deelnemer 2', 'Breda: { pseudonym: Plaats 1, kind: place }'));

  test('one more than the highest number of that kind, in either language', () => {
    assert.equal(nextPseudonym(key, 'participant', 'nl'), 'Deelnemer 5');
    assert.equal(nextPseudonym(key, 'participant', 'en'), 'Participant 5');
    assert.equal(nextPseudonym(key, 'place', 'nl'), 'Plaats 2');
    assert.equal(nextPseudonym(key, 'organisation', 'en'), 'Organisation 1');
    assert.equal(nextPseudonym({ entries: [] }, 'participant', 'nl'), 'Deelnemer 1');
  });
});
