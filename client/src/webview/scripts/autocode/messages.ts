// The messages between the auto-coding preview page (main.ts) and its panel
// (client/src/autocode/panel.ts). The panel accepts a message from the page only when
// `isAutocodeMessage` says it is one.

import { isRecord } from '../isRecord';

/** What the page posts: it runs; open match `index`; code the chosen matches; close without coding. */
export type AutocodeMessage = { type: 'ready' } | { type: 'open'; index: number } | { type: 'apply'; chosen: number[] } | { type: 'cancel' };

const isIndex = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** The type guard for every message the auto-coding page sends. */
export function isAutocodeMessage(value: unknown): value is AutocodeMessage {
  if (!isRecord(value)) return false;
  switch (value['type']) {
    case 'ready':
    case 'cancel':
      return true;
    case 'open':
      return isIndex(value['index']);
    case 'apply':
      return Array.isArray(value['chosen']) && value['chosen'].every(isIndex);
    default:
      return false;
  }
}
