// A transcript as its reader sees it, as plain text for other tools (REFI-QDA's text sources):
// the words of its headings, paragraphs, lists, tables and code blocks as the chunk reader reads
// them (SYNTAX.md §7, white space kept): `**S1:**` reads `S1:`, `## Vraag 3` reads `Vraag 3`, a
// link is its text, a table's cells are separated by tabs and its rows by line breaks; no coding
// markup, no front matter. Blocks are separated by a blank line, list items and table rows by a
// line break. Offsets into it count Unicode code points, line breaks are LF (REFI-QDA's unit).

import type { RootContent } from 'mdast';
import { checkRemarkBudget, firstEndingAfter, parseMarkdown, readChunk, visibleCharacters } from './chunk';
import { scanLines } from './lines';
import { plainTree } from './plainChunk';
import { stripBom } from './text';
import type { Span, Transcript } from '../types';

export interface PlainSource {
  /** LF-only text without Markdown syntax, coding markup and front matter. */
  text: string;
  /** Where the visible characters of a transcript span (UTF-16 offsets) lie in `text`, in code points. */
  selection(span: Span): { start: number; end: number };
}

type Separator = '\t' | '\n' | '\n\n';
const STRENGTH: Record<Separator, number> = { '\t': 1, '\n': 2, '\n\n': 3 };
const BLANK = /\s/;

/** White space as `\s` reads it; the common ASCII characters decided without a regular expression. */
function isBlank(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return BLANK.test(ch);
}

/** A growable list of integers (no boxed numbers, no per-item allocation). */
class IntList {
  items: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.items = new Int32Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = value;
  }
}

const UTF16 = new TextDecoder('utf-16le');

/** Writes the plain text: visible characters with their offsets, separators between blocks. */
class PlainWriter {
  /** The text's UTF-16 units. */
  private units: Uint16Array;
  private unitCount = 0;
  points = 0;
  /** For each visible character written, in order: its offset in the transcript ... */
  readonly from: IntList;
  /** ... and its code point index in the text. */
  readonly at: IntList;
  private pending: Separator | undefined;
  /** White space inside a block, held until a visible character follows it. */
  private readonly blanks: string[] = [];
  private readonly blankOffsets: number[] = [];

  constructor(
    private readonly markup: readonly Span[],
    length: number,
  ) {
    this.units = new Uint16Array(Math.max(16, length + (length >> 3)));
    this.from = new IntList(length >> 1);
    this.at = new IntList(length >> 1);
  }

  get text(): string {
    return UTF16.decode(this.units.subarray(0, this.unitCount));
  }

  private unit(code: number): void {
    if (this.unitCount === this.units.length) {
      const grown = new Uint16Array(this.units.length * 2);
      grown.set(this.units);
      this.units = grown;
    }
    this.units[this.unitCount++] = code;
  }

  /** What comes before the next character written (the strongest asked for since the last one). */
  separate(separator: Separator): void {
    if (!this.pending || STRENGTH[separator] > STRENGTH[this.pending]) this.pending = separator;
  }

  private put(chars: string, offset: number | undefined): void {
    if (this.pending) {
      if (this.points > 0) {
        for (let i = 0; i < this.pending.length; i++) this.unit(this.pending.charCodeAt(i));
        this.points += this.pending.length;
      }
      this.pending = undefined;
    }
    if (offset !== undefined) {
      this.from.push(offset);
      this.at.push(this.points);
    }
    this.unit(chars.charCodeAt(0));
    if (chars.length === 2) this.unit(chars.charCodeAt(1));
    this.points++;
  }

  /** Characters that are no part of the transcript's text (a list marker, a cell's tab). */
  literal(text: string): void {
    for (const ch of text) this.put(ch, undefined);
  }

  /**
   * The visible characters of one block, `base` added to their offsets: those inside coding
   * markup left out, CR LF and CR as LF, white space at the block's start and end left out.
   */
  block(chars: readonly string[], offsets: readonly number[], base: number): void {
    let m = firstEndingAfter(this.markup, base + (offsets[0] ?? 0));
    let started = false;
    const { blanks, blankOffsets } = this;
    if (blanks.length > 0) {
      blanks.length = 0;
      blankOffsets.length = 0;
    }
    for (let i = 0; i < chars.length; i++) {
      const at = base + offsets[i]!;
      while (m < this.markup.length && this.markup[m]!.end <= at) m++;
      if (m < this.markup.length && this.markup[m]!.start <= at) continue;
      let ch = chars[i]!;
      const code = ch.charCodeAt(0);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < chars.length) ch += chars[++i]!;
      else if (code === 13) {
        if (chars[i + 1] === '\n') continue;
        ch = '\n';
      }
      if (isBlank(ch)) {
        if (started) {
          blanks.push(ch);
          blankOffsets.push(at);
        }
        continue;
      }
      if (blanks.length > 0) {
        for (let b = 0; b < blanks.length; b++) this.put(blanks[b]!, blankOffsets[b]);
        blanks.length = 0;
        blankOffsets.length = 0;
      }
      this.put(ch, at);
      started = true;
    }
  }
}

