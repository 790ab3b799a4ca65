// The personal data that has a shape: e-mail addresses, phone numbers, BSN, IBAN, postcodes,
// street addresses, dates of birth and capitalised words after a title. Each finder is one regular
// expression over the text (plus a checksum where the number has one); none knows about markup:
// detect.ts keeps the findings that lie in text.

import type { Span } from '../types';
import { IBAN_LENGTHS, isValidBsn, isValidIban } from './checksums';
import type { PrivacyLevel, PrivacyRuleId } from './findings';
import { MONTHS, TITLES } from './knownWords';

export interface RawFinding {
  rule: PrivacyRuleId;
  level: PrivacyLevel;
  span: Span;
  args: Record<string, string>;
}

const found = (rule: PrivacyRuleId, level: PrivacyLevel, start: number, text: string, args: Record<string, string> = {}): RawFinding => ({
  rule,
  level,
  span: { start, end: start + text.length },
  args: { text, ...args },
});

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/gu;

export function findEmails(text: string): RawFinding[] {
  return Array.from(text.matchAll(EMAIL), (m) => found('personal-data/email', 'certain', m.index, m[0]));
}

/**
 * Dutch phone numbers: `0` and nine digits (`06-12345678`, `06 1234 5678`, `010-1234567`), or
 * `+31`/`0031` and nine digits (`+31 6 12345678`, `+31 (0)20 123 4567`), with single spaces,
 * dashes or dots between the digits.
 */
const PHONE = /(?<![\p{L}\p{N}+])(?:(?:\+31|0031)[ .-]?(?:\(0\)[ .-]?)?|0(?=[1-9]))\d(?:[ .-]?\d){8}(?![\p{L}\p{N}]|[.,:]\d)/gu;

export function findPhones(text: string): RawFinding[] {
  return Array.from(text.matchAll(PHONE), (m) => found('personal-data/phone', 'certain', m.index, m[0]));
}

/** Nine digits (or `1234.56.782`) that pass the elfproef. */
const BSN = /(?<![\p{L}\p{N}.,-])(?:\d{9}|\d{4}\.\d{2}\.\d{3})(?![\p{L}\p{N}]|[.,-]\d)/gu;

export function findBsns(text: string): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const m of text.matchAll(BSN)) if (isValidBsn(m[0].replace(/\./g, ''))) findings.push(found('personal-data/bsn', 'certain', m.index, m[0]));
  return findings;
}

/** A country code, two check digits and the account, with or without single spaces. */
const IBAN_START = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}/gu;

/** IBANs; `rejected` receives the candidates that have the shape but not the check digits (they are no phone number either). */
export function findIbans(text: string, rejected: Span[] = []): RawFinding[] {
  const findings: RawFinding[] = [];
  // The scan goes on right after an accepted IBAN (two in a row are two), or a character after a
  // rejected candidate's start: its spaces may have taken in a valid IBAN after it.
  const pattern = new RegExp(IBAN_START);
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    // The longest prefix of the candidate that is a valid IBAN and ends at a word's end.
    const candidate = m[0];
    const country = candidate.slice(0, 2);
    const ends: number[] = [];
    let compact = '';
    for (let i = 0; i < candidate.length; i++) {
      if (candidate[i] === ' ') continue;
      compact += candidate[i];
      ends[compact.length] = i + 1;
    }
    const lengths = IBAN_LENGTHS[country] !== undefined ? [IBAN_LENGTHS[country]] : Array.from({ length: 20 }, (_, i) => 34 - i);
    for (const length of lengths) {
      const end = ends[length];
      if (end === undefined || /[\p{L}\p{N}]/u.test(text[m.index + end] ?? '')) continue;
      if (isValidIban(compact.slice(0, length))) {
        // A rejected candidate before it ends where this one starts.
        const before = rejected[rejected.length - 1];
        if (before && before.end > m.index && before.start < m.index) before.end = m.index;
        findings.push(found('personal-data/iban', 'certain', m.index, candidate.slice(0, end)));
        pattern.lastIndex = m.index + end;
        break;
      }
    }
    if (findings[findings.length - 1]?.span.start !== m.index) {
      rejected.push({ start: m.index, end: m.index + candidate.length });
      pattern.lastIndex = m.index + 1;
    }
  }
  return findings;
}

