import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { applyEdits, codingEdits, fragmentAt } from '../../server/src/core/edits';
import { LineIndex } from '../../server/src/core/parse/text';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import type { Range } from '../../server/src/core/types';

const doc = '# Kop\n\n**S1:** Ik kwam omdat het moest.\nEn bleef.\n\nTweede alinea hier.\n';

function range(text: string, from: string, to: string = from): Range {
  const lines = new LineIndex(text);
  const start = text.indexOf(from);
  const end = text.indexOf(to, start) + to.length;
  return lines.range({ start, end });
}

function code(text: string, r: Range, codes: string[]): { out: string; shape?: string; message?: string } {
  const result = codingEdits(text, parseTranscript(text), { action: 'code', range: r, codes });
  return { out: applyEdits(text, result.edits), shape: result.shape, message: result.message };
}

describe('Code Selection', () => {
  test('words inside a paragraph become an inline fragment', () => {
    const r = code(doc, range(doc, 'omdat het moest'), ['intentie/gestuurd', '#context']);
    assert.equal(r.shape, 'inline');
    assert.equal(r.out, '# Kop\n\n**S1:** Ik kwam [omdat het moest]{#intentie/gestuurd #context}.\nEn bleef.\n\nTweede alinea hier.\n');
  });

  test('a whole paragraph, white space around the selection included, becomes block coding', () => {
    const r = code(doc, range(doc, '**S1:**', 'bleef.\n\n'), ['intentie']);
    assert.equal(r.shape, 'block');
    assert.equal(r.out, '# Kop\n\n**S1:** Ik kwam omdat het moest.\nEn bleef. {#intentie}\n\nTweede alinea hier.\n');
  });

  test('a whole heading becomes section coding', () => {
    const r = code(doc, range(doc, '# Kop'), ['context']);
    assert.equal(r.shape, 'section');
    assert.equal(r.out, '# Kop {#context}\n\n**S1:** Ik kwam omdat het moest.\nEn bleef.\n\nTweede alinea hier.\n');
  });

  test('several blocks become a div around whole lines', () => {
    const r = code(doc, range(doc, 'moest', 'Tweede'), ['actanten']);
    assert.equal(r.shape, 'div');
    assert.equal(r.out, '# Kop\n\n::: {#actanten}\n**S1:** Ik kwam omdat het moest.\nEn bleef.\n\nTweede alinea hier.\n:::\n');
  });

  test('coding a coded fragment again adds the code to it', () => {
    const coded = '[omdat het moest]{#intentie}\n';
    const r = code(coded, range(coded, 'omdat het moest'), ['context', 'intentie']);
    assert.equal(r.out, '[omdat het moest]{#intentie #context}\n');
  });

  test('refuses a partial overlap, an empty selection and invalid codes, changing nothing', () => {
    const coded = 'Ik [kwam omdat]{#intentie} het moest.\n';
    assert.match(code(coded, range(coded, 'omdat]{#intentie} het'), ['context']).message!, /overlaps a coded fragment only in part/);
    assert.match(code(doc, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, ['x']).message!, /Select the words/);
    assert.match(code(doc, range(doc, 'Kop'), ['niet geldig']).message!, /is not a valid code/);
    assert.equal(code(doc, range(doc, 'Kop'), []).out, doc);
  });
});

describe('recoding and uncoding', () => {
  const coded = 'A [ik kwam [omdat het moest]{#intentie/gestuurd} maar bleef]{#intentie, #context memo="x"} B\n';
  const model = parseTranscript(coded);
  const at = (needle: string) => new LineIndex(coded).position(coded.indexOf(needle));

  test('the innermost fragment under the cursor', () => {
    assert.deepEqual(fragmentAt(model, coded.indexOf('het'))!.codes, ['intentie/gestuurd']);
    assert.deepEqual(fragmentAt(model, coded.indexOf('maar'))!.codes, ['intentie', 'context']);
    assert.equal(fragmentAt(model, 0), undefined);
  });

  test('add and remove a code', () => {
    const add = codingEdits(coded, model, { action: 'addCode', position: at('het'), code: '#actanten' });
    assert.equal(applyEdits(coded, add.edits), coded.replace('{#intentie/gestuurd}', '{#intentie/gestuurd #actanten}'));
    const removeFirst = codingEdits(coded, model, { action: 'removeCode', position: at('maar'), code: 'intentie' });
    assert.equal(applyEdits(coded, removeFirst.edits), coded.replace('{#intentie, #context', '{#context'));
    const removeSecond = codingEdits(coded, model, { action: 'removeCode', position: at('maar'), code: 'context' });
    assert.equal(applyEdits(coded, removeSecond.edits), coded.replace('{#intentie, #context', '{#intentie'));
  });

  test('removing the last code uncodes the fragment; uncode keeps the text', () => {
    const remove = codingEdits(coded, model, { action: 'removeCode', position: at('het'), code: 'intentie/gestuurd' });
    assert.equal(applyEdits(coded, remove.edits), 'A [ik kwam omdat het moest maar bleef]{#intentie, #context memo="x"} B\n');
    const uncode = codingEdits(coded, model, { action: 'uncode', position: at('maar') });
    assert.equal(applyEdits(coded, uncode.edits), 'A ik kwam [omdat het moest]{#intentie/gestuurd} maar bleef B\n');
    assert.match(codingEdits(coded, model, { action: 'uncode', position: at('A ') }).message!, /no coded fragment here/);
  });
});

describe('properties', () => {
  const word = fc.stringMatching(/^[a-zéëï]{1,8}$/);
  const paragraph = fc.array(word, { minLength: 1, maxLength: 12 }).map((ws) => ws.join(' '));
  const document = fc.array(paragraph, { minLength: 1, maxLength: 6 }).map((ps) => ps.join('\n\n') + '\n');

  test('coding any selection and then uncoding it gives back the file byte for byte', () => {
    fc.assert(
      fc.property(document, fc.nat(), fc.nat(), fc.constantFrom('eol', 'crlf'), (text, a, b, eol) => {
        const source = eol === 'crlf' ? text.replace(/\n/g, '\r\n') : text;
        const lines = new LineIndex(source);
        const [from, to] = [a % (source.length + 1), b % (source.length + 1)].sort((x, y) => x - y);
        const result = codingEdits(source, parseTranscript(source), { action: 'code', range: lines.range({ start: from!, end: to! }), codes: ['intentie'] });
        if (result.edits.length === 0) return;
        const coded = applyEdits(source, result.edits);
        const model = parseTranscript(coded);
        assert.equal(model.fragments.length, 1, coded);
        assert.deepEqual(model.fragments[0]!.codes, ['intentie']);
        assert.equal(model.diagnostics.length, 0);
        if (eol === 'crlf') assert.ok(!/[^\r]\n/.test(coded), 'inserted line breaks follow the file');
        const back = codingEdits(coded, model, { action: 'uncode', position: model.fragments[0]!.content.range.start });
        assert.equal(applyEdits(coded, back.edits), source);
      }),
      { numRuns: 300 },
    );
  });
});
