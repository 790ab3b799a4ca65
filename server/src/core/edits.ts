// The text edits that code, recode and uncode (SYNTAX.md §3). The client applies them as one
// undoable workspace edit; uncoding removes exactly the markup that coding added.

import { isCodePath, withoutHash } from './codes';
import { LineIndex, stripBom } from './text';
import type { Fragment, FragmentKind, Locale, Position, Range, Span, Transcript } from './types';

export type CodingAction =
  | { action: 'code'; range: Range; codes: string[] }
  | { action: 'addCode'; position: Position; code: string }
  | { action: 'removeCode'; position: Position; code: string }
  | { action: 'uncode'; position: Position };

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface CodingResult {
  edits: TextEdit[];
  shape?: FragmentKind;
  message?: string;
}

const MESSAGES = {
  emptySelection: { en: 'Select the words to code first.', nl: 'Selecteer eerst de woorden die je wilt coderen.' },
  noCodes: { en: 'Choose at least one code.', nl: 'Kies ten minste één code.' },
  invalidCode: {
    en: (c: string) => `"${c}" is not a valid code: use letters, digits, - and _, with / between levels.`,
    nl: (c: string) => `"${c}" is geen geldige code: gebruik letters, cijfers, - en _, met / tussen niveaus.`,
  },
  overlap: {
    en: 'The selection overlaps a coded fragment only in part. Select the whole fragment, or words inside it.',
    nl: 'De selectie overlapt maar voor een deel met een gecodeerd fragment. Selecteer het hele fragment, of woorden erbinnen.',
  },
  noFragment: { en: 'There is no coded fragment here.', nl: 'Hier staat geen gecodeerd fragment.' },
  alreadyCoded: { en: (c: string) => `This fragment already has #${c}.`, nl: (c: string) => `Dit fragment heeft #${c} al.` },
  notCoded: { en: (c: string) => `This fragment does not have #${c}.`, nl: (c: string) => `Dit fragment heeft #${c} niet.` },
} as const;

/** The innermost fragment whose full range holds `offset` (and carries `code`, if given). */
export function fragmentAt(model: Transcript, offset: number, code?: string): Fragment | undefined {
  let best: Fragment | undefined;
  for (const f of model.fragments) {
    if (f.full.span.start > offset) break;
    if (offset > f.full.span.end || (code !== undefined && !f.codes.includes(code))) continue;
    if (!best || f.full.span.end - f.full.span.start <= best.full.span.end - best.full.span.start) best = f;
  }
  return best;
}

/** Applies non-overlapping edits to a text (for tests and for the CLI). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

interface Block {
  start: number;
  end: number;
  heading: boolean;
}

const BLANK_LINE = /^[ \t]*$/;

/** The stretch of non-blank lines around `offset`, as the user sees a paragraph. */
function blockAround(text: string, lines: LineIndex, offset: number): Block {
  let first = lines.lineOf(offset);
  let last = first;
  const lineText = (l: number): string => text.slice(lines.lineStarts[l]!, lines.lineEnd(l));
  const isHeading = (l: number): boolean => /^ {0,3}#{1,6}(\s|$)/.test(lineText(l));
  const isFence = (l: number): boolean => /^ {0,3}:{3,}/.test(lineText(l));
  if (!isHeading(first)) {
    while (first > 0 && !BLANK_LINE.test(lineText(first - 1)) && !isHeading(first - 1) && !isFence(first - 1)) first--;
    while (last + 1 < lines.lineCount && !BLANK_LINE.test(lineText(last + 1)) && !isHeading(last + 1) && !isFence(last + 1)) last++;
  }
  return { start: lines.lineStarts[first]!, end: lines.lineEnd(last), heading: isHeading(first) };
}

