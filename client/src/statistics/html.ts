// The Statistics webview's page: the aspect × practice heatmap, code frequencies as bars, the
// co-occurrence matrix and the aspects against the learning level and loop (when coded). The
// heatmaps are tables (with an SVG twin for the exports), the bars SVG; all written with the
// escaping template html`…`.
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
    cellFamily: (aspect: string, column: string, practice: string, value: string) => `${aspect}, ${column}, ${practice}: ${value}. Show the fragments.`,
    decimal: new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    countedOnce: 'Each conversation counts once. Left out of these figures:',
    leftOut: (path: string, coder: string, counted: string, chosen: boolean) =>
      counted ? `${path}${coder}: ${counted} counts${chosen ? ' (the first coder by name)' : ''}` : `${path}${coder}: its front matter says counted: false`,
    chooseCounted: 'Say whose coding counts with counted: true in its front matter; the Coder filter shows each coder’s coding.',
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
    cellFamily: (aspect: string, column: string, practice: string, value: string) => `${aspect}, ${column}, ${practice}: ${value}. Toon de fragmenten.`,
    decimal: new Intl.NumberFormat('nl', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    countedOnce: 'Elk gesprek telt één keer. Niet meegeteld in deze cijfers:',
    leftOut: (path: string, coder: string, counted: string, chosen: boolean) =>
      counted ? `${path}${coder}: ${counted} telt${chosen ? ' (de eerste codeur op naam)' : ''}` : `${path}${coder}: de front matter zegt counted: false`,
    chooseCounted: 'Zeg wiens codering telt met counted: true in de front matter; het filter Codeerder toont de codering van elke codeur.',
  },
} as const;

export type StatisticsWords = (typeof WORDS)[Locale];

/** The second codings of a conversation that the counts leave out, and how to choose (conversations.ts). */
function leftOutNote(data: StatisticsResult, w: StatisticsWords): SafeHtml | string {
  const left = data.leftOut ?? [];
  if (left.length === 0) return '';
  const who = (coder: string | undefined): string => (coder ? ` (${coder})` : '');
  const items = left.map((l) => html`<li>${w.leftOut(l.path, who(l.coder), l.countedPath ? `${l.countedPath}${who(l.countedCoder)}` : '', l.chosen)}</li>`);
  return html`<div class="counted-once" role="note"><p>${w.countedOnce}</p><ul>${items}</ul>${left.some((l) => l.chosen) ? html`<p>${w.chooseCounted}</p>` : ''}</div>`;
}

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

/** A share as the page and its tables write it: one decimal, the locale's decimal sign (`79,0 %`). */
export function formatShare(n: number, total: number, w: StatisticsWords): string {
  return total ? `${w.decimal.format((n / total) * 100)} %` : '–';
}

// Colours. A cell is its row's tint laid over the editor background, more opaque the larger its
// number; the number is in the theme's foreground. A tint gets as opaque as it can while every
// number on it keeps a contrast of 4.5:1, in light themes and in dark themes (one opacity each).

type Rgb = readonly [number, number, number];
type ThemeKind = 'light' | 'dark';

/** The themes a tint is checked against: Light Modern and Dark Modern (High Contrast has more contrast than either). */
const THEMES = {
  light: { background: [0xff, 0xff, 0xff], foreground: [0x3b, 0x3b, 0x3b] },
  dark: { background: [0x1f, 0x1f, 0x1f], foreground: [0xcc, 0xcc, 0xcc] },
} as const satisfies Record<ThemeKind, { background: Rgb; foreground: Rgb }>;

/** The tint of the co-occurrence matrix and of rows without a colour of their own. */
export const NEUTRAL_TINT = '#1A85FF';
const MIN_CONTRAST = 4.5;
/** Opacity in hundredths: every opacity a cell can get is checked. */
const STEPS = 100;
const MIN_STEP = 10;
const MAX_STEP = 85;

function rgb(color: string): Rgb {
  const hex = color.length === 4 ? color.slice(1).replace(/./g, '$&$&') : color.slice(1);
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;
}

