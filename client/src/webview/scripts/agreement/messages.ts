// The messages the coding comparison page (main.ts) posts to its panel (client/src/agreement/panel.ts),
// which accepts one only when `isAgreementMessage` says it is one. The panel posts nothing back.

import { isRecord } from '../isRecord';

export type Side = 'a' | 'b';

export type AgreementMessage =
  | { type: 'ready' }
  | { type: 'open'; id: number; side: Side }
  | { type: 'accept'; id: number; side: Side }
  | { type: 'threshold'; value: number }
  | { type: 'refresh' }
  | { type: 'guide' };

const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isSide = (value: unknown): value is Side => value === 'a' || value === 'b';

/** A segment overlap in percent the page may ask for. */
export function isThreshold(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 100;
}

/** The type guard for every message the report page sends. */
export function isAgreementMessage(value: unknown): value is AgreementMessage {
  if (!isRecord(value)) return false;
  switch (value['type']) {
    case 'ready':
    case 'refresh':
    case 'guide':
      return true;
    case 'open':
    case 'accept':
      return isId(value['id']) && isSide(value['side']);
    case 'threshold':
      return isThreshold(value['value']);
    default:
      return false;
  }
}
