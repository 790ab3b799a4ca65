// A line-level scan that runs before any Markdown parsing: front matter, fenced divs, merge
// conflicts, and the places where the text can be cut into independently parsed chunks.

import { scanAttributeBlock, type ScannedBlock } from './attributes';
import type { Span } from '../types';

export interface FrontMatterBlock {
  /** The whole block, fences included, up to the start of the line after the closing fence. */
  span: Span;
  /** The YAML between the fences. */
  body: Span;
}

export interface DivFence {
  kind: 'open' | 'close';
  /** The fence line without its line break. */
  line: Span;
  /** The start of the next line (or the end of the text). */
  next: Span['end'];
  /** The coding attribute block of an opening fence. */
  block?: ScannedBlock;
}

export interface LineScan {
  frontMatter?: FrontMatterBlock;
  /** Front matter that opens with `---` but never closes (reported, then read as Markdown). */
  unclosedFrontMatter?: Span;
  /** Kader's own div fences, in order. Fences of other tools (`::: note`) are left alone. */
  fences: DivFence[];
  /** `{` of a fence line's attribute block that is not closed on its line. */
  unclosedFenceBlocks: Span[];
  /** Attribute blocks of fence lines that hold no code but bare words (`::: {intentie}`). */
  missingHashFences: ScannedBlock[];
  /** `<<<<<<<` lines that start a complete conflict block. */
  conflicts: Span[];
  /** Stretches of Markdown, in order, that can each be parsed on their own. */
  chunks: Span[];
}

interface Line {
  start: number;
  /** End of the text, before the line break. */
  end: number;
  /** Start of the next line. */
  next: number;
}

/** The lines that start in [from, to). */
function* lines(text: string, from: number, to = text.length): Generator<Line> {
  let start = from;
  const cr = text.indexOf('\r', from);
  const onlyLf = cr < 0 || cr >= to; // then `indexOf` finds line ends fastest
  while (start < to) {
    let end = start;
    if (onlyLf) {
      end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
    } else while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    let next = end;
    if (text.charCodeAt(next) === 13) next++;
    if (text.charCodeAt(next) === 10) next++;
    yield { start, end, next };
    start = next;
  }
}

const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DIV_FENCE = /^ {0,3}(:{3,})[ \t]*(.*?)[ \t]*$/;
const HTML_RAW_OPEN = /^ {0,3}<(script|pre|style|textarea)(?:\s|>|$)/i;
const BLANK = /^[ \t]*$/;

function emptyScan(): LineScan {
  return { fences: [], unclosedFenceBlocks: [], missingHashFences: [], conflicts: [], chunks: [] };
}

/** Scans `text` (without a byte-order mark) line by line. Linear in its length. */
export function scanLines(text: string): LineScan {
  const scan = emptyScan();
  let from = 0;
  if (/^---[ \t]*(\r\n|\r|\n)/.test(text)) {
    const first = lines(text, 0).next().value as Line;
    for (const line of lines(text, first.next)) {
      const content = text.slice(line.start, line.end);
      if (/^(---|\.\.\.)[ \t]*$/.test(content)) {
        scan.frontMatter = { span: { start: 0, end: line.next }, body: { start: first.next, end: line.start } };
        from = line.next;
        break;
      }
    }
    if (!scan.frontMatter) scan.unclosedFrontMatter = { start: 0, end: first.end };
  }
  scanMarkdown(text, from, text.length, scan);
  return scan;
}

/**
 * Scans the lines that start in [from, to) as if a chunk started at `from` outside any block
 * (for re-scanning an edited stretch). `closed` is false when a fenced code block, HTML block, div
 * or conflict is still open at the end: the stretch cannot be scanned on its own then.
 */
export function scanStretch(text: string, from: number, to: number): { scan: LineScan; closed: boolean } {
  const scan = emptyScan();
  const closed = scanMarkdown(text, from, to, scan);
  return { scan, closed };
}

