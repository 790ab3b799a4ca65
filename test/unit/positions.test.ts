// SYNTAX.md §7: LSP positions are zero-based lines and UTF-16 characters; lines end at LF, CRLF or
// a lone CR; a leading byte-order mark is not part of the text.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, stripBom } from '../../server/src/core/parse/text';
import { mark, md, parse, range, slice } from './helpers';

describe('LineIndex', () => {
  it('finds line starts for LF, CRLF and lone CR', () => {
    assert.deepEqual(new LineIndex('a\nb').lineStarts, [0, 2]);
    assert.deepEqual(new LineIndex('a\r\nb').lineStarts, [0, 3]);
    assert.deepEqual(new LineIndex('a\rb').lineStarts, [0, 2]);
    assert.deepEqual(new LineIndex('a\r\n\rb\n\nc\r').lineStarts, [0, 3, 4, 6, 7, 9]);
    assert.equal(new LineIndex('').lineCount, 1);
    assert.equal(new LineIndex('x\n').lineCount, 2);
  });

  it('converts offsets to positions and back', () => {
    const text = 'ab\r\ncd\ref\ngh';
    const index = new LineIndex(text);
    const expected = [
      [0, 0, 0],
      [2, 0, 2],
      [3, 0, 3], // between CR and LF: still on the first line
      [4, 1, 0],
      [6, 1, 2],
      [7, 2, 0],
      [9, 2, 2],
      [10, 3, 0],
      [12, 3, 2],
    ] as const;
    for (const [offset, line, character] of expected) {
      assert.deepEqual(index.position(offset), { line, character }, `offset ${offset}`);
    }
    for (const [offset, line, character] of expected) {
      if (offset === 3) continue;
      assert.equal(index.offset({ line, character }), offset, `position ${line}:${character}`);
    }
  });

  it('clamps out-of-range offsets and positions', () => {
    const index = new LineIndex('ab\ncd');
    assert.deepEqual(index.position(-5), { line: 0, character: 0 });
    assert.deepEqual(index.position(99), { line: 1, character: 2 });
    assert.equal(index.offset({ line: 0, character: 50 }), 2, 'past the end of a line: its end, not the next line');
    assert.equal(index.offset({ line: -1, character: 3 }), 0);
    assert.equal(index.offset({ line: 7, character: 0 }), 5);
    assert.equal(index.offset({ line: 1, character: -4 }), 3);
  });

  it('knows where each line ends before its line break', () => {
    const index = new LineIndex('ab\r\ncd\ref\n\ng');
    assert.deepEqual([0, 1, 2, 3, 4].map((l) => index.lineEnd(l)), [2, 6, 9, 10, 12]);
  });

  it('gives ranges and located spans', () => {
    const index = new LineIndex('ab\ncd');
    assert.deepEqual(index.range({ start: 1, end: 4 }), range(0, 1, 1, 1));
    assert.deepEqual(index.located({ start: 3, end: 5 }), { span: { start: 3, end: 5 }, range: range(1, 0, 1, 2) });
  });

  it('counts UTF-16 code units, so an emoji takes two characters', () => {
    const index = new LineIndex('😀x\n😀😀y');
    assert.deepEqual(index.position(2), { line: 0, character: 2 });
    assert.deepEqual(index.position(8), { line: 1, character: 4 });
  });
});

describe('stripBom', () => {
  it('removes only a leading byte-order mark', () => {
    assert.equal(stripBom('\uFEFFabc'), 'abc');
    assert.equal(stripBom('abc'), 'abc');
    assert.equal(stripBom('a\uFEFFb'), 'a\uFEFFb');
    assert.equal(stripBom('\uFEFF\uFEFFa'), '\uFEFFa');
  });
});

