// The Statistics webview's page: the aspect × practice heatmap, code frequencies as bars, the
// co-occurrence matrix and the aspects against the learning level and loop (when coded), as plain SVG inside HTML, written with the escaping template html`…`.
// No vscode import, so plain Node tests can check it. The page's script is
// client/src/webview/scripts/statistics/main.ts; its messages are checked by `isStatisticsMessage`.

import type { StatisticsResult } from '../../../server/src/protocol';
import { markdownText } from '../../../server/src/core/outputs/outputEscaping';
import type { Locale } from '../../../server/src/core/types';
import { css, html, type SafeHtml } from '../webview/html';
import { webviewPage, type PageOptions } from '../webview/page';
import type { ChartId, FamilyChartId } from '../webview/scripts/statistics/messages';
import type { StatisticsFamily } from '../../../server/src/core/outputs/statistics';
import { LEVEL_FAMILY, LOOP_FAMILY } from '../../../server/src/core/frameworkDistinctions';

/** A `#RGB` or `#RRGGBB` colour, else undefined: only such colours reach an attribute. */
export function safeColor(color: string | undefined): string | undefined {
  return color !== undefined && /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(color) ? color : undefined;
}

// ---------------------------------------------------------------------------------------------
// Words

const WORDS = {
  en: {
    title: 'Kader Statistics',
    fragments: (n: number) => (n === 1 ? '1 fragment' : `${n} fragments`),
    matrix: 'Aspects × practices',
    frequencies: 'Code frequencies',
    cooccurrence: 'Co-occurrence',
    coder: 'Coder',
    allCoders: 'All coders',
    attribute: 'Attribute',
    anyAttribute: 'Any',
    measure: 'Show',
    count: 'Number of fragments',
    share: "Share of the practice's fragments",
    level: 'Co-occurrence of',
    aspects: 'Aspects',
    codes: 'Codes',
    saveSvg: 'Save as SVG',
    savePng: 'Save as PNG',
    copy: 'Copy as Markdown Table',
    empty: 'No coded fragments match.',
    cellMatrix: (aspect: string, practice: string, value: string) => `${aspect} in ${practice}: ${value}. Show the fragments.`,
    cellFrequency: (code: string, n: number) => `${code}: ${n === 1 ? '1 fragment' : `${n} fragments`}. Show the fragments.`,
    cellCo: (x: string, y: string, n: number) => `${x} with ${y}: ${n}. Show the fragments.`,
    listHint: 'Choose a cell or bar to list its fragments.',
    family: (name: string) => `Aspects × ${name}`,
    familyNote: 'A fragment coded with an aspect counts at a level that is coded on it, on a passage around it or on one inside it.',
    total: 'Total',
    cellFamily: (aspect: string, column: string, practice: string, n: number) => `${aspect}, ${column}, ${practice}: ${n}. Show the fragments.`,
  },
  nl: {
    title: 'Kader-statistieken',
    fragments: (n: number) => (n === 1 ? '1 fragment' : `${n} fragmenten`),
    matrix: 'Aspecten × praktijken',
    frequencies: 'Frequentie van codes',
    cooccurrence: 'Samen voorkomen',
    coder: 'Codeerder',
    allCoders: 'Alle codeerders',
    attribute: 'Kenmerk',
    anyAttribute: 'Alle',
    measure: 'Toon',
    count: 'Aantal fragmenten',
    share: 'Aandeel in de fragmenten van de praktijk',
    level: 'Samen voorkomen van',
    aspects: 'Aspecten',
    codes: 'Codes',
    saveSvg: 'Opslaan als SVG',
    savePng: 'Opslaan als PNG',
    copy: 'Kopiëren als Markdown-tabel',
    empty: 'Geen gecodeerde fragmenten gevonden.',
    cellMatrix: (aspect: string, practice: string, value: string) => `${aspect} in ${practice}: ${value}. Toon de fragmenten.`,
    cellFrequency: (code: string, n: number) => `${code}: ${n === 1 ? '1 fragment' : `${n} fragmenten`}. Toon de fragmenten.`,
    cellCo: (x: string, y: string, n: number) => `${x} met ${y}: ${n}. Toon de fragmenten.`,
    listHint: 'Kies een cel of balk om de fragmenten te zien.',
    family: (name: string) => `Aspecten × ${name}`,
    familyNote: 'Een fragment met een code van een aspect telt mee bij een niveau dat erop, op een passage eromheen of op een passage erin gecodeerd is.',
    total: 'Totaal',
    cellFamily: (aspect: string, column: string, practice: string, n: number) => `${aspect}, ${column}, ${practice}: ${n}. Toon de fragmenten.`,
  },
} as const;

