// Privacy detection (issue #14): exact spans for every class, the decoys, and what is markup.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isValidBsn, isValidIban } from '../../server/src/core/privacy/checksums';
import { findPersonalData, prepareDetection, type DetectOptions } from '../../server/src/core/privacy/detect';
import type { PrivacyFinding } from '../../server/src/core/privacy/findings';
import { parseKey } from '../../server/src/core/privacy/key';
import { privacyMessage } from '../../server/src/core/privacy/messages';
import { isRoleLabel, nameForms } from '../../server/src/core/privacy/nameForms';
import { assertLocated, mark, md, parse, slice } from './helpers';

const KEY = parseKey(
  md(
    'Anna de Vries: Deelnemer 1',
    'Noor Bakker: Deelnemer 2',
    'Jan van der Berg: Deelnemer 3',
    'Fatima El Amrani: Deelnemer 4',
    'Zoë Jansen: Deelnemer 5',
    'Ömer Yilmaz: Deelnemer 6',
    'Jos Ban: Deelnemer 7',
    'Roos: { pseudonym: Deelnemer 8, variants: [Roosje] }',
    'Buurthuis De Linde: { pseudonym: Organisatie 1, kind: organisation }',
  ),
).key;

function detect(text: string, options: DetectOptions = { key: KEY }): PrivacyFinding[] {
  return findPersonalData(text, parse(text), options);
}

/** Asserts that the findings are exactly the marked spans, and returns `[rule, level]` of each. */
function expectFound(source: string, options?: DetectOptions): [string, string][] {
  const { text, spans } = mark(source);
  const findings = detect(text, options);
  assert.deepEqual(
    findings.map((f) => slice(text, f.span)),
    spans.map((s) => slice(text, s)),
  );
  findings.forEach((f, i) => assertLocated(text, f, spans[i]!));
  return findings.map((f) => [f.rule, f.level]);
}

