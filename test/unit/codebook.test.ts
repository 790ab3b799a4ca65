// SYNTAX.md §8: the codebook, the built-in framework codebook, and checks against a codebook.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkCodes, codeLookup } from '../../server/src/core/parse/check';
import { readChunkWithRemark } from '../../server/src/core/parse/chunk';
import { builtInCodebook, parseCodebook, readCodebookChunk } from '../../server/src/core/parse/codebook';
import { FRAMEWORK, frameworkCodebookMarkdown } from '../../server/src/core/framework';
import { DISTINCTIONS } from '../../server/src/core/frameworkDistinctions';
import { aspectOf } from '../../server/src/core/codes';
import { scanLines } from '../../server/src/core/parse/lines';
import { messageOf } from '../../server/src/core/messages';
import { assertLocated, mark, mark1, md, parse, range, slice } from './helpers';

const CODEBOOK = md(
  '---',
  'title: Lerende praktijken',
  '---',
  '«# Intentie {«#intentie» color="#4E79A7"}»',
  'Wat is de bedoeling van de *lerende* praktijk?',
  '(volgens [verschillende](https://x.nl) betrokkenen)',
  '',
  'Tweede alinea.',
  '',
  '«## Gestuurd {«#intentie/gestuurd»}»',
  'De deelnemer doet mee omdat de organisatie dat vraagt.',
  '',
  '### Zonder code',
  '',
  'Hoort bij geen code.',
  '',
  '«# Plek {«#space-en-place/plek» color=#abc}»',
  '',
  '# Twee codes {#a #b}',
  '',
  'Een alinea met [een fragment]{#frag} en een blok {#blok}',
  '',
  '::: {#div}',
  'binnen',
  ':::',
);

describe('parseCodebook (§8)', () => {
  const { text, spans } = mark(CODEBOOK);
  const book = parseCodebook(text);

  it('defines a code for each heading that ends in a block with one code, in order', () => {
    assert.equal(book.builtIn, false);
    assert.equal(book.title, 'Lerende praktijken');
    assert.deepEqual(
      book.codes.map((c) => c.code),
      ['intentie', 'intentie/gestuurd', 'space-en-place/plek'],
    );
  });

  it('takes the heading text as the name, and the colour', () => {
    assert.deepEqual(
      book.codes.map((c) => [c.name, c.color]),
      [
        ['Intentie', '#4E79A7'],
        ['Gestuurd', undefined],
        ['Plek', '#abc'],
      ],
    );
    assert.ok(!('color' in book.codes[1]!));
  });

  it('takes everything up to the next heading as the description, its first paragraph as plain short description', () => {
    const [intentie, gestuurd, plek] = book.codes;
    assert.equal(intentie!.description, 'Wat is de bedoeling van de *lerende* praktijk?\n(volgens [verschillende](https://x.nl) betrokkenen)\n\nTweede alinea.');
    assert.equal(intentie!.shortDescription, 'Wat is de bedoeling van de lerende praktijk? (volgens verschillende betrokkenen)');
    assert.equal(gestuurd!.description, 'De deelnemer doet mee omdat de organisatie dat vraagt.');
    assert.equal(gestuurd!.shortDescription, 'De deelnemer doet mee omdat de organisatie dat vraagt.');
    assert.equal(plek!.description, '');
    assert.equal(plek!.shortDescription, '');
  });

  it('locates the defining heading and its code token', () => {
    const [intentie, gestuurd, plek] = book.codes;
    assertLocated(text, intentie!.definition!, spans[0]!);
    assertLocated(text, intentie!.codeToken!, spans[1]!);
    assertLocated(text, gestuurd!.definition!, spans[2]!);
    assertLocated(text, gestuurd!.codeToken!, spans[3]!);
    assertLocated(text, plek!.definition!, spans[4]!);
    assertLocated(text, plek!.codeToken!, spans[5]!);
    assert.deepEqual(intentie!.definition!.range, range(3, 0, 3, 38));
    assert.deepEqual(intentie!.codeToken!.range, range(3, 12, 3, 21));
  });

  it('defines nothing with attribute blocks elsewhere, and reports no stray blocks', () => {
    assert.ok(!book.codes.some((c) => ['a', 'b', 'frag', 'blok', 'div'].includes(c.code)));
    assert.deepEqual(book.diagnostics, []);
  });

  it('takes the hierarchy from the code paths only, not from heading levels', () => {
    const b = parseCodebook(md('### Kind {#ouder/kind}', '# Los {#los}', '###### Diep {#diep}'));
    assert.deepEqual(
      b.codes.map((c) => c.code),
      ['ouder/kind', 'los', 'diep'],
    );
    assert.deepEqual(b.diagnostics, []);
  });

  it('reports a code defined twice at the second definition, and keeps the first', () => {
    const { text: t, span } = mark1(md('# Eerste {#x}', 'een', '', '# Tweede {«#x»}', 'twee'));
    const b = parseCodebook(t);
    assert.deepEqual(
      b.codes.map((c) => [c.code, c.name, c.description]),
      [['x', 'Eerste', 'een']],
    );
    assert.equal(b.diagnostics.length, 1);
    const d = b.diagnostics[0]!;
    assert.equal(d.rule, 'codebook-duplicate');
    assert.equal(d.severity, 'error');
    assertLocated(t, d, span);
    assert.deepEqual(d.args, { code: 'x', line: '1' });
  });

  it('reports a colour that is not #RGB or #RRGGBB, and leaves the colour out', () => {
    const t = md('# A {#a color="#12"}', '# B {#b color=blauw}', '# C {#c color="#aBc"}', '# D {#d color=#A1b2C3}', '# E {#e color="#1234567"}');
    const b = parseCodebook(t);
    assert.deepEqual(
      b.codes.map((c) => c.color ?? null),
      [null, null, '#aBc', '#A1b2C3', null],
    );
    assert.deepEqual(
      b.diagnostics.map((d) => [d.rule, d.severity, d.args['color'], slice(t, d.span)]),
      [
        ['codebook-color', 'warning', '#12', '{#a color="#12"}'],
        ['codebook-color', 'warning', 'blauw', '{#b color=blauw}'],
        ['codebook-color', 'warning', '#1234567', '{#e color="#1234567"}'],
      ],
    );
  });

  it('keeps syntax diagnostics of the codebook, such as invalid codes', () => {
    const b = parseCodebook(md('# A {#a #-x}', '# B {#b'));
    assert.deepEqual(
      b.diagnostics.map((d) => d.rule),
      ['invalid-code', 'unclosed-attributes'],
    );
    assert.deepEqual(
      b.codes.map((c) => c.code),
      ['a'],
    );
  });

  it('reads a codebook with CRLF line ends and a byte-order mark', () => {
    const b = parseCodebook('\uFEFF# A {#a}\r\nEerste\r\nalinea.\r\n\r\nTweede.\r\n# B {#b}\r\n');
    assert.deepEqual(
      b.codes.map((c) => [c.code, c.shortDescription, c.definition!.range]),
      [
        ['a', 'Eerste alinea.', range(0, 0, 0, 8)],
        ['b', '', range(5, 0, 5, 8)],
      ],
    );
    assert.equal(b.codes[0]!.description, 'Eerste\r\nalinea.\r\n\r\nTweede.');
  });

  it('has no title without front matter', () => {
    assert.equal(parseCodebook('# A {#a}').title, undefined);
  });
});

