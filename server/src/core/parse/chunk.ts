// Reads one chunk of Markdown (see lines.ts) into fragments, headings, speaker labels and plain
// text. Offsets are relative to the chunk, so a result can be reused wherever the same text
// appears again (incremental re-parsing only re-reads the chunks an edit touched).

import type { Code, Heading, Nodes, Paragraph, Parent, PhrasingContent, Root, RootContent, TableCell } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { scanAttributeBlock, type ScannedBlock } from './attributes';
import { plainTree } from './plainChunk';
import type { FragmentKind, RuleId, Severity, Span } from '../types';

export interface ChunkDiagnostic {
  rule: RuleId;
  severity: Severity;
  span: Span;
  args: Record<string, string>;
}

/** An inline or block fragment found in the chunk. */
export interface ChunkFragment {
  kind: Extract<FragmentKind, 'inline' | 'block'>;
  content: Span;
  full: Span;
  markup: Span[];
  block: ScannedBlock;
  text: string;
}

export interface ChunkHeading {
  depth: number;
  text: string;
  span: Span;
  /** Directly in the document, not inside a list or block quote: only these end sections. */
  topLevel: boolean;
  /** The coding attribute block at the end of the heading, with the white space before it. */
  coding?: { block: ScannedBlock; markup: Span };
}

export interface SpeakerLabel {
  speaker: string;
  label: Span;
  /** `Name:` without emphasis: a turn only when the name is a listed participant. */
  plain: boolean;
}

export interface ChunkBlock {
  span: Span;
  text: string;
}

export interface ChunkResult {
  blocks: ChunkBlock[];
  headings: ChunkHeading[];
  fragments: ChunkFragment[];
  /** Coding attribute blocks that code nothing (stray, or without a start). */
  looseBlocks: ScannedBlock[];
  /** Attribute blocks in a coding position that hold no code: `{intentie}` may miss a `#`. */
  missingHashCandidates: ScannedBlock[];
  labels: SpeakerLabel[];
  diagnostics: ChunkDiagnostic[];
}

const processor = unified().use(remarkParse).use(remarkGfm);

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

const TRAILING_BLANKS = /[ \t]*/y;
const CONTAINER_PREFIX = /[ \t\n\r>]/;
const TIMESTAMP = /^\s*\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*$/;
const PLAIN_LABEL = /^([\p{L}\p{N}][^:\n\r]{0,60}?):(?=\s|$)/u;

function start(node: Nodes | Parent): number {
  return node.position!.start.offset!;
}

function end(node: Nodes | Parent): number {
  return node.position!.end.offset!;
}

/** Where the last child that has a position ends (GFM's autolink literals make some without). */
function childrenEnd(children: readonly Nodes[], fallback: number): number {
  for (let i = children.length - 1; i >= 0; i--) if (children[i]!.position) return end(children[i]!);
  return fallback;
}

