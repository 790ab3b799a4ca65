// The paragraphs in a stretch of a transcript (a speaker's turn, a heading's section): runs of
// lines that are not blank, split at list items, without headings, div fences, thematic breaks
// and fenced code. Whether each can be coded as a block is decided by reading the result back.

import type { LineIndex } from '../parse';
import type { Span } from '../types';

const BLANK = /^[ \t]*$/;
const HEADING = /^ {0,3}#{1,6}(\s|$)/;
const DIV_FENCE = /^ {0,3}:{3,}/;
const BREAK = /^ {0,3}(?:[-=*_][ \t]*){3,}$/;
const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]/;

export function paragraphsIn(text: string, lines: LineIndex, span: Span): Span[] {
  const paragraphs: Span[] = [];
  const first = lines.lineOf(span.start);
  const last = lines.lineOf(Math.max(span.start, span.end - 1));
  let open: Span | undefined;
  let fence: string | undefined;
  const close = (): void => {
    if (open) paragraphs.push(trimmed(text, open));
    open = undefined;
  };
  for (let l = first; l <= last; l++) {
    const start = Math.max(lines.lineStarts[l]!, span.start);
    const end = Math.min(lines.lineEnd(l), span.end);
    const line = text.slice(start, end);
    const codeFence = CODE_FENCE.exec(line);
    if (fence !== undefined) {
      if (codeFence && codeFence[1]![0] === fence[0] && codeFence[1]!.length >= fence.length) fence = undefined;
      continue;
    }
    if (codeFence) {
      close();
      fence = codeFence[1]!;
      continue;
    }
    if (BLANK.test(line) || HEADING.test(line) || DIV_FENCE.test(line) || BREAK.test(line)) {
      close();
      continue;
    }
    if (LIST_ITEM.test(line)) close();
    if (open) open.end = end;
    else open = { start, end };
  }
  close();
  return paragraphs.filter((p) => p.start < p.end);
}

function trimmed(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}