function luminance(color: Rgb): number {
  const [r, g, b] = color.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: Rgb, b: Rgb): number {
  const [l1, l2] = [luminance(a), luminance(b)].sort((m, n) => n - m) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/** The contrast of the theme's foreground on `tint` at `alpha` over the theme's background. */
function textContrast(tint: Rgb, alpha: number, kind: ThemeKind): number {
  const { background, foreground } = THEMES[kind];
  return contrast(
    tint.map((t, i) => t * alpha + background[i]! * (1 - alpha)) as unknown as Rgb,
    foreground,
  );
}

/** The strongest opacity of a tint, in a kind of theme, up to which the foreground keeps its contrast on it. */
export function maxAlpha(color: string, kind: ThemeKind): number {
  const tint = rgb(color);
  let step = MIN_STEP;
  while (step < MAX_STEP && textContrast(tint, (step + 1) / STEPS, kind) >= MIN_CONTRAST) step++;
  return step / STEPS;
}

/** A cell's tint: its colour and its opacity in light and in dark themes. */
export interface Tint {
  color: string;
  light: number;
  dark: number;
}

/** A tint's scale: the tint of a cell whose number is `strength` (0–1) of the largest of its scale; none for 0. */
export function tintScale(color: string): (strength: number) => Tint | undefined {
  const top = { light: Math.round(maxAlpha(color, 'light') * STEPS), dark: Math.round(maxAlpha(color, 'dark') * STEPS) };
  const alpha = (kind: ThemeKind, strength: number): number => Math.round(MIN_STEP + (top[kind] - MIN_STEP) * Math.min(1, strength)) / STEPS;
  return (strength) => (strength > 0 ? { color, light: alpha('light', strength), dark: alpha('dark', strength) } : undefined);
}

// A heatmap, once as a model; the page shows it as an HTML table (headers that wrap and stay in
// view while it scrolls), Save as SVG/PNG draws it as SVG.

export interface HeatCell {
  text: string;
  cell: string;
  aria: string;
  tint: Tint | undefined;
}

export interface HeatTable {
  id: ChartId;
  title: string;
  /** Column groups (the practices of a learning family), each over `span` columns. */
  groups?: { label: string; span: number }[];
  columns: string[];
  /** A cell of null is the diagonal of the co-occurrence matrix (or no relation: a code with its sub-code). A sub-code's row has its depth. */
  rows: { label: string; color?: string; depth?: number; cells: (HeatCell | null)[] }[];
}

function heatCell(value: number, max: number, scale: (strength: number) => Tint | undefined, text: string, cell: string, aria: string): HeatCell {
  return { text, cell, aria, tint: scale(max > 0 ? value / max : 0) };
}

export function matrixTable(data: StatisticsResult, measure: 'count' | 'share', w: StatisticsWords): HeatTable {
  const values = data.matrix.map((row) => row.map((n, j) => (measure === 'share' ? (data.practiceTotals[j] ? n / data.practiceTotals[j]! : 0) : n)));
  const max = Math.max(0, ...values.flat());
  return {
    id: 'matrix',
    title: w.matrix,
    columns: data.practices.map((p) => p.label),
    rows: data.aspects.map((a, i) => {
      const scale = tintScale(safeColor(a.color) ?? NEUTRAL_TINT);
      const cells = data.practices.map((p, j) => {
        const n = data.matrix[i]![j]!;
        const text = measure === 'share' ? formatShare(n, data.practiceTotals[j]!, w) : String(n);
        return heatCell(values[i]![j]!, max, scale, text, `m:${i}:${j}`, w.cellMatrix(a.name, p.label, text));
      });
      return { label: a.name, ...(a.color === undefined ? {} : { color: a.color }), cells };
    }),
  };
}

export function cooccurrenceTable(data: StatisticsResult, w: StatisticsWords): HeatTable {
  const codes = data.cooccurrence.codes;
  const max = Math.max(0, ...data.cooccurrence.counts.flat());
  const scale = tintScale(NEUTRAL_TINT);
  return {
    id: 'cooccurrence',
    title: w.cooccurrence,
    columns: codes.map((c) => c.name),
    rows: codes.map((row, i) => ({
      label: row.name,
      ...(row.color === undefined ? {} : { color: row.color }),
      cells: codes.map((col, j) => {
        if (i === j) return null;
        const n = data.cooccurrence.counts[i]![j]!;
        const [p, q] = i < j ? [i, j] : [j, i];
        return heatCell(n, max, scale, String(n), `c:${p}:${q}`, w.cellCo(row.name, col.name, n));
      }),
    })),
  };
}

/** The chart of a learning family: `level` for `#niveau`, `loop` for `#lus`. */
export function familyChart(family: StatisticsFamily): FamilyChartId | undefined {
  return family.family.code === LEVEL_FAMILY ? 'level' : family.family.code === LOOP_FAMILY ? 'loop' : undefined;
}

/**
 * Aspects × a learning family: a row per aspect; a group of columns (one per level) per practice,
 * then one for all practices. A share is of the practice's fragments (of all fragments for the
 * total). The totals and the practices each have their own colour scale.
 */
export function familyTable(data: StatisticsResult, k: number, measure: 'count' | 'share', w: StatisticsWords): HeatTable {
  const family = data.families![k]!;
  const groups = [...data.practices.map((p) => p.label), w.total];
  const last = groups.length - 1;
  const totalOf = (g: number): number => (g === last ? data.total : data.practiceTotals[g]!);
  const count = (i: number, j: number, g: number): number => (g === last ? family.totals[i]![j]! : family.counts[i]![j]![g]!);
  const value = (i: number, j: number, g: number): number => (measure === 'share' ? (totalOf(g) ? count(i, j, g) / totalOf(g) : 0) : count(i, j, g));
  const scale = (practices: boolean): number =>
    Math.max(0, ...family.aspects.flatMap((_, i) => family.columns.flatMap((__, j) => groups.map((___, g) => ((g === last) !== practices ? value(i, j, g) : 0)))));
  const maxPractice = scale(true);
  const maxTotal = scale(false);
  return {
    id: familyChart(family) ?? 'level',
    title: w.family(family.family.name),
    groups: groups.map((label) => ({ label, span: family.columns.length })),
    columns: groups.flatMap(() => family.columns.map((c) => c.name)),
    rows: family.aspects.map((a, i) => {
      const scale = tintScale(safeColor(a.color) ?? NEUTRAL_TINT);
      const cells = groups.flatMap((group, g) =>
        family.columns.map((c, j) => {
          const n = count(i, j, g);
          const text = measure === 'share' ? formatShare(n, totalOf(g), w) : String(n);
          const cell = g === last ? `v:${k}:${i}:${j}` : `v:${k}:${i}:${j}:${g}`;
          return heatCell(value(i, j, g), g === last ? maxTotal : maxPractice, scale, text, cell, w.cellFamily(a.name, c.name, group, text));
        }),
      );
      return { label: a.name, ...(a.color === undefined ? {} : { color: a.color }), cells };
    }),
  };
}

/** The columns at which a new group starts (for a gap between groups). */
function groupStarts(table: HeatTable): Set<number> {
  const starts = new Set<number>();
  let at = 0;
  for (const g of table.groups ?? []) {
    if (at > 0) starts.add(at);
    at += g.span;
  }
  return starts;
}

/** The tint's two rectangles: the page shows the one of the theme's kind (light or dark). */
function tintRects(tint: Tint, x: number, y: number, width: number, height: number): SafeHtml {
  const rect = (kind: ThemeKind, alpha: number): SafeHtml =>
    html`<rect class="tint-${kind}" x="${x}" y="${y}" width="${width}" height="${height}"${width > 1 ? html` rx="3"` : []} fill="${tint.color}" fill-opacity="${alpha}"/>`;
  return html`${rect('light', tint.light)}${rect('dark', tint.dark)}`;
}

function swatch(color: string | undefined): SafeHtml | [] {
  const c = safeColor(color);
  return c ? html`<svg class="swatch" width="10" height="12" viewBox="0 0 10 12" aria-hidden="true" focusable="false"><rect width="10" height="12" rx="2" fill="${c}"/></svg>` : [];
}

/** The table the page shows: column heads wrap (three lines at most, the full name in the tooltip); the first column and the heads stay in view. */
export function heatTableHtml(table: HeatTable): SafeHtml {
  const starts = groupStarts(table);
  const start = (j: number): string => (starts.has(j) ? ' group-start' : '');
  const groupRow = table.groups
    ? html`<tr><th class="corner" rowspan="2"></th>${table.groups.map((g, n) => html`<th scope="colgroup" colspan="${g.span}" class="group${n > 0 ? ' group-start' : ''}" title="${g.label}"><span class="head">${g.label}</span></th>`)}</tr>`
    : [];
  const corner = table.groups ? [] : html`<th class="corner"></th>`;
  const head = html`<thead>${groupRow}<tr>${corner}${table.columns.map((c, j) => html`<th scope="col" class="column${start(j)}" title="${c}"><span class="head">${c}</span></th>`)}</tr></thead>`;
  const body = table.rows.map(
    (row) =>
      html`<tr><th scope="row" class="row${row.depth ? ` depth-${Math.min(row.depth, 3)}` : ''}" title="${row.label}">${swatch(row.color)}<span>${row.label}</span></th>${row.cells.map((c, j) => {
        if (c === null) return html`<td class="diagonal${start(j)}"><span aria-hidden="true">–</span></td>`;
        const tint = c.tint
          ? html`<svg class="tint" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true" focusable="false">${tintRects(c.tint, 0, 0, 1, 1)}</svg>`
          : [];
        return html`<td${starts.has(j) ? html` class="group-start"` : []}><button type="button" class="${c.tint ? 'heat' : 'heat zero'}" data-cell="${c.cell}" aria-label="${c.aria}">${tint}<span>${c.text}</span></button></td>`;
      })}</tr>`,
  );
  return html`<div class="table-scroll"><table class="heatmap" aria-label="${table.title}">${head}<tbody>${body}</tbody></table></div>`;
}

const LABEL_WIDTH = 220;
const CELL_WIDTH = 112;
const CELL_HEIGHT = 30;
const LINE_HEIGHT = 15;
const GROUP_GAP = 12;
/** Characters of a column head per line in the SVG, and its lines at most. */
const HEAD_CHARS = 16;
const HEAD_LINES = 3;
const MAX_LABEL = 34;

function clip(text: string, max = MAX_LABEL): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** A label in lines of at most `width` characters, broken after spaces, hyphens and slashes; the last of `lines` ends in … when it is cut. */
export function wrapLabel(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/(?<=[\s\-/])/)) {
    if (Array.from((line + word).trimEnd()).length <= width) {
      line += word;
      continue;
    }
    if (line) out.push(line.trimEnd());
    line = '';
    let rest = Array.from(word);
    while (rest.length > width) {
      out.push(rest.slice(0, width).join(''));
      rest = rest.slice(width);
    }
    line = rest.join('');
  }
  if (line.trimEnd()) out.push(line.trimEnd());
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines);
  kept[lines - 1] = `${Array.from(kept[lines - 1]!).slice(0, width - 1).join('')}…`;
  return kept;
}

function svg(width: number, height: number, title: string, content: SafeHtml[]): SafeHtml {
  return html`<svg class="chart-svg" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="group" aria-label="${title}">${content}</svg>`;
}

/** The table as a picture, for Save as SVG and Save as PNG: the same cells, colours and wrapped heads, every text horizontal. */
export function heatTableSvg(table: HeatTable): SafeHtml {
  const starts = groupStarts(table);
  const xs: number[] = [];
  let x = LABEL_WIDTH;
  table.columns.forEach((_, j) => {
    if (starts.has(j)) x += GROUP_GAP;
    xs.push(x);
    x += CELL_WIDTH;
  });
  const width = x + 8;
  const heads = table.columns.map((c) => wrapLabel(c, HEAD_CHARS, HEAD_LINES));
  const headLines = Math.max(1, ...heads.map((h) => h.length));
  const groupHeight = table.groups ? 24 : 0;
  const top = groupHeight + headLines * LINE_HEIGHT + 10;
  const height = top + CELL_HEIGHT * Math.max(1, table.rows.length);
  const parts: SafeHtml[] = [];
  let first = 0;
  for (const g of table.groups ?? []) {
    const left = xs[first] ?? LABEL_WIDTH;
    const span = g.span * CELL_WIDTH - 2;
    parts.push(html`<text class="label group" x="${left + span / 2}" y="16" text-anchor="middle"><title>${g.label}</title>${clip(g.label, Math.max(4, Math.floor(span / 7.5)))}</text>`);
    first += g.span;
  }
  heads.forEach((lines, j) => {
    const cx = xs[j]! + (CELL_WIDTH - 2) / 2;
    const y0 = top - 8 - (lines.length - 1) * LINE_HEIGHT;
    const tspans = lines.map((l, n) => html`<tspan x="${cx}" y="${y0 + n * LINE_HEIGHT}">${l}</tspan>`);
    parts.push(html`<text class="label" text-anchor="middle"><title>${table.columns[j]!}</title>${tspans}</text>`);
  });
  table.rows.forEach((row, i) => {
    const y = top + i * CELL_HEIGHT;
    const color = safeColor(row.color);
    if (color) parts.push(html`<rect x="0" y="${y + 8}" width="10" height="12" rx="2" fill="${color}"/>`);
    parts.push(html`<text class="label" x="${16 + 12 * Math.min(row.depth ?? 0, 3)}" y="${y + CELL_HEIGHT / 2 + 3}"><title>${row.label}</title>${clip(row.label)}</text>`);
    row.cells.forEach((c, j) => {
      const cx = xs[j]!;
      const box = html`<rect class="cell-box" x="${cx}" y="${y}" width="${CELL_WIDTH - 2}" height="${CELL_HEIGHT - 2}" rx="3"/>`;
      const tint = c?.tint ? tintRects(c.tint, cx, y, CELL_WIDTH - 2, CELL_HEIGHT - 2) : [];
      const kind = c?.tint ? 'cell-text' : 'cell-text zero';
      parts.push(html`${box}${tint}<text class="${kind}" x="${cx + (CELL_WIDTH - 2) / 2}" y="${y + CELL_HEIGHT / 2 + 3}" text-anchor="middle">${c === null ? '–' : c.text}</text>`);
    });
  });
  return svg(width, height, table.title, parts);
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

// ---------------------------------------------------------------------------------------------
// Markdown tables (Copy as Markdown Table)

function mdTable(head: string[], rows: string[][]): string {
  const lines = [`| ${head.map(markdownText).join(' | ')} |`, `| --- |${head.slice(1).map(() => ' ---: |').join('')}`];
  for (const row of rows) lines.push(`| ${row.map(markdownText).join(' | ')} |`);
  return lines.join('\n') + '\n';
}

/** A heatmap's numbers as the page shows them (counts or shares); a group's columns are headed `group: column`. */
export function tableMarkdown(table: HeatTable): string {
  const groups = (table.groups ?? []).flatMap((g) => Array.from({ length: g.span }, () => g.label));
  const head = table.columns.map((c, j) => (groups[j] === undefined ? c : `${groups[j]}: ${c}`));
  return mdTable(['', ...head], table.rows.map((r) => [r.label, ...r.cells.map((c) => c?.text ?? '–')]));
}

export function chartMarkdown(data: StatisticsResult, chart: ChartId, measure: 'count' | 'share', w: StatisticsWords): string {
  switch (chart) {
    case 'matrix':
      return tableMarkdown(matrixTable(data, measure, w));
    case 'crosstab':
      // The panel copies the matrix section's own table (matrixHtml.ts).
      return '';
    case 'frequencies':
      return mdTable([w.codes, w.count], data.frequencies.map((f) => [`${f.name} (#${f.code})`, String(f.count)]));
    case 'cooccurrence':
      return tableMarkdown(cooccurrenceTable(data, w));
    case 'level':
    case 'loop': {
      const k = (data.families ?? []).findIndex((f) => familyChart(f) === chart);
      return k < 0 ? '' : tableMarkdown(familyTable(data, k, measure, w));
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
.counted-once { color: var(--vscode-descriptionForeground); border-left: 3px solid var(--vscode-textBlockQuote-border, var(--vscode-focusBorder)); padding: 0 10px; margin: 0 0 12px; }
.counted-once p, .counted-once ul { margin: 4px 0; }
.filters { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: end; }
.filters label { display: flex; flex-direction: column; gap: 4px; }
select { background: var(--vscode-dropdown-background); color: var(--vscode-dropdown-foreground); border: 1px solid var(--vscode-dropdown-border, transparent); padding: 3px 6px; font: inherit; }
button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: 1px solid var(--vscode-button-border, transparent); padding: 3px 10px; font: inherit; cursor: pointer; border-radius: 2px; }
button:hover { background: var(--vscode-button-secondaryHoverBackground); }
button.link { background: none; border: none; color: var(--vscode-textLink-foreground); padding: 2px 0; text-align: left; }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 0 0 8px; }
.filters label { min-width: 0; max-width: 100%; }
select { max-width: 100%; }
button.link { white-space: normal; }
.chart { overflow-x: auto; max-width: 100%; }
.table-scroll { overflow: auto; width: fit-content; max-width: 100%; max-height: 75vh; }
.heatmap { border-collapse: separate; border-spacing: 0; }
.heatmap th, .heatmap td { padding: 2px; background: var(--vscode-editor-background); }
.heatmap thead { position: sticky; top: 0; z-index: 2; }
.heatmap thead th { font-weight: normal; text-align: center; vertical-align: bottom; min-width: 5.5em; padding-bottom: 6px; }
.heatmap thead th.group { font-weight: 600; vertical-align: top; }
.heatmap .head { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; line-height: 1.3; overflow: hidden; width: max-content; max-width: 11em; margin: 0 auto; overflow-wrap: break-word; }
.heatmap th.group .head { max-width: 20em; }
.heatmap .corner, .heatmap tbody th { position: sticky; left: 0; z-index: 1; }
.heatmap .corner { min-width: 0; }
.heatmap tbody th { font-weight: normal; text-align: left; white-space: nowrap; padding-right: 12px; }
.heatmap tbody th span { display: inline-block; max-width: 16em; overflow: hidden; text-overflow: ellipsis; vertical-align: middle; }
.heatmap .swatch { vertical-align: middle; margin-right: 6px; }
.heatmap tbody th.depth-1 { padding-left: 1.2em; } .heatmap tbody th.depth-2 { padding-left: 2.4em; } .heatmap tbody th.depth-3 { padding-left: 3.6em; }
#matrix-form { margin: 0 0 12px; }
.heatmap .group-start { padding-left: 14px; }
.heatmap td.diagonal { text-align: center; color: var(--vscode-descriptionForeground); }
.heat { position: relative; display: block; width: 100%; min-width: 4.5em; height: 2.2em; padding: 0 8px; overflow: hidden; white-space: nowrap; font-variant-numeric: tabular-nums; border-radius: 3px; background: var(--vscode-editor-background); color: var(--vscode-foreground); border: 1px solid var(--vscode-contrastBorder, var(--vscode-editorWidget-border, #8884)); }
.heat:hover { background: var(--vscode-editor-background); border-color: var(--vscode-focusBorder); }
.heat .tint { position: absolute; left: 0; top: 0; width: 100%; height: 100%; }
.heat span { position: relative; }
.heat.zero { color: var(--vscode-descriptionForeground); border-color: var(--vscode-contrastBorder, transparent); }
.heat.zero:hover { border-color: var(--vscode-focusBorder); }
.tint-dark { display: none; }
body.vscode-dark .tint-dark, body.vscode-high-contrast:not(.vscode-high-contrast-light) .tint-dark { display: inline; }
body.vscode-dark .tint-light, body.vscode-high-contrast:not(.vscode-high-contrast-light) .tint-light { display: none; }
svg text { font-family: var(--vscode-font-family); font-size: 12px; }
svg .label { fill: var(--vscode-foreground); }
svg .group { font-weight: 600; }
svg .cell-box { fill: var(--vscode-editor-background); stroke: var(--vscode-contrastBorder, var(--vscode-editorWidget-border, #8884)); stroke-width: 1; }
svg .cell-text { fill: var(--vscode-foreground); }
svg .cell-text.zero { fill: var(--vscode-descriptionForeground); }
svg .bar-fill { fill: var(--vscode-charts-blue); }
svg [role="button"] { cursor: pointer; outline: none; }
svg .bar:focus-visible .bar-fill, svg .bar:hover .bar-fill { stroke: var(--vscode-focusBorder); stroke-width: 2; }
#list ul { list-style: none; padding: 0; }
#list li { margin: 0 0 8px; }
#list .detail { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.empty { color: var(--vscode-descriptionForeground); }
`;

function option(value: string, label: string, selected: boolean): SafeHtml {
  return html`<option value="${value}"${selected ? html` selected` : []}>${label}</option>`;
}

/** A heatmap's section content: the table shown, and the same as SVG (hidden) for Save as SVG and PNG. */
export function heatChart(table: HeatTable): SafeHtml {
  return html`${heatTableHtml(table)}<div class="export" hidden>${heatTableSvg(table)}</div>`;
}

export function chartSection(id: ChartId, title: string, chart: SafeHtml, w: StatisticsWords, note?: string): SafeHtml {
  return html`<section id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${title}</h2>\
${note === undefined ? [] : html`<p class="summary">${note}</p>`}\
<div class="actions">\
<button type="button" data-action="svg" data-chart="${id}">${w.saveSvg}</button>\
<button type="button" data-action="png" data-chart="${id}">${w.savePng}</button>\
<button type="button" data-action="copy" data-chart="${id}">${w.copy}</button>\
</div><div class="chart">${chart}</div></section>`;
}

/** The whole Statistics page. */
export function statisticsHtml(data: StatisticsResult, view: ViewState, options: PageOptions, matrix?: SafeHtml): string {
  const w = WORDS[options.locale];
  const coders = [option('', w.allCoders, view.coder === null), ...data.coders.map((c) => option(c, c, c === view.coder))];
  const attributeValue = view.attribute ? `${view.attribute.key}=${view.attribute.value}` : '';
  const attributes = [
    option('', w.anyAttribute, view.attribute === null),
    ...data.attributes.flatMap((a) => a.values.map((v) => option(`${a.key}=${v}`, `${a.key}: ${v}`, `${a.key}=${v}` === attributeValue))),
  ];
  const families = (data.families ?? []).flatMap((family, k) => {
    const chart = familyChart(family);
    return chart ? [chartSection(chart, w.family(family.family.name), heatChart(familyTable(data, k, view.measure, w)), w, w.familyNote)] : [];
  });
  const summary = `${data.folderName ? `${data.folderName} · ` : ''}${w.fragments(data.total)}`;
  const charts =
    data.total === 0
      ? html`<p class="empty">${w.empty}</p>`
      : html`${chartSection('matrix', w.matrix, heatChart(matrixTable(data, view.measure, w)), w)}\
${matrix ?? []}\
${chartSection('frequencies', w.frequencies, frequenciesSvg(data, w), w)}\
${chartSection('cooccurrence', w.cooccurrence, heatChart(cooccurrenceTable(data, w)), w)}\
${families}\
<section id="list" aria-live="polite"><h2 id="list-title">${w.listHint}</h2><ul id="list-items"></ul></section>`;
  return webviewPage(options, {
    title: w.title,
    style: STYLE,
    body: html`<h1>${w.title}</h1>
<p class="summary">${summary}</p>
${leftOutNote(data, w)}\
<form id="filters" class="filters" role="search">
<label>${w.coder}<select id="filter-coder">${coders}</select></label>
<label>${w.attribute}<select id="filter-attribute">${attributes}</select></label>
<label>${w.measure}<select id="filter-measure">${option('count', w.count, view.measure === 'count')}${option('share', w.share, view.measure === 'share')}</select></label>
<label>${w.level}<select id="filter-level">${option('aspect', w.aspects, view.cooccurrence === 'aspect')}${option('code', w.codes, view.cooccurrence === 'code')}</select></label>
</form>
${charts}`,
  });
}
