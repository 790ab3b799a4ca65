// SYNTAX.md §3.1 (inline fragments), §4 (where codes are not codes) and §7 (fragment text).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertLocated, diagnosticsOf, mark, mark1, md, parse, range, slice, summaries } from './helpers';

describe('inline fragments (§3.1)', () => {
  it('codes the words between [ and ], with exact spans, ranges and markup', () => {
    const { text, spans } = mark('**S2:** Ik zat «[«erbij omdat het moest»]«{«#intentie/gestuurd»}»» echt.');
    const [full, content, block, code] = spans;
    const t = parse(text);
    assert.equal(t.fragments.length, 1);
    const f = t.fragments[0]!;
    assert.equal(f.id, 0);
    assert.equal(f.kind, 'inline');
    assert.deepEqual(f.codes, ['intentie/gestuurd']);
    assert.equal(f.text, 'erbij omdat het moest');
    assertLocated(text, f.full, full!);
    assertLocated(text, f.content, content!);
    assert.deepEqual(f.full.range, range(0, 15, 0, 58));
    assert.deepEqual(f.content.range, range(0, 16, 0, 37));
    assert.deepEqual(f.attributeBlock, block);
    assert.deepEqual(f.markup, [
      { start: full!.start, end: full!.start + 1 },
      { start: content!.end, end: full!.end },
    ]);
    assert.equal(f.parent, -1);
    assert.equal(f.speaker, 'S2');
    assertLocated(text, t.codes[0]!, code!);
    assert.equal(t.codes[0]!.fragment, 0);
    assert.deepEqual(t.diagnostics, []);
  });

  it('keeps the words of a fragment that holds a bare e-mail or web address (text, not a link)', () => {
    for (const words of ['mail anna@example.nl nu', 'zie www.example.nl hier', 'op https://example.nl/a_b staat het', 'anna@example.nl']) {
      const { text, spans } = mark(`**S1:** Het [«${words}»]{#intentie} klopt, schrijf naar noor@example.nl.`);
      const t = parse(text);
      assert.deepEqual(summaries(text, t), [{ kind: 'inline', codes: ['intentie'], text: words, content: words, parent: -1 }], words);
      assertLocated(text, t.fragments[0]!.content, spans[0]!);
      assert.deepEqual(t.diagnostics, [], words);
    }
  });

  it('reads a fragment after a bare address, and none inside it', () => {
    const { text, spans } = mark('Zie www.example.nl/[a]{#a} en noor@example.nl: [«dit»]{#intentie}.');
    const t = parse(text);
    assert.deepEqual(summaries(text, t), [{ kind: 'inline', codes: ['intentie'], text: 'dit', content: 'dit', parent: -1 }]);
    assertLocated(text, t.fragments[0]!.content, spans[0]!);
    assert.deepEqual(t.diagnostics, []);
  });

  it('reads a fragment that starts after one bare address and holds another (the pieces after an address carry no position)', () => {
    for (const [before, words] of [
      ['x@example.nl', 'c@example.nl\nAbstract'],
      ['x@example.nl', 'c@example.nl Abstract'],
      ['www.example.nl', 'www.example.org\nAbstract'],
    ] as const) {
      const { text, spans } = mark(`a ${before} b [«${words}»]{#intentie}\n`);
      const t = parse(text);
      assert.deepEqual(summaries(text, t), [{ kind: 'inline', codes: ['intentie'], text: words.replace('\n', ' '), content: words, parent: -1 }], words);
      assertLocated(text, t.fragments[0]!.content, spans[0]!);
      assert.deepEqual(t.diagnostics, [], words);
    }
  });

  it('gives a fragment several codes', () => {
    const t = parse('[tekst]{#intentie #context/macht}');
    assert.deepEqual(t.fragments[0]!.codes, ['intentie', 'context/macht']);
    assert.deepEqual(
      t.codes.map((c) => [c.code, c.fragment]),
      [
        ['intentie', 0],
        ['context/macht', 0],
      ],
    );
  });

  it('nests fragments and records the innermost parent', () => {
    const text = '[ik kwam [omdat [het] moest]{#intentie/gestuurd} maar [bleef [echt]{#c}]{#b}]{#intentie} en [los]{#d}';
    assert.deepEqual(summaries(text), [
      { kind: 'inline', codes: ['intentie'], text: 'ik kwam omdat [het] moest maar bleef echt', content: 'ik kwam [omdat [het] moest]{#intentie/gestuurd} maar [bleef [echt]{#c}]{#b}', parent: -1 },
      { kind: 'inline', codes: ['intentie/gestuurd'], text: 'omdat [het] moest', content: 'omdat [het] moest', parent: 0 },
      { kind: 'inline', codes: ['b'], text: 'bleef echt', content: 'bleef [echt]{#c}', parent: 0 },
      { kind: 'inline', codes: ['c'], text: 'echt', content: 'echt', parent: 2 },
      { kind: 'inline', codes: ['d'], text: 'los', content: 'los', parent: -1 },
    ]);
  });

  it('numbers fragments in document order of their start', () => {
    const t = parse('[a]{#x} [b [c]{#z}]{#y}');
    assert.deepEqual(
      t.fragments.map((f) => [f.id, f.codes[0]]),
      [
        [0, 'x'],
        [1, 'y'],
        [2, 'z'],
      ],
    );
  });

  it('runs over soft line breaks in a paragraph', () => {
    const { text, span } = mark1(md('Eerste regel [«met een fragment', 'dat doorloopt', 'over drie regels»]{#a} klaar.'));
    const t = parse(text);
    const f = t.fragments[0]!;
    assert.equal(f.text, 'met een fragment dat doorloopt over drie regels');
    assertLocated(text, f.content, span);
    assert.deepEqual(f.content.range, range(0, 14, 2, 16));
  });

  it('works inside list items, over a line break too', () => {
    const text = md('- punt [een]{#a}', '- punt [twee', '  regels]{#b}', '  1. genest [drie]{#c}');
    assert.deepEqual(
      summaries(text).map((s) => [s.codes[0], s.text, s.content]),
      [
        ['a', 'een', 'een'],
        ['b', 'twee regels', 'twee\n  regels'],
        ['c', 'drie', 'drie'],
      ],
    );
  });

  it('works inside block quotes, over a line break too (the > is not in the text)', () => {
    const { text, spans } = mark(md('> Zij zei: [«het was', '> niet vrijwillig»]{#intentie/gestuurd}.', '>', '> > [diep]{#x}'));
    const t = parse(text);
    assert.deepEqual(
      summaries(text, t).map((s) => [s.codes[0], s.text]),
      [
        ['intentie/gestuurd', 'het was niet vrijwillig'],
        ['x', 'diep'],
      ],
    );
    assertLocated(text, t.fragments[0]!.content, spans[0]!);
    assert.deepEqual(t.fragments[0]!.content.range, range(0, 12, 1, 17));
  });

  it('reads the text right after deep block quote markers and deeply indented continuation lines', () => {
    const deep = '> '.repeat(10);
    const quoted = `${deep}[aap noot\n${deep}mies]{#x} en [b]{#y}`;
    const t = parse(quoted);
    assert.deepEqual(
      t.fragments.map((f) => f.text),
      ['aap noot mies', 'b'],
    );
    assert.deepEqual(t.diagnostics, []);
    const indented = `- x\n\n  y [aap\n${' '.repeat(24)}noot]{#x} [z]{#y}\n\nEen [lange\n${' '.repeat(30)}regel]{#w}`;
    assert.deepEqual(
      parse(indented).fragments.map((f) => f.text),
      ['aap noot', 'z', 'lange regel'],
    );
  });

  it('gives every fragment of a long paragraph its own text', () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const text = words.map((w, i) => (i % 3 === 0 ? `[${w} [${w}b]{#in}]{#out}` : `[${w}]{#c}`)).join(' en\n');
    const t = parse(text);
    const expected = words.flatMap((w, i) => (i % 3 === 0 ? [`${w} ${w}b`, `${w}b`] : [w]));
    assert.deepEqual(
      t.fragments.map((f) => f.text),
      expected,
    );
  });

  it('works inside table cells', () => {
    const { text, spans } = mark(md('| wie | wat |', '|-----|-----|', '| S1  | [«ja»]{#a} en [«nee»]{#b} |'));
    const t = parse(text);
    assert.deepEqual(
      t.fragments.map((f) => [f.codes[0], f.text, f.content.span]),
      [
        ['a', 'ja', spans[0]],
        ['b', 'nee', spans[1]],
      ],
    );
  });

  it('works in headings', () => {
    const t = parse('## Over [de vraag]{#a} {#b}');
    assert.deepEqual(
      t.fragments.map((f) => [f.kind, f.codes[0], f.text]),
      [
        ['section', 'b', 'Over de vraag'],
        ['inline', 'a', 'de vraag'],
      ],
    );
    assert.equal(t.fragments[1]!.parent, 0);
  });

  it('does not run over a paragraph break', () => {
    const text = md('[begin', '', 'eind]{#a}');
    const t = parse(text);
    assert.deepEqual(t.fragments, []);
    assert.deepEqual(diagnosticsOf(text, t.diagnostics), [['fragment-without-start', 'error', ']{#a}']]);
  });
});

