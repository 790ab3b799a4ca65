// A matrix (matrix.ts) written out: as text for a terminal, CSV in wide form (one row per row
// value, one column per column value: what SPSS, R and Excel read), JSON, Markdown and HTML.
// Counts as numbers; with a percentage, each cell's share of its row's or column's total.

import { localize, type Translate } from '../l10n';
import { formatNumber, formatPercent } from '../numbers';
import type { Locale } from '../types';
import { csvRow, escapeHtml, markdownText } from './outputEscaping';
import { dimensionName, matrixPercent, type Matrix, type MatrixDimension, type MatrixPercent } from './matrix';
import { matrixCellQuery } from './matrixQuery';

export interface MatrixReportInput {
  matrix: Matrix;
  rows: MatrixDimension;
  columns: MatrixDimension;
  percent?: MatrixPercent;
  locale: Locale;
}

/** The name of a dimension as a reader says it (a front matter key as it is written). */
export function dimensionLabel(dimension: MatrixDimension, t: Translate): string {
  switch (dimension) {
    case 'code':
      return t('Codes');
    case 'aspect':
      return t('Aspects');
    case 'practice':
      return t('Practice');
    case 'coder':
      return t('Coder');
    case 'speaker':
      return t('Speaker');
    case 'document':
      return t('Transcript');
    default:
      return dimension.attribute;
  }
}

/** What the matrix counts, in a few words: "Fragments, % of the row" or the relation of codes. */
export function matrixCaption(input: MatrixReportInput): string {
  const t = localize(input.locale);
  const { matrix } = input;
  const measure = matrix.measure === 'documents' ? t('Transcripts') : matrix.measure === 'characters' ? t('Characters') : t('Fragments');
  const parts = [`${dimensionLabel(input.rows, t)} × ${dimensionLabel(input.columns, t)}`, measure];
  const relation = matrix.relation;
  if (relation?.kind === 'fragment') parts.push(t('codes on the same fragment'));
  if (relation?.kind === 'overlap') parts.push(t('overlapping fragments'));
  if (relation?.kind === 'near') {
    const n = relation.distance ?? 1;
    parts.push(n === 1 ? t('within 1 turn (1 line without speakers)') : t('within {0} turns (lines without speakers)', n));
  }
  if (input.percent === 'row') parts.push(t('% of the row'));
  if (input.percent === 'column') parts.push(t('% of the column'));
  return parts.join(' · ');
}

/** A cell as shown: the count, or the share of its row or column; `–` for no relation or no total. */
function cellText(input: MatrixReportInput, row: number, column: number): string {
  const value = input.matrix.cells[row]![column]!;
  if (value === null) return '–';
  if (!input.percent) return formatNumber(value, input.locale);
  const share = matrixPercent(input.matrix, row, column, input.percent);
  return share === null ? '–' : formatPercent(share, input.locale);
}

/** The row labels, a sub-code indented under its aspect. */
function rowLabels(input: MatrixReportInput, indent: string): string[] {
  return input.matrix.rows.map((r) => `${indent.repeat(r.depth ?? 0)}${r.label}`);
}

/** The table as the formats show it: head, rows with their totals, and a row of totals. */
function table(input: MatrixReportInput, indent: string): { head: string[]; body: string[][] } {
  const t = localize(input.locale);
  const { matrix, locale } = input;
  const totals = !input.percent;
  const head = ['', ...matrix.columns.map((c) => c.label), ...(totals ? [t('Total')] : [])];
  const labels = rowLabels(input, indent);
  const body = matrix.rows.map((_, i) => [labels[i]!, ...matrix.columns.map((__, j) => cellText(input, i, j)), ...(totals ? [formatNumber(matrix.rowTotals[i]!, locale)] : [])]);
  if (totals) body.push([t('Total'), ...matrix.columnTotals.map((n) => formatNumber(n, locale)), formatNumber(matrix.total, locale)]);
  return { head, body };
}

