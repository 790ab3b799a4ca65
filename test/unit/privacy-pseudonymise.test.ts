// Pseudonymisation (issue #14): exact edits in text, labels, memos and front matter; codings stay
// intact; a second run changes nothing; reidentify reverses it; a 10,000-entry key over a large text.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { findPersonalData, prepareDetection } from '../../server/src/core/privacy/detect';
import { parseKey, type Key } from '../../server/src/core/privacy/key';
import { pseudonymise, reidentify } from '../../server/src/core/privacy/pseudonymise';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import type { Transcript } from '../../server/src/core/types';
import { md, rangeOf, slice } from './helpers';
import { inventedKeyText } from './inventedKey';

const KEY_LINES = [
  'Anna de Vries: Deelnemer 1',
  'Noor Bakker: Deelnemer 2',
  'Jan van der Berg: Deelnemer 3',
  'Fatima El Amrani: Deelnemer 4',
  'Zoë Jansen: Deelnemer 5',
];
const KEY = parseKey(md(...KEY_LINES)).key;
const NAMES = KEY.entries.map((e) => e.name);

describe('pseudonymise', () => {
  const text = md(
    '---',
    'participants: [Interviewer, Anna de Vries, Noor Bakker]',
    'title: Gesprek met Noor Bakker',
    'contact: anna@voorbeeld.nl',
    '---',
    '**Anna de Vries:** Ik [zag Noor]{#actanten memo="Noor\'s buurman, zei \\"Jan\\""} bij meneer Pietersen. {#context}',
    '',
    '**Interviewer:** Was dat Anna\'s idee? Bel 06-12345678.',
    '',
    '::: {#intentie memo="over Van der Berg"}',
    'Noor Bakker: Ja, op Kerkstraat 12, 1234 AB.',
    ':::',
  );

  test('exact edits: names, labels, memos, front matter, placeholders; markup untouched', () => {
    const result = pseudonymise(text, KEY, { locale: 'nl' });
    assert.deepEqual(
      result.edits.map((e) => [slice(text, e.span), e.newText]),
      [
        ['Anna de Vries', 'Deelnemer 1'],
        ['Noor Bakker', 'Deelnemer 2'],
        ['Noor Bakker', 'Deelnemer 2'],
        ['anna@voorbeeld.nl', '"[e-mail]"'],
        ['Anna de Vries', 'Deelnemer 1'],
        ['Noor', 'Deelnemer 2'],
        ['Noor', 'Deelnemer 2'],
        ['Jan', 'Deelnemer 3'],
        ['Anna', 'Deelnemer 1'],
        ['06-12345678', '[telefoonnummer]'],
        ['Van der Berg', 'Deelnemer 3'],
        ['Noor Bakker', 'Deelnemer 2'],
        ['Kerkstraat 12', '[adres]'],
        ['1234 AB', '[postcode]'],
      ],
    );
    for (const edit of result.edits) assert.deepEqual(edit.range, rangeOf(text, edit.span));
    assert.equal(
      result.text,
      md(
        '---',
        'participants: [Interviewer, Deelnemer 1, Deelnemer 2]',
        'title: Gesprek met Deelnemer 2',
        'contact: "[e-mail]"',
        '---',
        '**Deelnemer 1:** Ik [zag Deelnemer 2]{#actanten memo="Deelnemer 2\'s buurman, zei \\"Deelnemer 3\\""} bij meneer Pietersen. {#context}',
        '',
        '**Interviewer:** Was dat Deelnemer 1\'s idee? Bel [telefoonnummer].',
        '',
        '::: {#intentie memo="over Deelnemer 3"}',
        'Deelnemer 2: Ja, op [adres], [postcode].',
        ':::',
      ),
    );
    assert.deepEqual(
      result.left.map((f) => [f.rule, slice(text, f.span)]),
      [['personal-data/title-name', 'Pietersen']],
    );
  });

  test('English placeholders', () => {
    assert.equal(
      pseudonymise('Mail a@b.nl, bel 010-1234567, BSN 111222333, NL91ABNA0417164300, Dorpsweg 3a.', KEY, { locale: 'en' }).text,
      'Mail [e-mail], bel [phone number], BSN [BSN], [IBAN], [address].',
    );
  });

  test('the fragments keep their codes, memo and kind; the speaker is pseudonymised', () => {
    const before = parseTranscript(text);
    const after = parseTranscript(pseudonymise(text, KEY).text);
    assert.deepEqual(
      after.fragments.map((f) => [f.kind, f.codes, f.memo, f.speaker, f.text]),
      [
        ['block', ['context'], undefined, 'Deelnemer 1', 'Deelnemer 1: Ik zag Deelnemer 2 bij meneer Pietersen.'],
        ['inline', ['actanten'], 'Deelnemer 2\'s buurman, zei "Deelnemer 3"', 'Deelnemer 1', 'zag Deelnemer 2'],
        ['div', ['intentie'], 'over Deelnemer 3', 'Deelnemer 2', 'Deelnemer 2: Ja, op [adres], [postcode].'],
      ],
    );
    assert.deepEqual(
      before.fragments.map((f) => [f.kind, f.codes, f.speaker]),
      after.fragments.map((f) => [f.kind, f.codes, f.speaker === 'Deelnemer 1' ? 'Anna de Vries' : f.speaker === 'Deelnemer 2' ? 'Noor Bakker' : f.speaker]),
    );
    assert.deepEqual(after.frontMatter.participants, ['Interviewer', 'Deelnemer 1', 'Deelnemer 2']);
  });

  test('a second run changes nothing, and finds only what the first left', () => {
    const once = pseudonymise(text, KEY);
    const twice = pseudonymise(once.text, KEY);
    assert.deepEqual(twice.edits, []);
    assert.equal(twice.text, once.text);
    assert.deepEqual(
      findPersonalData(once.text, parseTranscript(once.text), { key: KEY }).map((f) => f.rule),
      ['personal-data/title-name'],
    );
  });

  test('a pseudonym is escaped as its place requires: memo, quoted and plain YAML', () => {
    const key = parseKey(`Anna de Vries: 'Persoon "A"'\nNoor Bakker: "Persoon B's"`).key;
    const source = md(
      '---',
      'a: Anna de Vries',
      'b: "Anna de Vries"',
      "c: 'Noor Bakker'",
      '---',
      '[Anna]{#actanten memo="zei Anna"} en Noor Bakker.',
    );
    const out = pseudonymise(source, key).text;
    assert.equal(
      out,
      md(
        '---',
        'a: "Persoon \\"A\\""',
        'b: "Persoon \\"A\\""',
        "c: 'Persoon B''s'",
        '---',
        '[Persoon "A"]{#actanten memo="zei Persoon \\"A\\""} en Persoon B\'s.',
      ),
    );
    const model = parseTranscript(out);
    assert.deepEqual(model.frontMatter.attributes, { a: 'Persoon "A"', b: 'Persoon "A"', c: "Persoon B's" });
    assert.equal(model.fragments[0]!.memo, 'zei Persoon "A"');
  });

  test('a name that is a form of two people in the key is left, with both names', () => {
    const key = parseKey('Anna de Vries: Deelnemer 1\nAnna Smit: Deelnemer 2').key;
    const result = pseudonymise('Anna de Vries en Anna Smit: Anna zei het.', key);
    assert.equal(result.text, 'Deelnemer 1 en Deelnemer 2: Anna zei het.');
    assert.deepEqual(
      result.left.map((f) => [f.args['text'], f.args['ambiguous']]),
      [['Anna', 'Anna de Vries, Anna Smit']],
    );
  });

  test('a participant the key lacks is left, with a certain finding', () => {
    const result = pseudonymise('---\nparticipants: [Karel Smit]\n---\nKarel zei het.\n', KEY);
    assert.deepEqual(
      result.left.map((f) => [f.level, f.args['text']]),
      [
        ['certain', 'Karel Smit'],
        ['certain', 'Karel'],
      ],
    );
    assert.deepEqual(result.edits, []);
  });
});