/** The line scan proper, after any front matter; true when it ends outside every block. */
function scanMarkdown(text: string, from: number, to: number, scan: LineScan): boolean {
  let codeFence: string | undefined; // the opening run of a fenced code block we are inside
  let htmlRawEnd: RegExp | undefined; // the end of an HTML comment or raw block we are inside
  let chunkStart = -1;
  let chunkEnd = -1;
  let afterBlank = true;
  let conflict: { start: Span; separator: boolean } | undefined;
  const divDepth: boolean[] = []; // open divs: true for Kader's, false for another tool's

  const closeChunk = (): void => {
    if (chunkStart >= 0) scan.chunks.push({ start: chunkStart, end: chunkEnd });
    chunkStart = -1;
  };

  for (const line of lines(text, from, to)) {
    const content = text.slice(line.start, line.end);

    if (content.startsWith('<<<<<<<')) conflict = { start: { start: line.start, end: line.end }, separator: false };
    else if (conflict && content.startsWith('=======')) conflict.separator = true;
    else if (conflict?.separator && content.startsWith('>>>>>>>')) {
      scan.conflicts.push(conflict.start);
      conflict = undefined;
    }

    if (codeFence === undefined && htmlRawEnd === undefined) {
      const div = DIV_FENCE.exec(content);
      if (div) {
        const rest = div[2]!;
        const braceAt = line.start + content.indexOf('{', div.index + div[1]!.length);
        if (rest === '') {
          // A closing fence closes the innermost div; one of another tool's stays Markdown.
          if (divDepth.pop() !== false) {
            scan.fences.push({ kind: 'close', line: { start: line.start, end: line.end }, next: line.next });
            closeChunk();
            afterBlank = true;
            continue;
          }
        } else if (rest.startsWith('{')) {
          const block = scanAttributeBlock(text, braceAt);
          if (!block) scan.unclosedFenceBlocks.push({ start: braceAt, end: line.end });
          if (block?.coding && BLANK.test(text.slice(block.span.end, line.end))) {
            divDepth.push(true);
            scan.fences.push({ kind: 'open', line: { start: line.start, end: line.end }, next: line.next, block });
            closeChunk();
            afterBlank = true;
            continue;
          }
          if (block && !block.coding && block.items.some((item) => item.kind === 'word') && BLANK.test(text.slice(block.span.end, line.end))) {
            scan.missingHashFences.push(block);
          }
          divDepth.push(false);
        } else {
          divDepth.push(false);
        }
      }
    }

    const blank = BLANK.test(content);
    if (codeFence !== undefined) {
      const close = CODE_FENCE.exec(content);
      if (close && close[1]![0] === codeFence[0] && close[1]!.length >= codeFence.length && BLANK.test(content.slice(close[0].length))) {
        codeFence = undefined;
      }
    } else if (htmlRawEnd !== undefined) {
      if (htmlRawEnd.test(content)) htmlRawEnd = undefined;
    } else if (blank) {
      afterBlank = true;
      continue;
    } else {
      const startsFlush = content[0] !== ' ' && content[0] !== '\t';
      if (afterBlank && startsFlush) closeChunk();
      const fence = CODE_FENCE.exec(content);
      if (fence && !(fence[1]![0] === '`' && content.slice(fence[0].length).includes('`'))) codeFence = fence[1]!;
      else if (/^ {0,3}<!--/.test(content) && !content.includes('-->', content.indexOf('<!--') + 4)) htmlRawEnd = /-->/;
      else {
        const raw = HTML_RAW_OPEN.exec(content);
        if (raw && !new RegExp(`</${raw[1]}>`, 'i').test(content)) htmlRawEnd = new RegExp(`</${raw[1]}>`, 'i');
      }
    }
    afterBlank = false;
    if (chunkStart < 0) chunkStart = line.start;
    chunkEnd = line.end;
  }
  closeChunk();
  return codeFence === undefined && htmlRawEnd === undefined && conflict === undefined && divDepth.length === 0;
}

/** Whether the line that holds `offset` lies inside a fenced code block (or is one of its fences). */
export function inFencedCode(text: string, offset: number): boolean {
  let fence: string | undefined;
  for (const line of lines(text, 0)) {
    const match = CODE_FENCE.exec(text.slice(line.start, line.end));
    const opens = fence === undefined && match !== null && !(match[1]![0] === '`' && text.slice(line.start + match[0].length, line.end).includes('`'));
    const closes = fence !== undefined && match !== null && match[1]![0] === fence[0] && match[1]!.length >= fence.length;
    if (offset < line.next || line.next >= text.length) return fence !== undefined || opens;
    if (opens) fence = match![1]!;
    else if (closes) fence = undefined;
  }
  return false;
}
