// The query of a matrix cell's fragments, made from its row's and column's terms: what the
// Statistics page opens in the quote reader and what the matrix's JSON gives per cell.

import type { Matrix, MatrixRelation } from './matrix';

function relationQuery(x: string, y: string, relation: MatrixRelation | undefined): string {
  if (relation?.kind === 'overlap') return `(${x} OVERLAPS ${y})`;
  if (relation?.kind === 'near') return `(${x} NEAR/${relation.distance ?? 1} ${y})`;
  return `${x} AND ${y}`;
}

/** The cell's query; null where its row or column is "none" (no query names it) or a code meets itself. */
export function matrixCellQuery(matrix: Pick<Matrix, 'rowTerms' | 'columnTerms' | 'filterTerms' | 'relation' | 'cells'>, row: number, column: number): string | null {
  const x = matrix.rowTerms[row];
  const y = matrix.columnTerms[column];
  if (x === null || x === undefined || y === null || y === undefined || matrix.cells[row]?.[column] === null) return null;
  return [relationQuery(x, y, matrix.relation), ...matrix.filterTerms].join(' AND ');
}

/** Every cell's query, row by row. */
export function matrixCellQueries(matrix: Pick<Matrix, 'rowTerms' | 'columnTerms' | 'filterTerms' | 'relation' | 'cells'>): (string | null)[][] {
  return matrix.rowTerms.map((_, r) => matrix.columnTerms.map((__, c) => matrixCellQuery(matrix, r, c)));
}