export type StatisticsWords = (typeof WORDS)[Locale];

export function statisticsWords(locale: Locale): StatisticsWords {
  return WORDS[locale];
}

// ---------------------------------------------------------------------------------------------
// Charts

export interface ViewState {
  coder: string | null;
  attribute: { key: string; value: string } | null;
  measure: 'count' | 'share';
  cooccurrence: 'aspect' | 'code';
}

export const DEFAULT_VIEW: ViewState = { coder: null, attribute: null, measure: 'count', cooccurrence: 'aspect' };

const LABEL_WIDTH = 260;
const CELL_WIDTH = 96;
const CELL_HEIGHT = 32;
/** Room for column labels written at a slant, so long practice names stay readable. */
const HEADER_HEIGHT = 120;
const MAX_LABEL = 36;
/** Room at the right for the last slanted column label. */
const SLANT_ROOM = 160;

function clip(text: string, max = MAX_LABEL): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

function formatShare(n: number, total: number): string {
  return total ? `${((n / total) * 100).toFixed(0)} %` : '–';
}

/** One heatmap cell: a focusable button in SVG. */
function heatCell(x: number, y: number, value: number, max: number, label: string, cell: string, ariaLabel: string): SafeHtml {
  const strength = max > 0 ? value / max : 0;
  const opacity = value === 0 ? 0 : 0.12 + 0.88 * strength;
  const kind = opacity > 0.55 ? 'cell strong' : 'cell';
  return html`<g class="${kind}" role="button" tabindex="0" data-cell="${cell}" aria-label="${ariaLabel}">\
<rect class="cell-box" x="${x}" y="${y}" width="${CELL_WIDTH - 2}" height="${CELL_HEIGHT - 2}" rx="3"/>\
<rect class="cell-fill" x="${x}" y="${y}" width="${CELL_WIDTH - 2}" height="${CELL_HEIGHT - 2}" rx="3" fill-opacity="${opacity.toFixed(3)}"/>\
<text class="cell-text" x="${x + (CELL_WIDTH - 2) / 2}" y="${y + CELL_HEIGHT / 2 + 3}" text-anchor="middle">${label}</text>\
</g>`;
}

function rowLabel(y: number, text: string, color?: string): SafeHtml {
  const swatch = safeColor(color);
  const mark = swatch ? html`<rect x="0" y="${y + 9}" width="10" height="12" rx="2" fill="${swatch}"/>` : [];
  return html`${mark}<text class="label" x="16" y="${y + CELL_HEIGHT / 2 + 3}"><title>${text}</title>${clip(text)}</text>`;
}

function columnLabel(x: number, text: string): SafeHtml {
  const cx = x + (CELL_WIDTH - 2) / 2;
  const y = HEADER_HEIGHT - 8;
  return html`<text class="label" x="${cx}" y="${y}" transform="rotate(-35 ${cx} ${y})"><title>${text}</title>${clip(text, 30)}</text>`;
}

function svg(width: number, height: number, title: string, content: SafeHtml[]): SafeHtml {
  return html`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="group" aria-label="${title}">${content}</svg>`;
}

export function matrixSvg(data: StatisticsResult, measure: 'count' | 'share', w: StatisticsWords): SafeHtml {
  const width = LABEL_WIDTH + CELL_WIDTH * Math.max(1, data.practices.length) + SLANT_ROOM;
  const height = HEADER_HEIGHT + CELL_HEIGHT * Math.max(1, data.aspects.length);
  const values = data.matrix.map((row) => row.map((n, j) => (measure === 'share' ? (data.practiceTotals[j] ? n / data.practiceTotals[j]! : 0) : n)));
  const max = Math.max(0, ...values.flat());
  const parts = data.practices.map((p, j) => columnLabel(LABEL_WIDTH + j * CELL_WIDTH, p.label));
  data.aspects.forEach((a, i) => {
    const y = HEADER_HEIGHT + i * CELL_HEIGHT;
    parts.push(rowLabel(y, a.name, a.color));
    data.practices.forEach((p, j) => {
      const n = data.matrix[i]![j]!;
      const label = measure === 'share' ? formatShare(n, data.practiceTotals[j]!) : String(n);
      parts.push(heatCell(LABEL_WIDTH + j * CELL_WIDTH, y, values[i]![j]!, max, label, `m:${i}:${j}`, w.cellMatrix(a.name, p.label, label)));
    });
  });
  return svg(width, height, w.matrix, parts);
}

