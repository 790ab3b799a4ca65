import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crosstabTable, dimensionOfValue, matrixForm, matrixRequestOf, relationOfValue, DEFAULT_MATRIX_VIEW } from '../../client/src/statistics/matrixHtml';
import { isStatisticsMessage } from '../../client/src/webview/scripts/statistics/messages';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { computeMatrix } from '../../server/src/core/outputs/matrix';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { parseTranscript } from '../../server/src/core/parse/transcript';

const CODEBOOK = parseCodebook(['# Intentie {#intentie color="#4E79A7"}', '', '## Gestuurd {#intentie/gestuurd}', '', '# Context {#context}', ''].join('\n'));

function index(files: Record<string, string>): WorkspaceIndex {
  const out = new WorkspaceIndex();
  for (const [path, text] of Object.entries(files)) out.set(path, path, parseTranscript(text));
  return out;
}

const INDEX = index({
  'breda/een.md': '---\njaar: 1\n---\n[Ik kwam [omdat het moest]{#intentie/gestuurd}]{#context}.\n',
  'tilburg/twee.md': '---\njaar: 2\n---\n[Wij]{#intentie}.\n',
});

describe('the Statistics page’s matrix section', () => {
  test('the selects’ values: a dimension, a front matter key, a relation; anything else is not one', () => {
    assert.equal(dimensionOfValue('speaker'), 'speaker');
    assert.deepEqual(dimensionOfValue('key:jaar'), { attribute: 'jaar' });
    assert.equal(dimensionOfValue('key:'), undefined);
    assert.equal(dimensionOfValue('kleur'), undefined);
    assert.deepEqual(relationOfValue('near/2'), { kind: 'near', distance: 2 });
    assert.equal(relationOfValue('near/x'), undefined);
    // A relation only for codes × codes.
    assert.deepEqual(matrixRequestOf({ ...DEFAULT_MATRIX_VIEW, columns: 'key:jaar', relation: 'overlap' }), { rows: 'code', columns: { attribute: 'jaar' }, measure: 'fragments' });
    assert.deepEqual(matrixRequestOf({ ...DEFAULT_MATRIX_VIEW, rows: 'aspect', columns: 'code', relation: 'overlap' }), { rows: 'aspect', columns: 'code', measure: 'fragments', relation: { kind: 'overlap' } });
  });

  test('the table: a cell per row and column with its number or share, a sub-code indented, in Dutch', () => {
    const matrix = computeMatrix(INDEX, CODEBOOK, 'nl', { rows: 'code', columns: { attribute: 'jaar' } });
    const table = crosstabTable(matrix, { ...DEFAULT_MATRIX_VIEW, columns: 'key:jaar', percent: 'row' }, 'nl');
    assert.deepEqual(table.columns, ['1', '2']);
    assert.deepEqual(
      table.rows.map((r) => [r.label, r.depth ?? 0, r.cells.map((c) => c && [c.text, c.cell, c.aria])]),
      [
        ['Intentie', 0, [['50,0 %', 'x:0:0', 'Intentie en 1: 50,0 %. Toon de citaten.'], ['50,0 %', 'x:0:1', 'Intentie en 2: 50,0 %. Toon de citaten.']]],
        ['Gestuurd', 1, [['100,0 %', 'x:1:0', 'Gestuurd en 1: 100,0 %. Toon de citaten.'], ['0,0 %', 'x:1:1', 'Gestuurd en 2: 0,0 %. Toon de citaten.']]],
        ['Context', 0, [['100,0 %', 'x:2:0', 'Context en 1: 100,0 %. Toon de citaten.'], ['0,0 %', 'x:2:1', 'Context en 2: 0,0 %. Toon de citaten.']]],
      ],
    );
    // No tint for nothing; the strongest share the strongest tint of its row's colour.
    assert.equal(table.rows[1]!.cells[1]!.tint, undefined);
    assert.equal(table.rows[0]!.cells[0]!.tint?.color, '#4E79A7');
  });

  test('the controls: the project’s front matter keys after Kader’s dimensions; the relation only for codes × codes', () => {
    const form = String(matrixForm({ ...DEFAULT_MATRIX_VIEW, columns: 'key:jaar' }, ['jaar'], 'en'));
    assert.match(form, /<select id="matrix-columns">.*<optgroup label="Front matter"><option value="key:jaar" selected>jaar<\/option><\/optgroup><\/select>/s);
    assert.ok(!form.includes('matrix-relation'));
    assert.match(String(matrixForm({ ...DEFAULT_MATRIX_VIEW, columns: 'code', relation: 'near/1' }, [], 'en')), /<option value="near\/1" selected>Within 1 turn<\/option>/);
  });

  test('the page may send a matrix choice; nothing else passes', () => {
    assert.equal(isStatisticsMessage({ type: 'matrix', rows: 'code', columns: 'key:jaar', measure: 'characters', percent: 'row', relation: 'near/2' }), true);
    assert.equal(isStatisticsMessage({ type: 'matrix', rows: 'code', columns: 'practice', measure: 'woorden', percent: 'row', relation: 'fragment' }), false);
    assert.equal(isStatisticsMessage({ type: 'matrix', rows: 'code', columns: 'practice', measure: 'fragments', percent: 'all', relation: 'fragment' }), false);
    assert.equal(isStatisticsMessage({ type: 'cell', id: 'x:3:4' }), true);
    assert.equal(isStatisticsMessage({ type: 'cell', id: 'x:3' }), false);
  });
});
