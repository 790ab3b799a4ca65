// The linear fallback reader: when reading a file as Markdown takes too long (remark is
// quadratic on some inputs), the file is read line by line instead. It finds attribute blocks,
// inline fragments, block, section and div coding and speaker labels approximately — no
// emphasis, links or containers are understood — and never takes more than linear time.

import { scanAttributeBlock, type ScannedBlock } from './attributes';
import { firstEndingAfter, type ChunkFragment, type ChunkHeading, type ChunkResult } from './chunk';
import type { Span } from '../types';

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CONTAINER = /^(?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+|[ \t]*>[ \t]?)+/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/;
const TIMESTAMP_LABEL = /^\s*\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*/;
const STRONG_LABEL = /^\*\*([^*\n\r]{1,60}?)(?::\*\*|\*\*:)/;
const PLAIN_LABEL = /^([\p{L}\p{N}][^:\n\r]{0,60}?):(?=\s|$)/u;

/** Visible text, roughly: emphasis markers and brackets dropped, white space collapsed. */
function roughText(source: string, span: Span, markup: Span[]): string {
  let out = '';
  let m = firstEndingAfter(markup, span.start);
  for (let i = span.start; i < span.end; i++) {
    while (m < markup.length && markup[m]!.end <= i) m++;
    if (m < markup.length && markup[m]!.start <= i) {
      i = markup[m]!.end - 1;
      continue;
    }
    const c = source[i]!;
    if (c === '*' || c === '`') continue;
    if (c === '\\' && i + 1 < span.end) {
      out += source[++i];
      continue;
    }
    out += c;
  }
  return out.replace(/\s+/g, ' ').trim();
}

interface Block {
  span: Span;
  heading?: number;
  topLevel: boolean;
}

/** Reads one chunk (see lines.ts) without Markdown parsing. Linear in its length. */
export function readChunkRoughly(source: string): ChunkResult {
  const result: ChunkResult = { blocks: [], headings: [], fragments: [], looseBlocks: [], missingHashCandidates: [], labels: [], diagnostics: [] };

  // Blocks: headings, and runs of non-blank lines outside fenced code.
  const blocks: Block[] = [];
  let codeFence: string | undefined;
  let current: Block | undefined;
  let codeStart = -1;
  for (let start = 0; start <= source.length; ) {
    let end = start;
    while (end < source.length && source[end] !== '\n' && source[end] !== '\r') end++;
    const line = source.slice(start, end);
    let next = end;
    if (source[next] === '\r') next++;
    if (source[next] === '\n') next++;
    if (codeFence !== undefined) {
      const close = CODE_FENCE.exec(line);
      if (close && close[1]![0] === codeFence[0] && close[1]!.length >= codeFence.length) {
        codeFence = undefined;
        result.blocks.push({ span: { start: codeStart, end }, text: '' });
      }
    } else {
      const fence = CODE_FENCE.exec(line);
      const heading = HEADING.exec(line);
      if (fence) {
        current = undefined;
        codeFence = fence[1]!;
        codeStart = start;
      } else if (/^[ \t]*$/.test(line)) {
        current = undefined;
      } else if (heading) {
        current = undefined;
        blocks.push({ span: { start: start + line.length - line.trimStart().length, end }, heading: heading[1]!.length, topLevel: true });
      } else if (current && !LIST_ITEM.test(line)) {
        current.span.end = end;
      } else {
        // A new paragraph; in a list item or block quote it starts after the markers.
        const container = CONTAINER.exec(line);
        const indent = container ? container[0].length : line.length - line.trimStart().length;
        current = { span: { start: start + indent, end }, topLevel: container === null };
        blocks.push(current);
      }
    }
    if (next === start) break;
    start = next;
  }
  if (codeFence !== undefined && codeStart >= 0) result.blocks.push({ span: { start: codeStart, end: source.length }, text: '' });

  for (const block of blocks) readBlock(source, block, result);
  result.blocks.sort((a, b) => a.span.start - b.span.start);
  return result;
}

