import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { computeMatrix, matrixPercent, queryValue, type MatrixOptions } from '../../server/src/core/outputs/matrix';
import { matrixCsv, matrixJson, matrixText } from '../../server/src/core/outputs/matrixReport';
import { matrixCellQueries } from '../../server/src/core/outputs/matrixQuery';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { evaluateQuery, parseQuery } from '../../server/src/core/query';

const CODEBOOK = parseCodebook(['# Intentie {#intentie color="#4E79A7"}', '', '## Gestuurd {#intentie/gestuurd}', '', '# Context {#context color="#F28E2B"}', ''].join('\n'));

// Fragments: in een.md "Ik kwam omdat het moest" (context, S1, 23 characters) around "omdat het
// moest" (intentie/gestuurd, S1, 15) and "S2: Alinea." (intentie and context, S2, 11); in twee.md
// "Wij" (intentie, S1); in drie.md "Zij" (context, no speaker).
const FILES: Record<string, string> = {
  'breda/een.md': '---\ncoder: anna\njaar: 1\n---\n**S1:** [Ik kwam [omdat het moest]{#intentie/gestuurd}]{#context}.\n\n**S2:** Alinea. {#intentie #context}\n',
  'breda/twee.md': '---\ncoder: bert\njaar: 2\n---\n**S1:** [Wij]{#intentie}.\n',
  'tilburg/drie.md': '---\ncoder: anna\njaar: [1, 2]\n---\n[Zij]{#context}.\n',
};

function index(files: Record<string, string>): WorkspaceIndex {
  const out = new WorkspaceIndex();
  for (const [path, text] of Object.entries(files)) out.set(path, path, parseTranscript(text));
  return out;
}

const INDEX = index(FILES);
const matrix = (options: MatrixOptions, locale: 'en' | 'nl' = 'en') => computeMatrix(INDEX, CODEBOOK, locale, options);
const labels = (values: { label: string }[]) => values.map((v) => v.label);