/** `1234 AB` or `1234AB`: no leading zero, and never SS, SA or SD. */
const POSTCODE = /(?<![\p{L}\p{N}])[1-9]\d{3} ?(?!SS|SA|SD)[A-Z]{2}(?![\p{L}\p{N}])/gu;

export function findPostcodes(text: string): RawFinding[] {
  return Array.from(text.matchAll(POSTCODE), (m) => found('personal-data/postcode', 'certain', m.index, m[0]));
}

const STREET_SUFFIXES = [
  'straat', 'weg', 'laan', 'plein', 'gracht', 'kade', 'singel', 'dreef', 'hof', 'pad', 'steeg', 'dijk', 'markt', 'park', 'plantsoen',
  'baan', 'wal', 'haven', 'veld', 'dam', 'kanaal', 'boulevard', 'erf', 'hoek', 'ring', 'straatweg', 'wetering', 'vaart', 'zijl', 'burcht',
];

/** A capitalised street name ending in a street word, then a house number (`Kerkstraat 12`, `Dorpsweg 3a`, `Laan 7-II`). */
const ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}])\\p{Lu}[\\p{L}\\p{M}'’-]*(?:${STREET_SUFFIXES.join('|')})[ \\t]+\\d{1,5}(?:[ -]?[a-zA-Z](?![\\p{L}\\p{N}])|-\\d{1,4}|-[IVX]+)?(?![\\p{L}\\p{N}]|[.,:]\\d)`,
  'gu',
);

export function findAddresses(text: string): RawFinding[] {
  return Array.from(text.matchAll(ADDRESS), (m) => found('personal-data/address', 'certain', m.index, m[0]));
}

/** Both first-letter cases of a lower-case word, for patterns that cannot use the `i` flag. */
const eitherCase = (word: string): string => `[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}`;
const ABBREVIATED = new Set(['mevr', 'dhr', 'mw', 'mr', 'mrs', 'ms', 'dr', 'drs', 'ir', 'ing', 'prof']);
const TITLE = TITLES.map((t) => (ABBREVIATED.has(t) ? `${eitherCase(t)}\\.?` : eitherCase(t))).join('|');
const PREFIX = ['van', 'de', 'der', 'den', 'ter', 'ten', 'te', 'het', "'t", 'in', 'op', 'el', 'al'].map(eitherCase).join('|');

/** A title or role, then a capitalised word (after prefixes: `mevrouw De Vries`, `meneer van Dam`). */
const TITLE_NAME = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${TITLE})[ \\t]+((?:(?:${PREFIX})[ \\t]+)*\\p{Lu}[\\p{Ll}\\p{M}]+(?:-\\p{Lu}[\\p{Ll}\\p{M}]+)?)(?![\\p{L}\\p{N}])`,
  'gdu',
);

export function findTitleNames(text: string): RawFinding[] {
  return Array.from(text.matchAll(TITLE_NAME), (m) => {
    const [start] = m.indices![1]!;
    return found('personal-data/title-name', 'likely', start, m[1]!);
  });
}

const MONTH = [...MONTHS, 'jan'].join('|');
const DATE = `\\d{1,2}[-/.]\\d{1,2}[-/.](?:\\d{4}|\\d{2})|\\d{1,2}(?:e|ste|de|st|nd|rd|th)?[ \\t]+(?:${MONTH})\\.?[ \\t]+\\d{4}|(?:${MONTH})\\.?[ \\t]+\\d{1,2}(?:st|nd|rd|th)?,?[ \\t]+\\d{4}`;

/** A date after `geboren (op)`, `geb.`, `geboortedatum`, `born (on)`, `date of birth`. */
const BIRTH_DATE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:geboren|geb\\.|geboortedatum|born|date of birth|d\\.o\\.b\\.|dob)(?:[ \\t]+(?:op|on|in))?[ \\t]*:?[ \\t]*(${DATE})(?![\\p{L}\\p{N}])`,
  'gdiu',
);

export function findBirthDates(text: string): RawFinding[] {
  return Array.from(text.matchAll(BIRTH_DATE), (m) => found('personal-data/birth-date', 'likely', m.indices![1]![0], m[1]!));
}