export function matrixText(input: MatrixReportInput): string {
  const { head, body } = table(input, '  ');
  const all = [head, ...body];
  const widths = head.map((_, j) => Math.max(...all.map((row) => Array.from(row[j]!).length)));
  const line = (row: string[]): string =>
    row
      .map((cell, j) => (j === 0 ? cell.padEnd(widths[j]! + (cell.length - Array.from(cell).length)) : cell.padStart(widths[j]! + (cell.length - Array.from(cell).length))))
      .join('  ')
      .trimEnd();
  return `${matrixCaption(input)}\n\n${all.map(line).join('\n')}\n`;
}

export function matrixMarkdownTable(input: MatrixReportInput): string {
  const { head, body } = table(input, '\u00a0\u00a0');
  const lines = [`| ${head.map(markdownText).join(' | ')} |`, `| --- |${head.slice(1).map(() => ' ---: |').join('')}`];
  for (const row of body) lines.push(`| ${row.map(markdownText).join(' | ')} |`);
  return `${markdownText(matrixCaption(input))}\n\n${lines.join('\n')}\n`;
}

export function matrixHtml(input: MatrixReportInput): string {
  const { head, body } = table(input, '\u00a0\u00a0');
  const caption = matrixCaption(input);
  const headRow = `<tr>${head.map((h, j) => (j === 0 ? '<th></th>' : `<th scope="col">${escapeHtml(h)}</th>`)).join('')}</tr>`;
  const rows = body.map((row) => `<tr>${row.map((cell, j) => (j === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`);
  return `<!DOCTYPE html>
<html lang="${input.locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(caption)}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem; color: #1e1e1e; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: .25rem .5rem; } td { text-align: right; font-variant-numeric: tabular-nums; } th[scope="row"] { text-align: left; font-weight: normal; white-space: pre; }
@media (prefers-color-scheme: dark) { body { background: #1e1e1e; color: #ddd; } }
</style>
</head>
<body>
<table>
<caption>${escapeHtml(caption)}</caption>
<thead>${headRow}</thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</body>
</html>
`;
}

/**
 * Wide form: a head row (the row dimension's name, then each column value), then one row per row
 * value. Codes by their code (`intentie/gestuurd`), other values as written, "none" by its label.
 * Counts as numbers; a percentage with one decimal, a decimal comma with the `;` separator.
 */
export function matrixCsv(input: MatrixReportInput, separator: ',' | ';'): string {
  const { matrix } = input;
  const name = (v: { value?: string; label: string }): string => v.value ?? v.label;
  const lines = [csvRow([dimensionName(input.rows), ...matrix.columns.map(name)], separator)];
  matrix.rows.forEach((r, i) => {
    const cells = matrix.columns.map((_, j) => {
      const value = matrix.cells[i]![j]!;
      if (value === null) return '';
      if (!input.percent) return value;
      const share = matrixPercent(matrix, i, j, input.percent);
      if (share === null) return '';
      const text = share.toFixed(1);
      return separator === ';' ? text.replace('.', ',') : Number(text);
    });
    lines.push(csvRow([name(r), ...cells], separator));
  });
  return lines.join('\r\n') + '\r\n';
}

/** JSON: the dimensions, the values, every cell with its count, share and query, and the totals. */
export function matrixJson(input: MatrixReportInput): unknown {
  const { matrix } = input;
  const value = (v: { value?: string; label: string; depth?: number }) => ({ value: v.value ?? null, label: v.label, ...(v.depth === undefined ? {} : { depth: v.depth }) });
  return {
    rows: { dimension: dimensionName(input.rows), values: matrix.rows.map(value) },
    columns: { dimension: dimensionName(input.columns), values: matrix.columns.map(value) },
    measure: matrix.measure,
    ...(matrix.relation ? { relation: matrix.relation } : {}),
    ...(input.percent ? { percent: input.percent } : {}),
    cells: matrix.rows.map((_, i) =>
      matrix.columns.map((__, j) => ({
        value: matrix.cells[i]![j]!,
        ...(input.percent ? { percent: roundShare(matrixPercent(matrix, i, j, input.percent)) } : {}),
        query: matrixCellQuery(matrix, i, j),
      })),
    ),
    rowTotals: matrix.rowTotals,
    columnTotals: matrix.columnTotals,
    total: matrix.total,
    leftOut: matrix.leftOut,
  };
}

function roundShare(share: number | null): number | null {
  return share === null ? null : Math.round(share * 10) / 10;
}
