// `kader report FOLDER --matrix ROWS×COLS`: a matrix (core/outputs/matrix.ts) of codes, aspects,
// practices, coders, speakers, transcripts or front matter keys, in every report format.

import { localize, type Translate } from '../core/l10n';
import { jsonText, terminalLine, terminalText } from '../core/outputs/outputEscaping';
import { computeMatrix, dimensionOf, MATRIX_DIMENSIONS, type MatrixDimension, type MatrixMeasure, type MatrixPercent, type MatrixRelation } from '../core/outputs/matrix';
import { matrixCsv, matrixHtml, matrixJson, matrixMarkdownTable, matrixText, type MatrixReportInput } from '../core/outputs/matrixReport';
import type { Locale } from '../core/types';
import type { Project } from '../workspace/project';
import type { CliIo } from './io';

export interface MatrixCliOptions {
  spec: string;
  format: 'text' | 'json' | 'markdown' | 'html' | 'csv';
  measure: MatrixMeasure;
  percent?: MatrixPercent;
  relation?: string;
  separator: ',' | ';';
  coder?: string;
  locale: Locale;
}

/** A mistake in the matrix options: a usage error (exit 2) with this message. */
export class MatrixUsageError extends Error {}

/** The front matter keys of the project's transcripts, sorted. */
function frontMatterKeys(project: Project): string[] {
  const keys = new Set<string>();
  for (const d of project.index.all()) for (const key of Object.keys(d.attributes)) keys.add(key);
  return [...keys].sort();
}

/**
 * `ROWS×COLS` (or `ROWSxCOLS`) as two dimensions: a dimension's name, else a front matter key of
 * some transcript. With `x`, the split is the one whose two sides are both known.
 */
export function parseMatrixSpec(spec: string, keys: readonly string[], t: Translate): [MatrixDimension, MatrixDimension] {
  const known = (name: string): boolean => (MATRIX_DIMENSIONS as readonly string[]).includes(name) || keys.includes(name);
  const splits: [string, string][] = [];
  const cross = spec.indexOf('×');
  if (cross >= 0) splits.push([spec.slice(0, cross), spec.slice(cross + 1)]);
  else for (let i = spec.indexOf('x'); i >= 0; i = spec.indexOf('x', i + 1)) splits.push([spec.slice(0, i), spec.slice(i + 1)]);
  const fits = splits.filter(([a, b]) => known(a) && known(b));
  if (fits.length === 1) return [dimensionOf(fits[0]![0]), dimensionOf(fits[0]![1])];
  const names = [...MATRIX_DIMENSIONS, ...keys].join(', ');
  const unknown = splits.length === 1 ? [splits[0]![0], splits[0]![1]].find((name) => !known(name)) : undefined;
  if (unknown !== undefined) throw new MatrixUsageError(t('--matrix: "{0}" is neither {1} nor a front matter key of a transcript; choose from: {2}', terminalLine(unknown), 'code, aspect, practice, coder, speaker, document', names));
  throw new MatrixUsageError(t('--matrix takes ROWS×COLS (or ROWSxCOLS), each one of: {0} (got "{1}")', names, terminalLine(spec)));
}

/** `fragment`, `overlap` or `near/N` (N turns, 1 and up; `near` is `near/1`). */
export function parseRelation(value: string, t: Translate): MatrixRelation {
  if (value === 'fragment' || value === 'overlap') return { kind: value };
  const near = /^near(?:\/(\d{1,4}))?$/.exec(value);
  if (near) return { kind: 'near', distance: near[1] === undefined ? 1 : Number(near[1]) };
  throw new MatrixUsageError(t('--relation must be one of fragment, overlap, near/N (got "{0}")', terminalLine(value)));
}

export function runMatrix(project: Project, options: MatrixCliOptions, io: CliIo): number {
  const t = localize(options.locale);
  const [rows, columns] = parseMatrixSpec(options.spec, frontMatterKeys(project), t);
  const codes = (d: MatrixDimension): boolean => d === 'code' || d === 'aspect';
  let relation: MatrixRelation | undefined;
  if (options.relation !== undefined) {
    if (!codes(rows) || !codes(columns)) throw new MatrixUsageError(t('--relation goes with a matrix of codes × codes'));
    relation = parseRelation(options.relation, t);
  }
  const matrix = computeMatrix(project.index, project.codebook, options.locale, {
    rows,
    columns,
    measure: options.measure,
    ...(relation ? { relation } : {}),
    filter: options.coder === undefined ? {} : { coder: options.coder },
  });
  const input: MatrixReportInput = { matrix, rows, columns, locale: options.locale, ...(options.percent ? { percent: options.percent } : {}) };
  switch (options.format) {
    case 'csv':
      io.out('\uFEFF' + matrixCsv(input, options.separator));
      break;
    case 'json':
      io.out(jsonText(matrixJson(input)) + '\n');
      break;
    case 'markdown':
      io.out(matrixMarkdownTable(input));
      break;
    case 'html':
      io.out(matrixHtml(input));
      break;
    default:
      io.out(terminalText(matrixText(input)));
  }
  return 0;
}