describe('builtInCodebook (§8)', () => {
  const aspects = ['intentie', 'activiteit', 'normativiteit', 'context', 'space-en-place', 'actanten', 'outcome'];

  // The built-in codebook has the article's distinctions as sub-codes too (issue 20); they take
  // their aspect's colour, so only the aspects and space/place have one of their own.
  it('holds the seven aspects, the space/place sub-codes and the article’s distinctions', () => {
    for (const locale of ['nl', 'en'] as const) {
      const book = builtInCodebook(locale);
      assert.equal(book.builtIn, true);
      assert.deepEqual(book.diagnostics, []);
      const codes = book.codes.map((c) => c.code);
      assert.deepEqual(
        codes.filter((c) => !c.includes('/')),
        aspects,
      );
      assert.deepEqual(
        codes.filter((c) => c.includes('/')),
        ['space-en-place/space', 'space-en-place/place', ...DISTINCTIONS.map((d) => d.code)].sort((a, b) => aspects.indexOf(aspectOf(a)) - aspects.indexOf(aspectOf(b))),
      );
      for (const c of book.codes) {
        if (!c.code.includes('/') || c.code.startsWith('space-en-place/')) assert.match(c.color!, /^#[0-9A-F]{6}$/i);
        else assert.equal(c.color, undefined);
        assert.ok(c.description.length > 10);
        assert.equal(c.definition, undefined);
      }
    }
  });

  it('translates names and descriptions, not code ids', () => {
    const nl = builtInCodebook('nl');
    const en = builtInCodebook('en');
    const framework = (book: typeof nl): string[] => book.codes.filter((c) => FRAMEWORK.some((f) => f.code === c.code)).map((c) => c.name);
    assert.deepEqual(framework(nl), ['Intentie', 'Activiteit', 'Normativiteit', 'Context', 'Space en place', 'Space', 'Place', 'Actanten', 'Outcome/waarde']);
    assert.deepEqual(framework(en), ['Intention', 'Activity', 'Normativity', 'Context', 'Space and place', 'Space', 'Place', 'Actants', 'Outcome/value']);
    assert.deepEqual(
      nl.codes.map((c) => c.code),
      en.codes.map((c) => c.code),
    );
    assert.equal(nl.codes[0]!.description, 'Wat is de bedoeling van de lerende praktijk? (volgens verschillende betrokkenen)');
    assert.notEqual(nl.codes[0]!.description, en.codes[0]!.description);
  });

  it('can be written as a codebook.md that reads back to the same codes', () => {
    for (const locale of ['nl', 'en'] as const) {
      const parsed = parseCodebook(frameworkCodebookMarkdown(locale));
      assert.deepEqual(parsed.diagnostics, []);
      assert.deepEqual(
        parsed.codes.map((c) => [c.code, c.name, c.color, c.description, c.shortDescription]),
        builtInCodebook(locale).codes.map((c) => [c.code, c.name, c.color, c.description, c.shortDescription]),
      );
    }
    assert.equal(FRAMEWORK.length, 9);
  });
});

describe('checkCodes against a codebook', () => {
  const book = parseCodebook(md('# Intentie {#intentie}', '## Gestuurd {#intentie/gestuurd}', '# Diep {#a/b/c}'));
  const lookup = codeLookup(book);

  it('builds a lookup of defined and case-folded codes', () => {
    assert.deepEqual([...lookup.defined], ['intentie', 'intentie/gestuurd', 'a/b/c']);
    assert.equal(lookup.folded.get('intentie/gestuurd'), 'intentie/gestuurd');
    assert.equal(codeLookup({ builtIn: false, codes: [{ code: 'ABC', name: 'x', description: '', shortDescription: '' }], diagnostics: [] }).folded.get('abc'), 'ABC');
  });

  it('accepts defined codes, and a sub-code under a defined deeper path', () => {
    assert.deepEqual(checkCodes(parse('[x]{#intentie #intentie/gestuurd #a/b/c}'), lookup), []);
  });

  it('classifies codes that are not defined', () => {
    const text = '[x]{#Intentie #intentie/nieuw #INTENTIE/Gestuurd #Intentie/nieuw #onbekend #a #a/b #A/b}';
    const found = checkCodes(parse(text), lookup).map((d) => [d.rule, slice(text, d.span), d.args]);
    assert.deepEqual(found, [
      ['code-case', '#Intentie', { code: 'Intentie', expected: 'intentie' }],
      ['undefined-subcode', '#intentie/nieuw', { code: 'intentie/nieuw', aspect: 'intentie' }],
      ['code-case', '#INTENTIE/Gestuurd', { code: 'INTENTIE/Gestuurd', expected: 'intentie/gestuurd' }],
      ['code-case', '#Intentie/nieuw', { code: 'Intentie/nieuw', expected: 'intentie/nieuw' }],
      ['undefined-code', '#onbekend', { code: 'onbekend', aspect: 'onbekend' }],
      // Only a/b/c is defined: the aspect `a` itself is not.
      ['undefined-code', '#a', { code: 'a', aspect: 'a' }],
      ['undefined-code', '#a/b', { code: 'a/b', aspect: 'a' }],
      ['undefined-code', '#A/b', { code: 'A/b', aspect: 'A' }],
    ]);
  });

  it('checks codes in blocks that code nothing too', () => {
    const text = 'stray {#onbekend} hier';
    assert.deepEqual(
      checkCodes(parse(text), lookup).map((d) => d.rule),
      ['undefined-code'],
    );
  });

  it('hints a missing # only for words that are codes, in coding positions', () => {
    const text = md('[x]{intentie}', '', 'blok {Intentie}', '', 'blok {onbekend}', '', 'midden {intentie} zin', '', '::: {intentie/gestuurd}', 'y', ':::');
    const found = checkCodes(parse(text), lookup).map((d) => [d.rule, d.severity, slice(text, d.span), d.args]);
    assert.deepEqual(found, [
      ['missing-hash', 'hint', 'intentie', { word: 'intentie' }],
      ['missing-hash', 'hint', 'intentie/gestuurd', { word: 'intentie/gestuurd' }],
    ]);
  });

  it('reports nothing against the built-in codebook for framework codes', () => {
    const text = '[x]{#intentie #activiteit #normativiteit #context #space-en-place #space-en-place/space #space-en-place/place #actanten #outcome}';
    assert.deepEqual(checkCodes(parse(text), codeLookup(builtInCodebook('en'))), []);
  });
});

describe('a large codebook (test/hostile codebook-many-codes)', () => {
  const N = 10_000;
  const text = Array.from({ length: N }, (_, i) => `## Code ${i} {#code${i}}\nBeschrijving van code ${i}.\n`).join('\n');
  const book = parseCodebook(text);

  it('defines all 10,000 codes, in order, without a diagnostic', () => {
    assert.equal(book.codes.length, N);
    assert.deepEqual(book.diagnostics, []);
    assert.equal(new Set(book.codes.map((c) => c.code)).size, N);
    assert.ok(book.codes.every((c, i) => c.code === `code${i}`));
  });

  it('reads the first and the last code completely', () => {
    const entry = (i: number, line: number) => ({
      code: `code${i}`,
      name: `Code ${i}`,
      description: `Beschrijving van code ${i}.`,
      shortDescription: `Beschrijving van code ${i}.`,
      definition: { span: { start: text.indexOf(`## Code ${i} `), end: text.indexOf(`## Code ${i} `) + `## Code ${i} {#code${i}}`.length }, range: range(line, 0, line, `## Code ${i} {#code${i}}`.length) },
      codeToken: { span: { start: text.indexOf(`#code${i}}`), end: text.indexOf(`#code${i}}`) + `#code${i}`.length }, range: range(line, `## Code ${i} {`.length, line, `## Code ${i} {#code${i}`.length) },
    });
    assert.deepEqual(book.codes[0], entry(0, 0));
    assert.deepEqual(book.codes[N - 1], entry(N - 1, 3 * (N - 1)));
  });
});

describe('readCodebookChunk reads a chunk as readChunk does', () => {
  const chunksOf = (text: string): string[] => scanLines(text).chunks.map((c) => text.slice(c.start, c.end));

  it('on every chunk of the example, fixture and framework codebooks', () => {
    const texts = [CODEBOOK, frameworkCodebookMarkdown('nl'), frameworkCodebookMarkdown('en')];
    for (const file of ['examples/codebook.md', 'test/fixtures/server/project/codebook.md', 'test/fixtures/workspace/codebook.md']) {
      texts.push(readFileSync(path.resolve(__dirname, '../..', file), 'utf8'));
    }
    let split = 0;
    for (const text of texts) {
      for (const chunk of chunksOf(mark(text).text)) {
        if (/^#{1,6} [^\n]*\n/.test(chunk)) split++;
        assert.deepStrictEqual(readCodebookChunk(chunk), readChunkWithRemark(chunk), JSON.stringify(chunk));
      }
    }
    assert.ok(split >= 5, `${split} chunks open with a heading line`);
  });

  it('on random chunks that open with headings, with any line ends', () => {
    const lines = [
      '## Code {#a}', '# Kop {#a/b color="#abc"}', '### Zonder code', '## Twee {#a #b}', '## [x]{#c} kop', '## Kop {#a', '#NoHeading',
      'Beschrijving.', 'Een *nadruk* en `code` en [link](https://x.nl).', '- item', '1. item', '> quote', '    indented', '```', '~~~', '===', '---',
      '***', '| a | b |', '|---|---|', '<div>', '[foo]: https://x.nl', '[^1]: voetnoot', 'Zie [foo] en [^1].', '', '   ', '::: {#d}', ':::',
      '**S1:** zegt iets', '[woord]{#e} {#f}', 'a_ b_', '{#g}', '## Kop ##', '  ## Ingesprongen {#h}',
    ];
    const breaks = ['\n', '\r\n', '\r'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines.filter((l) => l.startsWith('#'))), { minLength: 1, maxLength: 3 }), fc.array(fc.constantFrom(...lines), { maxLength: 5 }), fc.constantFrom(...breaks), (headings, rest, lineBreak) => {
        const chunk = [...headings, ...rest].join(lineBreak);
        assert.deepStrictEqual(readCodebookChunk(chunk), readChunkWithRemark(chunk), JSON.stringify(chunk));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('codebook front matter', () => {
  it('reports front matter nested too deeply, in English and Dutch, and still reads the codes', () => {
    const text = md('---', `title: ${'['.repeat(200)}${']'.repeat(200)}`, '---', '# Intentie {#intentie}', 'Waarom.');
    const b = parseCodebook(text);
    assert.deepEqual(
      b.diagnostics.map((d) => [d.rule, d.severity, d.range, messageOf(d, 'en'), messageOf(d, 'nl')]),
      [
        [
          'front-matter',
          'error',
          range(1, 106, 1, 107),
          'The front matter is nested too deeply to read (more than 100 levels).',
          'De front matter is te diep genest om te lezen (meer dan 100 niveaus).',
        ],
      ],
    );
    assert.equal(b.title, undefined);
    assert.deepEqual(
      b.codes.map((c) => [c.code, c.description]),
      [['intentie', 'Waarom.']],
    );
  });
});
