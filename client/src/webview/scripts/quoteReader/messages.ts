// The messages between the quote reader's page (main.ts) and its panel
// (client/src/quoteReader/panel.ts). The panel accepts a message from the page only when
// `isQuoteReaderMessage` says it is one.

import { isRecord } from '../isRecord';

/** What the page posts: it runs; open quote `index`; show the next page of quotes. */
export type QuoteReaderMessage = { type: 'ready' } | { type: 'open'; index: number } | { type: 'more' };

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
    default:
      return false;
  }
}

export function isItemsMessage(value: unknown): value is ItemsMessage {
  return isRecord(value) && value['type'] === 'items' && typeof value['html'] === 'string' && (value['more'] === null || typeof value['more'] === 'string');
}
