// Words compared as a researcher reads them: case and accents folded, whole words only, white
// space between them of any kind (a line break in a paragraph is a space).

import { foldWord, WORD } from '../privacy/fold';
import type { Span } from '../types';

/** The folded words of `text` and the separators between them (white space as one space). */
export interface WordPattern {
  words: string[];
  separators: string[];
  /** The pattern over text folded letter by letter (see `foldLetters`), built on first use. */
  regex?: RegExp;
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

const ASCII_UPPER = /[A-Z]/g;
const NON_ASCII = /[^\x00-\x7f]/g;
const MARK = /\p{M}/u;
const BLANK_LINE = /\n[ \t]*\r?\n|\r[ \t]*\r/;

/**
 * The text folded one UTF-16 unit at a time, so offsets stay the same: what foldWord makes of each
 * letter. Undefined where that cannot keep the length (combining marks written apart, a letter
 * whose folded form is longer): then the words are compared one by one.
 */
function foldLetters(piece: string): string | undefined {
  if (MARK.test(piece)) return undefined;
  let exact = true;
  const folded = piece.replace(ASCII_UPPER, (c) => c.toLowerCase()).replace(NON_ASCII, (c) => {
    const f = foldWord(c);
    if (f.length !== 1) exact = false;
    return f.length === 1 ? f : c;
  });
  return exact ? folded : undefined;
}

function patternRegex(pattern: WordPattern): RegExp {
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const separator = (s: string): string => s.split(' ').map(escape).join('\\s+');
  let source = escape(pattern.words[0]!);
  pattern.words.slice(1).forEach((word, i) => (source += separator(pattern.separators[i]!) + escape(word)));
  return (pattern.regex ??= new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${source}(?![\\p{L}\\p{M}\\p{N}])`, 'gu'));
}

/**
 * Every place in `text[span]` where the pattern's words follow each other with the same
 * separators; never across a blank line. Spans run from the first word's start to the last's end.
 */
export function findWords(text: string, span: Span, pattern: WordPattern): Span[] {
  const n = pattern.words.length;
  if (n === 0) return [];
  const piece = text.slice(span.start, span.end);
  const folded = foldLetters(piece);
  if (folded !== undefined) {
    const found: Span[] = [];
    const regex = patternRegex(pattern);
    regex.lastIndex = 0;
    for (const m of folded.matchAll(regex)) if (!BLANK_LINE.test(m[0])) found.push({ start: span.start + m.index, end: span.start + m.index + m[0].length });
    return found;
  }
  return findWordByWord(piece, span.start, pattern);
}

function findWordByWord(piece: string, offset: number, pattern: WordPattern): Span[] {
  const n = pattern.words.length;
  const found: Span[] = [];
  const tokens: { start: number; end: number; word: string }[] = [];
  for (const m of piece.matchAll(WORD)) tokens.push({ start: m.index, end: m.index + m[0].length, word: m[0] });
  const first = pattern.words[0]!;
  for (let i = 0; i + n <= tokens.length; i++) {
    if (foldWord(tokens[i]!.word) !== first) continue;
    let ok = true;
    for (let k = 1; k < n && ok; k++) {
      const sep = piece.slice(tokens[i + k - 1]!.end, tokens[i + k]!.start);
      ok = foldWord(tokens[i + k]!.word) === pattern.words[k] && sep.replace(SPACE, ' ') === pattern.separators[k - 1] && !BLANK_LINE.test(sep);
    }
    if (ok) found.push({ start: offset + tokens[i]!.start, end: offset + tokens[i + n - 1]!.end });
  }
  return found;
}

/** Whether `pattern`'s words occur in `text` as whole words (a heading's text, a speaker's name). */
export function containsWords(text: string, pattern: WordPattern): boolean {
  return findWords(text, { start: 0, end: text.length }, pattern).length > 0;
}
