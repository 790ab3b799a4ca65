// Where a new code goes in a codebook: after the last code of its nearest defined ancestor's
// family (so a sub-code lands under its parent), else at the end; written as a heading whose
// level follows the code's depth.

import { LineIndex, parseCodebook, parseTranscript, stripBom } from '../core/parse';
import { isWithin, parentOf } from '../core/codes';

/** A display name for a code: its last segment, words apart, first letter upper case. */
export function nameOfCode(code: string): string {
  const last = code.slice(code.lastIndexOf('/') + 1).replace(/[-_]+/g, ' ').trim();
  return last.charAt(0).toLocaleUpperCase() + last.slice(1);
}

export interface Insertion {
  /** Offset into the text (after a byte-order mark). */
  offset: number;
  newText: string;
}

export function codebookInsertion(rawText: string, code: string): Insertion {
  const text = stripBom(rawText);
  const eol = /\r\n?|\n/.exec(text)?.[0] ?? '\n';
  const heading = `${'#'.repeat(Math.min(6, code.split('/').length))} ${nameOfCode(code)} {#${code}}`;
  const codebook = parseCodebook(text);
  const defined = new Set(codebook.codes.map((c) => c.code));
  let anchor = parentOf(code);
  while (anchor !== undefined && !defined.has(anchor)) anchor = parentOf(anchor);
  if (anchor !== undefined) {
    const family = codebook.codes.filter((c) => isWithin(c.code, anchor!) && c.definition);
    const last = family.reduce((a, b) => (b.definition!.span.start > a.definition!.span.start ? b : a));
    const next = parseTranscript(text).headings.find((h) => h.span.start > last.definition!.span.start);
    if (next) {
      const lines = new LineIndex(text);
      const offset = lines.lineStarts[lines.lineOf(next.span.start)]!;
      const before = text.slice(0, offset);
      const blankBefore = /(\r\n?|\n)[ \t]*(\r\n?|\n)$/.test(before) || before === '';
      return { offset, newText: `${blankBefore ? '' : eol}${heading}${eol}${eol}` };
    }
  }
  if (text === '') return { offset: 0, newText: `${heading}${eol}` };
  const endsBlank = /(\r\n?|\n)[ \t]*(\r\n?|\n)$/.test(text);
  const endsLine = /(\r\n?|\n)$/.test(text);
  const lead = endsBlank ? '' : endsLine ? eol : eol + eol;
  return { offset: text.length, newText: `${lead}${heading}${eol}` };
}

/** The text with the insertion applied. */
export function withInsertion(text: string, insertion: Insertion): string {
  const source = stripBom(text);
  return source.slice(0, insertion.offset) + insertion.newText + source.slice(insertion.offset);
}
