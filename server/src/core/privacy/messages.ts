// The privacy messages in English and Dutch: findings, key errors and the category placeholders.
// They move into core/messages.ts when the findings become diagnostics.

import type { Locale } from '../types';
import type { CategoryRuleId, PrivacyFinding, PrivacyRuleId } from './findings';
import type { KeyError, KeyProblem } from './key';

type Template = (a: Record<string, string>) => string;

const FINDINGS: Record<PrivacyRuleId, Record<Locale, Template>> = {
  'personal-data/name': {
    en: (a) => `“${a['text']}” is the name of ${a['name']}: replace it with a pseudonym before the file is shared.`,
    nl: (a) => `“${a['text']}” is de naam van ${a['name']}: vervang die door een pseudoniem voordat het bestand gedeeld wordt.`,
  },
  'personal-data/email': {
    en: (a) => `“${a['text']}” is an e-mail address.`,
    nl: (a) => `“${a['text']}” is een e-mailadres.`,
  },
  'personal-data/phone': {
    en: (a) => `“${a['text']}” is a phone number.`,
    nl: (a) => `“${a['text']}” is een telefoonnummer.`,
  },
  'personal-data/bsn': {
    en: (a) => `“${a['text']}” is a citizen service number (BSN).`,
    nl: (a) => `“${a['text']}” is een burgerservicenummer (BSN).`,
  },
  'personal-data/iban': {
    en: (a) => `“${a['text']}” is a bank account number (IBAN).`,
    nl: (a) => `“${a['text']}” is een bankrekeningnummer (IBAN).`,
  },
  'personal-data/postcode': {
    en: (a) => `“${a['text']}” is a postcode.`,
    nl: (a) => `“${a['text']}” is een postcode.`,
  },
  'personal-data/address': {
    en: (a) => `“${a['text']}” is a street address.`,
    nl: (a) => `“${a['text']}” is een adres.`,
  },
  'personal-data/title-name': {
    en: (a) => `“${a['text']}” may be someone's name (it follows a title or role).`,
    nl: (a) => `“${a['text']}” is misschien iemands naam (het volgt op een titel of rol).`,
  },
  'personal-data/capitalised': {
    en: (a) => `“${a['text']}” may be a name (a capital in mid-sentence).`,
    nl: (a) => `“${a['text']}” is misschien een naam (een hoofdletter midden in een zin).`,
  },
  'personal-data/birth-date': {
    en: (a) => `“${a['text']}” may be a date of birth.`,
    nl: (a) => `“${a['text']}” is misschien een geboortedatum.`,
  },
};

export function privacyMessage(finding: Pick<PrivacyFinding, 'rule' | 'args'>, locale: Locale): string {
  return FINDINGS[finding.rule][locale](finding.args);
}

const KEY_ERRORS: Record<KeyProblem, Record<Locale, Template>> = {
  syntax: {
    en: (a) => `The key is not valid YAML: ${a['detail']}`,
    nl: (a) => `De sleutel is geen geldige YAML: ${a['detail']}`,
  },
  'not-mapping': {
    en: () => 'The key must be a list of “Name: Pseudonym” lines.',
    nl: () => 'De sleutel moet bestaan uit regels “Naam: Pseudoniem”.',
  },
  'too-deep': {
    en: (a) => `The key is nested too deeply to read (more than ${a['limit']} levels).`,
    nl: (a) => `De sleutel is te diep genest om te lezen (meer dan ${a['limit']} niveaus).`,
  },
  'empty-name': {
    en: () => 'This entry has no name.',
    nl: () => 'Deze regel heeft geen naam.',
  },
  'not-string': {
    en: (a) => `“${a['text']}” is not text: write names and pseudonyms as text.`,
    nl: (a) => `“${a['text']}” is geen tekst: schrijf namen en pseudoniemen als tekst.`,
  },
  'empty-pseudonym': {
    en: (a) => `“${a['name']}” has no pseudonym.`,
    nl: (a) => `“${a['name']}” heeft geen pseudoniem.`,
  },
  duplicate: {
    en: (a) => `“${a['name']}” is already in the key on line ${a['first']}.`,
    nl: (a) => `“${a['name']}” staat al in de sleutel op regel ${a['first']}.`,
  },
  contradictory: {
    en: (a) => `“${a['name']}” is given the pseudonym “${a['pseudonym']}” here, but “${a['other']}” on line ${a['first']}.`,
    nl: (a) => `“${a['name']}” krijgt hier het pseudoniem “${a['pseudonym']}”, maar op regel ${a['first']} “${a['other']}”.`,
  },
  'shared-pseudonym': {
    en: (a) => `The pseudonym “${a['pseudonym']}” of “${a['name']}” is already given to “${a['other']}” on line ${a['first']}.`,
    nl: (a) => `Het pseudoniem “${a['pseudonym']}” van “${a['name']}” is al gegeven aan “${a['other']}” op regel ${a['first']}.`,
  },
  'pseudonym-is-name': {
    en: (a) => `The pseudonym “${a['pseudonym']}” of “${a['name']}” is itself a real name in the key: of “${a['other']}” (line ${a['first']}).`,
    nl: (a) => `Het pseudoniem “${a['pseudonym']}” van “${a['name']}” is zelf een echte naam in de sleutel: van “${a['other']}” (regel ${a['first']}).`,
  },
  'unknown-kind': {
    en: (a) => `“${a['kind']}” is not a kind: write participant, place or organisation.`,
    nl: (a) => `“${a['kind']}” is geen soort: schrijf participant, place of organisation.`,
  },
  'unknown-field': {
    en: (a) => `“${a['field']}” is not a field of an entry: use pseudonym, kind and variants.`,
    nl: (a) => `“${a['field']}” is geen veld van een regel: gebruik pseudonym, kind en variants.`,
  },
  'bad-variants': {
    en: (a) => `The variants of “${a['name']}” must be a list of names, e.g. [Ans, Annie].`,
    nl: (a) => `De varianten van “${a['name']}” moeten een lijst namen zijn, bijvoorbeeld [Ans, Annie].`,
  },
};

/** The message of a key error, with its line: `Line 3: “Anna” has no pseudonym.` */
export function keyErrorMessage(error: KeyError, locale: Locale): string {
  return `${locale === 'nl' ? 'Regel' : 'Line'} ${error.line}: ${KEY_ERRORS[error.problem][locale](error.args)}`;
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
