// Words compared as a researcher reads them: case and accents folded, whole words only, white
// space between them of any kind (a line break in a paragraph is a space).

import { foldWord, WORD } from '../privacy/fold';
import type { Span } from '../types';

/** The folded words of `text` and the separators between them (white space as one space). */
export interface WordPattern {
  words: string[];
  separators: string[];
}

const SPACE = /\s+/g;

export function wordPattern(text: string): WordPattern {
  const words: string[] = [];
  const separators: string[] = [];
  let last = -1;
  for (const m of text.matchAll(WORD)) {
    if (last >= 0) separators.push(text.slice(last, m.index).replace(SPACE, ' '));
    words.push(foldWord(m[0]));
    last = m.index + m[0].length;
  }
  return { words, separators };
}

/**
 * Every place in `text[span]` where the pattern's words follow each other with the same
 * separators; never across a blank line. Spans run from the first word's start to the last's end.
 */
export function findWords(text: string, span: Span, pattern: WordPattern): Span[] {
  const n = pattern.words.length;
  if (n === 0) return [];
  const found: Span[] = [];
  const piece = text.slice(span.start, span.end);
  const tokens: { start: number; end: number; word: string }[] = [];
  for (const m of piece.matchAll(WORD)) tokens.push({ start: m.index, end: m.index + m[0].length, word: m[0] });
  const first = pattern.words[0]!;
  for (let i = 0; i + n <= tokens.length; i++) {
    if (foldWord(tokens[i]!.word) !== first) continue;
    let ok = true;
    for (let k = 1; k < n && ok; k++) {
      const sep = piece.slice(tokens[i + k - 1]!.end, tokens[i + k]!.start);
      ok = foldWord(tokens[i + k]!.word) === pattern.words[k] && sep.replace(SPACE, ' ') === pattern.separators[k - 1] && !/\n[ \t]*\r?\n|\r[ \t]*\r/.test(sep);
    }
    if (ok) found.push({ start: span.start + tokens[i]!.start, end: span.start + tokens[i + n - 1]!.end });
  }
  return found;
}

/** Whether `pattern`'s words occur in `text` as whole words (a heading's text, a speaker's name). */
export function containsWords(text: string, pattern: WordPattern): boolean {
  return findWords(text, { start: 0, end: text.length }, pattern).length > 0;
}