describe('positions of parsed fragments', () => {
  it('counts an emoji before a fragment as two UTF-16 characters', () => {
    const { text, spans } = mark('**S1:** 😀 «[«ja»]{«#intentie»}» en 👍🏽 [nee]{#b}');
    const t = parse(text);
    const [full, content, code] = spans as [typeof spans[0], typeof spans[0], typeof spans[0]];
    const f = t.fragments[0]!;
    assert.deepEqual(f.full.span, full);
    assert.deepEqual(f.full.range, range(0, 11, 0, 26));
    assert.deepEqual(f.content.span, content);
    assert.deepEqual(f.content.range, range(0, 12, 0, 14));
    assert.deepEqual(t.codes[0]!.span, code);
    assert.deepEqual(t.codes[0]!.range, range(0, 16, 0, 25));
    // 👍🏽 is two code points, four UTF-16 units.
    assert.deepEqual(t.fragments[1]!.content.range, range(0, 36, 0, 39));
    assert.equal(t.fragments[1]!.text, 'nee');
  });

  it('handles CRLF files', () => {
    const text = '**S1:** hallo\r\n\r\n## Vraag {#intentie}\r\n\r\nEen [stuk\r\ntekst]{#context} hier.\r\n\r\n::: {#actanten}\r\ninhoud\r\n:::\r\n';
    const t = parse(text);
    assert.equal(t.lineCount, 11);
    const [section, inline, div] = t.fragments;
    assert.equal(section!.kind, 'section');
    assert.deepEqual(section!.full.range, range(2, 0, 9, 3));
    assert.equal(slice(text, section!.full.span), '## Vraag {#intentie}\r\n\r\nEen [stuk\r\ntekst]{#context} hier.\r\n\r\n::: {#actanten}\r\ninhoud\r\n:::');
    assert.equal(inline!.kind, 'inline');
    assert.deepEqual(inline!.content.range, range(4, 5, 5, 5));
    assert.equal(inline!.text, 'stuk tekst');
    assert.equal(div!.kind, 'div');
    assert.deepEqual(div!.full.range, range(7, 0, 9, 3));
    assert.deepEqual(div!.content.range, range(8, 0, 9, 0));
    assert.deepEqual(div!.markup.map((s) => slice(text, s)), ['::: {#actanten}\r\n', '\r\n:::']);
    assert.equal(div!.text, 'inhoud');
  });

  it('handles CR-only files', () => {
    const text = 'Kop\r\rEen [stuk\rtekst]{#context} {#intentie}\r\r::: {#actanten}\rinhoud\r:::\r';
    const t = parse(text);
    assert.equal(t.lineCount, 9);
    const [block, inline, div] = t.fragments;
    assert.equal(block!.kind, 'block');
    assert.deepEqual(block!.full.range, range(2, 0, 3, 28));
    assert.equal(block!.text, 'Een stuk tekst');
    assert.equal(inline!.parent, block!.id);
    assert.deepEqual(inline!.content.range, range(2, 5, 3, 5));
    assert.equal(inline!.text, 'stuk tekst');
    assert.deepEqual(div!.full.range, range(5, 0, 7, 3));
    assert.deepEqual(div!.markup.map((s) => slice(text, s)), ['::: {#actanten}\r', '\r:::']);
  });

  it('counts offsets and positions from after a byte-order mark', () => {
    const body = '[ja]{#intentie}\n\n## Kop {#context}\n';
    const withBom = parse('\uFEFF' + body);
    const without = parse(body);
    assert.deepEqual(withBom, without);
    assert.equal(withBom.length, body.length);
    assert.deepEqual(withBom.fragments[0]!.full.span, { start: 0, end: 15 });
    assert.deepEqual(withBom.fragments[0]!.full.range, range(0, 0, 0, 15));
    assert.deepEqual(withBom.codes.map((c) => c.range), [range(0, 5, 0, 14), range(2, 8, 2, 16)]);
  });

  it('sees front matter after a byte-order mark', () => {
    const t = parse('\uFEFF---\npractice: Breda\n---\n[x]{#a}');
    assert.equal(t.frontMatter.practice, 'Breda');
    assert.deepEqual(t.frontMatter.span, { start: 0, end: 24 });
    assert.deepEqual(t.fragments[0]!.full.range, range(3, 0, 3, 7));
  });

  it('gives ranges at the right line in a long document', () => {
    const lines = Array.from({ length: 200 }, (_, i) => (i === 150 ? 'regel [gecodeerd]{#a}' : `regel ${i}`));
    const t = parse(md(...lines.flatMap((l) => [l, ''])));
    assert.deepEqual(t.fragments[0]!.full.range, range(300, 6, 300, 21));
  });
});
