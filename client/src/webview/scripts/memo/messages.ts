// The messages between the memo editor page (main.ts) and its panel (client/src/memos/editor.ts).
// The panel accepts a message from the page only when `isMemoMessage` says it is one.

import { isRecord } from '../isRecord';

/** A memo longer than this is not taken (a memo is a note, not a transcript). */
export const MAX_MEMO_LENGTH = 20000;

/** What the page posts: it runs; save the memo as written (empty removes it); close without saving. */
export type MemoMessage = { type: 'ready' } | { type: 'save'; memo: string } | { type: 'cancel' };

/** The type guard for every message the memo page sends. */
export function isMemoMessage(value: unknown): value is MemoMessage {
  if (!isRecord(value)) return false;
  switch (value['type']) {
    case 'ready':
    case 'cancel':
      return true;
    case 'save':
      return typeof value['memo'] === 'string' && value['memo'].length <= MAX_MEMO_LENGTH;
    default:
      return false;
  }
}