describe('computeMatrix', () => {
  test('codes × practice, fragments: an aspect counts its sub-codes; totals of the distinct fragments', () => {
    const m = matrix({ rows: 'code', columns: 'practice' });
    assert.deepEqual(m.rows, [
      { value: 'intentie', label: 'Intentie', depth: 0, color: '#4E79A7' },
      { value: 'intentie/gestuurd', label: 'Gestuurd', depth: 1, color: '#4E79A7' },
      { value: 'context', label: 'Context', depth: 0, color: '#F28E2B' },
    ]);
    assert.deepEqual(m.columns, [{ value: 'breda', label: 'breda' }, { value: 'tilburg', label: 'tilburg' }]);
    assert.deepEqual(m.cells, [[3, 0], [1, 0], [2, 1]]);
    assert.deepEqual(m.rowTotals, [3, 1, 3]);
    assert.deepEqual(m.columnTotals, [4, 1]);
    assert.equal(m.total, 5);
    assert.deepEqual(matrixCellQueries(m)[1], ['#intentie/gestuurd AND practice:breda', '#intentie/gestuurd AND practice:tilburg']);
  });

  test('aspects × coder, documents', () => {
    const m = matrix({ rows: 'aspect', columns: 'coder', measure: 'documents' });
    assert.deepEqual(labels(m.rows), ['Intentie', 'Context']);
    assert.deepEqual(labels(m.columns), ['anna', 'bert']);
    assert.deepEqual(m.cells, [[1, 1], [2, 0]]);
    assert.deepEqual(m.rowTotals, [2, 2]);
    assert.deepEqual(m.columnTotals, [2, 1]);
    assert.equal(m.total, 3);
    assert.deepEqual(matrixCellQueries(m)[0], ['#intentie AND coder:anna', '#intentie AND coder:bert']);
  });

  test('codes × a front matter key, characters: a list counts for each element; a fragment inside another of the cell adds none', () => {
    const m = matrix({ rows: 'code', columns: { attribute: 'jaar' }, measure: 'characters' });
    assert.deepEqual(labels(m.columns), ['1', '2']);
    // Intentie, jaar 1: "omdat het moest" 15 + "S2: Alinea." 11; context: 23 (its inner fragment is no context) + 11 + "Zij" 3.
    assert.deepEqual(m.cells, [[26, 3], [15, 0], [37, 3]]);
    assert.deepEqual(m.rowTotals, [29, 15, 37]);
    // Jaar 1: 23 + 11 + 3, the inner 15 inside the 23.
    assert.deepEqual(m.columnTotals, [37, 6]);
    assert.equal(m.total, 40);
    assert.deepEqual(matrixCellQueries(m)[2], ['#context AND jaar:1', '#context AND jaar:2']);
  });

  test('speaker × document: a speaker is a person of the transcript; no speaker last; "none" has no query, a transcript is file:PATH', () => {
    const m = matrix({ rows: 'speaker', columns: 'document' }, 'nl');
    assert.deepEqual(labels(m.rows), ['S1 (breda/een.md)', 'S1 (breda/twee.md)', 'S2 (breda/een.md)', '(geen spreker)']);
    assert.deepEqual(labels(m.columns), ['breda/een.md', 'breda/twee.md', 'tilburg/drie.md']);
    assert.deepEqual(m.cells, [[2, 0, 0], [0, 1, 0], [1, 0, 0], [0, 0, 1]]);
    assert.deepEqual(matrixCellQueries(m)[0], ['speaker:"S1 (breda/een.md)" AND file:breda/een.md', 'speaker:"S1 (breda/een.md)" AND file:breda/twee.md', 'speaker:"S1 (breda/een.md)" AND file:tilburg/drie.md']);
    assert.deepEqual(matrixCellQueries(m)[3], [null, null, null]);
    const coders = matrix({ rows: 'speaker', columns: 'coder' });
    assert.deepEqual(matrixCellQueries(coders)[0], ['speaker:"S1 (breda/een.md)" AND coder:anna', 'speaker:"S1 (breda/een.md)" AND coder:bert']);
    assert.deepEqual(matrixCellQueries(coders)[3], [null, null]);
  });

  test('speaker: the same person across transcripts when the front matter says so', () => {
    const persons = index({
      'p/a.md': '---\npersons: {S1: P07}\n---\n**S1:** [Ja]{#intentie}.\n\n**S2:** [Nee]{#intentie}.\n',
      'p/b.md': '---\npersons: {S3: P07}\n---\n**S3:** [Misschien]{#context}.\n',
    });
    const m = computeMatrix(persons, CODEBOOK, 'en', { rows: 'speaker', columns: 'aspect' });
    assert.deepEqual(labels(m.rows), ['P07', 'S2 (p/a.md)']);
    assert.deepEqual(m.cells, [[1, 1], [1, 0]]);
    assert.equal(matrixCellQueries(m)[0]![1], 'speaker:P07 AND #context');
  });

  test('a value that is not one word is quoted in the query; the filter joins every query', () => {
    assert.equal(queryValue('Leergemeenschap Breda'), '"Leergemeenschap Breda"');
    assert.equal(queryValue('zeg "ja"'), '"zeg \\"ja\\""');
    const m = matrix({ rows: 'aspect', columns: 'practice', filter: { coder: 'anna' } });
    assert.deepEqual(m.cells, [[2, 0], [2, 1]]);
    assert.deepEqual(matrixCellQueries(m)[0], ['#intentie AND practice:breda AND coder:anna', '#intentie AND practice:tilburg AND coder:anna']);
  });

  test('percentages of the row and of the column', () => {
    const m = matrix({ rows: 'code', columns: 'practice' });
    assert.equal(matrixPercent(m, 2, 0, 'row'), (2 / 3) * 100);
    assert.equal(matrixPercent(m, 2, 1, 'column'), 100);
    assert.equal(matrixPercent(m, 0, 0, 'column'), 75);
    assert.equal(matrixPercent({ cells: [[null]], rowTotals: [0], columnTotals: [0] }, 0, 0, 'row'), null);
  });

  test('each conversation once: a second coding of the same conversation is left out', () => {
    const twice = index({
      'p/a.md': '---\ncoder: anna\n---\n[Ja]{#intentie} en nee.\n',
      'p/b.md': '---\ncoder: bert\n---\n[Ja en nee]{#context}.\n',
    });
    const m = computeMatrix(twice, CODEBOOK, 'en', { rows: 'aspect', columns: 'practice' });
    assert.deepEqual(labels(m.rows), ['Intentie']);
    assert.deepEqual(m.cells, [[1]]);
    assert.deepEqual(m.leftOut.map((l) => [l.path, l.countedPath, l.chosen]), [['p/b.md', 'p/a.md', true]]);
    // By coder: each coder's coding side by side, nothing left out.
    const coders = computeMatrix(twice, CODEBOOK, 'en', { rows: 'aspect', columns: 'coder' });
    assert.deepEqual(labels(coders.columns), ['anna', 'bert']);
    assert.deepEqual(coders.cells, [[1, 0], [0, 1]]);
    assert.deepEqual(coders.leftOut, []);
    // One coder's coding: that coder's transcripts, nothing left out.
    const bert = computeMatrix(twice, CODEBOOK, 'en', { rows: 'aspect', columns: 'coder', filter: { coder: 'bert' } });
    assert.deepEqual(bert.cells, [[1]]);
    assert.deepEqual(labels(bert.rows), ['Context']);
    assert.deepEqual(bert.leftOut, []);
  });
});

