// `kader/matrix`: a matrix of rows × columns over one workspace folder's coded fragments
// (core/outputs/matrix.ts), or the fragments of one of its cells.

import { summarize } from '../core/index/aggregate';
import { WorkspaceIndex } from '../core/index/workspaceIndex';
import { computeMatrix, matrixCellFragments, MATRIX_DIMENSIONS, type MatrixDimension, type MatrixOptions } from '../core/outputs/matrix';
import { builtInCodebook } from '../core/parse';
import type { MatrixParams, MatrixResult } from '../protocol';
import { InvalidParams } from './errors';
import { folderFor } from './folders';
import type { Snapshot } from './snapshot';

function isDimension(value: unknown): value is MatrixDimension {
  if (typeof value === 'string') return (MATRIX_DIMENSIONS as readonly string[]).includes(value);
  return typeof value === 'object' && value !== null && typeof (value as { attribute?: unknown }).attribute === 'string' && (value as { attribute: string }).attribute.length <= 1000;
}

/** The options of the request, checked: a client sends only these. */
function optionsOf(params: MatrixParams): MatrixOptions {
  if (!isDimension(params.rows) || !isDimension(params.columns)) throw new InvalidParams('kader/matrix: rows and columns are a dimension or { attribute }.');
  if (params.measure !== undefined && !['fragments', 'documents', 'characters'].includes(params.measure)) throw new InvalidParams('kader/matrix: measure is fragments, documents or characters.');
  const relation = params.relation;
  if (relation !== undefined && (!['fragment', 'overlap', 'near'].includes(relation.kind) || (relation.distance !== undefined && !(Number.isSafeInteger(relation.distance) && relation.distance >= 0)))) {
    throw new InvalidParams('kader/matrix: relation is fragment, overlap or near with a distance of 0 or more.');
  }
  const options: MatrixOptions = { rows: params.rows, columns: params.columns, filter: params.filter ?? {} };
  if (params.measure) options.measure = params.measure;
  if (relation) options.relation = relation;
  return options;
}

/** Needs the workspace snapshot. */
export function provideMatrix(s: Snapshot, params: MatrixParams): MatrixResult {
  const { workspace, locale } = s;
  const options = optionsOf(params);
  const folder = folderFor(workspace, params.folderUri);
  const index = folder?.index ?? new WorkspaceIndex();
  const codebook = folder?.codebook ?? builtInCodebook(locale);
  // A copy: the matrix may be the index's cached one.
  const result: MatrixResult = { ...computeMatrix(index, codebook, locale, options) };
  const cell = params.cell;
  if (cell !== undefined) {
    if (!Number.isSafeInteger(cell.row) || !Number.isSafeInteger(cell.column)) throw new InvalidParams('kader/matrix: a cell is { row, column }.');
    result.fragments = matrixCellFragments(index, codebook, locale, options, cell.row, cell.column).map((ref) => {
      const summary = summarize(ref);
      return { ...summary, uri: workspace.clientUri(summary.key) };
    });
  }
  if (folder) {
    result.folderUri = folder.uri;
    result.folderName = folder.name;
  }
  return result;
}
