// SYNTAX.md §9: every diagnostic with its exact range, rule and severity, and its message in
// English and Dutch.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCodes, codeLookup } from '../../server/src/core/parse/check';
import { builtInCodebook, parseCodebook } from '../../server/src/core/parse/codebook';
import { localeOf, messageOf } from '../../server/src/core/messages';
import type { Diagnostic, RuleId, Severity } from '../../server/src/core/types';
import { mark, md, parse, range, rangeOf } from './helpers';

interface Case {
  rule: RuleId;
  severity: Severity;
  /** The fixture, with `«` `»` around the expected range of every diagnostic of this rule. */
  fixture: string;
  diagnostics: (text: string) => Diagnostic[];
  /** The expected LSP range of the first one, written out. */
  first: ReturnType<typeof range>;
  args?: Record<string, string>;
}

const syntactic = (text: string): Diagnostic[] => parse(text).diagnostics;
const checked = (text: string): Diagnostic[] => checkCodes(parse(text), codeLookup(builtInCodebook('nl')));
const codebook = (text: string): Diagnostic[] => parseCodebook(text).diagnostics;

const CASES: Case[] = [
  {
    rule: 'unclosed-attributes',
    severity: 'error',
    fixture: md('Een [fragment]«{#intentie memo="nooit dicht»', 'en een blok «{#context»', '::: «{#actanten»', 'x'),
    diagnostics: syntactic,
    first: range(0, 14, 0, 42),
  },
  {
    rule: 'fragment-without-start',
    severity: 'error',
    fixture: md('Geen begin«]{#intentie}» hier.', '', '[Begin', '', 'eind«]{#context}»'),
    diagnostics: syntactic,
    first: range(0, 10, 0, 22),
  },
  {
    rule: 'empty-fragment',
    severity: 'warning',
    fixture: md('Leeg: «[]{#intentie}» en «[  ]{#context}» en [**]{#x}', '', '«::: {#actanten}»', '', ':::', '', '«# {#outcome}»'),
    diagnostics: syntactic,
    first: range(0, 6, 0, 19),
  },
  {
    rule: 'stray-attributes',
    severity: 'warning',
    fixture: md('Midden «{#intentie}» in de zin.', '', '«{#context}» aan het begin', '', '## Kop «{#x}» met meer'),
    diagnostics: syntactic,
    first: range(0, 7, 0, 18),
  },
  {
    rule: 'unclosed-div',
    severity: 'error',
    fixture: md('«::: {#intentie}»', '«:::: {#context}»', 'tekst', '', '::: {#gesloten}', ':::'),
    diagnostics: syntactic,
    first: range(0, 0, 0, 15),
  },
  {
    rule: 'unopened-div',
    severity: 'warning',
    fixture: md('tekst', '', '«:::»', '', '::: {#a}', 'x', ':::', '«  ::::»'),
    diagnostics: syntactic,
    first: range(2, 0, 2, 3),
  },
  {
    rule: 'invalid-code',
    severity: 'error',
    fixture: md('[a]{«#-x» #ok «#a//b» «#»}', 'blok {«#a.b»}'),
    diagnostics: syntactic,
    first: range(0, 4, 0, 7),
    args: { text: '#-x' },
  },
  {
    rule: 'duplicate-code',
    severity: 'warning',
    fixture: md('[a]{#intentie #context «#intentie»}', '## Kop {#x, «#x»}'),
    diagnostics: syntactic,
    first: range(0, 23, 0, 32),
    args: { code: 'intentie' },
  },
  {
    rule: 'undefined-code',
    severity: 'warning',
    fixture: md('[a]{#intentie «#onbekend»}', '', 'blok {«#nieuw/sub»}'),
    diagnostics: checked,
    first: range(0, 14, 0, 23),
    args: { code: 'onbekend', aspect: 'onbekend' },
  },
  {
    rule: 'undefined-subcode',
    severity: 'information',
    fixture: md('[a]{#intentie «#intentie/nieuw»}', '', '## Kop {«#space-en-place/plek»}'),
    diagnostics: checked,
    first: range(0, 14, 0, 29),
    args: { code: 'intentie/nieuw', aspect: 'intentie' },
  },
  {
    rule: 'code-case',
    severity: 'warning',
    fixture: md('[a]{«#Intentie»}', '', '[b]{«#SPACE-EN-PLACE/Place»} [c]{«#Context/nieuw»}'),
    diagnostics: checked,
    first: range(0, 4, 0, 13),
    args: { code: 'Intentie', expected: 'intentie' },
  },
  {
    rule: 'missing-hash',
    severity: 'hint',
    fixture: md('[a]{«intentie» .klasse}', '', 'Een alinea {«context»}', '', '## Kop {«outcome»}', '', '::: {«actanten»}', 'x', ':::', '', 'midden {intentie} niet', '', '[b]{onbekend}'),
    diagnostics: checked,
    first: range(0, 4, 0, 12),
    args: { word: 'intentie' },
  },
  {
    rule: 'front-matter',
    severity: 'error',
    fixture: md('---', 'practice: «12»', 'coder: «[a, b]»', '---'),
    diagnostics: syntactic,
    first: range(1, 10, 1, 12),
    args: { problem: 'not-string', key: 'practice' },
  },
  {
    rule: 'merge-conflict',
    severity: 'error',
    fixture: md('Kop', '=======', '', '«<<<<<<< HEAD»', 'mijn versie', '=======', 'hun versie', '>>>>>>> feature'),
    diagnostics: syntactic,
    first: range(3, 0, 3, 12),
  },
  {
    rule: 'codebook-duplicate',
    severity: 'error',
    fixture: md('# Intentie {#intentie}', '', '## Nog eens {«#intentie»}', '', '# Weer {#x color="#fff" #x}', '# En {«#x»}'),
    diagnostics: codebook,
    first: range(2, 13, 2, 22),
    args: { code: 'intentie', line: '1' },
  },
  {
    rule: 'codebook-color',
    severity: 'warning',
    fixture: md('# Intentie «{#intentie color=red}»', '# Context «{#context color="#12345"}»', '# Goed {#goed color="#ABCDEF"}', '# Kort {#kort color=#abc}'),
    diagnostics: codebook,
    first: range(0, 11, 0, 32),
    args: { color: 'red' },
  },
];