describe('each cell’s query finds the fragments the cell counts', () => {
  const withSecond = index({ ...FILES, 'breda/een-bert.md': FILES['breda/een.md']!.replace('coder: anna', 'coder: bert').replace('{#intentie #context}', '{#context}') });
  const options: MatrixOptions[] = [
    { rows: 'code', columns: 'practice' },
    { rows: 'aspect', columns: 'coder' },
    { rows: 'code', columns: { attribute: 'jaar' } },
    { rows: 'speaker', columns: 'aspect' },
    { rows: 'aspect', columns: 'document' },
    { rows: 'aspect', columns: 'practice', filter: { coder: 'bert' } },
    { rows: 'code', columns: 'code', relation: { kind: 'overlap' } },
    { rows: 'code', columns: 'code', relation: { kind: 'near', distance: 1 } },
  ];
  for (const option of options) {
    test(JSON.stringify(option), () => {
      const m = computeMatrix(withSecond, CODEBOOK, 'en', option);
      matrixCellQueries(m).forEach((row, i) =>
        row.forEach((query, j) => {
          if (query === null) return;
          const parsed = parseQuery(query, 'en');
          assert.ok(parsed.ok, query);
          assert.equal(evaluateQuery(withSecond, parsed.query).length, m.cells[i]![j], query);
        }),
      );
    });
  }
});

describe('the matrices an index keeps', () => {
  test('asked again: the same matrix; after a transcript changes: made anew', () => {
    const own = index(FILES);
    const first = computeMatrix(own, CODEBOOK, 'en', { rows: 'aspect', columns: 'practice' });
    assert.equal(computeMatrix(own, CODEBOOK, 'en', { rows: 'aspect', columns: 'practice' }), first);
    assert.notEqual(computeMatrix(own, CODEBOOK, 'en', { rows: 'aspect', columns: 'practice', measure: 'documents' }), first);
    own.set('tilburg/drie.md', 'tilburg/drie.md', parseTranscript('[Zij]{#intentie}.\n'));
    const again = computeMatrix(own, CODEBOOK, 'en', { rows: 'aspect', columns: 'practice' });
    assert.notEqual(again, first);
    assert.deepEqual(again.cells, [[3, 1], [2, 0]]);
  });
});