describe('brackets that are not fragment brackets (§3.1)', () => {
  it('does not take link brackets [label](url) as fragments', () => {
    const text = 'Zie [de site](https://voorbeeld.nl) en [leeg]() hier.';
    const t = parse(text);
    assert.deepEqual(t.fragments, []);
    assert.deepEqual(t.diagnostics, []);
  });

  it('does not take reference links [label][ref] as fragments', () => {
    const text = md('Zie [de site][ref] en [kort][] en [ref].', '', '[ref]: https://voorbeeld.nl', '[kort]: https://kort.nl');
    const t = parse(text);
    assert.deepEqual(t.fragments, []);
    assert.deepEqual(t.diagnostics, []);
    assert.deepEqual(t.codes, []);
  });

  it('matches ]{ with the right [ around a link', () => {
    const text = '[lees [de site](https://x.nl/a[b]) nu]{#a}';
    assert.deepEqual(summaries(text), [{ kind: 'inline', codes: ['a'], text: 'lees de site nu', content: 'lees [de site](https://x.nl/a[b]) nu', parent: -1 }]);
  });

  it('codes a link label from inside the link', () => {
    const text = 'Zie [[de site]{#a}](https://x.nl).';
    assert.deepEqual(
      summaries(text).map((s) => [s.codes[0], s.text]),
      [['a', 'de site']],
    );
  });

  it('takes [x]{#c} as a fragment even where a link definition [x]: exists', () => {
    for (const text of [md('[x]{#c} en meer', '', '[x]: http://example.com'), md('[x]: http://example.com', '[x]{#c} en meer')]) {
      const t = parse(text);
      assert.deepEqual(
        summaries(text, t),
        [{ kind: 'inline', codes: ['c'], text: 'x', content: 'x', parent: -1 }],
        text,
      );
      assert.deepEqual(t.diagnostics, []);
    }
  });

  it('does not take escaped brackets', () => {
    const text = String.raw`Niet \[dit]{#a} maar [\[dat\]]{#b}`;
    const t = parse(text);
    assert.deepEqual(
      summaries(text, t).map((s) => [s.codes[0], s.text, s.content]),
      [['b', '[dat]', String.raw`\[dat\]`]],
    );
    assert.deepEqual(diagnosticsOf(text, t.diagnostics), [['fragment-without-start', 'error', ']{#a}']]);
  });

  it('takes a bracket after an escaped backslash', () => {
    const text = String.raw`pad C:\\[map]{#a}`;
    assert.deepEqual(
      summaries(text).map((s) => s.text),
      ['map'],
    );
  });

  it('does not take brackets in inline code', () => {
    const text = 'Typ `[x]{#a}` of ``[y]{#b}`` en [`[z]`]{#c}';
    const t = parse(text);
    assert.deepEqual(
      summaries(text, t).map((s) => [s.codes[0], s.text, s.content]),
      [['c', '[z]', '`[z]`']],
    );
    assert.deepEqual(t.diagnostics, []);
  });

  it('keeps transcription marks such as [lacht] as text', () => {
    const text = '**S1:** Nou ja [lacht] [dat was [pauze] raar]{#a} [onverstaanbaar].';
    const t = parse(text);
    assert.deepEqual(
      summaries(text, t).map((s) => [s.codes[0], s.text]),
      [['a', 'dat was [pauze] raar']],
    );
    assert.deepEqual(t.diagnostics, []);
  });

  it('does not take ]( after a fragment as a link', () => {
    const t = parse('[a]{#x}(niet een link)');
    assert.deepEqual(
      t.fragments.map((f) => f.text),
      ['a'],
    );
  });
});

