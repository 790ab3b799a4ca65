// Attribute blocks (SYNTAX.md §2): `{ … }` on one line, items separated by white space or commas.

import { isCodePath } from '../codes';
import type { Span } from '../types';

export type AttributeItem =
  | { kind: 'code'; path: string; valid: boolean; span: Span }
  | { kind: 'pair'; key: string; value: string; span: Span }
  | { kind: 'word'; word: string; span: Span };

export interface ScannedBlock {
  /** From `{` to just after `}`. */
  span: Span;
  items: AttributeItem[];
  /** It holds at least one `#…` item, valid or not: it is meant to code. */
  coding: boolean;
}

const KEY_CHAR = /[\p{L}\p{N}_.:-]/u;

function isSeparator(c: string): boolean {
  return c === ' ' || c === '\t' || c === ',';
}

function isLineBreak(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}

/**
 * Scans the attribute block whose `{` is at `open`. Returns undefined when it is not closed on
 * its line (an unclosed string counts as unclosed). Linear in the length of the line.
 */
export function scanAttributeBlock(text: string, open: number): ScannedBlock | undefined {
  const items: AttributeItem[] = [];
  let i = open + 1;
  for (;;) {
    while (i < text.length && isSeparator(text[i]!)) i++;
    const c = text[i];
    if (c === undefined || isLineBreak(c)) return undefined;
    if (c === '}') break;
    const start = i;
    if (c === '#') {
      while (i < text.length && !isSeparator(text[i]!) && text[i] !== '}' && !isLineBreak(text[i])) i++;
      const path = text.slice(start + 1, i);
      items.push({ kind: 'code', path, valid: isCodePath(path), span: { start, end: i } });
      continue;
    }
    while (i < text.length && KEY_CHAR.test(text[i]!)) i++;
    const key = text.slice(start, i);
    if (text[i] === '=' && key) {
      i++;
      let value = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text[i];
          if (q === undefined || isLineBreak(q)) return undefined;
          i++;
          if (q === '"') break;
          if (q === '\\' && (text[i] === '"' || text[i] === '\\')) {
            value += text[i];
            i++;
          } else if (q === '\\' && text[i] === 'n') {
            value += '\n'; // a line break of a multi-line memo
            i++;
          } else value += q;
        }
      } else {
        const valueStart = i;
        while (i < text.length && !isSeparator(text[i]!) && text[i] !== '}' && !isLineBreak(text[i])) i++;
        value = text.slice(valueStart, i);
      }
      items.push({ kind: 'pair', key, value, span: { start, end: i } });
      continue;
    }
    // A bare word, a class (`.smallcaps`) or anything else up to the next separator.
    while (i < text.length && !isSeparator(text[i]!) && text[i] !== '}' && !isLineBreak(text[i])) i++;
    if (i === start) i++; // a stray character such as `=` or `"`: step over it
    items.push({ kind: 'word', word: text.slice(start, i), span: { start, end: i } });
  }
  return { span: { start: open, end: i + 1 }, items, coding: items.some((item) => item.kind === 'code') };
}

