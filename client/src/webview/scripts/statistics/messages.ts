// The messages between the Statistics page (main.ts) and its panel (client/src/statistics/panel.ts).
// The panel accepts a message from the page only when `isStatisticsMessage` says it is one.

import { isRecord } from '../isRecord';

/** The aspects against the learning level (`#niveau/…`) and the loop (`#lus/…`). */
export type FamilyChartId = 'level' | 'loop';
/** `crosstab`: the matrix of chosen rows × columns. */
export type ChartId = 'matrix' | 'crosstab' | 'frequencies' | 'cooccurrence' | FamilyChartId;
const CHARTS: readonly ChartId[] = ['matrix', 'crosstab', 'frequencies', 'cooccurrence', 'level', 'loop'];

/** What the page posts. */
export type StatisticsMessage =
  | { type: 'ready' }
  | { type: 'filter'; coder: string | null; attribute: { key: string; value: string } | null; measure: 'count' | 'share'; cooccurrence: 'aspect' | 'code' }
  | { type: 'matrix'; rows: string; columns: string; measure: 'fragments' | 'documents' | 'characters'; percent: 'none' | 'row' | 'column'; relation: string }
  | { type: 'cell'; id: string }
  | { type: 'open'; index: number }
  | { type: 'saveSvg'; chart: ChartId; svg: string }
  | { type: 'savePng'; chart: ChartId; dataUrl: string }
  | { type: 'copyMarkdown'; chart: ChartId };

/** What the panel posts: the fragments of the cell or bar chosen, listed by the page as text. */
export interface FragmentsMessage {
  type: 'fragments';
  title: string;
  items: { index: number; label: string; detail: string }[];
}

/** Largest SVG and PNG data URL accepted from the page. */
export const MAX_SVG_LENGTH = 5_000_000;
export const MAX_PNG_LENGTH = 30_000_000;

const CELL_ID = /^(?:m:\d{1,6}:\d{1,6}|x:\d{1,6}:\d{1,6}|f:\d{1,6}|c:\d{1,6}:\d{1,6}|v:\d{1,2}:\d{1,6}:\d{1,6}(?::\d{1,6})?)$/;
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

export function isChart(value: unknown): value is ChartId {
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
    case 'matrix':
      return (
        isShortString(value['rows']) &&
        isShortString(value['columns']) &&
        ['fragments', 'documents', 'characters'].includes(value['measure'] as string) &&
        ['none', 'row', 'column'].includes(value['percent'] as string) &&
        isShortString(value['relation'], 20)
      );
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
