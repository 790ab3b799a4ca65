// The Statistics page's matrix section: choose rows and columns (codes, aspects, practice, coder,
// speaker, transcript or a front matter key), what a cell counts, percentages, and how codes meet
// in a matrix of codes × codes; the table in the heatmap style of html.ts. A cell opens its quotes.
// No vscode import, so plain Node tests can check it.

import type { MatrixResult } from '../../../server/src/protocol';
import { localize } from '../../../server/src/core/l10n';
import { matrixPercent, type MatrixDimension, type MatrixMeasure, type MatrixPercent, type MatrixRelation } from '../../../server/src/core/outputs/matrix';
import { dimensionLabel, matrixCaption } from '../../../server/src/core/outputs/matrixReport';
import { formatNumber, formatPercent } from '../../../server/src/core/numbers';
import type { Locale } from '../../../server/src/core/types';
import { html, type SafeHtml } from '../webview/html';
import { chartSection, heatChart, NEUTRAL_TINT, safeColor, statisticsWords, tintScale, type HeatTable } from './html';

/** What the matrix section shows; a dimension as the page's select writes it (`key:jaar` for a front matter key). */
export interface MatrixView {
  rows: string;
  columns: string;
  measure: MatrixMeasure;
  percent: MatrixPercent | 'none';
  /** `fragment`, `overlap` or `near/N`: for codes × codes. */
  relation: string;
}

export const DEFAULT_MATRIX_VIEW: MatrixView = { rows: 'code', columns: 'practice', measure: 'fragments', percent: 'none', relation: 'fragment' };

const BUILT_IN = ['code', 'aspect', 'practice', 'coder', 'speaker', 'document'] as const;
const KEY = 'key:';

/** A select's value as a dimension; undefined for anything else. */
export function dimensionOfValue(value: string): MatrixDimension | undefined {
  if ((BUILT_IN as readonly string[]).includes(value)) return value as MatrixDimension;
  return value.startsWith(KEY) && value.length > KEY.length ? { attribute: value.slice(KEY.length) } : undefined;
}

/** `fragment`, `overlap`, `near/N` as a relation; undefined for anything else. */
export function relationOfValue(value: string): MatrixRelation | undefined {
  if (value === 'fragment' || value === 'overlap') return { kind: value };
  const near = /^near\/(\d{1,2})$/.exec(value);
  return near ? { kind: 'near', distance: Number(near[1]) } : undefined;
}

const isCodes = (value: string): boolean => value === 'code' || value === 'aspect';

/** Whether the view is a matrix of code relations (the relation select shows). */
export function isRelationView(view: MatrixView): boolean {
  return isCodes(view.rows) && isCodes(view.columns);
}

/** The request's part of the view. */
export function matrixRequestOf(view: MatrixView): { rows: MatrixDimension; columns: MatrixDimension; measure: MatrixMeasure; relation?: MatrixRelation } {
  const rows = dimensionOfValue(view.rows) ?? 'code';
  const columns = dimensionOfValue(view.columns) ?? 'practice';
  const relation = isRelationView(view) ? relationOfValue(view.relation) : undefined;
  return { rows, columns, measure: view.measure, ...(relation ? { relation } : {}) };
}

/** The matrix as a heatmap: a row's colour is its code's; sub-codes indented; the tint grows with the number shown (count or share). */
export function crosstabTable(matrix: MatrixResult, view: MatrixView, locale: Locale): HeatTable {
  const t = localize(locale);
  const percent = view.percent === 'none' ? undefined : view.percent;
  const shown = (i: number, j: number): number | null => {
    const value = matrix.cells[i]![j]!;
    if (value === null) return null;
    return percent ? (matrixPercent(matrix, i, j, percent) ?? 0) : value;
  };
  const max = Math.max(0, ...matrix.rows.flatMap((_, i) => matrix.columns.map((__, j) => shown(i, j) ?? 0)));
  return {
    id: 'crosstab',
    title: t('Matrix'),
    columns: matrix.columns.map((c) => c.label),
    rows: matrix.rows.map((row, i) => {
      const scale = tintScale(safeColor(row.color) ?? NEUTRAL_TINT);
      return {
        label: row.label,
        ...(row.color === undefined ? {} : { color: row.color }),
        ...(row.depth ? { depth: row.depth } : {}),
        cells: matrix.columns.map((column, j) => {
          const value = shown(i, j);
          if (value === null) return null;
          const share = percent ? matrixPercent(matrix, i, j, percent) : null;
          const text = percent ? (share === null ? '–' : formatPercent(share, locale)) : formatNumber(value, locale);
          return { text, cell: `x:${i}:${j}`, aria: t('{0} and {1}: {2}. Show the quotes.', row.label, column.label, text), tint: scale(max > 0 ? value / max : 0) };
        }),
      };
    }),
  };
}

