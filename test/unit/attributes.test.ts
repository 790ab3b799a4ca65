// SYNTAX.md §1 (codes) and §2 (attribute blocks).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quotedAttributeValue } from '../../server/src/core/edits';
import { scanAttributeBlock } from '../../server/src/core/parse/attributes';
import { aspectOf, isCodePath, isWithin, parentOf, withoutHash } from '../../server/src/core/codes';
import { diagnosticsOf, mark, mark1, parse, slice, summaries } from './helpers';

describe('code paths (§1)', () => {
  it('accepts letters, digits, _ and - with / between segments, in any script', () => {
    for (const path of ['intentie', 'intentie/gestuurd', 'beïnvloeding', 'space-en-place/plek', 'a_b', 'x1', '1x', 'über/straße', 'Ελληνικά', '日本語/コード', 'a/b/c/d', 'a-', 'a_']) {
      assert.ok(isCodePath(path), path);
    }
  });

  it('rejects empty segments, leading - or _, and other characters', () => {
    for (const path of ['', '/', 'a/', '/a', 'a//b', '-a', '_a', 'a/-b', 'a.b', 'a b', 'a:b', 'a#b', 'a"', 'é!', '😀', 'a/😀']) {
      assert.ok(!isCodePath(path), JSON.stringify(path));
    }
  });

  it('finds the aspect, the parent and the ancestry of a code', () => {
    assert.equal(aspectOf('intentie/gestuurd/extra'), 'intentie');
    assert.equal(aspectOf('intentie'), 'intentie');
    assert.equal(parentOf('intentie/gestuurd/extra'), 'intentie/gestuurd');
    assert.equal(parentOf('intentie'), undefined);
    assert.ok(isWithin('intentie/gestuurd', 'intentie'));
    assert.ok(isWithin('intentie', 'intentie'));
    assert.ok(!isWithin('intentieel', 'intentie'), 'a prefix of a segment is not an ancestor');
    assert.ok(!isWithin('intentie', 'intentie/gestuurd'));
    assert.equal(withoutHash('#intentie'), 'intentie');
    assert.equal(withoutHash('intentie'), 'intentie');
  });
});

describe('scanAttributeBlock (§2)', () => {
  it('reads codes, separated by white space or commas, with exact item spans', () => {
    const { text, spans } = mark('x «{«#intentie», «#space-en-place/plek»\t«#beïnvloeding»,,}» y');
    const block = scanAttributeBlock(text, spans[0]!.start)!;
    assert.deepEqual(block.span, spans[0]);
    assert.equal(block.coding, true);
    assert.deepEqual(block.items, [
      { kind: 'code', path: 'intentie', valid: true, span: spans[1] },
      { kind: 'code', path: 'space-en-place/plek', valid: true, span: spans[2] },
      { kind: 'code', path: 'beïnvloeding', valid: true, span: spans[3] },
    ]);
  });

  it('reads a quoted memo with \\" and \\\\ escapes, and key=word pairs', () => {
    const { text, spans } = mark(String.raw`{«memo="zegt \"nee\" en C:\\pad"» «year=2020» «#a»}`);
    const block = scanAttributeBlock(text, 0)!;
    assert.deepEqual(block.items, [
      { kind: 'pair', key: 'memo', value: 'zegt "nee" en C:\\pad', span: spans[0] },
      { kind: 'pair', key: 'year', value: '2020', span: spans[1] },
      { kind: 'code', path: 'a', valid: true, span: spans[2] },
    ]);
  });

  it('keeps other backslashes in a quoted value as they are', () => {
    const block = scanAttributeBlock(String.raw`{memo="a\tb" #c}`, 0)!;
    assert.deepEqual(block.items[0], { kind: 'pair', key: 'memo', value: String.raw`a\tb`, span: { start: 1, end: 12 } });
  });

  it('reads \\n in a quoted value as a line break (a multi-line memo), and \\\\n as a backslash and n', () => {
    const block = scanAttributeBlock(String.raw`{memo="a\nb \\n" #c}`, 0)!;
    assert.deepEqual(block.items[0], { kind: 'pair', key: 'memo', value: 'a\nb \\n', span: { start: 1, end: 16 } });
  });

  it('quotedAttributeValue writes what scanAttributeBlock reads back, on one line', () => {
    const memo = 'Zegt "moeten",\r\nmaar C:\\pad\\n is geen regel.\n\nTweede alinea.';
    const quoted = quotedAttributeValue(memo);
    assert.equal(quoted, String.raw`"Zegt \"moeten\",\nmaar C:\\pad\\n is geen regel.\n\nTweede alinea."`);
    const block = scanAttributeBlock(`{#c memo=${quoted}}`, 0)!;
    assert.deepEqual(block.items[1], { kind: 'pair', key: 'memo', value: memo.replace('\r\n', '\n'), span: { start: 4, end: 9 + quoted.length } });
  });

  it('allows } and commas inside a quoted value', () => {
    const text = '{memo="a}, b" #c}';
    const block = scanAttributeBlock(text, 0)!;
    assert.deepEqual(block.span, { start: 0, end: text.length });
    assert.deepEqual(
      block.items.map((i) => i.kind),
      ['pair', 'code'],
    );
  });

  it('marks invalid codes but keeps them as codes', () => {
    const block = scanAttributeBlock('{#-x #a//b # #ok}', 0)!;
    assert.deepEqual(
      block.items.map((i) => (i.kind === 'code' ? [i.path, i.valid] : i.kind)),
      [['-x', false], ['a//b', false], ['', false], ['ok', true]],
    );
    assert.equal(block.coding, true);
  });

  it('is not coding without a # item', () => {
    for (const text of ['{.smallcaps}', '{lang=en}', '{intentie}', '{}', '{ }', '{memo="x"}']) {
      const block = scanAttributeBlock(text, 0)!;
      assert.ok(block, text);
      assert.equal(block.coding, false, text);
      assert.deepEqual(block.span, { start: 0, end: text.length }, text);
    }
    assert.deepEqual(scanAttributeBlock('{.smallcaps lang=en}', 0)!.items, [
      { kind: 'word', word: '.smallcaps', span: { start: 1, end: 11 } },
      { kind: 'pair', key: 'lang', value: 'en', span: { start: 12, end: 19 } },
    ]);
  });

  it('steps over stray characters', () => {
    const block = scanAttributeBlock('{= "x #a}', 0)!;
    assert.deepEqual(
      block.items.map((i) => i.kind),
      ['word', 'word', 'code'],
    );
  });

  it('is undefined when the block is not closed on its line', () => {
    assert.equal(scanAttributeBlock('{#a', 0), undefined);
    assert.equal(scanAttributeBlock('{#a\n}', 0), undefined);
    assert.equal(scanAttributeBlock('{#a\r}', 0), undefined);
    assert.equal(scanAttributeBlock('{memo="open}', 0), undefined, 'an unclosed string counts as unclosed');
    assert.equal(scanAttributeBlock('{memo="a\nb"}', 0), undefined);
  });

  it('scans from the given offset', () => {
    const { text, span } = mark1('voor «{#a}» na {#b}');
    assert.deepEqual(scanAttributeBlock(text, span.start)!.span, span);
  });
});

