// SYNTAX.md §3.2 (block coding), §3.3 (section coding) and §3.4 (fenced divs).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertLocated, diagnosticsOf, mark, md, parse, range, slice, summaries } from './helpers';

describe('block coding (§3.2)', () => {
  it('codes a whole paragraph, with exact content, full range and markup', () => {
    const { text, spans } = mark(md('Voor.', '', '««**S2:** Ik zat erbij omdat mijn', 'leidinggevende het vroeg.»« «{#intentie/gestuurd}»»»', '', 'Na.'));
    const [full, content, markup, block] = spans;
    const t = parse(text);
    assert.equal(t.fragments.length, 1);
    const f = t.fragments[0]!;
    assert.equal(f.kind, 'block');
    assert.deepEqual(f.codes, ['intentie/gestuurd']);
    assert.equal(f.text, 'S2: Ik zat erbij omdat mijn leidinggevende het vroeg.');
    assertLocated(text, f.full, full!);
    assertLocated(text, f.content, content!);
    assert.deepEqual(f.full.range, range(2, 0, 3, 46));
    assert.deepEqual(f.markup, [markup]);
    assert.deepEqual(f.attributeBlock, block);
    assert.equal(f.speaker, 'S2');
    assert.deepEqual(t.diagnostics, []);
  });

  it('codes a list item paragraph', () => {
    const text = md('- eerste punt {#a}', '- tweede punt', '  loopt door {#b}', '', '  tweede alinea {#c}');
    assert.deepEqual(
      summaries(text).map((s) => [s.kind, s.codes[0], s.text, s.content]),
      [
        ['block', 'a', 'eerste punt', 'eerste punt'],
        ['block', 'b', 'tweede punt loopt door', 'tweede punt\n  loopt door'],
        ['block', 'c', 'tweede alinea', 'tweede alinea'],
      ],
    );
  });

  it('codes a block quote paragraph', () => {
    const text = md('> Wat zij zei', '> over de regels. {#normativiteit}');
    assert.deepEqual(summaries(text), [{ kind: 'block', codes: ['normativiteit'], text: 'Wat zij zei over de regels.', content: 'Wat zij zei\n> over de regels.', parent: -1 }]);
  });

  it('codes a paragraph whose attribute block stands on its own last line', () => {
    const { text, spans } = mark(md('««Een lange alinea', 'over twee regels»«', '{#a}»»'));
    const f = parse(text).fragments[0]!;
    assert.equal(f.kind, 'block');
    assert.equal(f.text, 'Een lange alinea over twee regels');
    assert.deepEqual(f.full.span, spans[0]);
    assert.deepEqual(f.content.span, spans[1]);
    assert.deepEqual(f.markup, [spans[2]]);
  });

  it('allows trailing white space after the attribute block', () => {
    const t = parse('Tekst {#a}   \n');
    assert.equal(t.fragments[0]!.kind, 'block');
  });

  it('is an inline fragment, not a block coding, when preceded by ]', () => {
    const text = 'Hij zei [ja]{#a}';
    assert.deepEqual(summaries(text), [{ kind: 'inline', codes: ['a'], text: 'ja', content: 'ja', parent: -1 }]);
  });

  it('codes the block when white space separates it from ]', () => {
    const text = 'Hij zei [ja]{#a} {#b}';
    assert.deepEqual(summaries(text), [
      { kind: 'block', codes: ['b'], text: 'Hij zei ja', content: 'Hij zei [ja]{#a}', parent: -1 },
      { kind: 'inline', codes: ['a'], text: 'ja', content: 'ja', parent: 0 },
    ]);
    assert.deepEqual(summaries('[ja] {#x}'), [{ kind: 'block', codes: ['x'], text: '[ja]', content: '[ja]', parent: -1 }]);
  });

  it('is stray when not at the end or not after white space', () => {
    for (const [text, stray] of [
      ['Tekst {#a} en meer', '{#a}'],
      ['Tekst{#a}', '{#a}'],
      ['{#a}', '{#a}'],
      ['{#a} tekst', '{#a}'],
      ['[link](u){#a}', '{#a}'],
      ['Tekst *nadruk {#a}* meer', '{#a}'],
    ] as const) {
      const t = parse(text);
      assert.deepEqual(t.fragments, [], text);
      assert.deepEqual(diagnosticsOf(text, t.diagnostics), [['stray-attributes', 'warning', stray]], text);
      assert.deepEqual(
        t.codes.map((c) => [c.code, c.fragment]),
        [['a', -1]],
        text,
      );
    }
  });

  it('does not code a table cell as a block', () => {
    const text = md('| a | b |', '|---|---|', '| x {#a} | y |');
    assert.deepEqual(diagnosticsOf(text), [['stray-attributes', 'warning', '{#a}']]);
  });
});