export function frequenciesSvg(data: StatisticsResult, w: StatisticsWords): SafeHtml {
  const barArea = 360;
  const rowHeight = 26;
  const width = LABEL_WIDTH + barArea + 60;
  const height = Math.max(1, data.frequencies.length) * rowHeight + 8;
  const max = Math.max(1, ...data.frequencies.map((f) => f.count));
  const bars = data.frequencies.map((f, i) => {
    const y = 4 + i * rowHeight;
    const barWidth = Math.max(2, (f.count / max) * barArea);
    const color = safeColor(f.color);
    const fill = color ? html` fill="${color}"` : [];
    const name = f.name === f.code ? `#${f.code}` : `${f.name} (#${f.code})`;
    return html`<g class="bar" role="button" tabindex="0" data-cell="f:${i}" aria-label="${w.cellFrequency(name, f.count)}">\
<text class="label" x="0" y="${y + 16}"><title>${name}</title>${clip(name)}</text>\
<rect class="bar-fill" x="${LABEL_WIDTH}" y="${y + 3}" width="${barWidth.toFixed(1)}" height="${rowHeight - 8}" rx="2"${fill}/>\
<text class="label" x="${(LABEL_WIDTH + barWidth + 6).toFixed(1)}" y="${y + 16}">${f.count}</text>\
</g>`;
  });
  return svg(width, height, w.frequencies, bars);
}

export function cooccurrenceSvg(data: StatisticsResult, w: StatisticsWords): SafeHtml {
  const codes = data.cooccurrence.codes;
  const width = LABEL_WIDTH + CELL_WIDTH * Math.max(1, codes.length) + SLANT_ROOM;
  const height = HEADER_HEIGHT + CELL_HEIGHT * Math.max(1, codes.length);
  const max = Math.max(0, ...data.cooccurrence.counts.flat());
  const parts = codes.map((c, j) => columnLabel(LABEL_WIDTH + j * CELL_WIDTH, c.name));
  codes.forEach((row, i) => {
    const y = HEADER_HEIGHT + i * CELL_HEIGHT;
    parts.push(rowLabel(y, row.name, row.color));
    codes.forEach((col, j) => {
      if (i === j) return;
      const n = data.cooccurrence.counts[i]![j]!;
      const [p, q] = i < j ? [i, j] : [j, i];
      parts.push(heatCell(LABEL_WIDTH + j * CELL_WIDTH, y, n, max, String(n), `c:${p}:${q}`, w.cellCo(row.name, col.name, n)));
    });
  });
  return svg(width, height, w.cooccurrence, parts);
}

/** The chart of a learning family: `level` for `#niveau`, `loop` for `#lus`. */
export function familyChart(family: StatisticsFamily): FamilyChartId | undefined {
  return family.family.code === LEVEL_FAMILY ? 'level' : family.family.code === LOOP_FAMILY ? 'loop' : undefined;
}

const GROUP_GAP = 12;
const FAMILY_HEADER = 56;

/**
 * Aspects × a learning family: a row per aspect; a group of columns (one per level) per
 * practice, then one for all practices. The totals and the practices each have their own colour scale.
 */
