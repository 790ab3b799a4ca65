// The privacy messages (findings and key errors, through the one localisation module) and the
// category placeholders written into a transcript (content in each language, not messages).
// The findings' messages move into core/messages.ts when the findings become diagnostics.

import { localize, type Translate } from '../l10n';
import type { Locale } from '../types';
import type { CategoryRuleId, PrivacyFinding, PrivacyRuleId } from './findings';
import type { KeyError, KeyProblem } from './key';

type Template = (t: Translate, args: Readonly<Record<string, string>>) => string;

const FINDINGS: Record<PrivacyRuleId, Template> = {
  'personal-data/name': (t, a) => t('“{text}” is the name of {name}: replace it with a pseudonym before the file is shared.', a),
  'personal-data/email': (t, a) => t('“{text}” is an e-mail address.', a),
  'personal-data/phone': (t, a) => t('“{text}” is a phone number.', a),
  'personal-data/bsn': (t, a) => t('“{text}” is a citizen service number (BSN).', a),
  'personal-data/iban': (t, a) => t('“{text}” is a bank account number (IBAN).', a),
  'personal-data/postcode': (t, a) => t('“{text}” is a postcode.', a),
  'personal-data/address': (t, a) => t('“{text}” is a street address.', a),
  'personal-data/title-name': (t, a) => t('“{text}” may be someone\'s name (it follows a title or role).', a),
  'personal-data/capitalised': (t, a) => t('“{text}” may be a name (a capital in mid-sentence).', a),
  'personal-data/birth-date': (t, a) => t('“{text}” may be a date of birth.', a),
};

export function privacyMessage(finding: Pick<PrivacyFinding, 'rule' | 'args'>, locale: Locale): string {
  return FINDINGS[finding.rule](localize(locale), finding.args);
}

const KEY_ERRORS: Record<KeyProblem, Template> = {
  syntax: (t, a) => t('The key is not valid YAML: {detail}', a),
  'not-mapping': (t) => t('The key must be a list of “Name: Pseudonym” lines.'),
  'too-deep': (t, a) => t('The key is nested too deeply to read (more than {limit} levels).', a),
  'empty-name': (t) => t('This entry has no name.'),
  'not-string': (t, a) => t('“{text}” is not text: write names and pseudonyms as text.', a),
  'empty-pseudonym': (t, a) => t('“{name}” has no pseudonym.', a),
  duplicate: (t, a) => t('“{name}” is already in the key on line {first}.', a),
  contradictory: (t, a) => t('“{name}” is given the pseudonym “{pseudonym}” here, but “{other}” on line {first}.', a),
  'shared-pseudonym': (t, a) => t('The pseudonym “{pseudonym}” of “{name}” is already given to “{other}” on line {first}.', a),
  'pseudonym-is-name': (t, a) => t('The pseudonym “{pseudonym}” of “{name}” is itself a real name in the key: of “{other}” (line {first}).', a),
  'unknown-kind': (t, a) => t('“{kind}” is not a kind: write participant, place or organisation.', a),
  'unknown-field': (t, a) => t('“{field}” is not a field of an entry: use pseudonym, kind and variants.', a),
  'bad-variants': (t, a) => t('The variants of “{name}” must be a list of names, e.g. [Ans, Annie].', a),
};

/** The message of a key error, with its line: `Line 3: “Anna” has no pseudonym.` */
export function keyErrorMessage(error: KeyError, locale: Locale): string {
  const t = localize(locale);
  return t('Line {line}: {message}', { line: error.line, message: KEY_ERRORS[error.problem](t, error.args) });
}

const PLACEHOLDERS: Record<CategoryRuleId, Record<Locale, string>> = {
  'personal-data/email': { nl: '[e-mail]', en: '[e-mail]' },
  'personal-data/phone': { nl: '[telefoonnummer]', en: '[phone number]' },
  'personal-data/bsn': { nl: '[BSN]', en: '[BSN]' },
  'personal-data/iban': { nl: '[IBAN]', en: '[IBAN]' },
  'personal-data/postcode': { nl: '[postcode]', en: '[postcode]' },
  'personal-data/address': { nl: '[adres]', en: '[address]' },
};

export function placeholderOf(rule: CategoryRuleId, locale: Locale): string {
  return PLACEHOLDERS[rule][locale];
}
