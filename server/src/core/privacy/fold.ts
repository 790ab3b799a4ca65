// Folding a word for comparison: any case, letters with or without diacritics, and the Cyrillic
// and Greek letters that look exactly like Latin ones (a name pasted with `В` for `B` is the
// same name). Folding keeps nothing but the comparison key: spans always come from the text.

/** Cyrillic and Greek letters that are drawn like a Latin letter (after lower-casing). */
const LOOKALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ν: 'v',
};
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'gu');
const MARKS = /\p{M}/gu;
const ASCII = /^[\x00-\x7f]*$/;

/** The comparison key of a word: lower case, diacritics removed, look-alike letters made Latin. */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  if (ASCII.test(lower)) return lower;
  return lower
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(LOOKALIKE, (c) => LOOKALIKES[c]!)
    .normalize('NFC');
}

/** A word token: letters (with their combining marks) and digits. `S1` and `Zoë` are one word each. */
export const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** The words of a name, folded: `Jan-Willem van der Berg` → `jan willem van der berg`. */
export function foldedWords(name: string): string[] {
  return Array.from(name.matchAll(WORD), (m) => foldWord(m[0]));
}

const UPPER = /^\p{Lu}/u;
const TITLE_CASE = /^\p{Lu}[\p{Ll}\p{M}]*(?:['’-]\p{L}[\p{Ll}\p{M}]*)*$/u;

/** Starts with a capital letter (`Roos`, `ROOS`), as a name does. */
export function isCapitalised(word: string): boolean {
  return UPPER.test(word);
}

/** One capital and then small letters (`Roos`, not `ROOS` or `AVG` or `iPad`). */
export function isTitleCase(word: string): boolean {
  return TITLE_CASE.test(word);
}
