// The text edits that code, recode and uncode (SYNTAX.md §3). The client applies them as one
// undoable workspace edit; uncoding removes exactly the markup that coding added.

import { isCodePath, withoutHash } from './codes';
import { localize } from './l10n';
import { LineIndex, parseTranscript, scanAttributeBlock, stripBom } from './parse';
import type { Fragment, FragmentKind, Locale, Position, Range, Span, Transcript } from './types';

export type CodingAction =
  | { action: 'code'; range: Range; codes: string[] }
  | { action: 'addCode'; position: Position; code: string }
  | { action: 'removeCode'; position: Position; code: string }
  | { action: 'uncode'; position: Position }
  /** Sets the memo of the fragment at `position`; an empty (or white-space) memo removes it. */
  | { action: 'memo'; position: Position; memo: string };

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface CodingResult {
  edits: TextEdit[];
  shape?: FragmentKind;
  message?: string;
}

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

const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]/;

/**
 * The paragraph around `offset` as the user sees it: the stretch of non-blank lines, ending at
 * headings, div fences, list items and the front matter.
 */
function blockAround(text: string, lines: LineIndex, offset: number, floor: number): Block {
  const top = lines.lineOf(floor);
  let first = Math.max(lines.lineOf(offset), top);
  let last = first;
  const lineText = (l: number): string => text.slice(lines.lineStarts[l]!, lines.lineEnd(l));
  const isHeading = (l: number): boolean => /^ {0,3}#{1,6}(\s|$)/.test(lineText(l));
  const isFence = (l: number): boolean => /^ {0,3}:{3,}/.test(lineText(l));
  const ends = (l: number): boolean => BLANK_LINE.test(lineText(l)) || isHeading(l) || isFence(l);
  if (!isHeading(first) && !isFence(first)) {
    while (first > top && !ends(first - 1) && !LIST_ITEM.test(lineText(first))) first--;
    while (last + 1 < lines.lineCount && !ends(last + 1) && !LIST_ITEM.test(lineText(last + 1))) last++;
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

/** Errors and warnings per rule: an edit must not add any. */
function problemCounts(model: Transcript): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of model.diagnostics) if (d.severity === 'error' || d.severity === 'warning') counts.set(d.rule, (counts.get(d.rule) ?? 0) + 1);
  return counts;
}

/**
 * The edits for a coding action. `parse` reads a candidate result back (the server passes one
 * that reuses the document's unchanged chunks).
 */