/** The index of the first of `spans` (sorted, not overlapping) that ends after `offset`. */
export function firstEndingAfter(spans: readonly Span[], offset: number): number {
  let lo = 0;
  for (let hi = spans.length; lo < hi; ) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Collapses white space to single spaces and trims (SYNTAX.md §7). */
export function plainText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The visible characters of a phrasing container with the source offset of each: what remains
 * when Markdown syntax is read. Text node values are aligned to their source greedily, so
 * escapes, entities and block quote markers between them are skipped.
 */
class VisibleText {
  readonly chars: string[] = [];
  readonly offsets: number[] = [];

  constructor(private readonly source: string) {}

  add(value: string, from: number, to: number): void {
    let p = from;
    for (const ch of value) {
      for (const unit of ch.length === 2 ? [ch[0]!, ch[1]!] : [ch]) {
        // Skip what the value leaves out: any indentation and block quote markers (`> > `), and
        // at most a few other characters (escapes, entities).
        let q = p;
        let skipped = 0;
        while (q < to && this.source[q] !== unit && (CONTAINER_PREFIX.test(this.source[q]!) || ++skipped <= 16)) q++;
        const at = q < to && this.source[q] === unit ? q : p;
        this.chars.push(unit);
        this.offsets.push(at);
        p = at === q ? q + 1 : p;
      }
    }
  }

  addSpace(at: number): void {
    this.chars.push(' ');
    this.offsets.push(at);
  }

  private indexAt(offset: number): number {
    let lo = 0;
    let hi = this.offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.offsets[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Plain text of the characters in `span`, leaving out those inside `markup` (sorted spans). */
  text(span: Span, markup: Span[]): string {
    let out = '';
    let m = firstEndingAfter(markup, span.start);
    for (let i = this.indexAt(span.start); i < this.chars.length && this.offsets[i]! < span.end; i++) {
      const at = this.offsets[i]!;
      while (m < markup.length && markup[m]!.end <= at) m++;
      if (m < markup.length && markup[m]!.start <= at) continue;
      out += this.chars[i];
    }
    return plainText(out);
  }
}

interface PhrasingScan {
  visible: VisibleText;
  /** Spans that hold no fragment brackets: inline code, HTML, link destinations, images. */
  masked: Span[];
}

/**
 * GFM's autolink literals (`www.…`, `https://…`, `a@b.nl`) split a text node into pieces that
 * carry no positions. A run of such pieces between `from` and `to` is read as the text it was,
 * aligned to the source like any text node; each literal is masked, so no bracket inside an
 * address opens a fragment (SYNTAX.md §4), while its words stay part of a fragment around it.
 */
function scanUnplaced(run: readonly PhrasingContent[], from: number, to: number, scan: PhrasingScan): void {
  const { visible } = scan;
  let at = from;
  for (const node of run) {
    const value = node.type === 'text' ? node.value : node.type === 'link' ? node.children.map((c) => (c.type === 'text' ? c.value : '')).join('') : '';
    if (!value) continue;
    const first = visible.offsets.length;
    visible.add(value, at, to);
    const last = visible.offsets[visible.offsets.length - 1]!;
    if (node.type === 'link') scan.masked.push({ start: visible.offsets[first]!, end: last + 1 });
    at = last + 1;
  }
}

function scanPhrasing(source: string, children: PhrasingContent[], scan: PhrasingScan, from: number, to: number): void {
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (!node.position) {
      let j = i;
      while (j < children.length && !children[j]!.position) j++;
      scanUnplaced(children.slice(i, j), i > 0 ? end(children[i - 1]!) : from, j < children.length ? start(children[j]!) : to, scan);
      i = j - 1;
      continue;
    }
    const s = start(node);
    const e = end(node);
    switch (node.type) {
      case 'text':
        scan.visible.add(node.value, s, e);
        break;
      case 'inlineCode':
        scan.masked.push({ start: s, end: e });
        scan.visible.add(node.value, s, e);
        break;
      case 'break':
        scan.visible.addSpace(s);
        break;
      case 'html':
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
        scan.masked.push({ start: s, end: e });
        break;
      case 'link':
        if (source[s] === '[' && node.children.length > 0) {
          // `[label](destination)`: the label is text, the brackets and destination are not.
          scan.masked.push({ start: s, end: s + 1 });
          scanPhrasing(source, node.children, scan, s + 1, e);
          scan.masked.push({ start: childrenEnd(node.children, s + 1), end: e });
        } else {
          scan.masked.push({ start: s, end: e });
          scanPhrasing(source, node.children, scan, s, e);
        }
        break;
      default:
        if ('children' in node) scanPhrasing(source, node.children as PhrasingContent[], scan, s, e);
    }
  }
}

/**
 * The visible characters of a paragraph, heading, table cell or code block, each with its offset in
 * `source` (UTF-16 units: a surrogate pair is two entries), as the chunk reader reads them (SYNTAX.md
 * §7 before white space is collapsed). Exports map coded spans into the plain text with it.
 */
export function visibleCharacters(source: string, node: Paragraph | Heading | TableCell | Code): { readonly chars: readonly string[]; readonly offsets: readonly number[] } {
  const visible = new VisibleText(source);
  if (node.type === 'code') visible.add(node.value, start(node), end(node));
  else scanPhrasing(source, node.children, { visible, masked: [] }, start(node), end(node));
  return visible;
}

type Container = 'paragraph' | 'heading' | 'cell';

class ChunkReader {
  readonly result: ChunkResult = {
    blocks: [],
    headings: [],
    fragments: [],
    looseBlocks: [],
    missingHashCandidates: [],
    labels: [],
    diagnostics: [],
  };

  constructor(private readonly source: string) {}

  /** Reads the chunk; `root` is its syntax tree when already known (see plainChunk.ts). */
  read(root: Root = parseMarkdown(this.source)): ChunkResult {
    for (const node of root.children) {
      if (!node.position) continue;
      const texts: string[] = [];
      this.readBlock(node, texts, true);
      this.result.blocks.push({ span: { start: start(node), end: end(node) }, text: plainText(texts.join(' ')) });
    }
    return this.result;
  }

  private readBlock(node: RootContent, texts: string[], topLevel: boolean): void {
    switch (node.type) {
      case 'paragraph':
        texts.push(this.readPhrasing(node, 'paragraph', topLevel));
        break;
      case 'heading':
        texts.push(this.readPhrasing(node, 'heading', topLevel, node.depth));
        break;
      case 'tableCell':
        texts.push(this.readPhrasing(node, 'cell', topLevel));
        break;
      case 'code':
        texts.push(node.value);
        break;
      case 'blockquote':
      case 'list':
      case 'listItem':
      case 'table':
      case 'tableRow':
      case 'footnoteDefinition':
        for (const child of (node as Parent).children) this.readBlock(child as RootContent, texts, false);
        break;
      default:
        break;
    }
  }

  private diagnostic(rule: RuleId, severity: Severity, span: Span, args: Record<string, string> = {}): void {
    this.result.diagnostics.push({ rule, severity, span, args });
  }

  /** Reads a paragraph, heading or table cell; returns its plain text without coding markup. */
  private readPhrasing(node: Parent, container: Container, topLevel: boolean, depth = 0): string {
    const source = this.source;
    const scan: PhrasingScan = { visible: new VisibleText(source), masked: [] };
    const children = node.children as PhrasingContent[];
    scanPhrasing(source, children, scan, start(node), end(node));
    const from = start(node);
    const to = end(node);
    // Trailing pieces of an autolink literal carry no position: the content runs to the node's end.
    const contentEnd = children.length > 0 && !children[children.length - 1]!.position ? to : childrenEnd(children, to);
    scan.masked.sort((a, b) => a.start - b.start);

    const fragments: ChunkFragment[] = [];
    const markup: Span[] = [];
    let endBlock: { block: ScannedBlock; markup: Span } | undefined;
    const open: number[] = [];
    // Braces are looked at from left to right, so the end of the current line is found once per
    // line, and a line found to hold no `}` after an unclosed block is not scanned again: the
    // reading stays linear on lines full of `{`.
    let lineEndAt = -1;
    const lineEnd = (at: number): number => {
      if (at >= lineEndAt) {
        lineEndAt = at;
        while (lineEndAt < source.length && source[lineEndAt] !== '\n' && source[lineEndAt] !== '\r') lineEndAt++;
      }
      return lineEndAt;
    };
    let noCloseUntil = -1;
    const scanBlock = (brace: number): ScannedBlock | undefined => {
      if (brace < noCloseUntil) return undefined;
      const block = scanAttributeBlock(source, brace);
      if (!block && !source.slice(brace, lineEnd(brace)).includes('}')) noCloseUntil = lineEnd(brace);
      return block;
    };
    const unclosed = (brace: number): void => this.diagnostic('unclosed-attributes', 'error', { start: brace, end: lineEnd(brace) });
    let m = 0;
    for (let i = from; i < contentEnd; i++) {
      while (m < scan.masked.length && scan.masked[m]!.end <= i) m++;
      if (m < scan.masked.length && scan.masked[m]!.start <= i) {
        i = scan.masked[m]!.end - 1;
        continue;
      }
      const c = source[i];
      if (c === '\\') {
        i++;
      } else if (c === '[') {
        open.push(i);
      } else if (c === ']') {
        const opener = open.pop();
        if (source[i + 1] !== '{') continue;
        const block = scanBlock(i + 1);
        if (!block) {
          unclosed(i + 1);
          i++; // the `{` is reported: do not read it again
          continue;
        }
        i = block.span.end - 1;
        if (!block.coding) {
          this.noteMissingHash(block);
          continue;
        }
        if (opener === undefined) {
          this.diagnostic('fragment-without-start', 'error', { start: block.span.start - 1, end: block.span.end });
          this.result.looseBlocks.push(block);
          continue;
        }
        const close = block.span.start - 1;
        const spans = [
          { start: opener, end: opener + 1 },
          { start: close, end: block.span.end },
        ];
        markup.push(...spans);
        fragments.push({
          kind: 'inline',
          content: { start: opener + 1, end: close },
          full: { start: opener, end: block.span.end },
          markup: spans,
          block,
          text: '',
        });
      } else if (c === '{') {
        const block = scanBlock(i);
        if (!block) {
          if (source[i + 1] === '#') unclosed(i);
          continue;
        }
        i = block.span.end - 1;
        TRAILING_BLANKS.lastIndex = block.span.end;
        TRAILING_BLANKS.exec(source);
        const atEnd = TRAILING_BLANKS.lastIndex >= contentEnd;
        // White space before it, line breaks included, but after some content of the block.
        const afterSpace = block.span.start > from && /\s/.test(source[block.span.start - 1]!);
        const codesHere = atEnd && afterSpace && container !== 'cell';
        if (!block.coding) {
          if (codesHere) this.noteMissingHash(block);
          continue;
        }
        if (!codesHere) {
          this.diagnostic('stray-attributes', 'warning', block.span);
          this.result.looseBlocks.push(block);
          continue;
        }
        let ws = block.span.start;
        while (ws > from && /\s/.test(source[ws - 1]!)) ws--;
        endBlock = { block, markup: { start: ws, end: block.span.end } };
        markup.push(endBlock.markup);
      }
    }

    markup.sort((a, b) => a.start - b.start);
    for (const fragment of fragments) {
      fragment.text = scan.visible.text(fragment.content, markup);
      if (fragment.text === '') this.diagnostic('empty-fragment', 'warning', fragment.full);
      this.result.fragments.push(fragment);
    }
    const text = scan.visible.text({ start: from, end: to }, markup);

    if (container === 'heading') {
      this.result.headings.push({ depth, text, span: { start: from, end: to }, topLevel, coding: endBlock });
    } else if (endBlock) {
      const fragment: ChunkFragment = {
        kind: 'block',
        content: { start: from, end: endBlock.markup.start },
        full: { start: from, end: endBlock.block.span.end },
        markup: [endBlock.markup],
        block: endBlock.block,
        text,
      };
      if (text === '') this.diagnostic('empty-fragment', 'warning', fragment.full);
      this.result.fragments.push(fragment);
    }
    if (container === 'paragraph') this.readLabel(children, from);
    return text;
  }

  private noteMissingHash(block: ScannedBlock): void {
    if (block.items.some((item) => item.kind === 'word')) this.result.missingHashCandidates.push(block);
  }

  /** A turn label at the start of a paragraph (SYNTAX.md §6). */
  private readLabel(children: PhrasingContent[], from: number): void {
    let k = 0;
    const first = children[0];
    if (first?.type === 'text' && TIMESTAMP.test(first.value) && children[1]?.type === 'strong') k = 1;
    const label = children[k];
    if (label?.type === 'strong' && label.position) {
      const inner = label.children.map((child) => ('value' in child ? child.value : '')).join('');
      const after = children[k + 1];
      if (inner.endsWith(':') && inner.length > 1) {
        this.result.labels.push({ speaker: inner.slice(0, -1).trim(), label: { start: from, end: end(label) }, plain: false });
      } else if (after?.type === 'text' && after.value.startsWith(':') && inner.trim()) {
        this.result.labels.push({ speaker: inner.trim(), label: { start: from, end: (after.position ? start(after) : end(label)) + 1 }, plain: false });
      }
      return;
    }
    if (first?.type === 'text') {
      const plain = PLAIN_LABEL.exec(first.value);
      if (plain) this.result.labels.push({ speaker: plain[1]!.trim(), label: { start: from, end: from + plain[0].length }, plain: true });
    }
  }
}

/**
 * What remark is given at most per chunk. Its work grows with the square of the markup
 * characters in a paragraph (runs of `_` or `*`, nested `[`, backticks, `<`, `>`: 128 kB of
 * `a_ ` takes it over 10 s), and linearly with the length. Within these budgets a chunk takes it
 * at most about 0.1 s on this project's machines (`bench/remarkBudget.ts`); real paragraphs hold
 * a few dozen markup characters. A chunk beyond them is read by the line reader instead.
 */
export const REMARK_BUDGET = { markup: 500, length: 32 * 1024 };

/** Why remark is not given a chunk (transcript.ts catches it and reads the chunk line by line). */
export class OverBudgetError extends Error {
  constructor(readonly reason: 'markup' | 'length') {
    super(`chunk over remark's ${reason} budget`);
  }
}

/** Throws an OverBudgetError when `source` is beyond REMARK_BUDGET. Linear, stops at the budget. */
export function checkRemarkBudget(source: string): void {
  if (source.length > REMARK_BUDGET.length) throw new OverBudgetError('length');
  let markup = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    // [ ] * _ ` < >
    if (c === 91 || c === 93 || c === 42 || c === 95 || c === 96 || c === 60 || c === 62) {
      if (++markup > REMARK_BUDGET.markup) throw new OverBudgetError('markup');
    }
  }
}

export function readChunk(source: string): ChunkResult {
  const plain = plainTree(source);
  if (plain) return new ChunkReader(source).read(plain);
  checkRemarkBudget(source);
  return new ChunkReader(source).read(parseMarkdown(source));
}

/** Always reads with remark, never through the plain-chunk shortcut (for tests and comparison). */
export function readChunkWithRemark(source: string): ChunkResult {
  return new ChunkReader(source).read(parseMarkdown(source));
}
