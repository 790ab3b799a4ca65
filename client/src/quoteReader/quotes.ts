// The quote reader's pure parts: the quotes of a node in reading order (each fragment once), a
// quote read from its transcript's text as one line per speaker turn, and the line of context
// before it. No vscode import, so plain Node tests can check it.
//
// Only the words are read here: the server has found the fragments; this reads back their ranges
// and takes off the Markdown around the words (labels, attribute blocks, brackets, fences).

import type { FragmentSummary } from '../../../server/src/protocol';
import type { Range } from '../../../server/src/core/types';

/** One speaker turn of a quote (or a heading in it, without a speaker). */
export interface Turn {
  speaker?: string;
  text: string;
  heading?: true;
}

/** Longest line of context, in characters (cut at a word at its start, with `…`). */
export const CONTEXT_LENGTH = 160;

const collator = new Intl.Collator('en', { numeric: true });

/** The same fragment is a leaf under every sub-code it has; it is read once. */
function fragmentKey(f: FragmentSummary): string {
  const { start, end } = f.fullRange;
  return `${f.key}#${start.line}:${start.character}-${end.line}:${end.character}`;
}

function comparePositions(a: Range['start'], b: Range['start']): number {
  return a.line - b.line || a.character - b.character;
}

/** The fragments once each, by transcript path, then by where they start, the outer one first. */
export function orderQuotes(fragments: readonly FragmentSummary[]): FragmentSummary[] {
  const seen = new Set<string>();
  const unique = fragments.filter((f) => {
    const key = fragmentKey(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) =>
      collator.compare(a.path, b.path) ||
      collator.compare(a.key, b.key) ||
      comparePositions(a.fullRange.start, b.fullRange.start) ||
      comparePositions(b.fullRange.end, a.fullRange.end),
  );
}

// ---------------------------------------------------------------------------------------------
// Reading the text

/** The offsets where each line starts (lines end at \n, \r\n or \r, as in LSP). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** The offset of an LSP position (UTF-16 columns), clamped to its line and the text. */
export function offsetAt(text: string, starts: readonly number[], position: Range['start']): number {
  if (position.line < 0) return 0;
  if (position.line >= starts.length) return text.length;
  const start = starts[position.line]!;
  const next = position.line + 1 < starts.length ? starts[position.line + 1]! : text.length;
  let end = next;
  while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return Math.min(start + Math.max(0, position.character), end);
}

/** `**S1:**` or `**S1**:`, after quote markers and a timestamp `[00:12:34]`. */
const STRONG_LABEL = /^\s*(?:>\s*)*(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*)?\*\*([^*\n\r]{1,60}?)(?::\*\*|\*\*:)\s*/;
/** `S1:` at the start of a paragraph: a label only for a speaker the transcripts know. */
const PLAIN_LABEL = /^\s*(?:>\s*)*(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*)?([\p{L}\p{N}][^:\n\r]{0,60}?):(?=\s|$)\s*/u;
const HEADING = /^ {0,3}(#{1,6})(?:\s+|$)/;
const FENCE = /^ {0,3}:{3,}/;
const FRONT_MATTER = /^(?:---|\.\.\.)\s*$/;
/** A Kader attribute block: `{#code memo="…"}`, `{.class}`, `{key=value}`. */
const ATTRIBUTES = /\s*\{(?=\s*[#.]|\s*[\p{L}_][\w-]*\s*=)(?:"[^"]*"|'[^']*'|[^{}"'])*\}/gu;

/** A line's speaker label and the rest of the line, when it opens with one. */
function labelOf(line: string, speakers: ReadonlySet<string>): { speaker: string; rest: string } | undefined {
  const strong = STRONG_LABEL.exec(line);
  if (strong) return { speaker: strong[1]!.trim(), rest: line.slice(strong[0].length) };
  const plain = PLAIN_LABEL.exec(line);
  if (plain && speakers.has(plain[1]!.trim())) return { speaker: plain[1]!.trim(), rest: line.slice(plain[0].length) };
  return undefined;
}

/** A fragment's closing bracket and attribute block: `]{#code memo="…"}`. */
const FRAGMENT_END = new RegExp(`\\]${ATTRIBUTES.source.replace('\\s*', '')}`, 'u');

/** A fragment's brackets taken off (`[words]{#code}` → `words`); other brackets (`[lacht]`) stay. */
function withoutFragments(line: string): string {
  let text = line;
  for (let end = FRAGMENT_END.exec(text); end; end = FRAGMENT_END.exec(text)) {
    let open = -1;
    for (let i = end.index - 1, depth = 0; i >= 0 && open < 0; i--) {
      if (text[i] === ']') depth++;
      else if (text[i] === '[' && depth-- === 0) open = i;
    }
    // Its `[` may lie before the words read (a quote inside a fragment): then only its end goes.
    text = open < 0 ? text.slice(0, end.index) + text.slice(end.index + end[0].length) : text.slice(0, open) + text.slice(open + 1, end.index) + text.slice(end.index + end[0].length);
  }
  // A `[` that nothing closes opens a fragment whose end lies after the words read.
  const lastClose = text.lastIndexOf(']');
  return text.slice(0, lastClose + 1) + text.slice(lastClose + 1).replace(/\[/g, '');
}

/** Markdown's marks taken off a line's words: attribute blocks, fragment brackets, links, emphasis, escapes. */
export function plainWords(line: string): string {
  return withoutFragments(line.replace(/\\([\\`*_{}[\]()#+\-.!:>"'])/g, (_, c: string) => `\u0000${c.charCodeAt(0)}\u0000`))
    .replace(ATTRIBUTES, '')
    .replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/\*\*|__|\*/g, '')
    .replace(/\u0000(\d+)\u0000/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The quote in `range` of `text`, one line per speaker turn: a speaker label starts a turn; lines
 * and paragraphs after it belong to it until the next label or heading; a heading is a line of its
 * own. Words before the first label are `speaker`'s (the fragment's: the turn it starts in).
 * `speakers` are the names a plain label (`S1:`) may have.
 */
export function quoteTurns(text: string, range: Range, speaker: string | undefined, speakers: ReadonlySet<string> = new Set()): Turn[] {
  const starts = lineStarts(text);
  const from = offsetAt(text, starts, range.start);
  const to = Math.max(from, offsetAt(text, starts, range.end));
  // Where the quote starts inside a line, a label before it in that line is not in the quote.
  const atLineStart = from === 0 || /[\n\r]/.test(text[from - 1]!) || /^\s*$/.test(text.slice(starts[range.start.line] ?? from, from));
  const lines = text.slice(from, to).split(/\r\n|\r|\n/);
  const turns: Turn[] = [];
  let current: Turn | undefined;
  let newParagraph = true;
  lines.forEach((line, i) => {
    if (/^\s*$/.test(line)) {
      newParagraph = true;
      return;
    }
    if (FENCE.test(line) || (FRONT_MATTER.test(line) && newParagraph)) {
      newParagraph = true;
      return;
    }
    const heading = HEADING.exec(line);
    if (heading && (i > 0 || atLineStart)) {
      turns.push({ text: plainWords(line.slice(heading[0].length).replace(/\s+#+\s*$/, '')), heading: true });
      current = undefined;
      newParagraph = true;
      return;
    }
    const label = newParagraph && (i > 0 || atLineStart) ? labelOf(line, speakers) : undefined;
    newParagraph = false;
    if (label) {
      current = { speaker: label.speaker, text: plainWords(label.rest) };
      turns.push(current);
      return;
    }
    const words = plainWords(line);
    if (!words) return;
    if (current) {
      current.text = current.text ? `${current.text} ${words}` : words;
      return;
    }
    current = turns.length === 0 && speaker !== undefined ? { speaker, text: words } : { text: words };
    turns.push(current);
  });
  return turns.filter((turn) => turn.text !== '' || turn.speaker !== undefined);
}

/** A paragraph's lines as one line of words: its label as `S1: `, a heading as its words. */
function paragraphWords(lines: readonly string[], speakers: ReadonlySet<string>): string {
  const first = lines[0] ?? '';
  const heading = HEADING.exec(first);
  if (heading) return plainWords(first.slice(heading[0].length).replace(/\s+#+\s*$/, ''));
  const label = labelOf(first, speakers);
  const words = plainWords([label ? label.rest : first, ...lines.slice(1)].join(' '));
  return label ? `${label.speaker}: ${words}`.trim() : words;
}

/** The end of `words`, at most `max` characters, cut at a word with `…` in front. */
export function lastWords(words: string, max = CONTEXT_LENGTH): string {
  if (words.length <= max) return words;
  const from = words.length - max + 1;
  let tail = words.slice(from);
  // A word cut in two is left out.
  const space = words[from - 1] === ' ' ? -1 : tail.indexOf(' ');
  if (space >= 0 && space < max * 0.4) tail = tail.slice(space + 1);
  return `…${tail.trimStart()}`;
}

/**
 * The line of context before the quote in `range`: the words before it in its paragraph (with the
 * paragraph's label), or, when it starts its paragraph, the paragraph before (the previous turn or
 * the heading above). Empty at the start of a transcript.
 */
export function contextBefore(text: string, range: Range, speakers: ReadonlySet<string> = new Set()): string {
  const starts = lineStarts(text);
  const lineOf = (n: number): string => text.slice(starts[n]!, n + 1 < starts.length ? starts[n + 1]! : text.length).replace(/[\r\n]+$/, '');
  const blank = (line: string): boolean => /^\s*$/.test(line) || FENCE.test(line);
  const line = Math.min(Math.max(range.start.line, 0), starts.length - 1);
  const from = offsetAt(text, starts, range.start);

  // The paragraph of the quote's start, up to the quote.
  let top = line;
  while (top > 0 && !blank(lineOf(top - 1)) && !HEADING.test(lineOf(top)) && !FRONT_MATTER.test(lineOf(top - 1))) top--;
  const before = [...Array.from({ length: line - top }, (_, k) => lineOf(top + k)), text.slice(starts[line]!, from)];
  if (!HEADING.test(before[0] ?? '')) {
    const label = labelOf(before[0] ?? '', speakers);
    const words = plainWords([label ? label.rest : before[0]!, ...before.slice(1)].join(' '));
    if (words) return lastWords(label ? `${label.speaker}: ${words}` : words);
  }

  // The paragraph before it.
  let end = top - 1;
  while (end >= 0 && blank(lineOf(end))) end--;
  if (end < 0 || FRONT_MATTER.test(lineOf(end))) return '';
  let start = end;
  while (start > 0 && !blank(lineOf(start - 1)) && !HEADING.test(lineOf(start)) && !FRONT_MATTER.test(lineOf(start - 1))) start--;
  const lines = Array.from({ length: end - start + 1 }, (_, k) => lineOf(start + k));
  return lastWords(paragraphWords(lines, speakers));
}

/** The speakers the quotes name: the names a plain label `S1:` may have. */
export function speakersOf(fragments: readonly FragmentSummary[]): Set<string> {
  const names = new Set<string>();
  for (const f of fragments) if (f.speaker) names.add(f.speaker);
  return names;
}