/** Writes one block of a chunk's syntax tree, after `separator` (none: right after what came before). */
function writeBlock(node: RootContent, source: string, base: number, writer: PlainWriter, separator: Separator | undefined): void {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
    case 'code': {
      if (separator) writer.separate(separator);
      const visible = visibleCharacters(source, node);
      writer.block(visible.chars, visible.offsets, base);
      break;
    }
    case 'blockquote':
    case 'footnoteDefinition':
      for (const child of node.children) writeBlock(child, source, base, writer, separator);
      break;
    case 'list':
      if (separator) writer.separate(separator);
      for (const item of node.children) {
        const first = item.children[0];
        if (!first?.position || !item.position) continue;
        writer.separate('\n');
        // The marker as written (`-`, `1.`, `- [ ]`): the reader sees a bullet or a number.
        writer.literal(`${source.slice(item.position.start.offset!, first.position.start.offset!).trim()} `);
        item.children.forEach((child, i) => writeBlock(child, source, base, writer, i === 0 ? undefined : '\n'));
      }
      break;
    case 'table':
      if (separator) writer.separate(separator);
      for (const row of node.children) {
        writer.separate('\n');
        row.children.forEach((cell, i) => {
          if (i > 0) writer.literal('\t');
          const visible = visibleCharacters(source, cell);
          writer.block(visible.chars, visible.offsets, base);
        });
      }
      break;
    default:
      // Thematic breaks, HTML, link definitions: nothing a reader reads as the conversation.
      break;
  }
}

/** The transcript as other tools read it: the words a reader sees, without Markdown and Kader's markup. */
export function plainSource(rawText: string, model: Transcript): PlainSource {
  const text = stripBom(rawText);
  const markup = model.fragments.flatMap((f) => f.markup).sort((a, b) => a.start - b.start);
  const writer = new PlainWriter(markup, text.length);
  // The chunks the parser reads on their own; front matter and div fence lines lie outside them.
  for (const chunk of scanLines(text).chunks) {
    const source = text.slice(chunk.start, chunk.end);
    let root = plainTree(source);
    if (!root) {
      try {
        checkRemarkBudget(source);
        root = parseMarkdown(source);
      } catch {
        // Beyond what remark is given: the chunk's characters as written, line by line.
        writer.separate('\n\n');
        writer.block(source.split(''), unitOffsets(source), chunk.start);
        continue;
      }
    }
    for (const node of root.children) if (node.position) writeBlock(node, source, chunk.start, writer, '\n\n');
  }
  const { points } = writer;
  const from = writer.from.items.subarray(0, writer.from.length);
  const at = writer.at.items.subarray(0, writer.at.length);
  return {
    text: writer.text,
    selection(span) {
      const first = lowerBound(from, span.start);
      const start = first < from.length ? at[first]! : points;
      const last = lowerBound(from, span.end) - 1;
      const end = last >= 0 ? at[last]! + 1 : 0;
      return { start, end: Math.max(start, end) };
    },
  };
}

/** 0, 1, 2, … for each UTF-16 unit of `source`. */
function unitOffsets(source: string): number[] {
  return Array.from({ length: source.length }, (_, i) => i);
}

/** The first index in `sorted` whose value is at least `value`. */
function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  for (let hi = sorted.length; lo < hi; ) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `text` reads as one paragraph that codes nothing and holds no HTML (`[…]` in a quote,
 * `**nadruk**`): Markdown that can be written as it is where one plain paragraph is expected.
 */
export function isPlainParagraph(text: string): boolean {
  if (text === '' || text.includes('<')) return false;
  try {
    const root = parseMarkdown(text);
    if (root.children.length !== 1 || root.children[0]!.type !== 'paragraph') return false;
    const read = readChunk(text);
    return read.fragments.length === 0 && read.looseBlocks.length === 0 && read.missingHashCandidates.length === 0 && read.diagnostics.length === 0;
  } catch {
    return false; // beyond what remark is given (OverBudgetError)
  }
}