describe('names', () => {
  test('every form of a key name, with its pseudonym and form', () => {
    const { text, spans } = mark('Toen «Anna de Vries» belde, zei «Anna» dat mevrouw «De Vries» en «de Vries» gelijk hadden.');
    const findings = detect(text);
    assert.deepEqual(
      findings.map((f) => [slice(text, f.span), f.rule, f.level, f.args['form'], f.args['pseudonym']]),
      [
        ['Anna de Vries', 'personal-data/name', 'certain', 'full', 'Deelnemer 1'],
        ['Anna', 'personal-data/name', 'certain', 'first', 'Deelnemer 1'],
        ['De Vries', 'personal-data/name', 'certain', 'surname', 'Deelnemer 1'],
        ['de Vries', 'personal-data/name', 'certain', 'surname', 'Deelnemer 1'],
      ],
    );
    findings.forEach((f, i) => assertLocated(text, f, spans[i]!));
  });

  test('surnames with a prefix: with and without it, capitalised prefix, first name alone', () => {
    expectFound('Ik sprak «Van der Berg», toen «van der Berg», toen «Berg» en ook «Jan».');
  });

  test('the whole name in any case; a part of it only with a capital', () => {
    expectFound('«jan van der berg» en «ANNA DE VRIES» en «NOOR BAKKER»; maar de berg, de bakker en anna niet.');
  });

  test('possessives stay outside the span', () => {
    const { text, spans } = mark('Het was «Anna»\'s idee, «Noor»’s plan en «Jan»s fiets, bij «Noor Bakker»\'s huis.');
    const findings = detect(text);
    findings.forEach((f, i) => assertLocated(text, f, spans[i]!));
    assert.deepEqual(
      findings.map((f) => f.args['possessive']),
      ["'s", '’s', 's', "'s"],
    );
  });

  test('a glued possessive s needs a capital: noors is not Noor', () => {
    expectFound('Het noorse en noors eten, en «Noor»s fiets.');
  });

  test('diacritics and look-alike letters: Zoë, Zoe, Ömer, Omer, Jos Ваn (Cyrillic В, а)', () => {
    expectFound('«Zoë» en «Zoe» en «Ömer», «Omer» en «Jos Ваn».');
  });

  test('Fatima El Amrani: El Amrani and Amrani are her surname', () => {
    expectFound('«Fatima El Amrani» ofwel «El Amrani» of «Amrani».');
  });

  test('word boundaries: Roos is a name, roosters and Roosendaal are not', () => {
    expectFound('De roosters van «Roos», en «Roosje». Roosendaal is een stad.');
  });

  test('a place or organisation of the key is found, with its kind', () => {
    const { text } = mark('We zaten in Buurthuis De Linde.');
    const [finding] = detect(text);
    assert.equal(slice(text, finding!.span), 'Buurthuis De Linde');
    assert.equal(finding!.args['kind'], 'organisation');
  });

  test('participants and speakers are names; roles and labels are not', () => {
    const text = md(
      '---',
      'participants: [Interviewer, S1, R2, Deelnemer 3, Participant 2, Karel Smit]',
      '---',
      '**Interviewer:** Wat vond S1 ervan, en R2, Deelnemer 3 en Participant 2?',
      '',
      '**Lotte:** Karel vond het goed, zei Lotte.',
    );
    const found = detect(text, {}).map((f) => [slice(text, f.span), f.args['name']]);
    assert.deepEqual(found, [
      ['Karel Smit', 'Karel Smit'],
      ['Lotte', 'Lotte'],
      ['Karel', 'Karel Smit'],
      ['Lotte', 'Lotte'],
    ]);
    for (const label of ['Interviewer', 'S1', 'R2', 'Deelnemer 3', 'Participant 2', 'Respondent', 'I']) assert.ok(isRoleLabel(label), label);
    for (const name of ['Karel Smit', 'Lotte', 'Sam']) assert.ok(!isRoleLabel(name), name);
  });

  test('a pseudonym of the key is never a finding', () => {
    expectFound('Deelnemer 1 en Deelnemer 3s fiets en Organisatie 1, maar «Anna».');
  });

  test('the allow-list silences a word, not a longer name around it', () => {
    expectFound('«Roos Jansen» en Roos en Pieter.', { key: parseKey('Roos Jansen: Deelnemer 1').key, allowList: ['Roos', 'Pieter'] });
  });

  test('a hyphenated first name is one first name', () => {
    expectFound('«Jan-Willem» en «Ter Horst». Jan niet. Willem niet.', { key: parseKey('Jan-Willem ter Horst: Deelnemer 1').key });
  });

  test('the allow-list silences any finding written as it is: a public address', () => {
    expectFound('Het gemeentehuis aan Stationsplein 1, niet «Kerkstraat 12».', { key: KEY, allowList: ['Stationsplein 1'] });
  });

  test('prepared once or not, the same findings', () => {
    const text = '---\nparticipants: [Karel Smit]\n---\nKarel en Anna de Vries, meneer Hendriks, 06-12345678, Roos.';
    const options = { key: KEY, allowList: ['Roos'] };
    assert.deepEqual(findPersonalData(text, parse(text), prepareDetection(options)), findPersonalData(text, parse(text), options));
  });

  test('front matter: nested values and block scalars are text, nested keys are not', () => {
    const { text, spans } = mark(
      md('---', 'people:', '  - Anna: «Anna de Vries»', '    rol: «Noor»', 'notes: |', '  Gesprek met «Jan van der Berg».', 'tags: [x, «Noor Bakker»]', '---', 'Tekst.'),
    );
    const findings = detect(text);
    assert.deepEqual(
      findings.map((f) => slice(text, f.span)),
      spans.map((s) => slice(text, s)),
    );
  });

  test('the name forms of a name', () => {
    assert.deepEqual(
      nameForms('Jan van der Berg').map((f) => `${f.form}:${f.words.join(' ')}`),
      ['full:jan van der berg', 'first:jan', 'surname:van der berg', 'surname:berg'],
    );
    assert.deepEqual(
      nameForms('Noor Bakker').map((f) => `${f.form}:${f.words.join(' ')}`),
      ['full:noor bakker', 'first:noor', 'surname:bakker'],
    );
    assert.deepEqual(
      nameForms('Jan-Willem ter Horst').map((f) => `${f.form}:${f.words.join(' ')}`),
      ['full:jan willem ter horst', 'first:jan willem', 'surname:ter horst', 'surname:horst'],
    );
    assert.deepEqual(
      nameForms('Fatima El Amrani').map((f) => `${f.form}:${f.words.join(' ')}`),
      ['full:fatima el amrani', 'first:fatima', 'surname:el amrani', 'surname:amrani'],
    );
  });
});

