// Writes the text of one REFI-QDA source with its codings as a Kader transcript body (SYNTAX.md
// §3, §9). The text reads as the source: every line is escaped (escape.ts) so nothing in it turns
// into Markdown or Kader syntax. A coding becomes a fenced div where it covers whole paragraphs, a
// block coding where it covers one paragraph, and inline fragments otherwise. A coding that
// crosses another (starts inside it and ends after it), or that runs over several paragraphs
// without covering them whole, is written as parts: fragments with the same codes and a shared
// `part="…"` (core/fragmentParts.ts reads them as one coding).

import { escapeAttributeValue, escapeText } from './escape';

export interface BodyCoding {
  /** UTF-16 offsets into the LF text. */
  start: number;
  end: number;
  /** Code paths without `#`. */
  codes: string[];
  memo?: string;
}

export interface Body {
  markdown: string;
  /** Codings written as several parts. */
  parts: number;
  /** Codings that crossed another and were split at its edge. */
  crossing: number;
  /** Codings with nothing but white space: not written. */
  blank: number;
  /** Codings with an edge inside a web address, widened to the whole address. */
  widened: number;
}

/**
 * Web and e-mail addresses as GFM reads them (`https://…`, `www.…` up to white space,
 * `naam@voorbeeld.nl`): Kader reads no fragment bracket inside one (SYNTAX.md §4), so a coding's
 * edge never goes there.
 */
const ADDRESS = /(?:https?:\/\/|ftp:\/\/|www\.)\S*|[-.\w+]+@[-\w]+(?:\.[-\w]+)+/gi;

/** A web address at the end of the Markdown written so far (escaped as escape.ts writes it). */
const ADDRESS_BEFORE = /(?:https?\\?:\/\/|ftp\\?:\/\/|www\\?\.)\S*$/i;

/** [start, end) widened so that neither edge lies inside a web address. */
function outsideAddresses(text: string): (start: number, end: number) => [number, number] {
  const addresses = [...text.matchAll(ADDRESS)].map((m) => [m.index, m.index + m[0].length] as const);
  return (start, end) => {
    for (const [from, to] of addresses) {
      if (from < start && start < to) start = from;
      if (from < end && end < to) end = to;
    }
    return [start, end];
  };
}

interface Block {
  /** First and after-last non-blank character. */
  start: number;
  end: number;
}

interface Piece {
  start: number;
  end: number;
  coding: number;
}

const BLANK = /\s/;

/** Paragraphs: runs of lines with a non-blank character, split at blank lines. */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let open: Block | undefined;
  let at = 0;
  for (const line of text.split('\n')) {
    const first = line.search(/\S/);
    if (first === -1) open = undefined;
    else {
      const last = at + line.trimEnd().length;
      if (open) open.end = last;
      else blocks.push((open = { start: at + first, end: last }));
    }
    at += line.length + 1;
  }
  return blocks;
}

/** [start, end) without white space at either edge; empty when only white space. */
function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && BLANK.test(text[start]!)) start++;
  while (end > start && BLANK.test(text[end - 1]!)) end--;
  return [start, end];
}

function attributeBlock(coding: BodyCoding, part: string | undefined, withMemo: boolean): string {
  const items = coding.codes.map((code) => `#${code}`);
  if (withMemo && coding.memo) items.push(`memo="${escapeAttributeValue(coding.memo)}"`);
  if (part) items.push(`part="${part}"`);
  return `{${items.join(' ')}}`;
}

/**
 * Pieces of one paragraph made to nest: a piece that starts inside another and ends after it is
 * split at that one's end; the rest is taken up again in order.
 */
function nested(text: string, pieces: Piece[]): { pieces: Piece[]; crossing: Set<number> } {
  const order = (a: Piece, b: Piece): number => a.start - b.start || b.end - a.end || a.coding - b.coding;
  const queue = [...pieces].sort(order);
  const out: Piece[] = [];
  const stack: Piece[] = [];
  const crossing = new Set<number>();
  while (queue.length > 0) {
    let piece = queue.shift()!;
    while (stack.length > 0 && stack[stack.length - 1]!.end <= piece.start) stack.pop();
    const top = stack[stack.length - 1];
    if (top && piece.end > top.end) {
      crossing.add(piece.coding);
      const [restStart, restEnd] = trimmed(text, top.end, piece.end);
      if (restStart < restEnd) {
        const rest = { start: restStart, end: restEnd, coding: piece.coding };
        const at = queue.findIndex((q) => order(rest, q) < 0);
        queue.splice(at === -1 ? queue.length : at, 0, rest);
      }
      const [start, end] = trimmed(text, piece.start, top.end);
      if (start >= end) continue;
      piece = { start, end, coding: piece.coding };
    }
    out.push(piece);
    stack.push(piece);
  }
  return { pieces: out, crossing };
}