describe('where codes are not codes (§4)', () => {
  const cases: Record<string, string> = {
    'fenced code': md('```', '[a]{#a} tekst {#b}', '```'),
    'fenced code with tildes': md('~~~', '::: {#a}', '[a]{#a}', ':::', '~~~'),
    'indented code': md('Tekst.', '', '    [a]{#a} tekst {#b}'),
    'inline code': 'Tekst `[a]{#a}` en `{#b}` hier.',
    'HTML block': md('<div>', '[a]{#a} tekst {#b}', '</div>'),
    'HTML comment': 'Tekst <!-- [a]{#a} --> hier.',
    'HTML comment block': md('<!--', '[a]{#a}', '', '## Kop {#b}', '-->'),
    'front matter': md('---', 'title: "[a]{#a}"', 'note: "{#b}"', '---', 'Tekst.'),
    'link destination': 'Zie [site](https://x.nl/[a]{#a}) en [b](<x {#b}>).',
    autolink: 'Zie <https://x.nl/[a]{#a}> en https://y.nl/[b]{#b}.',
    'running text': 'Issue #1, C# en #intentie zijn geen codes.',
    'heading marker': md('# Kop', '', '## Intentie #intentie'),
    'raw HTML tag': 'Tekst <span title="[a]{#a}">x</span>.',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`finds no code in ${name}`, () => {
      const t = parse(text);
      assert.deepEqual(t.fragments, []);
      assert.deepEqual(t.codes, []);
      assert.deepEqual(t.diagnostics, []);
    });
  }

  it('still finds codes right after such places', () => {
    const text = md('```', '[a]{#a}', '```', '', '[b]{#b}', '', '<!-- x -->', '[c]{#c}');
    assert.deepEqual(
      parse(text).fragments.map((f) => f.codes[0]),
      ['b', 'c'],
    );
  });
});