describe('numbers and addresses', () => {
  test('e-mail addresses', () => {
    assert.deepEqual(expectFound('Mail «anna.devries@voorbeeld.nl» of «n_bakker+kader@mail.example.com».'), [
      ['personal-data/email', 'certain'],
      ['personal-data/email', 'certain'],
    ]);
  });

  test('phone numbers: mobile, landline, +31, 0031, with spaces or dashes', () => {
    const rules = expectFound(
      'Bel «06-12345678», «06 1234 5678», «06 12 34 56 78», «010-1234567», «0201234567», «+31 6 12345678», «+31 (0)20 123 4567» of «0031612345678».',
    );
    assert.ok(rules.every(([rule]) => rule === 'personal-data/phone'));
  });

  test('BSN: nine digits that pass the elfproef', () => {
    assert.ok(isValidBsn('111222333'));
    assert.ok(isValidBsn('123456782'));
    assert.ok(!isValidBsn('123456789'));
    assert.ok(!isValidBsn('111222334'));
    assert.ok(!isValidBsn('000000000'));
    assert.deepEqual(expectFound('BSN «111222333», ook «1234.56.782», niet 123456789 of 1112223334.'), [
      ['personal-data/bsn', 'certain'],
      ['personal-data/bsn', 'certain'],
    ]);
  });

  test('IBAN: mod-97, with or without spaces', () => {
    assert.ok(isValidIban('NL91ABNA0417164300'));
    assert.ok(!isValidIban('NL91ABNA0417164301'));
    assert.ok(!isValidIban('NL92ABNA0417164300'));
    assert.ok(isValidIban('BE68539007547034'));
    assert.deepEqual(expectFound('Op «NL91ABNA0417164300» of «NL91 ABNA 0417 1643 00», niet NL91ABNA0417164301 of NL91 ABNA 0417 1643 01 TOEN.'), [
      ['personal-data/iban', 'certain'],
      ['personal-data/iban', 'certain'],
    ]);
    // Two in a row are two; a valid one after an invalid one is still found.
    assert.deepEqual(expectFound('«NL91ABNA0417164300» «NL91ABNA0417164300», NL00ABNA0417164300 «BE68539007547034».'), [
      ['personal-data/iban', 'certain'],
      ['personal-data/iban', 'certain'],
      ['personal-data/iban', 'certain'],
    ]);
  });

  test('postcodes: 1234 AB and 1234AB, never SS, SA or SD', () => {
    assert.deepEqual(expectFound('Postcode «1234 AB» of «5678CD», niet 1234 SS, 1234 SA, 1234SD, 0123 AB of 1234 ab.'), [
      ['personal-data/postcode', 'certain'],
      ['personal-data/postcode', 'certain'],
    ]);
  });

  test('street and house number', () => {
    assert.deepEqual(expectFound('Ze woont op «Kerkstraat 12», later «Dorpsweg 3a», «Oudegracht 120-2» en «Stationsplein 1».'), [
      ['personal-data/address', 'certain'],
      ['personal-data/address', 'certain'],
      ['personal-data/address', 'certain'],
      ['personal-data/address', 'certain'],
    ]);
  });
});

