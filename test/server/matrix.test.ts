// `kader/matrix` over real JSON-RPC: a code × attribute matrix, code relations, a cell's fragments,
// and parameters the server cannot take. Invented names only.

import * as assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import { ErrorCodes, type ResponseError } from 'vscode-languageserver-protocol';
import { MatrixRequest } from '../../server/src/protocol';
import { matrixCellQueries } from '../../server/src/core/outputs/matrixQuery';
import { openProject } from './client';

const FILES: Record<string, string> = {
  'codebook.md': '# Intentie {#intentie}\n\n## Gestuurd {#intentie/gestuurd}\n\n# Context {#context}\n',
  'breda/een.md': '---\ncoder: anna\njaar: 1\n---\n**S1:** [Ik kwam [omdat het moest]{#intentie/gestuurd}]{#context}.\n\n**S2:** Alinea. {#intentie #context}\n',
  'breda/twee.md': '---\ncoder: bert\njaar: 2\n---\n**S1:** [Wij]{#intentie}.\n',
  'tilburg/drie.md': '---\ncoder: anna\njaar: [1, 2]\n---\n[Zij]{#context}.\n',
};

async function project(t: { after(fn: () => Promise<void>): void }) {
  return openProject(t, ['bare'], {}, async (root) => {
    await rm(path.join(root, 'bare', 'a.md'));
    for (const [name, text] of Object.entries(FILES)) {
      const file = path.join(root, 'bare', ...name.split('/'));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    }
  });
}

test('kader/matrix: codes × a front matter key, with each cell’s query and the totals', async (t) => {
  const p = await project(t);
  const result = await p.client.request(MatrixRequest, { rows: 'code', columns: { attribute: 'jaar' } });
  assert.deepEqual(result.rows.map((r) => [r.value, r.label, r.depth]), [
    ['intentie', 'Intentie', 0],
    ['intentie/gestuurd', 'Gestuurd', 1],
    ['context', 'Context', 0],
  ]);
  assert.deepEqual(result.columns, [{ value: '1', label: '1' }, { value: '2', label: '2' }]);
  assert.deepEqual(result.cells, [[2, 1], [1, 0], [3, 1]]);
  assert.deepEqual(result.rowTotals, [3, 1, 3]);
  assert.deepEqual(result.columnTotals, [4, 2]);
  assert.equal(result.total, 5);
  assert.deepEqual(matrixCellQueries(result)[0], ['#intentie AND jaar:1', '#intentie AND jaar:2']);
  assert.equal(result.folderName, 'bare');
});

test('kader/matrix: code relations by overlap, and the fragments of a cell', async (t) => {
  const p = await project(t);
  const result = await p.client.request(MatrixRequest, { rows: 'aspect', columns: 'aspect', relation: { kind: 'overlap' }, cell: { row: 1, column: 0 } });
  // "omdat het moest" (intentie) inside "Ik kwam …" (context).
  assert.deepEqual(result.cells, [[null, 1], [1, null]]);
  assert.deepEqual(matrixCellQueries(result)[1], ['(#context OVERLAPS #intentie)', null]);
  assert.deepEqual(
    result.fragments?.map((f) => [f.path, f.text, f.uri === p.uri(f.path)]),
    [['breda/een.md', 'Ik kwam omdat het moest', true]],
  );
});

test('kader/matrix: parameters it cannot take are an InvalidParams error, not a crash', async (t) => {
  const p = await project(t);
  for (const params of [{ rows: 'kleur', columns: 'practice' }, { rows: 'code', columns: 'code', relation: { kind: 'ver' } }, { rows: 'code', columns: 'practice', measure: 'woorden' }]) {
    await assert.rejects(p.client.raw('kader/matrix', params), (error: ResponseError) => error.code === ErrorCodes.InvalidParams);
  }
  // The server still answers.
  assert.deepEqual((await p.client.request(MatrixRequest, { rows: 'aspect', columns: 'coder', measure: 'documents' })).cells, [[1, 1], [2, 0]]);
});