export function codingEdits(
  rawText: string,
  model: Transcript,
  action: CodingAction,
  locale: Locale = 'en',
  parse: (text: string) => Transcript = (t) => parseTranscript(t),
): CodingResult {
  const t = localize(locale);
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
      if (codes.length === 0) return { edits: [], message: t('Choose at least one code.') };
      const invalid = codes.find((c) => !isCodePath(c));
      if (invalid !== undefined) return { edits: [], message: t('"{0}" is not a valid code: use letters, digits, - and _, with / between levels.', invalid) };
      const floor = model.frontMatter.span?.end ?? 0;
      let selection = trimmed(text, { start: Math.max(floor, lines.offset(action.range.start)), end: lines.offset(action.range.end) });
      if (selection.start >= selection.end) return { edits: [], message: t('Select the words to code first.') };
      // An end inside an attribute block takes in the whole block: the fragment it closes.
      for (const block of model.attributeBlocks) {
        if (block.span.start < selection.start && selection.start < block.span.end) selection = { ...selection, start: block.span.end };
        if (block.span.start < selection.end && selection.end < block.span.end) selection = { ...selection, end: block.span.end };
      }
      selection = trimmed(text, selection);
      if (selection.start >= selection.end) return { edits: [], message: t('Select the words to code first.') };

      const firstBlock = blockAround(text, lines, selection.start, floor);
      const lastBlock = blockAround(text, lines, selection.end, floor);
      const block = trimmed(text, firstBlock);
      const existing = model.fragments.find(
        (f) =>
          (f.content.span.start === selection.start && f.content.span.end === selection.end) ||
          (f.kind === 'inline' && f.full.span.start === selection.start && f.full.span.end === selection.end) ||
          ((f.kind === 'block' || f.kind === 'section') && f.full.span.start === block.start && selection.start <= block.start && selection.end >= f.content.span.end) ||
          (f.kind === 'div' && selection.start <= f.full.span.start + 1 && selection.end >= f.full.span.end - 1 && selection.start >= f.full.span.start - 1),
      );
      if (existing) {
        const edits = addTo(existing, codes);
        return edits.length > 0 ? { edits, shape: existing.kind } : { edits, message: t('This fragment already has #{0}.', codes[0]!) };
      }

      const crosses = model.fragments.some((f) => {
        const inside = (o: number): boolean => o > f.full.span.start && o < f.full.span.end;
        const coversAll = selection.start <= f.full.span.start && selection.end >= f.full.span.end;
        const within = selection.start >= f.content.span.start && selection.end <= f.content.span.end;
        return (inside(selection.start) || inside(selection.end)) && !coversAll && !within;
      });
      if (crosses) return { edits: [], message: t('The selection overlaps a coded fragment only in part. Select the whole fragment, or words inside it.') };

      // The shapes that could code the selection, most precise first; the first that reads back
      // as exactly the wanted coding (and uncodes to the same text) is the answer.
      const list = codeList(codes);
      const eol = /\r\n?|\n/.exec(text)?.[0] ?? '\n';
      const candidates: { shape: FragmentKind; edits: TextEdit[] }[] = [];
      const inline = (span: Span): void => {
        if (span.start < span.end) candidates.push({ shape: 'inline', edits: [edit({ start: span.start, end: span.start }, '['), edit({ start: span.end, end: span.end }, `]{${list}}`)] });
      };
      const sameBlock = firstBlock.start === lastBlock.start;
      const wholeBlock = sameBlock && selection.start <= block.start && selection.end >= block.end;
      if (sameBlock && !wholeBlock) {
        inline(selection);
        inline(trimmed(text, { start: selection.start + (/^[*_~]+/.exec(text.slice(selection.start, selection.end))?.[0].length ?? 0), end: selection.end - (/[*_~]+$/.exec(text.slice(selection.start, selection.end))?.[0].length ?? 0) }));
      }
      if (wholeBlock) candidates.push({ shape: firstBlock.heading ? 'section' : 'block', edits: [edit({ start: block.end, end: block.end }, ` {${list}}`)] });
      if (!sameBlock) {
        candidates.push({ shape: 'div', edits: [edit({ start: firstBlock.start, end: firstBlock.start }, `::: {${list}}${eol}`), edit({ start: lastBlock.end, end: lastBlock.end }, `${eol}:::`)] });
      }

      const before = problemCounts(model);
      for (const candidate of candidates) {
        const coded = applyEdits(text, candidate.edits);
        const after = parse(coded);
        const matching = (m: Transcript): Fragment[] =>
          m.fragments.filter((f) => f.kind === candidate.shape && f.codes.length === codes.length && codes.every((c) => f.codes.includes(c)));
        if (after.fragments.length !== model.fragments.length + 1 || matching(after).length !== matching(model).length + 1) continue;
        if ([...problemCounts(after)].some(([rule, n]) => n > (before.get(rule) ?? 0))) continue;
        const codedLines = new LineIndex(stripBom(coded));
        const restores = (f: Fragment): boolean => applyEdits(coded, f.markup.map((span) => ({ range: codedLines.range(span), newText: '' }))) === stripBom(text);
        if (!matching(after).some(restores)) continue;
        return { edits: candidate.edits, shape: candidate.shape };
      }
      return { edits: [], message: t('The selection overlaps a coded fragment only in part. Select the whole fragment, or words inside it.') };
    }
    case 'addCode': {
      const code = withoutHash(action.code.trim());
      if (!isCodePath(code)) return { edits: [], message: t('"{0}" is not a valid code: use letters, digits, - and _, with / between levels.', code) };
      const fragment = fragmentAt(model, lines.offset(action.position));
      if (!fragment) return { edits: [], message: t('There is no coded fragment here.') };
      const edits = addTo(fragment, [code]);
      return edits.length > 0 ? { edits, shape: fragment.kind } : { edits, message: t('This fragment already has #{0}.', code) };
    }
    case 'removeCode': {
      const code = withoutHash(action.code.trim());
      const offset = lines.offset(action.position);
      const fragment = fragmentAt(model, offset, code);
      if (!fragment) {
        return { edits: [], message: fragmentAt(model, offset) ? t('This fragment does not have #{0}.', code) : t('There is no coded fragment here.') };
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
      if (!fragment) return { edits: [], message: t('There is no coded fragment here.') };
      return { edits: uncode(fragment), shape: fragment.kind };
    }
    case 'memo': {
      const fragment = fragmentAt(model, lines.offset(action.position));
      if (!fragment) return { edits: [], message: t('There is no coded fragment here.') };
      return { edits: memoEdits(text, fragment, action.memo).map((e) => edit(e.span, e.newText)), shape: fragment.kind };
    }
  }
}

/**
 * The edits that give `fragment` the memo `memo` (SYNTAX.md §2): the `memo="…"` item replaced,
 * added before the `}`, or removed with the white space before it when `memo` is blank. The last
 * `memo=` of the block is the one read, so that is the one changed.
 */
function memoEdits(text: string, fragment: Fragment, memo: string): { span: Span; newText: string }[] {
  const block = scanAttributeBlock(text, fragment.attributeBlock.start);
  const item = block?.items.filter((i) => i.kind === 'pair' && i.key === 'memo').pop();
  const value = memo.replace(/\r\n?/g, '\n').trim();
  if (value === '') {
    if (!item) return [];
    let start = item.span.start;
    while (start > fragment.attributeBlock.start + 1 && /[ \t,]/.test(text[start - 1]!)) start--;
    return [{ span: { start, end: item.span.end }, newText: '' }];
  }
  const written = `memo=${quotedAttributeValue(value)}`;
  if (item) return item.kind === 'pair' && item.value === value ? [] : [{ span: item.span, newText: written }];
  const close = fragment.attributeBlock.end - 1;
  return [{ span: { start: close, end: close }, newText: ` ${written}` }];
}

/**
 * `value` as a double-quoted attribute value (SYNTAX.md §2): `\\` and `\"` escaped, each line
 * break written `\n`, so that the block stays on one line. `scanAttributeBlock` reads it back as `value`.
 */
export function quotedAttributeValue(value: string): string {
  return `"${value.replace(/\r\n?/g, '\n').replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))}"`;
}