describe('diagnostics (§9)', () => {
  for (const c of CASES) {
    it(`${c.rule}: ${c.severity}, at the exact range`, () => {
      const { text, spans } = mark(c.fixture);
      const all = c.diagnostics(text);
      const found = all.filter((d) => d.rule === c.rule);
      assert.deepEqual(
        found.map((d) => d.span),
        spans,
        `spans of ${c.rule}; all: ${JSON.stringify(all.map((d) => [d.rule, d.span]))}`,
      );
      for (const d of found) {
        assert.equal(d.severity, c.severity);
        assert.deepEqual(d.range, rangeOf(text, d.span));
      }
      assert.deepEqual(found[0]!.range, c.first);
      if (c.args) assert.deepEqual(found[0]!.args, c.args);
    });

    it(`${c.rule}: message in English and Dutch`, () => {
      const { text } = mark(c.fixture);
      for (const d of c.diagnostics(text).filter((x) => x.rule === c.rule)) {
        const en = messageOf(d, 'en');
        const nl = messageOf(d, 'nl');
        assert.ok(en.length > 10, en);
        assert.ok(nl.length > 10, nl);
        assert.notEqual(en, nl);
        assert.doesNotMatch(en, /undefined/);
        assert.doesNotMatch(nl, /undefined/);
      }
    });
  }

  it('has a fixture for every rule except the parse fallback', () => {
    const rules: RuleId[] = [
      'unclosed-attributes',
      'fragment-without-start',
      'empty-fragment',
      'stray-attributes',
      'unclosed-div',
      'unopened-div',
      'invalid-code',
      'duplicate-code',
      'undefined-code',
      'undefined-subcode',
      'code-case',
      'missing-hash',
      'front-matter',
      'merge-conflict',
      'codebook-duplicate',
      'codebook-color',
    ];
    assert.deepEqual(
      CASES.map((c) => c.rule),
      rules,
    );
  });

  it('fills message arguments', () => {
    const d = { rule: 'duplicate-code', args: { code: 'intentie' } } as const;
    assert.equal(messageOf(d, 'en'), '#intentie is already given to this fragment.');
    assert.equal(messageOf(d, 'nl'), '#intentie staat al bij dit fragment.');
    assert.match(messageOf({ rule: 'codebook-duplicate', args: { code: 'x', line: '7' } }, 'nl'), /regel 7/);
    assert.match(messageOf({ rule: 'code-case', args: { code: 'Intentie', expected: 'intentie' } }, 'en'), /#Intentie.*#intentie/);
  });

  it('has distinct English and Dutch messages for every front matter problem and the parse fallback', () => {
    const problems: Record<string, string>[] = [{ problem: 'unclosed' }, { problem: 'not-mapping' }, { problem: 'not-string', key: 'coder' }, { problem: 'syntax', detail: 'bad' }];
    for (const args of problems) {
      const en = messageOf({ rule: 'front-matter', args }, 'en');
      const nl = messageOf({ rule: 'front-matter', args }, 'nl');
      assert.notEqual(en, nl);
      assert.ok(en && nl);
    }
    assert.notEqual(messageOf({ rule: 'parse-fallback', args: {} }, 'en'), messageOf({ rule: 'parse-fallback', args: {} }, 'nl'));
  });

  it('chooses Dutch for nl language tags only', () => {
    assert.equal(localeOf('nl'), 'nl');
    assert.equal(localeOf('nl-BE'), 'nl');
    assert.equal(localeOf('NL-nl'), 'nl');
    assert.equal(localeOf('en-US'), 'en');
    assert.equal(localeOf('de'), 'en');
    assert.equal(localeOf(undefined), 'en');
  });
});

describe('diagnostics do not stop indexing', () => {
  it('reports a broken fragment and still counts everything else', () => {
    const text = md('[goed]{#a} en [kapot]{#b', '', 'stray {#c} hier', '', '[ook goed]{#d #-x}', '', '::: {#e}', 'open');
    const t = parse(text);
    assert.deepEqual(
      t.fragments.map((f) => f.codes.join(' ')),
      ['a', 'd'],
    );
    assert.deepEqual(
      t.diagnostics.map((d) => d.rule),
      ['unclosed-attributes', 'stray-attributes', 'invalid-code', 'unclosed-div'],
    );
  });

  it('reports a fragment whose codes are all invalid as code-less, without a fragment', () => {
    const text = '[tekst]{#-x}';
    const t = parse(text);
    assert.deepEqual(t.fragments, []);
    assert.deepEqual(
      t.diagnostics.map((d) => d.rule),
      ['invalid-code'],
    );
    assert.equal(t.attributeBlocks.length, 1);
  });

  it('reports each unclosed attribute block once', () => {
    for (const text of ['[a]{#b', '::: {#a', 'x {#a', '::: {#a\n:::']) {
      assert.deepEqual(
        parse(text).diagnostics.map((d) => d.rule),
        ['unclosed-attributes'],
        text,
      );
    }
  });

  it('sorts diagnostics by position', () => {
    const t = parse(md('---', 'practice: 1', '---', '{#b} x', '<<<<<<< a', '=======', '>>>>>>> b', ':::'));
    const starts = t.diagnostics.map((d) => d.span.start);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
    assert.equal(t.diagnostics.length, 4);
  });
});
