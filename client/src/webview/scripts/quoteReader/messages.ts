// The messages between the quote reader's page (main.ts) and its panel
// (client/src/quoteReader/panel.ts). The panel accepts a message from the page only when
// `isQuoteReaderMessage` says it is one.

import { isRecord } from '../isRecord';

/** Longest query the page sends. */
export const MAX_QUERY_LENGTH = 4000;

/**
 * What the page posts: it runs; open quote `index`; show the next page of quotes; check the query
 * being typed in the query box; filter the quotes by a query (empty: no filter).
 */
export type QuoteReaderMessage =
  | { type: 'ready' }
  | { type: 'open'; index: number }
  | { type: 'more' }
  | { type: 'check'; query: string }
  | { type: 'query'; query: string };

/** What the panel says of a query being typed: what is wrong with it (null: nothing), or how many quotes it has. */
export interface CheckedMessage {
  type: 'checked';
  query: string;
  error: string | null;
  status: string;
}

/**
 * What the panel posts: the next page of quotes as list items (markup made by the panel's escaping
 * template from the transcripts' words, never by the page), and the label of the Show More button
 * (null when every quote is shown).
 */
export interface ItemsMessage {
  type: 'items';
  html: string;
  more: string | null;
}

/** The type guard for every message the quote reader's page sends. */
export function isQuoteReaderMessage(value: unknown): value is QuoteReaderMessage {
  if (!isRecord(value)) return false;
  switch (value['type']) {
    case 'ready':
    case 'more':
      return true;
    case 'open':
      return Number.isSafeInteger(value['index']) && (value['index'] as number) >= 0;
    case 'check':
    case 'query':
      return typeof value['query'] === 'string' && value['query'].length <= MAX_QUERY_LENGTH;
    default:
      return false;
  }
}

export function isItemsMessage(value: unknown): value is ItemsMessage {
  return isRecord(value) && value['type'] === 'items' && typeof value['html'] === 'string' && (value['more'] === null || typeof value['more'] === 'string');
}

export function isCheckedMessage(value: unknown): value is CheckedMessage {
  return (
    isRecord(value) &&
    value['type'] === 'checked' &&
    typeof value['query'] === 'string' &&
    (value['error'] === null || typeof value['error'] === 'string') &&
    typeof value['status'] === 'string'
  );
}