function readBlock(source: string, block: Block, result: ChunkResult): void {
  const { start: from, end: to } = block.span;
  let contentFrom = from;
  if (block.heading !== undefined) contentFrom = from + (HEADING.exec(source.slice(from, to))?.[0].length ?? 0);
  const open: number[] = [];
  const markup: Span[] = [];
  const fragments: ChunkFragment[] = [];
  let endBlock: { block: ScannedBlock; markup: Span } | undefined;
  let lineEnd = -1;
  let noScanUntil = -1; // an attribute block failed to close on this line: stop trying
  let noCloseOnLine = false; // and no `}` follows it there
  let inCode = false;
  let lastNonBlank = to - 1;
  while (lastNonBlank >= from && (source[lastNonBlank] === ' ' || source[lastNonBlank] === '\t')) lastNonBlank--;
  for (let i = contentFrom; i < to; i++) {
    const c = source[i]!;
    if (i > lineEnd) {
      lineEnd = i;
      while (lineEnd < to && source[lineEnd] !== '\n' && source[lineEnd] !== '\r') lineEnd++;
      inCode = false;
    }
    if (c === '`') {
      inCode = !inCode;
      continue;
    }
    if (inCode) continue;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      open.push(i);
      continue;
    }
    const afterBracket = c === ']' && source[i + 1] === '{';
    if (c === ']' && !afterBracket) {
      open.pop();
      continue;
    }
    if (c !== '{' && !afterBracket) continue;
    const brace = afterBracket ? i + 1 : i;
    // After a brace that does not close, the rest of its line is not scanned again (linear). When
    // no `}` follows on the line, each later `{#` is unclosed too and reported, as the chunk
    // reader does.
    const skipped = brace < noScanUntil;
    const scanned = skipped ? undefined : scanAttributeBlock(source, brace);
    if (!scanned) {
      if (!skipped) {
        noScanUntil = lineEnd;
        noCloseOnLine = !source.slice(brace, lineEnd).includes('}');
      }
      if (source[brace + 1] === '#' && (!skipped || noCloseOnLine)) {
        result.diagnostics.push({ rule: 'unclosed-attributes', severity: 'error', span: { start: brace, end: lineEnd }, args: {} });
      }
      if (afterBracket) open.pop();
      continue;
    }
    i = scanned.span.end - 1;
    if (afterBracket) {
      const opener = open.pop();
      if (!scanned.coding) continue;
      if (opener === undefined) {
        result.diagnostics.push({ rule: 'fragment-without-start', severity: 'error', span: { start: brace - 1, end: scanned.span.end }, args: {} });
        result.looseBlocks.push(scanned);
        continue;
      }
      const spans = [
        { start: opener, end: opener + 1 },
        { start: brace - 1, end: scanned.span.end },
      ];
      markup.push(...spans);
      fragments.push({ kind: 'inline', content: { start: opener + 1, end: brace - 1 }, full: { start: opener, end: scanned.span.end }, markup: spans, block: scanned, text: '' });
      continue;
    }
    const atEnd = scanned.span.end > lastNonBlank;
    const afterSpace = brace > contentFrom && /\s/.test(source[brace - 1]!);
    if (!scanned.coding) {
      if (atEnd && afterSpace && scanned.items.some((item) => item.kind === 'word')) result.missingHashCandidates.push(scanned);
      continue;
    }
    if (!atEnd || !afterSpace) {
      result.diagnostics.push({ rule: 'stray-attributes', severity: 'warning', span: scanned.span, args: {} });
      result.looseBlocks.push(scanned);
      continue;
    }
    let ws = brace;
    while (ws > from && /\s/.test(source[ws - 1]!)) ws--;
    endBlock = { block: scanned, markup: { start: ws, end: scanned.span.end } };
    markup.push(endBlock.markup);
  }

  // Touching spans are removed together: as one run each, nested fragments (`[[[x]{#a}]{#b}]…`)
  // skip their inner markup in one step, and the work stays linear in the chunk.
  const runs: Span[] = [];
  for (const span of markup.sort((a, b) => a.start - b.start)) {
    const last = runs[runs.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else runs.push({ start: span.start, end: span.end });
  }
  for (const fragment of fragments) {
    // Nested fragments keep their content but lose their markup.
    fragment.text = roughText(source, fragment.content, runs);
    if (fragment.text === '') result.diagnostics.push({ rule: 'empty-fragment', severity: 'warning', span: fragment.full, args: {} });
    result.fragments.push(fragment);
  }
  const text = roughText(source, { start: contentFrom, end: to }, runs);
  result.blocks.push({ span: block.span, text });

  if (block.heading !== undefined) {
    const heading: ChunkHeading = { depth: block.heading, text, span: block.span, topLevel: block.topLevel };
    if (endBlock) heading.coding = endBlock;
    result.headings.push(heading);
    return;
  }
  if (endBlock) {
    const full = { start: from, end: endBlock.block.span.end };
    if (text === '') result.diagnostics.push({ rule: 'empty-fragment', severity: 'warning', span: full, args: {} });
    result.fragments.push({ kind: 'block', content: { start: from, end: endBlock.markup.start }, full, markup: [endBlock.markup], block: endBlock.block, text });
  }

  // A speaker label at the start of the block, after list or quote markers and a timestamp.
  let at = from;
  const container = CONTAINER.exec(source.slice(from, Math.min(to, from + 100)));
  if (container) at += container[0].length;
  const stamp = TIMESTAMP_LABEL.exec(source.slice(at, Math.min(to, at + 20)));
  const headStart = at + (stamp && source.startsWith('**', at + stamp[0].length) ? stamp[0].length : 0);
  const head = source.slice(headStart, Math.min(to, headStart + 120));
  const strong = STRONG_LABEL.exec(head);
  if (strong && strong[1]!.trim()) {
    result.labels.push({ speaker: strong[1]!.trim(), label: { start: from, end: headStart + strong[0].length }, plain: false });
    return;
  }
  if (at === from) {
    const plain = PLAIN_LABEL.exec(head);
    if (plain) result.labels.push({ speaker: plain[1]!.trim(), label: { start: from, end: from + plain[0].length }, plain: true });
  }
}
