// The check digits of Dutch identifying numbers.

/** The elfproef of a BSN: 9 digits, weights 9…2 and -1 on the last, sum divisible by 11 (not all zero). */
export function isValidBsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || digits === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (digits.charCodeAt(i) - 48);
  sum -= digits.charCodeAt(8) - 48;
  return sum % 11 === 0;
}

/** ISO 13616 mod-97 of an IBAN written without spaces (letters in either case). */
export function isValidIban(iban: string): boolean {
  const compact = iban.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const c of rearranged) {
    const value = c >= 'A' ? c.charCodeAt(0) - 55 : c.charCodeAt(0) - 48;
    remainder = (value >= 10 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/** IBAN lengths of the countries a Dutch corpus meets most; others may be 15 to 34 long. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  NL: 18, BE: 16, DE: 22, FR: 27, GB: 22, ES: 24, IT: 27, LU: 20, AT: 20, CH: 21, PL: 28, TR: 26, MA: 28, PT: 25, IE: 22, DK: 18, SE: 24, NO: 15, FI: 18,
};
