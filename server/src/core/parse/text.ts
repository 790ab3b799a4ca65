import type { Located, Position, Range, Span } from '../types';

const BOM = '\uFEFF';

/** The text as editors see it: a leading byte-order mark is not part of it. */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/**
 * Converts between UTF-16 offsets and LSP positions. Lines end at LF, CRLF or a lone CR.
 * Built once per text in O(n); each conversion is a binary search.
 */
export class LineIndex {
  /** Offset of the first character of each line. */
  readonly lineStarts: number[];

  constructor(
    readonly text: string,
    lineStarts?: number[],
  ) {
    this.lineStarts = lineStarts ?? [0, ...lineStartsIn(text, 0, text.length)];
  }

  /**
   * The index of `text` from the index of an earlier version that has the same first `prefix` and
   * last `suffix` characters: only the lines between are scanned, later ones are shifted.
   */
  static edited(previous: LineIndex, text: string, prefix: number, suffix: number): LineIndex {
    const old = previous.lineStarts;
    const delta = text.length - previous.text.length;
    // A line start depends on the two characters before it (CR LF): keep a margin of two.
    const from = Math.max(0, prefix - 2);
    const to = Math.min(text.length, text.length - suffix + 2);
    const starts: number[] = [];
    let i = 0;
    while (i < old.length && old[i]! <= from) starts.push(old[i++]!);
    for (const start of lineStartsIn(text, from, to)) starts.push(start);
    while (i < old.length && old[i]! + delta <= to) i++;
    while (i < old.length) starts.push(old[i++]! + delta);
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineOf(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line, character: clamped - this.lineStarts[line]! };
  }

  range(span: Span): Range {
    return { start: this.position(span.start), end: this.position(span.end) };
  }

  located(span: Span): Located {
    return { span, range: this.range(span) };
  }

  /** The offset of an LSP position; characters past the line's end clamp to it. */
  offset(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line]!;
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  /** The offset where a line's text ends (before its line break). */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1]!;
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

/** The line starts in (from, to]: offsets after a line break that begins at or after `from`. */
function lineStartsIn(text: string, from: number, to: number): number[] {
  const starts: number[] = [];
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      if (i + 1 <= to) starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}