describe('section coding (§3.3)', () => {
  it('codes a heading and everything up to the next heading of the same or a higher level', () => {
    const { text, spans } = mark(
      md('# Titel', '', '««## Vraag 1 — Wat is de bedoeling?« «{#intentie}»»»', '', 'Tekst een.', '', '### Dieper', '', 'Tekst twee.»', '', '## Vraag 2', '', 'Tekst drie.'),
    );
    const [full, heading, markup, block] = spans;
    const t = parse(text);
    assert.equal(t.fragments.length, 1);
    const f = t.fragments[0]!;
    assert.equal(f.kind, 'section');
    assertLocated(text, f.full, full!);
    assertLocated(text, f.content, full!);
    assert.deepEqual(f.full.range, range(2, 0, 8, 11));
    assert.deepEqual(f.markup, [markup]);
    assert.deepEqual(f.attributeBlock, block);
    assert.equal(f.text, 'Vraag 1 — Wat is de bedoeling? Tekst een. Dieper Tekst twee.');
    assert.deepEqual(
      t.headings.map((h) => [h.depth, h.text]),
      [
        [1, 'Titel'],
        [2, 'Vraag 1 — Wat is de bedoeling?'],
        [3, 'Dieper'],
        [2, 'Vraag 2'],
      ],
    );
    assert.deepEqual(t.headings[1]!.span, heading);
  });

  it('ends at a higher-level heading', () => {
    const text = md('### Klein {#a}', 'tekst', '# Groot', 'meer');
    assert.deepEqual(
      summaries(text).map((s) => [s.kind, s.content]),
      [['section', '### Klein {#a}\ntekst']],
    );
  });

  it('is not ended by a deeper heading', () => {
    const text = md('## A {#a}', 'x', '### B', 'y', '#### C', 'z');
    assert.equal(summaries(text)[0]!.content, text);
  });

  it('runs to the end of the file without trailing white space', () => {
    const text = 'Voor\n\n# Laatste {#a}\n\ntekst\n\n\n';
    assert.equal(summaries(text)[0]!.content, '# Laatste {#a}\n\ntekst');
  });

  it('nests sections, and the fragments inside them', () => {
    const text = md('# Deel {#a}', '## Vraag {#b}', 'Tekst [ja]{#c}.', '# Ander deel', 'Tekst.');
    assert.deepEqual(
      summaries(text).map((s) => [s.kind, s.codes[0], s.parent]),
      [
        ['section', 'a', -1],
        ['section', 'b', 0],
        ['inline', 'c', 1],
      ],
    );
  });

  it('codes setext headings and headings with closing hashes', () => {
    const text = md('Kop {#a}', '===', 'tekst', '', '## Andere {#b} ##', 'meer');
    assert.deepEqual(
      summaries(text).map((s) => [s.kind, s.codes[0], s.text, s.parent]),
      [
        ['section', 'a', 'Kop tekst Andere meer', -1],
        ['section', 'b', 'Andere meer', 0],
      ],
    );
  });

  it('codes only the heading itself for a heading inside a block quote or list', () => {
    const text = md('> ## Geciteerd {#a}', '', 'daarna', '', '- ## In lijst {#b}', '  tekst');
    const t = parse(text);
    assert.deepEqual(
      summaries(text, t).map((s) => [s.kind, s.content, s.text]),
      [
        ['section', '## Geciteerd {#a}', 'Geciteerd'],
        ['section', '## In lijst {#b}', 'In lijst'],
      ],
    );
    assert.deepEqual(t.diagnostics, []);
  });

  it('is stray in the middle of a heading', () => {
    const text = '## Kop {#a} meer';
    assert.deepEqual(diagnosticsOf(text), [['stray-attributes', 'warning', '{#a}']]);
  });
});