function trimmed(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

function codeList(codes: string[]): string {
  return codes.map((c) => `#${c}`).join(' ');
}

export function codingEdits(rawText: string, model: Transcript, action: CodingAction, locale: Locale = 'en'): CodingResult {
  const text = stripBom(rawText);
  const lines = new LineIndex(text);
  const edit = (span: Span, newText: string): TextEdit => ({ range: lines.range(span), newText });
  const addTo = (fragment: Fragment, codes: string[]): TextEdit[] => {
    const missing = codes.filter((c) => !fragment.codes.includes(c));
    if (missing.length === 0) return [];
    const close = fragment.attributeBlock.end - 1;
    return [edit({ start: close, end: close }, ` ${codeList(missing)}`)];
  };
  const uncode = (fragment: Fragment): TextEdit[] => fragment.markup.map((span) => edit(span, ''));

  switch (action.action) {
    case 'code': {
      const codes = [...new Set(action.codes.map((c) => withoutHash(c.trim())))];
      if (codes.length === 0) return { edits: [], message: MESSAGES.noCodes[locale] };
      const invalid = codes.find((c) => !isCodePath(c));
      if (invalid !== undefined) return { edits: [], message: MESSAGES.invalidCode[locale](invalid) };
      const selection = trimmed(text, { start: lines.offset(action.range.start), end: lines.offset(action.range.end) });
      if (selection.start >= selection.end) return { edits: [], message: MESSAGES.emptySelection[locale] };

      const firstBlock = blockAround(text, lines, selection.start);
      const lastBlock = blockAround(text, lines, selection.end);
      if (firstBlock.start !== lastBlock.start) {
        // Several blocks: a fenced div around whole lines.
        const open = { start: firstBlock.start, end: firstBlock.start };
        const close = { start: lastBlock.end, end: lastBlock.end };
        const eol = /\r\n?|\n/.exec(text)?.[0] ?? '\n';
        return { edits: [edit(open, `::: {${codeList(codes)}}${eol}`), edit(close, `${eol}:::`)], shape: 'div' };
      }
      const block = trimmed(text, firstBlock);
      const existing = model.fragments.find(
        (f) => (f.kind === 'inline' && f.content.span.start === selection.start && f.content.span.end === selection.end) ||
          ((f.kind === 'block' || f.kind === 'section') && f.full.span.start === block.start && selection.start <= block.start && selection.end >= f.content.span.end),
      );
      if (existing) {
        const edits = addTo(existing, codes);
        return edits.length > 0 ? { edits, shape: existing.kind } : { edits, message: MESSAGES.alreadyCoded[locale](codes[0]!) };
      }
      const crosses = model.fragments.some((f) => {
        if (f.kind !== 'inline') return false;
        const inside = (o: number): boolean => o > f.full.span.start && o < f.full.span.end;
        const coversAll = selection.start <= f.full.span.start && selection.end >= f.full.span.end;
        const within = selection.start >= f.content.span.start && selection.end <= f.content.span.end;
        return (inside(selection.start) || inside(selection.end)) && !coversAll && !within;
      });
      if (crosses) return { edits: [], message: MESSAGES.overlap[locale] };
      if (selection.start <= block.start && selection.end >= block.end) {
        // The whole paragraph or heading: code it at its end.
        const at = { start: block.end, end: block.end };
        return { edits: [edit(at, ` {${codeList(codes)}}`)], shape: firstBlock.heading ? 'section' : 'block' };
      }
      return {
        edits: [edit({ start: selection.start, end: selection.start }, '['), edit({ start: selection.end, end: selection.end }, `]{${codeList(codes)}}`)],
        shape: 'inline',
      };
    }
    case 'addCode': {
      const code = withoutHash(action.code.trim());
      if (!isCodePath(code)) return { edits: [], message: MESSAGES.invalidCode[locale](code) };
      const fragment = fragmentAt(model, lines.offset(action.position));
      if (!fragment) return { edits: [], message: MESSAGES.noFragment[locale] };
      const edits = addTo(fragment, [code]);
      return edits.length > 0 ? { edits, shape: fragment.kind } : { edits, message: MESSAGES.alreadyCoded[locale](code) };
    }
    case 'removeCode': {
      const code = withoutHash(action.code.trim());
      const offset = lines.offset(action.position);
      const fragment = fragmentAt(model, offset, code);
      if (!fragment) {
        return { edits: [], message: fragmentAt(model, offset) ? MESSAGES.notCoded[locale](code) : MESSAGES.noFragment[locale] };
      }
      if (fragment.codes.length === 1) return { edits: uncode(fragment), shape: fragment.kind };
      const token = model.codes.find((c) => c.fragment === fragment.id && c.code === code)!;
      let start = token.span.start;
      while (start > fragment.attributeBlock.start + 1 && /[ \t,]/.test(text[start - 1]!)) start--;
      let end = token.span.end;
      if (start === fragment.attributeBlock.start + 1) {
        while (end < fragment.attributeBlock.end - 1 && /[ \t,]/.test(text[end]!)) end++;
      }
      return { edits: [edit({ start, end }, '')], shape: fragment.kind };
    }
    case 'uncode': {
      const fragment = fragmentAt(model, lines.offset(action.position));
      if (!fragment) return { edits: [], message: MESSAGES.noFragment[locale] };
      return { edits: uncode(fragment), shape: fragment.kind };
    }
  }
}