/** A paragraph's text with its pieces' brackets, every stretch of text escaped. */
function renderBlock(text: string, block: Block, pieces: Piece[], close: (piece: Piece) => string): string {
  const events: { at: number; open: boolean; seq: number; piece: Piece }[] = [];
  pieces.forEach((piece, seq) => {
    events.push({ at: piece.start, open: true, seq, piece });
    events.push({ at: piece.end, open: false, seq, piece });
  });
  events.sort((a, b) => a.at - b.at || (a.open === b.open ? (a.open ? a.seq - b.seq : b.seq - a.seq) : a.open ? 1 : -1));
  let out = '';
  const write = (from: number, to: number): void => {
    const lines = text.slice(from, to).split('\n');
    lines.forEach((line, i) => {
      if (i > 0) out = out.trimEnd() + '\n';
      const atLineStart = out === '' || out.endsWith('\n');
      const endOfLine = i < lines.length - 1 || to === block.end;
      const core = escapeText(line, atLineStart);
      const lead = !atLineStart && core && /^\s/.test(line) ? ' ' : '';
      const trail = !endOfLine && /\s$/.test(line) && !(atLineStart && !core) ? ' ' : '';
      out += lead + core + trail;
    });
  };
  let at = block.start;
  for (const event of events) {
    write(at, event.at);
    at = event.at;
    // A closing bracket right after a web address would be read as part of the address: a space
    // comes between them (the fragment's text is trimmed, so it holds the same words).
    if (!event.open && ADDRESS_BEFORE.test(out)) out += ' ';
    out += event.open ? '[' : `]${close(event.piece)}`;
  }
  write(at, block.end);
  return out;
}

/** The transcript body for `text` (LF only) with `codings`. */
export function writeBody(text: string, codings: readonly BodyCoding[]): Body {
  const blocks = blocksOf(text);
  const widen = outsideAddresses(text);
  let blank = 0;
  let widened = 0;
  /** Whole-paragraph codings: first and last paragraph. */
  const whole: { coding: number; first: number; last: number }[] = [];
  const inline: Piece[][] = blocks.map(() => []);
  const piecesOf: Piece[][] = codings.map(() => []);
  codings.forEach((coding, c) => {
    const [from, to] = trimmed(text, Math.max(0, coding.start), Math.min(text.length, coding.end));
    if (from >= to || coding.codes.length === 0) {
      blank++;
      return;
    }
    const [start, end] = widen(from, to);
    if (start !== from || end !== to) widened++;
    const touched: number[] = [];
    blocks.forEach((block, b) => {
      if (block.start < end && block.end > start) touched.push(b);
    });
    const all = touched.every((b) => start <= blocks[b]!.start && end >= blocks[b]!.end);
    if (all) whole.push({ coding: c, first: touched[0]!, last: touched[touched.length - 1]! });
    else
      for (const b of touched) {
        const [s, e] = trimmed(text, Math.max(start, blocks[b]!.start), Math.min(end, blocks[b]!.end));
        if (s < e) inline[b]!.push({ start: s, end: e, coding: c });
      }
  });

  // Whole paragraphs: one block coding per paragraph, divs that nest; a div that would cross
  // another is written inline instead.
  whole.sort((a, b) => a.first - b.first || b.last - a.last || a.coding - b.coding);
  const divs: { coding: number; first: number; last: number }[] = [];
  const blockCoding = new Map<number, number>();
  for (const w of whole) {
    if (w.first === w.last && !blockCoding.has(w.first) && !divs.some((d) => d.first === w.first && d.last === w.last)) {
      blockCoding.set(w.first, w.coding);
      continue;
    }
    const crosses = divs.some((d) => (d.first < w.first && w.first <= d.last && d.last < w.last) || (w.first < d.first && d.first <= w.last && w.last < d.last));
    if (!crosses) divs.push(w);
    else for (let b = w.first; b <= w.last; b++) inline[b]!.push({ start: blocks[b]!.start, end: blocks[b]!.end, coding: w.coding });
  }

  let crossing = new Set<number>();
  const laid = inline.map((pieces) => {
    const result = nested(text, pieces);
    crossing = new Set([...crossing, ...result.crossing]);
    for (const piece of result.pieces) piecesOf[piece.coding]!.push(piece);
    return result.pieces;
  });
  // Codings in more than one piece are parts: `part="p1"`, numbered in order of first piece.
  const partOf = new Map<number, string>();
  const firstPiece = new Map<number, Piece>();
  for (const pieces of laid)
    for (const piece of [...pieces].sort((a, b) => a.start - b.start)) {
      if (piecesOf[piece.coding]!.length > 1 && !partOf.has(piece.coding)) partOf.set(piece.coding, `p${partOf.size + 1}`);
      if (!firstPiece.has(piece.coding)) firstPiece.set(piece.coding, piece);
    }
  const close = (piece: Piece): string => attributeBlock(codings[piece.coding]!, partOf.get(piece.coding), firstPiece.get(piece.coding) === piece);

  const out: string[] = [];
  blocks.forEach((block, b) => {
    for (const div of divs.filter((d) => d.first === b)) out.push(`::: ${attributeBlock(codings[div.coding]!, undefined, true)}`);
    const coded = blockCoding.get(b);
    const paragraph = renderBlock(text, block, laid[b]!, close);
    out.push(coded === undefined ? paragraph : `${paragraph} ${attributeBlock(codings[coded]!, undefined, true)}`);
    out.push(...divs.filter((d) => d.last === b).map(() => ':::'));
  });
  return { markdown: out.join('\n\n'), parts: partOf.size, crossing: crossing.size, blank, widened };
}