describe('code relations', () => {
  test('same fragment: a code with itself or its own sub-code is no relation', () => {
    const m = matrix({ rows: 'code', columns: 'code' });
    assert.deepEqual(m.cells, [[null, null, 1], [null, null, 0], [1, 0, null]]);
    assert.equal(matrixCellQueries(m)[0]![2], '#intentie AND #context');
    assert.deepEqual(m.relation, { kind: 'fragment' });
  });

  test('overlap: another fragment that shares text, a fragment inside another too', () => {
    // "omdat het moest" inside "Ik kwam …"; "S2: Alinea." carries both codes but overlaps no other fragment.
    const m = matrix({ rows: 'code', columns: 'code', relation: { kind: 'overlap' } });
    assert.deepEqual(m.cells, [[null, null, 1], [null, null, 1], [1, 1, null]]);
    assert.deepEqual(m.rowTotals, [1, 1, 1]);
    assert.equal(m.total, 2);
    assert.equal(matrixCellQueries(m)[1]![2], '(#intentie/gestuurd OVERLAPS #context)');
  });

  test('near: another fragment within N turns', () => {
    // "S2: Alinea." is one turn after the S1 turn with "Ik kwam …" and "omdat het moest".
    const near = matrix({ rows: 'code', columns: 'code', relation: { kind: 'near', distance: 1 } });
    assert.deepEqual(near.cells, [[null, null, 2], [null, null, 1], [2, 2, null]]);
    assert.equal(matrixCellQueries(near)[2]![1], '(#context NEAR/1 #intentie/gestuurd)');
    const same = matrix({ rows: 'code', columns: 'code', relation: { kind: 'near', distance: 0 } });
    assert.deepEqual(same.cells, [[null, null, 1], [null, null, 1], [1, 1, null]]);
  });
});

describe('matrix outputs', () => {
  const m = matrix({ rows: 'code', columns: 'practice' }, 'nl');

  test('text: aligned, sub-codes indented, totals', () => {
    assert.equal(
      matrixText({ matrix: m, rows: 'code', columns: 'practice', locale: 'nl' }),
      ['Codes × Praktijk · Fragmenten', '', '            breda  tilburg  Totaal', 'Intentie        3        0       3', '  Gestuurd      1        0       1', 'Context         2        1       3', 'Totaal          4        1       5', ''].join('\n'),
    );
    assert.equal(
      matrixText({ matrix: matrix({ rows: 'code', columns: 'practice' }), rows: 'code', columns: 'practice', locale: 'en', percent: 'column' }),
      ['Codes × Practice · Fragments · % of the column', '', '             breda  tilburg', 'Intentie    75.0 %    0.0 %', '  Gestuurd  25.0 %    0.0 %', 'Context     50.0 %  100.0 %', ''].join('\n'),
    );
  });

  test('CSV wide form: codes by their code; a decimal comma with ;', () => {
    assert.equal(matrixCsv({ matrix: m, rows: 'code', columns: 'practice', locale: 'nl' }, ';'), 'code;breda;tilburg\r\nintentie;3;0\r\nintentie/gestuurd;1;0\r\ncontext;2;1\r\n');
    assert.equal(
      matrixCsv({ matrix: m, rows: 'code', columns: 'practice', locale: 'nl', percent: 'row' }, ';'),
      'code;breda;tilburg\r\nintentie;"100,0";"0,0"\r\nintentie/gestuurd;"100,0";"0,0"\r\ncontext;"66,7";"33,3"\r\n',
    );
    assert.equal(
      matrixCsv({ matrix: matrix({ rows: 'code', columns: 'code' }), rows: 'code', columns: 'code', locale: 'en', percent: 'row' }, ','),
      'code,intentie,intentie/gestuurd,context\r\nintentie,,,100\r\nintentie/gestuurd,,,\r\ncontext,100,0,\r\n',
    );
  });

  test('JSON: each cell with its value, share and query', () => {
    const json = matrixJson({ matrix: matrix({ rows: 'aspect', columns: { attribute: 'jaar' } }), rows: 'aspect', columns: { attribute: 'jaar' }, locale: 'en', percent: 'row' }) as {
      columns: unknown;
      cells: unknown[][];
    };
    assert.deepEqual(json.columns, { dimension: 'jaar', values: [{ value: '1', label: '1' }, { value: '2', label: '2' }] });
    assert.deepEqual(json.cells[1], [
      { value: 3, percent: 100, query: '#context AND jaar:1' },
      { value: 1, percent: 33.3, query: '#context AND jaar:2' },
    ]);
  });
});
