// The text of an open document as pieces of a few kilobytes, so that an edit costs the same
// wherever it is and however long the text is: it rebuilds the pieces around it, and nothing
// after it is copied or moved (a JavaScript string is copied whole by every edit: 20 MB for a
// 10 MB transcript with accented letters). Each version is immutable and shares its unchanged
// pieces with the version before; it is its own line index too.

import type { Located, Position, Range, Span } from '../types';

/** What the incremental parse reads of a text: its length and stretches of it. A string is one. */
export interface TextSource {
  readonly length: number;
  slice(start: number, end?: number): string;
}

/** Offsets to LSP positions, as `LineIndex` converts them. */
export interface Lines {
  readonly lineCount: number;
  position(offset: number): Position;
  range(span: Span): Range;
  located(span: Span): Located;
}

/** Pieces are cut at about this many UTF-16 units (a piece is at most twice as long). */
export const PIECE_LENGTH = 8 * 1024;

class Piece {
  private breaksValue?: number[];

  constructor(readonly text: string) {}

  /**
   * Where lines start inside the piece (after a line break, so at most at its end). A CR LF is
   * never cut between two pieces, so a CR at the end of a piece is a line break of its own.
   */
  get breaks(): number[] {
    if (this.breaksValue) return this.breaksValue;
    const out: number[] = [];
    const text = this.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) out.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) out.push(i + 1);
    }
    return (this.breaksValue = out);
  }
}

/** Cuts `text` into pieces of about PIECE_LENGTH, never between a CR and its LF. */
function cut(text: string, into: Piece[]): void {
  let at = 0;
  while (text.length - at > 2 * PIECE_LENGTH) {
    let end = at + PIECE_LENGTH;
    if (text.charCodeAt(end - 1) === 13 && text.charCodeAt(end) === 10) end++;
    into.push(new Piece(text.slice(at, end)));
    at = end;
  }
  if (at < text.length || into.length === 0) into.push(new Piece(text.slice(at)));
}

/** The last index in `sorted` whose value is at most `value` (-1 when none). */
function lastAtMost(sorted: readonly number[], value: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export class PieceText implements TextSource, Lines {
  readonly length: number;
  /** Where each piece starts; the text's length last. */
  private readonly starts: number[];
  /** How many line breaks lie before each piece; their number in the whole text last. */
  private readonly breaksBefore: number[];
  private joined?: string;

  private constructor(private readonly pieces: readonly Piece[]) {
    const n = pieces.length;
    this.starts = new Array<number>(n + 1);
    this.breaksBefore = new Array<number>(n + 1);
    let at = 0;
    let breaks = 0;
    for (let i = 0; i < n; i++) {
      this.starts[i] = at;
      this.breaksBefore[i] = breaks;
      at += pieces[i]!.text.length;
      breaks += pieces[i]!.breaks.length;
    }
    this.starts[n] = at;
    this.breaksBefore[n] = breaks;
    this.length = at;
  }

  static from(text: string): PieceText {
    const pieces: Piece[] = [];
    cut(text, pieces);
    const out = new PieceText(pieces);
    out.joined = text;
    return out;
  }

  /** The whole text as one string (built once per version, when asked for). */
  toString(): string {
    return (this.joined ??= this.pieces.map((p) => p.text).join(''));
  }

  /** The piece that holds `offset` (the last one for the end of the text). */
  private pieceAt(offset: number): number {
    return Math.max(0, Math.min(this.pieces.length - 1, lastAtMost(this.starts, offset, 0, this.pieces.length)));
  }

  slice(start: number, end = this.length): string {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    if (this.joined !== undefined) return this.joined.slice(start, end);
    if (start === end) return '';
    let i = this.pieceAt(start);
    let out = '';
    while (i < this.pieces.length && this.starts[i]! < end) {
      const from = this.starts[i]!;
      out += this.pieces[i]!.text.slice(Math.max(0, start - from), end - from);
      i++;
    }
    return out;
  }

  /** The text with [start, end) replaced by `inserted`: only the pieces around the edit are new. */
  edited(start: number, end: number, inserted: string): PieceText {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    // The pieces the edit touches and one on each side: a CR LF may meet across the edit, and
    // short pieces left by deletions are merged with their neighbours.
    const lo = Math.max(0, this.pieceAt(start) - 1);
    const hi = Math.min(this.pieces.length - 1, this.pieceAt(Math.max(start, end - 1)) + 1);
    const from = this.starts[lo]!;
    let local = '';
    for (let i = lo; i <= hi; i++) local += this.pieces[i]!.text;
    local = local.slice(0, start - from) + inserted + local.slice(end - from);
    const pieces = this.pieces.slice(0, lo);
    cut(local, pieces);
    for (let i = hi + 1; i < this.pieces.length; i++) pieces.push(this.pieces[i]!);
    return new PieceText(pieces);
  }

  get lineCount(): number {
    return this.breaksBefore[this.pieces.length]! + 1;
  }

  /** The offset where line `line` (0-based, within the text) starts. */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    // The piece that holds the line's break: breaksBefore[i] < line <= breaksBefore[i + 1].
    const i = lastAtMost(this.breaksBefore, line - 1, 0, this.pieces.length);
    return this.starts[i]! + this.pieces[i]!.breaks[line - 1 - this.breaksBefore[i]!]!;
  }

  lineOf(offset: number): number {
    const i = this.pieceAt(offset);
    return this.breaksBefore[i]! + lastAtMost(this.pieces[i]!.breaks, offset - this.starts[i]!) + 1;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.length));
    const line = this.lineOf(clamped);
    return { line, character: clamped - this.lineStart(line) };
  }

  range(span: Span): Range {
    return { start: this.position(span.start), end: this.position(span.end) };
  }

  located(span: Span): Located {
    return { span, range: this.range(span) };
  }

  /** The UTF-16 unit at `offset` (NaN outside the text). */
  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    const i = this.pieceAt(offset);
    return this.pieces[i]!.text.charCodeAt(offset - this.starts[i]!);
  }
}
