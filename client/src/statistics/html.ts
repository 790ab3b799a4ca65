// The Statistics webview's page: the aspect × practice heatmap, code frequencies as bars and the
// co-occurrence matrix, as plain SVG inside HTML. No vscode import, so plain Node tests can check
// it. Every string that comes from a transcript or the codebook is HTML-escaped here; the page's
// one script carries the nonce of a strict Content-Security-Policy and builds the fragment lists
// with textContent. Messages from the page are checked by `isStatisticsMessage` before use.

import type { StatisticsResult } from '../../../server/src/protocol';
import { escapeHtml, markdownText } from '../../../server/src/core/outputEscaping';
import type { Locale } from '../../../server/src/core/types';

// ---------------------------------------------------------------------------------------------
// Escaping and the security policy, shared with the agreement report

export { escapeHtml };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** A `#RGB` or `#RRGGBB` colour, else undefined: only such colours reach an attribute. */
export function safeColor(color: string | undefined): string | undefined {
  return color !== undefined && /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(color) ? color : undefined;
}

/** A policy in a double-quoted attribute: its single quotes stay readable. */
export function policyAttribute(policy: string): string {
  return policy.replace(/[&"<>]/g, (c) => HTML_ESCAPES[c]!);
}

/** A strict policy: nothing by default; styles and scripts only with the nonce; images from the webview's own resources and data: (the PNG export). */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** A whole webview page: the strict policy, the page's own style and script (both with the nonce). */
export function webviewPage(page: { locale: Locale; title: string; nonce: string; cspSource: string; style: string; body: string; script: string }): string {
  const nonce = escapeHtml(page.nonce);
  return `<!DOCTYPE html>
<html lang="${page.locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policyAttribute(contentSecurityPolicy(page.cspSource, page.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style nonce="${nonce}">${page.style}</style>
</head>
<body>
${page.body}
<script nonce="${nonce}">${page.script}</script>
</body>
</html>
`;
}

export interface PageOptions {
  /** A fresh random nonce per rendering (base64 or hex). */
  nonce: string;
  /** The webview's `cspSource`. */
  cspSource: string;
  locale: Locale;
}

// ---------------------------------------------------------------------------------------------
// Messages from the page

export type ChartId = 'matrix' | 'frequencies' | 'cooccurrence';
const CHARTS: readonly ChartId[] = ['matrix', 'frequencies', 'cooccurrence'];

export type StatisticsMessage =
  | { type: 'ready' }
  | { type: 'filter'; coder: string | null; attribute: { key: string; value: string } | null; measure: 'count' | 'share'; cooccurrence: 'aspect' | 'code' }
  | { type: 'cell'; id: string }
  | { type: 'open'; index: number }
  | { type: 'saveSvg'; chart: ChartId; svg: string }
  | { type: 'savePng'; chart: ChartId; dataUrl: string }
  | { type: 'copyMarkdown'; chart: ChartId };

/** Largest SVG and PNG data URL accepted from the page. */
export const MAX_SVG_LENGTH = 5_000_000;
export const MAX_PNG_LENGTH = 30_000_000;

const CELL_ID = /^(?:m:\d{1,6}:\d{1,6}|f:\d{1,6}|c:\d{1,6}:\d{1,6})$/;
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isChart(value: unknown): value is ChartId {
  return typeof value === 'string' && (CHARTS as readonly string[]).includes(value);
}

function isShortString(value: unknown, max = 1000): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** The type guard for every message the Statistics page sends. */
export function isStatisticsMessage(value: unknown): value is StatisticsMessage {
  if (!isRecord(value)) return false;
  switch (value['type']) {
    case 'ready':
      return true;
    case 'filter': {
      const attribute = value['attribute'];
      return (
        (value['coder'] === null || isShortString(value['coder'])) &&
        (attribute === null || (isRecord(attribute) && isShortString(attribute['key']) && isShortString(attribute['value']))) &&
        (value['measure'] === 'count' || value['measure'] === 'share') &&
        (value['cooccurrence'] === 'aspect' || value['cooccurrence'] === 'code')
      );
    }
    case 'cell':
      return typeof value['id'] === 'string' && CELL_ID.test(value['id']);
    case 'open':
      return Number.isSafeInteger(value['index']) && (value['index'] as number) >= 0;
    case 'saveSvg': {
      const svg = value['svg'];
      return isChart(value['chart']) && typeof svg === 'string' && svg.length <= MAX_SVG_LENGTH && /^<svg[\s>]/.test(svg);
    }
    case 'savePng': {
      const url = value['dataUrl'];
      return isChart(value['chart']) && typeof url === 'string' && url.length <= MAX_PNG_LENGTH && PNG_DATA_URL.test(url);
    }
    case 'copyMarkdown':
      return isChart(value['chart']);
    default:
      return false;
  }
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
function heatCell(x: number, y: number, value: number, max: number, label: string, cell: string, ariaLabel: string): string {
  const strength = max > 0 ? value / max : 0;
  const opacity = value === 0 ? 0 : 0.12 + 0.88 * strength;
  const dark = opacity > 0.55 ? ' strong' : '';
  return (
    `<g class="cell${dark}" role="button" tabindex="0" data-cell="${escapeHtml(cell)}" aria-label="${escapeHtml(ariaLabel)}">` +
    `<rect class="cell-box" x="${x}" y="${y}" width="${CELL_WIDTH - 2}" height="${CELL_HEIGHT - 2}" rx="3"/>` +
    `<rect class="cell-fill" x="${x}" y="${y}" width="${CELL_WIDTH - 2}" height="${CELL_HEIGHT - 2}" rx="3" fill-opacity="${opacity.toFixed(3)}"/>` +
    `<text class="cell-text" x="${x + (CELL_WIDTH - 2) / 2}" y="${y + CELL_HEIGHT / 2 + 3}" text-anchor="middle">${escapeHtml(label)}</text>` +
    `</g>`
  );
}

function rowLabel(y: number, text: string, color?: string): string {
  const swatch = safeColor(color);
  const mark = swatch ? `<rect x="0" y="${y + 9}" width="10" height="12" rx="2" fill="${swatch}"/>` : '';
  return `${mark}<text class="label" x="16" y="${y + CELL_HEIGHT / 2 + 3}"><title>${escapeHtml(text)}</title>${escapeHtml(clip(text))}</text>`;
}

function columnLabel(x: number, text: string): string {
  const cx = x + (CELL_WIDTH - 2) / 2;
  const y = HEADER_HEIGHT - 8;
  return `<text class="label" x="${cx}" y="${y}" transform="rotate(-35 ${cx} ${y})"><title>${escapeHtml(text)}</title>${escapeHtml(clip(text, 30))}</text>`;
}

function svgOpen(width: number, height: number, title: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="group" aria-label="${escapeHtml(title)}">`;
}

export function matrixSvg(data: StatisticsResult, measure: 'count' | 'share', w: StatisticsWords): string {
  const width = LABEL_WIDTH + CELL_WIDTH * Math.max(1, data.practices.length) + SLANT_ROOM;
  const height = HEADER_HEIGHT + CELL_HEIGHT * Math.max(1, data.aspects.length);
  const values = data.matrix.map((row) => row.map((n, j) => (measure === 'share' ? (data.practiceTotals[j] ? n / data.practiceTotals[j]! : 0) : n)));
  const max = Math.max(0, ...values.flat());
  const parts = [svgOpen(width, height, w.matrix)];
  data.practices.forEach((p, j) => parts.push(columnLabel(LABEL_WIDTH + j * CELL_WIDTH, p.label)));
  data.aspects.forEach((a, i) => {
    const y = HEADER_HEIGHT + i * CELL_HEIGHT;
    parts.push(rowLabel(y, a.name, a.color));
    data.practices.forEach((p, j) => {
      const n = data.matrix[i]![j]!;
      const label = measure === 'share' ? formatShare(n, data.practiceTotals[j]!) : String(n);
      parts.push(heatCell(LABEL_WIDTH + j * CELL_WIDTH, y, values[i]![j]!, max, label, `m:${i}:${j}`, w.cellMatrix(a.name, p.label, label)));
    });
  });
  parts.push('</svg>');
  return parts.join('');
}

export function frequenciesSvg(data: StatisticsResult, w: StatisticsWords): string {
  const barArea = 360;
  const rowHeight = 26;
  const width = LABEL_WIDTH + barArea + 60;
  const height = Math.max(1, data.frequencies.length) * rowHeight + 8;
  const max = Math.max(1, ...data.frequencies.map((f) => f.count));
  const parts = [svgOpen(width, height, w.frequencies)];
  data.frequencies.forEach((f, i) => {
    const y = 4 + i * rowHeight;
    const barWidth = Math.max(2, (f.count / max) * barArea);
    const color = safeColor(f.color);
    const name = f.name === f.code ? `#${f.code}` : `${f.name} (#${f.code})`;
    parts.push(
      `<g class="bar" role="button" tabindex="0" data-cell="f:${i}" aria-label="${escapeHtml(w.cellFrequency(name, f.count))}">` +
        `<text class="label" x="0" y="${y + 16}"><title>${escapeHtml(name)}</title>${escapeHtml(clip(name))}</text>` +
        `<rect class="bar-fill" x="${LABEL_WIDTH}" y="${y + 3}" width="${barWidth.toFixed(1)}" height="${rowHeight - 8}" rx="2"${color ? ` fill="${color}"` : ''}/>` +
        `<text class="label" x="${(LABEL_WIDTH + barWidth + 6).toFixed(1)}" y="${y + 16}">${f.count}</text>` +
        `</g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

export function cooccurrenceSvg(data: StatisticsResult, w: StatisticsWords): string {
  const codes = data.cooccurrence.codes;
  const width = LABEL_WIDTH + CELL_WIDTH * Math.max(1, codes.length) + SLANT_ROOM;
  const height = HEADER_HEIGHT + CELL_HEIGHT * Math.max(1, codes.length);
  const max = Math.max(0, ...data.cooccurrence.counts.flat());
  const parts = [svgOpen(width, height, w.cooccurrence)];
  codes.forEach((c, j) => parts.push(columnLabel(LABEL_WIDTH + j * CELL_WIDTH, c.name)));
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
  parts.push('</svg>');
  return parts.join('');
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
  }
}

// ---------------------------------------------------------------------------------------------
// The page

const STYLE = `
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

/** The page's script: clicks and keys on cells, the filters, the exports, the fragment list. */
const SCRIPT = `
(function () {
  const vscode = acquireVsCodeApi();
  const post = (message) => vscode.postMessage(message);
  const activate = (target) => {
    const cell = target.closest('[data-cell]');
    if (cell) { post({ type: 'cell', id: cell.getAttribute('data-cell') }); return true; }
    return false;
  };
  document.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    if (activate(target)) return;
    const button = target.closest('button[data-action]');
    if (!button) return;
    const chart = button.getAttribute('data-chart');
    const action = button.getAttribute('data-action');
    if (action === 'svg') post({ type: 'saveSvg', chart, svg: serialize(chart) });
    else if (action === 'png') png(chart);
    else if (action === 'copy') post({ type: 'copyMarkdown', chart });
  });
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (!(target instanceof Element) || !target.matches('[data-cell]')) return;
    if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); activate(target); }
  });
  const filters = document.getElementById('filters');
  if (filters) filters.addEventListener('change', () => {
    const value = (id) => { const el = document.getElementById(id); return el ? el.value : ''; };
    const attribute = value('filter-attribute');
    const split = attribute.indexOf('=');
    post({
      type: 'filter',
      coder: value('filter-coder') || null,
      attribute: split > 0 ? { key: attribute.slice(0, split), value: attribute.slice(split + 1) } : null,
      measure: value('filter-measure') === 'share' ? 'share' : 'count',
      cooccurrence: value('filter-level') === 'code' ? 'code' : 'aspect',
    });
  });
  const STYLE_PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'font-family', 'font-size', 'font-weight'];
  function serialize(chart) {
    const svg = document.querySelector('#' + chart + ' svg');
    if (!svg) return '<svg xmlns="http://www.w3.org/2000/svg"/>';
    const clone = svg.cloneNode(true);
    const from = [svg, ...svg.querySelectorAll('*')];
    const to = [clone, ...clone.querySelectorAll('*')];
    from.forEach((el, i) => {
      const style = getComputedStyle(el);
      for (const prop of STYLE_PROPS) { const v = style.getPropertyValue(prop); if (v) to[i].setAttribute(prop, v); }
      to[i].removeAttribute('class'); to[i].removeAttribute('tabindex'); to[i].removeAttribute('data-cell');
    });
    return new XMLSerializer().serializeToString(clone);
  }
  function png(chart) {
    const svg = document.querySelector('#' + chart + ' svg');
    if (!svg) return;
    const width = Number(svg.getAttribute('width')) || 600;
    const height = Number(svg.getAttribute('height')) || 400;
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = width * 2; canvas.height = height * 2;
      const context = canvas.getContext('2d');
      context.scale(2, 2);
      context.fillStyle = getComputedStyle(document.body).backgroundColor;
      context.fillRect(0, 0, width, height);
      context.drawImage(image, 0, 0, width, height);
      post({ type: 'savePng', chart, dataUrl: canvas.toDataURL('image/png') });
    };
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(serialize(chart));
  }
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'fragments' || !Array.isArray(message.items)) return;
    const title = document.getElementById('list-title');
    const list = document.getElementById('list-items');
    if (!title || !list) return;
    title.textContent = String(message.title);
    list.replaceChildren();
    for (const item of message.items) {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.className = 'link';
      button.textContent = String(item.label);
      button.addEventListener('click', () => post({ type: 'open', index: Number(item.index) }));
      const detail = document.createElement('div');
      detail.className = 'detail';
      detail.textContent = String(item.detail);
      li.append(button, detail);
      list.append(li);
    }
    const first = list.querySelector('button');
    if (first) first.focus();
  });
  post({ type: 'ready' });
})();
`;

function option(value: string, label: string, selected: boolean): string {
  return `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
}

function chartSection(id: ChartId, title: string, svg: string, w: StatisticsWords): string {
  return (
    `<section id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${escapeHtml(title)}</h2>` +
    `<div class="actions">` +
    `<button type="button" data-action="svg" data-chart="${id}">${escapeHtml(w.saveSvg)}</button>` +
    `<button type="button" data-action="png" data-chart="${id}">${escapeHtml(w.savePng)}</button>` +
    `<button type="button" data-action="copy" data-chart="${id}">${escapeHtml(w.copy)}</button>` +
    `</div><div class="chart">${svg}</div></section>`
  );
}

/** The whole Statistics page. */
export function statisticsHtml(data: StatisticsResult, view: ViewState, options: PageOptions): string {
  const w = WORDS[options.locale];
  const { nonce } = options;
  const coders = [option('', w.allCoders, view.coder === null), ...data.coders.map((c) => option(c, c, c === view.coder))];
  const attributeValue = view.attribute ? `${view.attribute.key}=${view.attribute.value}` : '';
  const attributes = [
    option('', w.anyAttribute, view.attribute === null),
    ...data.attributes.flatMap((a) => a.values.map((v) => option(`${a.key}=${v}`, `${a.key}: ${v}`, `${a.key}=${v}` === attributeValue))),
  ];
  const summary = `${data.folderName ? `${data.folderName} · ` : ''}${w.fragments(data.total)}`;
  const body =
    data.total === 0
      ? `<p class="empty">${escapeHtml(w.empty)}</p>`
      : chartSection('matrix', w.matrix, matrixSvg(data, view.measure, w), w) +
        chartSection('frequencies', w.frequencies, frequenciesSvg(data, w), w) +
        chartSection('cooccurrence', w.cooccurrence, cooccurrenceSvg(data, w), w) +
        `<section id="list" aria-live="polite"><h2 id="list-title">${escapeHtml(w.listHint)}</h2><ul id="list-items"></ul></section>`;
  return webviewPage({
    locale: options.locale,
    title: w.title,
    nonce,
    cspSource: options.cspSource,
    style: STYLE,
    script: SCRIPT,
    body: `<h1>${escapeHtml(w.title)}</h1>
<p class="summary">${escapeHtml(summary)}</p>
<form id="filters" class="filters" role="search">
<label>${escapeHtml(w.coder)}<select id="filter-coder">${coders.join('')}</select></label>
<label>${escapeHtml(w.attribute)}<select id="filter-attribute">${attributes.join('')}</select></label>
<label>${escapeHtml(w.measure)}<select id="filter-measure">${option('count', w.count, view.measure === 'count')}${option('share', w.share, view.measure === 'share')}</select></label>
<label>${escapeHtml(w.level)}<select id="filter-level">${option('aspect', w.aspects, view.cooccurrence === 'aspect')}${option('code', w.codes, view.cooccurrence === 'code')}</select></label>
</form>
${body}`,
  });
}