describe('fenced divs (§3.4)', () => {
  it('codes everything between the fences, with exact spans and markup', () => {
    const { text, spans } = mark(md('Voor.', '', '««::: {#context/macht memo="aanbesteding"}', '»«**S1:** Een.', '', '**S2:** Twee.', '»«:::»»', '', 'Na.'));
    const [full, open, content, close] = spans;
    const t = parse(text);
    assert.equal(t.fragments.length, 1);
    const f = t.fragments[0]!;
    assert.equal(f.kind, 'div');
    assert.deepEqual(f.codes, ['context/macht']);
    assert.equal(f.memo, 'aanbesteding');
    assert.equal(f.text, 'S1: Een. S2: Twee.');
    assertLocated(text, f.full, full!);
    assertLocated(text, f.content, content!);
    assert.deepEqual(f.full.range, range(2, 0, 6, 3));
    // The closing markup takes the line break before the fence, so removing the markup leaves
    // the content without an extra line.
    assert.deepEqual(f.markup, [open, { start: close!.start - 1, end: close!.end }]);
    assert.equal(f.speaker, 'S1');
    assert.deepEqual(t.diagnostics, []);
  });

  it('nests divs, innermost first', () => {
    const text = md(':::: {#a}', 'een', '', '::: {#b}', 'twee', ':::', '', '::: {#c}', 'drie', ':::', '::::');
    assert.deepEqual(
      summaries(text).map((s) => [s.codes[0], s.text, s.parent]),
      [
        ['a', 'een twee drie', -1],
        ['b', 'twee', 0],
        ['c', 'drie', 0],
      ],
    );
  });

  it('closes the innermost div with any closing fence', () => {
    const text = md('::: {#a}', '::::: {#b}', 'x', ':::', 'y', ':::::');
    assert.deepEqual(
      summaries(text).map((s) => [s.codes[0], s.text]),
      [
        ['a', 'x y'],
        ['b', 'x'],
      ],
    );
  });

  it('does not see fences inside fenced code blocks', () => {
    const text = md('::: {#a}', '```', ':::', '::: {#b}', '```', ':::');
    const t = parse(text);
    assert.deepEqual(
      summaries(text, t).map((s) => [s.codes[0], s.content]),
      [['a', '```\n:::\n::: {#b}\n```\n']],
    );
    assert.deepEqual(t.diagnostics, []);
  });

  it('leaves ::: note of other tools alone, and still reads what is inside', () => {
    const text = md('::: note', 'Een [notitie]{#a}', ':::', '', '::: {.waarschuwing}', 'Let op.', ':::');
    const t = parse(text);
    assert.deepEqual(
      summaries(text, t).map((s) => [s.kind, s.codes[0]]),
      [['inline', 'a']],
    );
    assert.deepEqual(t.diagnostics, []);
  });

  it('pairs a Kader div around a div of another tool', () => {
    const text = md('::: {#a}', '::: note', 'x', ':::', ':::');
    const t = parse(text);
    assert.deepEqual(
      summaries(text, t).map((s) => [s.codes[0], s.content]),
      [['a', '::: note\nx\n:::\n']],
    );
    assert.deepEqual(t.diagnostics, []);
  });

  it('codes divs with sections and fragments inside, as parents', () => {
    const text = md('::: {#a}', '## Kop {#b}', 'Tekst [x]{#c} {#d}', ':::');
    assert.deepEqual(
      summaries(text).map((s) => [s.kind, s.codes[0], s.parent]),
      [
        ['div', 'a', -1],
        ['section', 'b', 0],
        ['block', 'd', 1],
        ['inline', 'c', 2],
      ],
    );
  });

  it('is no fence when the fence line has more after the block: that is a fence of another tool', () => {
    const text = md('::: {#a} tekst', 'meer', ':::');
    const t = parse(text);
    assert.deepEqual(t.fragments, []);
    assert.deepEqual(diagnosticsOf(text, t.diagnostics), [['stray-attributes', 'warning', '{#a}']]);
  });
});

describe('codes of all kinds together', () => {
  it('lists every code and attribute block in document order', () => {
    const text = md('# Kop {#s}', '', '::: {#d}', 'Een [x]{#i1 #i2} {#b}', ':::', '', 'los {#z} hier');
    const t = parse(text);
    assert.deepEqual(
      t.codes.map((c) => [c.code, c.fragment, slice(text, c.span)]),
      [
        ['s', 0, '#s'],
        ['d', 1, '#d'],
        ['i1', 3, '#i1'],
        ['i2', 3, '#i2'],
        ['b', 2, '#b'],
        ['z', -1, '#z'],
      ],
    );
    assert.deepEqual(
      t.attributeBlocks.map((b) => slice(text, b.span)),
      ['{#s}', '{#d}', '{#i1 #i2}', '{#b}', '{#z}'],
    );
  });
});
