// What privacy detection reports: the rule ids, the two levels and the finding itself. Kept here
// until the findings are wired into the diagnostics (types.ts RuleId, messages.ts).

import type { Located } from '../types';

export type PrivacyRuleId =
  | 'personal-data/name'
  | 'personal-data/email'
  | 'personal-data/phone'
  | 'personal-data/bsn'
  | 'personal-data/iban'
  | 'personal-data/postcode'
  | 'personal-data/address'
  | 'personal-data/title-name'
  | 'personal-data/capitalised'
  | 'personal-data/birth-date';

/** `certain` is shown as a warning and blocks a commit; `likely` is information only. */
export type PrivacyLevel = 'certain' | 'likely';

/**
 * One piece of personal data. `args` fill the message (privacy/messages.ts): always `text` (the
 * words found); for names also `name` (the name it is a form of), `form` (`full`, `first`,
 * `surname`, `variant`), `kind` (`participant`, `place`, `organisation`), `pseudonym` when the
 * key gives one, `ambiguous` (the names, comma-separated) when the words are a form of two people,
 * and `possessive` when a possessive ending (`'s`, `’s`, `s`) follows the span (outside it).
 */
export interface PrivacyFinding extends Located {
  rule: PrivacyRuleId;
  level: PrivacyLevel;
  args: Record<string, string>;
}

/** Every non-name class of certain finding, in the order pseudonymisation names its placeholders. */
export const CATEGORY_RULES = [
  'personal-data/email',
  'personal-data/phone',
  'personal-data/bsn',
  'personal-data/iban',
  'personal-data/postcode',
  'personal-data/address',
] as const satisfies readonly PrivacyRuleId[];

export type CategoryRuleId = (typeof CATEGORY_RULES)[number];