describe('attribute blocks in transcripts (§2)', () => {
  it('gives the memo and other key=value attributes to the fragment', () => {
    const text = String.raw`[tekst]{#intentie memo="twijfelt \"echt\"" ernst=hoog bron="interview 2"}`;
    const f = parse(text).fragments[0]!;
    assert.equal(f.memo, 'twijfelt "echt"');
    assert.deepEqual(f.attributes, { ernst: 'hoog', bron: 'interview 2' });
    assert.deepEqual(f.codes, ['intentie']);
  });

  it('has no memo property when there is no memo', () => {
    const f = parse('[tekst]{#intentie}').fragments[0]!;
    assert.ok(!('memo' in f));
    assert.deepEqual(f.attributes, {});
  });

  it('keeps codes in written order, distinct', () => {
    const text = '[tekst]{#b, #a #c/d,#a}';
    const t = parse(text);
    assert.deepEqual(t.fragments[0]!.codes, ['b', 'a', 'c/d']);
    assert.deepEqual(
      t.codes.map((c) => [c.code, c.fragment, slice(text, c.span)]),
      [
        ['b', 0, '#b'],
        ['a', 0, '#a'],
        ['c/d', 0, '#c/d'],
      ],
    );
    assert.deepEqual(diagnosticsOf(text), [['duplicate-code', 'warning', '#a']]);
  });

  it('treats codes as case-sensitive', () => {
    const t = parse('[a]{#Intentie #intentie}');
    assert.deepEqual(t.fragments[0]!.codes, ['Intentie', 'intentie']);
    assert.deepEqual(t.diagnostics, []);
  });

  it('accepts Unicode codes', () => {
    const t = parse('[a]{#beïnvloeding #space-en-place/plek #日本}');
    assert.deepEqual(t.fragments[0]!.codes, ['beïnvloeding', 'space-en-place/plek', '日本']);
    assert.deepEqual(t.diagnostics, []);
  });

  it('leaves {.smallcaps} and {lang=en} alone: no fragment, no diagnostic', () => {
    for (const text of [
      '[Naam]{.smallcaps} zegt iets.',
      'Zegt [hello]{lang=en} tegen mij.',
      'Een hele alinea {lang=en}',
      '## Kop {.unnumbered}',
      '::: {.note}\nnotitie\n:::',
      'midden {.x} van de zin',
    ]) {
      const t = parse(text);
      assert.deepEqual(t.fragments, [], text);
      assert.deepEqual(t.diagnostics, [], text);
      assert.deepEqual(t.codes, [], text);
    }
  });

  it('codes with an attribute block that holds a code among other items', () => {
    assert.deepEqual(summaries('[Naam]{.smallcaps #persoon lang=nl}'), [{ kind: 'inline', codes: ['persoon'], text: 'Naam', content: 'Naam', parent: -1 }]);
  });

  it('records the attribute block of a fragment', () => {
    const { text, spans } = mark('«[a]«{#x memo="m"}»» en rest');
    const t = parse(text);
    assert.deepEqual(t.fragments[0]!.attributeBlock, spans[1]);
    assert.deepEqual(t.attributeBlocks[0]!.span, spans[1]);
    assert.equal(t.attributeBlocks[0]!.memo, 'm');
    assert.deepEqual(t.fragments[0]!.full.span, spans[0]);
  });
});