describe('reidentify', () => {
  test('puts the real names back, possessives kept; placeholders stay', () => {
    const pseudonymised = pseudonymise("Anna de Vries's fiets, Jan van der Bergs boek, noor bakker, anna@x.nl.", KEY).text;
    assert.equal(pseudonymised, "Deelnemer 1's fiets, Deelnemer 3s boek, Deelnemer 2, [e-mail].");
    assert.equal(reidentify(pseudonymised, KEY).text, "Anna de Vries's fiets, Jan van der Bergs boek, Noor Bakker, [e-mail].");
  });

  test('Deelnemer 1 is not Deelnemer 10', () => {
    const key = parseKey(Array.from({ length: 12 }, (_, i) => `Persoon${String.fromCharCode(97 + i)} Testnaam: Deelnemer ${i + 1}`).join('\n')).key;
    assert.equal(reidentify('Deelnemer 1 en Deelnemer 10.', key).text, 'Persoona Testnaam en Persoonj Testnaam.');
  });
});

// Transcripts built from the key's names (as the key writes them), filler words and Kader markup.
const FILLER = ['ik', 'vond', 'het', 'goed', 'dat', 'we', 'samen', 'de', 'buurt', 'en', 'toen', 'zei', 'over', 'wel', 'niet'];
const CODES = ['actanten', 'context', 'intentie/gestuurd', 'outcome'];
const word = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FILLER) }, fc.constantFrom(...NAMES), fc.constantFrom(...NAMES).map((n) => `${n}'s`));
const words = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const code = fc.constantFrom(...CODES);
const inline = fc.record({ w: words, c: code, memo: fc.option(words, { nil: undefined }) }).map(({ w, c, memo }) => `[${w}]{#${c}${memo ? ` memo="${memo}"` : ''}}`);
const sentence = fc.array(fc.oneof({ weight: 3, arbitrary: words }, inline), { minLength: 1, maxLength: 4 }).map((parts) => `${parts.join(' ')}.`);
const speaker = fc.constantFrom('Interviewer', ...NAMES);
const paragraph = fc
  .record({ who: speaker, body: sentence, block: fc.option(code, { nil: undefined }) })
  .map(({ who, body, block }) => `**${who}:** ${body}${block ? ` {#${block}}` : ''}`);
const section = fc.record({ n: fc.integer({ min: 1, max: 9 }), c: code }).map(({ n, c }) => `## Vraag ${n} {#${c}}`);
const div = fc.record({ c: code, body: fc.array(paragraph, { minLength: 1, maxLength: 2 }) }).map(({ c, body }) => `::: {#${c}}\n${body.join('\n\n')}\n:::`);
const transcript = fc
  .record({
    participants: fc.subarray(NAMES),
    blocks: fc.array(fc.oneof({ weight: 4, arbitrary: paragraph }, section, div), { minLength: 1, maxLength: 6 }),
  })
  .map(({ participants, blocks }) => `---\nparticipants: [Interviewer${participants.map((p) => `, ${p}`).join('')}]\n---\n${blocks.join('\n\n')}\n`);
/**
 * The same, with things that cannot be reversed: names in other cases and forms, phone numbers,
 * addresses. (No e-mail address: inside `[…]{#…}` one stops the parser from seeing the fragment at
 * all, before pseudonymisation; the unit tests above cover e-mail.)
 */
const extra = fc.constantFrom('anna de vries', 'Anna', 'De Vries', 'Bakker', 'Jans', '06-12345678', 'Kerkstraat 12', '1234 AB', 'NL91ABNA0417164300', '111222333');
const messyTranscript = fc
  .record({ t: transcript, extras: fc.array(fc.tuple(fc.nat(), extra), { maxLength: 6 }) })
  .map(({ t, extras }) => {
    let out = t;
    for (const [at, e] of extras) {
      const spaces = [...out.matchAll(/ (?=[a-z])/g)].map((m) => m.index);
      if (spaces.length > 0) {
        const i = spaces[at % spaces.length]!;
        out = `${out.slice(0, i)} ${e} ${out.slice(i + 1)}`;
      }
    }
    return out;
  });

const shape = (t: Transcript) => t.fragments.map((f) => ({ kind: f.kind, codes: f.codes, memo: f.memo !== undefined, parent: f.parent, attributes: f.attributes }));
const pseudonymOf = new Map(KEY.entries.map((e) => [e.name, e.pseudonym]));

describe('properties', () => {
  test('pseudonymise then reidentify gives the original text', () => {
    fc.assert(
      fc.property(transcript, (text) => {
        const result = pseudonymise(text, KEY);
        for (const name of NAMES) assert.ok(!result.text.includes(name), `${name} is left in:\n${result.text}`);
        assert.equal(reidentify(result.text, KEY).text, text);
      }),
      { numRuns: 300 },
    );
  });

  test('every fragment survives with its codes, kind and count; speakers are pseudonymised', () => {
    fc.assert(
      fc.property(messyTranscript, (text) => {
        const before = parseTranscript(text);
        const after = parseTranscript(pseudonymise(text, KEY).text);
        assert.deepEqual(shape(after), shape(before));
        assert.deepEqual(
          after.fragments.map((f) => f.speaker),
          before.fragments.map((f) => (f.speaker === undefined ? undefined : (pseudonymOf.get(f.speaker) ?? f.speaker))),
        );
        assert.deepEqual(after.diagnostics, before.diagnostics.length === 0 ? [] : after.diagnostics);
      }),
      { numRuns: 300 },
    );
  });

  test('a second pseudonymise is a no-op', () => {
    fc.assert(
      fc.property(messyTranscript, (text) => {
        const once = pseudonymise(text, KEY);
        assert.deepEqual(pseudonymise(once.text, KEY).edits, []);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a 10,000-entry key over a large text', () => {
  /** Invented names: first names with made-up surnames of three syllables, with and without a prefix. */
  function inventedKey(size: number): Key {
    const { key, errors } = parseKey(inventedKeyText(size));
    assert.deepEqual(errors, []);
    return key;
  }

  test('detection and pseudonymisation finish; the speed is reported', (t) => {
    const key = inventedKey(10_000);
    assert.equal(key.entries.length, 10_000);
    const megabytes = Number(process.env['KADER_PRIVACY_MB'] ?? 2);
    const parts = ['---\nparticipants: [Interviewer, S1]\n---\n'];
    let size = 0;
    for (let i = 0; size < megabytes * 1e6; i++) {
      const name = key.entries[(i * 7919) % key.entries.length]!.name;
      const other = key.entries[(i * 104729) % key.entries.length]!.name;
      const p = `**S1:** Ja, ik vond het best goed dat ${name} er was, want [we deden het samen met ${other}]{#actanten memo="over ${name}"} en dat zei de buurt ook, bel 06-12345678. {#context}\n\n`;
      parts.push(p);
      size += p.length;
    }
    const text = parts.join('');
    const mb = text.length / 1e6;
    /** Wall-clock and CPU time of `run` (CPU time is what counts on a machine shared with other work). */
    const measure = <R>(run: () => R): { result: R; wall: number; cpu: number } => {
      const wall = performance.now();
      const cpu = process.cpuUsage();
      const result = run();
      const used = process.cpuUsage(cpu);
      return { result, wall: (performance.now() - wall) / 1000, cpu: (used.user + used.system) / 1e6 };
    };
    const speed = (m: { wall: number; cpu: number }): string => `${(mb / m.wall).toFixed(2)} MB/s (${(mb / m.cpu).toFixed(2)} MB/s of CPU time)`;
    const parsed = measure(() => parseTranscript(text));
    const prepared = measure(() => prepareDetection({ key }));
    const detected = measure(() => findPersonalData(text, parsed.result, prepared.result));
    const replaced = measure(() => pseudonymise(text, key, { prepared: prepared.result }));
    assert.ok(detected.result.length > 0 && replaced.result.edits.length === detected.result.length);
    t.diagnostic(
      `${mb.toFixed(1)} MB, a key of ${key.entries.length} entries (prepared in ${(prepared.wall * 1000).toFixed(0)} ms), ` +
        `${detected.result.length} findings: parse ${speed(parsed)}; detection ${speed(detected)} after the parse; ` +
        `pseudonymise ${speed(replaced)} with its parse`,
    );
  });
});