export function familySvg(data: StatisticsResult, k: number, w: StatisticsWords): SafeHtml {
  const family = data.families![k]!;
  const columns = family.columns;
  const groupWidth = CELL_WIDTH * Math.max(1, columns.length);
  const groups = [...data.practices.map((p) => p.label), w.total];
  const last = groups.length - 1;
  const width = LABEL_WIDTH + groups.length * (groupWidth + GROUP_GAP);
  const height = FAMILY_HEADER + CELL_HEIGHT * Math.max(1, family.aspects.length);
  const maxTotal = Math.max(0, ...family.totals.flat());
  const maxPractice = Math.max(0, ...family.counts.flat(2));
  const parts: SafeHtml[] = [];
  groups.forEach((group, g) => {
    const x = LABEL_WIDTH + g * (groupWidth + GROUP_GAP);
    const chars = Math.max(4, Math.floor(groupWidth / 7));
    parts.push(html`<text class="label group" x="${x + (groupWidth - 2) / 2}" y="18" text-anchor="middle"><title>${group}</title>${clip(group, chars)}</text>`);
    columns.forEach((c, j) => {
      const cx = x + j * CELL_WIDTH + (CELL_WIDTH - 2) / 2;
      parts.push(html`<text class="label" x="${cx}" y="${FAMILY_HEADER - 10}" text-anchor="middle"><title>${c.name}</title>${clip(c.name, 13)}</text>`);
    });
  });
  family.aspects.forEach((a, i) => {
    const y = FAMILY_HEADER + i * CELL_HEIGHT;
    parts.push(rowLabel(y, a.name, a.color));
    groups.forEach((group, g) => {
      const x = LABEL_WIDTH + g * (groupWidth + GROUP_GAP);
      columns.forEach((c, j) => {
        const n = g === last ? family.totals[i]![j]! : family.counts[i]![j]![g]!;
        const cell = g === last ? `v:${k}:${i}:${j}` : `v:${k}:${i}:${j}:${g}`;
        parts.push(heatCell(x + j * CELL_WIDTH, y, n, g === last ? maxTotal : maxPractice, String(n), cell, w.cellFamily(a.name, c.name, group, n)));
      });
    });
  });
  return svg(width, height, w.family(family.family.name), parts);
}

// ---------------------------------------------------------------------------------------------
// Markdown tables (Copy as Markdown Table)

function mdTable(head: string[], rows: string[][]): string {
  const lines = [`| ${head.map(markdownText).join(' | ')} |`, `| --- |${head.slice(1).map(() => ' ---: |').join('')}`];
  for (const row of rows) lines.push(`| ${row.map(markdownText).join(' | ')} |`);
  return lines.join('\n') + '\n';
}

