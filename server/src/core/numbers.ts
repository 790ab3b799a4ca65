// Numbers as a reader of the locale writes them: 79,0 % and 1.000 in Dutch, 79.0 % and 1,000 in English.

import type { Locale } from './types';

const TAGS: Readonly<Record<Locale, string>> = { en: 'en-US', nl: 'nl-NL' };

function format(locale: Locale, digits: number): Intl.NumberFormat {
  return new Intl.NumberFormat(TAGS[locale], { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** `value` with `digits` decimals (none by default), grouped by thousands. */
export function formatNumber(value: number, locale: Locale, digits = 0): string {
  return format(locale, digits).format(value);
}

/** A percentage (`value` in percent) with one decimal: `79,0 %` in Dutch, `79.0 %` in English. */
export function formatPercent(value: number, locale: Locale, digits = 1): string {
  return `${format(locale, digits).format(value)} %`;
}

/** A percentage or `–` where there is none. */
export function formatShare(value: number | null, locale: Locale): string {
  return value === null ? '–' : formatPercent(value, locale);
}

/** A coefficient (κ, α) with three decimals, or `–`; never "-0.000" for a value that rounding left a hair below 0. */
export function formatCoefficient(value: number | null, locale: Locale): string {
  if (value === null) return '–';
  return formatNumber(Math.abs(value) < 0.0005 ? 0 : value, locale, 3);
}