function option(value: string, label: string, selected: boolean): SafeHtml {
  return html`<option value="${value}"${selected ? html` selected` : []}>${label}</option>`;
}

/** A select of dimensions: Kader's own, then the project's front matter keys. */
function dimensionSelect(id: string, selected: string, keys: readonly string[], locale: Locale): SafeHtml {
  const t = localize(locale);
  const own = BUILT_IN.map((d) => option(d, dimensionLabel(d, t), d === selected));
  const frontMatter = keys.map((key) => option(`${KEY}${key}`, key, `${KEY}${key}` === selected));
  return html`<select id="${id}">${own}${keys.length ? html`<optgroup label="${t('Front matter')}">${frontMatter}</optgroup>` : []}</select>`;
}

/** The controls of the matrix section. */
export function matrixForm(view: MatrixView, keys: readonly string[], locale: Locale): SafeHtml {
  const t = localize(locale);
  const measures: [MatrixMeasure, string][] = [
    ['fragments', t('Fragments')],
    ['documents', t('Transcripts')],
    ['characters', t('Characters')],
  ];
  const percents: [MatrixView['percent'], string][] = [
    ['none', t('Numbers')],
    ['row', t('% of the row')],
    ['column', t('% of the column')],
  ];
  const relations: [string, string][] = [
    ['fragment', t('On the same fragment')],
    ['overlap', t('On overlapping fragments')],
    ['near/0', t('In the same turn')],
    ['near/1', t('Within 1 turn')],
    ['near/2', t('Within {0} turns', 2)],
    ['near/3', t('Within {0} turns', 3)],
  ];
  const relation = isRelationView(view)
    ? html`<label>${t('Codes meet')}<select id="matrix-relation">${relations.map(([v, l]) => option(v, l, v === view.relation))}</select></label>`
    : [];
  return html`<form id="matrix-form" class="filters">
<label>${t('Rows')}${dimensionSelect('matrix-rows', view.rows, keys, locale)}</label>
<label>${t('Columns')}${dimensionSelect('matrix-columns', view.columns, keys, locale)}</label>
<label>${t('Count')}<select id="matrix-measure">${measures.map(([v, l]) => option(v, l, v === view.measure))}</select></label>
<label>${t('Show')}<select id="matrix-percent">${percents.map(([v, l]) => option(v, l, v === view.percent))}</select></label>
${relation}</form>`;
}

/** The caption over the table: what it counts, and how a cell opens. */
export function crosstabCaption(matrix: MatrixResult, view: MatrixView, locale: Locale): string {
  const { rows, columns } = matrixRequestOf(view);
  const percent = view.percent === 'none' ? undefined : view.percent;
  return matrixCaption({ matrix, rows, columns, locale, ...(percent ? { percent } : {}) });
}

/** The matrix section of the Statistics page: its controls, what it counts, and the table (with Save and Copy). */
export function matrixSection(matrix: MatrixResult | undefined, view: MatrixView, keys: readonly string[], locale: Locale): SafeHtml {
  const t = localize(locale);
  const form = matrixForm(view, keys, locale);
  if (!matrix) return html`<section id="crosstab" aria-labelledby="crosstab-title"><h2 id="crosstab-title">${t('Matrix')}</h2>${form}<p class="empty">${t('The matrix could not be made.')}</p></section>`;
  const table = crosstabTable(matrix, view, locale);
  const chart = matrix.rows.length && matrix.columns.length ? heatChart(table) : html`<p class="empty">${statisticsWords(locale).empty}</p>`;
  return chartSection('crosstab', t('Matrix'), html`${form}<p class="summary">${crosstabCaption(matrix, view, locale)}</p>${chart}`, statisticsWords(locale), t('Choose a cell to read its quotes.'));
}