describe('fragment text (§7)', () => {
  const cases: [string, string][] = [
    ['[*nadruk* en **sterk** en _ook_]{#a}', 'nadruk en sterk en ook'],
    ['[zie [de site](https://x.nl "titel") nu]{#a}', 'zie de site nu'],
    ['[zie <https://x.nl> nu]{#a}', 'zie https://x.nl nu'],
    ['[buiten [binnen]{#b memo="m"} buiten]{#a}', 'buiten binnen buiten'],
    ['[  veel   ruimte\n\tover   regels  ]{#a}', 'veel ruimte over regels'],
    ['[code `x  y` hier]{#a}', 'code x y hier'],
    ['[~~weg~~ en &amp; en \\*]{#a}', 'weg en & en *'],
    ['[een  \nharde\\\nbreuk]{#a}', 'een harde breuk'],
    ['[![plaatje](p.png) tekst]{#a}', 'tekst'],
    ['[**S1:** ja]{#a}', 'S1: ja'],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () => {
      const t = parse(text);
      assert.equal(t.fragments[0]!.text, expected);
    });
  }

  it('gives the plain text of a block coding without the attribute block and nested syntax', () => {
    const text = '**S1:** Ik *wilde* [dit]{#b} echt. {#a}';
    const t = parse(text);
    assert.equal(t.fragments[0]!.text, 'S1: Ik wilde dit echt.');
    assert.equal(slice(text, t.fragments[0]!.content.span), '**S1:** Ik *wilde* [dit]{#b} echt.');
  });
});