export function chartMarkdown(data: StatisticsResult, chart: ChartId, measure: 'count' | 'share', w: StatisticsWords): string {
  switch (chart) {
    case 'matrix':
      return mdTable(
        ['', ...data.practices.map((p) => p.label)],
        data.aspects.map((a, i) => [a.name, ...data.matrix[i]!.map((n, j) => (measure === 'share' ? formatShare(n, data.practiceTotals[j]!) : String(n)))]),
      );
    case 'frequencies':
      return mdTable([w.codes, w.count], data.frequencies.map((f) => [`${f.name} (#${f.code})`, String(f.count)]));
    case 'cooccurrence':
      return mdTable(
        ['', ...data.cooccurrence.codes.map((c) => c.name)],
        data.cooccurrence.codes.map((c, i) => [c.name, ...data.cooccurrence.counts[i]!.map((n, j) => (i === j ? '–' : String(n)))]),
      );
    case 'level':
    case 'loop': {
      const family = (data.families ?? []).find((f) => familyChart(f) === chart);
      if (!family) return '';
      const groups = [...data.practices.map((p) => p.label), w.total];
      return mdTable(
        ['', ...groups.flatMap((g) => family.columns.map((c) => `${g}: ${c.name}`))],
        family.aspects.map((a, i) => [
          a.name,
          ...data.practices.flatMap((_, p) => family.columns.map((__, j) => String(family.counts[i]![j]![p]!))),
          ...family.totals[i]!.map(String),
        ]),
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The page

const STYLE = css`
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; }
h1 { font-size: 1.4em; font-weight: 600; margin: 16px 0 4px; }
h2 { font-size: 1.1em; font-weight: 600; margin: 24px 0 8px; }
.summary { color: var(--vscode-descriptionForeground); margin: 0 0 12px; }
.filters { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: end; }
.filters label { display: flex; flex-direction: column; gap: 4px; }
select { background: var(--vscode-dropdown-background); color: var(--vscode-dropdown-foreground); border: 1px solid var(--vscode-dropdown-border, transparent); padding: 3px 6px; font: inherit; }
button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: 1px solid var(--vscode-button-border, transparent); padding: 3px 10px; font: inherit; cursor: pointer; border-radius: 2px; }
button:hover { background: var(--vscode-button-secondaryHoverBackground); }
button.link { background: none; border: none; color: var(--vscode-textLink-foreground); padding: 2px 0; text-align: left; }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.actions { display: flex; gap: 8px; margin: 0 0 8px; }
.chart { overflow-x: auto; }
svg text { font-family: var(--vscode-font-family); font-size: 12px; }
svg .label { fill: var(--vscode-foreground); }
svg .group { font-weight: 600; }
svg .cell-box { fill: var(--vscode-editorWidget-background, transparent); stroke: var(--vscode-editorWidget-border, var(--vscode-panel-border, #8884)); stroke-width: 1; }
svg .cell-fill { fill: var(--vscode-charts-blue); }
svg .cell-text { fill: var(--vscode-foreground); }
svg .cell.strong .cell-text { fill: var(--vscode-editor-background); font-weight: 600; }
body.vscode-dark svg .cell.strong .cell-text, body.vscode-high-contrast svg .cell.strong .cell-text { fill: #ffffff; }
svg .bar-fill { fill: var(--vscode-charts-blue); }
svg [role="button"] { cursor: pointer; outline: none; }
svg [role="button"]:focus-visible .cell-box, svg [role="button"]:hover .cell-box { stroke: var(--vscode-focusBorder); stroke-width: 2; }
svg .bar:focus-visible .bar-fill, svg .bar:hover .bar-fill { stroke: var(--vscode-focusBorder); stroke-width: 2; }
#list ul { list-style: none; padding: 0; }
#list li { margin: 0 0 8px; }
#list .detail { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.empty { color: var(--vscode-descriptionForeground); }
`;

function option(value: string, label: string, selected: boolean): SafeHtml {
  return html`<option value="${value}"${selected ? html` selected` : []}>${label}</option>`;
}

function chartSection(id: ChartId, title: string, chart: SafeHtml, w: StatisticsWords, note?: string): SafeHtml {
  return html`<section id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${title}</h2>\
${note === undefined ? [] : html`<p class="summary">${note}</p>`}\
<div class="actions">\
<button type="button" data-action="svg" data-chart="${id}">${w.saveSvg}</button>\
<button type="button" data-action="png" data-chart="${id}">${w.savePng}</button>\
<button type="button" data-action="copy" data-chart="${id}">${w.copy}</button>\
</div><div class="chart">${chart}</div></section>`;
}

/** The whole Statistics page. */
export function statisticsHtml(data: StatisticsResult, view: ViewState, options: PageOptions): string {
  const w = WORDS[options.locale];
  const coders = [option('', w.allCoders, view.coder === null), ...data.coders.map((c) => option(c, c, c === view.coder))];
  const attributeValue = view.attribute ? `${view.attribute.key}=${view.attribute.value}` : '';
  const attributes = [
    option('', w.anyAttribute, view.attribute === null),
    ...data.attributes.flatMap((a) => a.values.map((v) => option(`${a.key}=${v}`, `${a.key}: ${v}`, `${a.key}=${v}` === attributeValue))),
  ];
  const families = (data.families ?? []).flatMap((family, k) => {
    const chart = familyChart(family);
    return chart ? [chartSection(chart, w.family(family.family.name), familySvg(data, k, w), w, w.familyNote)] : [];
  });
  const summary = `${data.folderName ? `${data.folderName} · ` : ''}${w.fragments(data.total)}`;
  const charts =
    data.total === 0
      ? html`<p class="empty">${w.empty}</p>`
      : html`${chartSection('matrix', w.matrix, matrixSvg(data, view.measure, w), w)}\
${chartSection('frequencies', w.frequencies, frequenciesSvg(data, w), w)}\
${chartSection('cooccurrence', w.cooccurrence, cooccurrenceSvg(data, w), w)}\
${families}\
<section id="list" aria-live="polite"><h2 id="list-title">${w.listHint}</h2><ul id="list-items"></ul></section>`;
  return webviewPage(options, {
    title: w.title,
    style: STYLE,
    body: html`<h1>${w.title}</h1>
<p class="summary">${summary}</p>
<form id="filters" class="filters" role="search">
<label>${w.coder}<select id="filter-coder">${coders}</select></label>
<label>${w.attribute}<select id="filter-attribute">${attributes}</select></label>
<label>${w.measure}<select id="filter-measure">${option('count', w.count, view.measure === 'count')}${option('share', w.share, view.measure === 'share')}</select></label>
<label>${w.level}<select id="filter-level">${option('aspect', w.aspects, view.cooccurrence === 'aspect')}${option('code', w.codes, view.cooccurrence === 'code')}</select></label>
</form>
${charts}`,
  });
}