describe('likely findings', () => {
  test('a capitalised word after a title or role', () => {
    assert.deepEqual(expectFound('Toen kwam meneer «Hendriks», en mevrouw «Van Dam», dhr. «Pietersen», wethouder «Smit» en juf «Ineke».'), [
      ['personal-data/title-name', 'likely'],
      ['personal-data/title-name', 'likely'],
      ['personal-data/title-name', 'likely'],
      ['personal-data/title-name', 'likely'],
      ['personal-data/title-name', 'likely'],
    ]);
  });

  test('a capitalised word in mid-sentence that no word list knows', () => {
    assert.deepEqual(expectFound('We gingen met «Pieter» naar de markt, en «Kees» kwam ook, met «Jan».', {}), [
      ['personal-data/capitalised', 'likely'],
      ['personal-data/capitalised', 'likely'],
      ['personal-data/capitalised', 'likely'],
    ]);
  });

  test('dates of birth', () => {
    assert.deepEqual(expectFound('Ze is geboren op «3 maart 1961», hij geb. «03-03-1961», zij geb. «5 jan. 1950»; born on «12 May 1980».'), [
      ['personal-data/birth-date', 'likely'],
      ['personal-data/birth-date', 'likely'],
      ['personal-data/birth-date', 'likely'],
      ['personal-data/birth-date', 'likely'],
    ]);
  });
});

describe('decoys and markup', () => {
  test('none of the decoys is a finding', () => {
    const text = md(
      '---',
      'participants: [Interviewer, S1, Deelnemer 3]',
      '---',
      '## Vraag 3 {#actanten}',
      '',
      '**Interviewer:** Op Maandag in Maart, om 10:30, zagen de roosters in 2024 er anders uit. Dat kostte € 12,50 per week.',
      '',
      '**S1:** Ja. Dat vond Deelnemer 3 ook. En de Intentie van het project, de Context en de Actanten zijn helder.',
      'In januari op maandag om 9.15 uur, Vraag 3 en vraag 4, in Nederland met de AVG.',
      '',
      '[00:12:34] **S1:** Goed. {#intentie}',
    );
    assert.deepEqual(
      detect(text).map((f) => slice(text, f.span)),
      [],
    );
  });

  test('codes, attribute keys and front-matter keys are markup; memos and front-matter values are text', () => {
    const key = parseKey('Anna de Vries: Deelnemer 1\nActanten Bakker: Deelnemer 2\nNoor Bakker: Deelnemer 3').key;
    const { text, spans } = mark(
      md(
        '---',
        'Anna: «Anna de Vries»',
        'practice: "Leergemeenschap «Noor»"',
        '---',
        '**«Anna»:** Ik [zag het]{#actanten Anna=ja memo="zei «Noor» \\"echt\\""} zelf. {#context/anna}',
        '',
        '::: {#actanten memo=\'Anna\'}',
        'Dat zei «Anna».',
        ':::',
      ),
    );
    const findings = detect(text, { key });
    assert.deepEqual(
      findings.map((f) => slice(text, f.span)),
      spans.map((s) => slice(text, s)),
    );
  });

  test('the longest of overlapping findings wins', () => {
    // `Noor Bakker` is a name and `Bakker` after `meneer` a title-name: the whole name wins.
    expectFound('Toen kwam meneer «Noor Bakker» langs.');
  });

  test('messages in English and Dutch', () => {
    const text = 'Bel 06-12345678 of Anna.';
    const [phone, name] = detect(text);
    assert.equal(privacyMessage(phone!, 'en'), '“06-12345678” is a phone number.');
    assert.equal(privacyMessage(phone!, 'nl'), '“06-12345678” is een telefoonnummer.');
    assert.equal(privacyMessage(name!, 'en'), '“Anna” is the name of Anna de Vries: replace it with a pseudonym before the file is shared.');
    assert.equal(privacyMessage(name!, 'nl'), '“Anna” is de naam van Anna de Vries: vervang die door een pseudoniem voordat het bestand gedeeld wordt.');
  });

  test('CRLF line ends: spans and LSP ranges, a name across a line break', () => {
    expectFound('Eerst «Anna»,\r\ntoen «Noor\r\nBakker» en «06-12345678».\r\n');
  });

  test('a byte-order mark is not part of the text', () => {
    const findings = findPersonalData('\uFEFFAnna.', parse('\uFEFFAnna.'), { key: KEY });
    assert.deepEqual(findings[0]!.span, { start: 0, end: 4 });
  });
});
