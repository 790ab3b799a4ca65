// The Statistics page's script: clicks and keys on cells and bars, the filters, the SVG and PNG
// exports (of a chart's svg.chart-svg: a heatmap's hidden twin of its table), and the list of a
// cell's fragments (built as text). Bundled into dist/webview/statistics.js.

import { panelPoster } from '../panelApi';
import { isRecord } from '../isRecord';
import { isChart, type ChartId, type FragmentsMessage, type StatisticsMessage } from './messages';

const post = panelPoster<StatisticsMessage>();


function activate(target: Element): boolean {
  const cell = target.closest('[data-cell]');
  if (!cell) return false;
  post({ type: 'cell', id: cell.getAttribute('data-cell') ?? '' });
  return true;
}

document.addEventListener('click', (event) => {
  const target = event.target;
  if (!(target instanceof Element)) return;
  if (activate(target)) return;
  const button = target.closest('button[data-action]');
  if (!button) return;
  const chart = button.getAttribute('data-chart');
  if (!isChart(chart)) return;
  const action = button.getAttribute('data-action');
  if (action === 'svg') post({ type: 'saveSvg', chart, svg: serialize(chart) });
  else if (action === 'png') png(chart);
  else if (action === 'copy') post({ type: 'copyMarkdown', chart });
});

document.addEventListener('keydown', (event) => {
  const target = event.target;
  // A heatmap cell is a <button>: its keys already make a click.
  if (!(target instanceof Element) || !target.matches('[data-cell]') || target instanceof HTMLButtonElement) return;
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    activate(target);
  }
});

document.getElementById('filters')?.addEventListener('change', () => {
  const value = (id: string): string => {
    const element = document.getElementById(id);
    return element instanceof HTMLSelectElement ? element.value : '';
  };
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

document.getElementById('matrix-form')?.addEventListener('change', () => {
  const value = (id: string): string => {
    const element = document.getElementById(id);
    return element instanceof HTMLSelectElement ? element.value : '';
  };
  const measure = value('matrix-measure');
  const percent = value('matrix-percent');
  post({
    type: 'matrix',
    rows: value('matrix-rows'),
    columns: value('matrix-columns'),
    measure: measure === 'documents' || measure === 'characters' ? measure : 'fragments',
    percent: percent === 'row' || percent === 'column' ? percent : 'none',
    relation: value('matrix-relation') || 'fragment',
  });
});

/** The presentation attributes a saved chart keeps, resolved from the theme's CSS variables. */
const STYLE_PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'font-family', 'font-size', 'font-weight'];

function chartSvg(chart: ChartId): SVGSVGElement | null {
  return document.querySelector<SVGSVGElement>(`#${chart} svg.chart-svg`);
}

/** The chart as a standalone SVG: computed styles written out, what the theme hides, the page's classes and handles left out. */
function serialize(chart: ChartId): string {
  const svg = chartSvg(chart);
  if (!svg) return '<svg xmlns="http://www.w3.org/2000/svg"/>';
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((element, i) => {
    const copy = to[i]!;
    const style = getComputedStyle(element);
    // The tint of the other kind of theme (light or dark) is left out.
    if (style.display === 'none') {
      copy.remove();
      return;
    }
    for (const prop of STYLE_PROPS) {
      const v = style.getPropertyValue(prop);
      if (v) copy.setAttribute(prop, v);
    }
    copy.removeAttribute('class');
    copy.removeAttribute('tabindex');
    copy.removeAttribute('data-cell');
  });
  return new XMLSerializer().serializeToString(clone);
}

/** The chart drawn at twice its size on the page's background, as a PNG data URL. */
function png(chart: ChartId): void {
  const svg = chartSvg(chart);
  if (!svg) return;
  const width = Number(svg.getAttribute('width')) || 600;
  const height = Number(svg.getAttribute('height')) || 400;
  const image = new Image();
  image.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = width * 2;
    canvas.height = height * 2;
    const context = canvas.getContext('2d');
    if (!context) return;
    context.scale(2, 2);
    context.fillStyle = getComputedStyle(document.body).backgroundColor;
    context.fillRect(0, 0, width, height);
    context.drawImage(image, 0, 0, width, height);
    post({ type: 'savePng', chart, dataUrl: canvas.toDataURL('image/png') });
  };
  image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(serialize(chart));
}

function isFragmentsMessage(value: unknown): value is FragmentsMessage {
  return isRecord(value) && value['type'] === 'fragments' && Array.isArray(value['items']);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isFragmentsMessage(message)) return;
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
  list.querySelector('button')?.focus();
});

post({ type: 'ready' });
