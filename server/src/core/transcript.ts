// Parses a transcript into its document model: the line scan cuts it into chunks, each chunk is
// read on its own (and reused from the previous parse when its text did not change), and the
// results are put together into fragments of all four kinds, turns, codes and diagnostics.

import type { ScannedBlock } from './attributes';
import { OverBudgetError, readChunk, type ChunkDiagnostic, type ChunkResult } from './chunk';
import { readChunkRoughly } from './fallback';
import { emptyFrontMatter, readFrontMatter } from './frontmatter';
import { scanLines } from './lines';
import { LineIndex, stripBom } from './text';
import type { AttributeBlock, CodeOccurrence, Diagnostic, Fragment, FragmentKind, Heading, Span, Transcript, Turn } from './types';

/** Chunk results by chunk text, from the previous parse of the same document. */
export type ChunkCache = Map<string, ChunkResult>;

interface RawFragment {
  kind: FragmentKind;
  content: Span;
  full: Span;
  markup: Span[];
  block: ScannedBlock;
  text: string;
}

/** The length of the first line of `text`. */
function lineLength(text: string): number {
  const end = text.search(/[\r\n]/);
  return end < 0 ? text.length : end;
}

const shift = (span: Span, by: number): Span => ({ start: span.start + by, end: span.end + by });

function shiftBlock(block: ScannedBlock, by: number): ScannedBlock {
  if (by === 0) return block;
  return {
    span: shift(block.span, by),
    coding: block.coding,
    items: block.items.map((item) => ({ ...item, span: shift(item.span, by) })),
  };
}

export interface ParseOptions {
  /** Reads one chunk; the fallback reader (fallback.ts) replaces remark here. */
  readChunk?: (source: string) => ChunkResult;
}

/**
 * Parses `rawText`. With `cache`, chunks whose text is unchanged since the parse that filled it
 * are not read again; the cache is then replaced by this parse's chunks.
 */
export function parseTranscript(rawText: string, cache?: { chunks: ChunkCache }, options: ParseOptions = {}): Transcript {
  const read = options.readChunk ?? readChunk;
  const text = stripBom(rawText);
  const lines = new LineIndex(text);
  const scan = scanLines(text);
  const diagnostics: ChunkDiagnostic[] = [];

  let frontMatter = emptyFrontMatter();
  if (scan.frontMatter) frontMatter = readFrontMatter(text, scan.frontMatter.span, scan.frontMatter.body, diagnostics);
  if (scan.unclosedFrontMatter) {
    diagnostics.push({ rule: 'front-matter', severity: 'error', span: scan.unclosedFrontMatter, args: { problem: 'unclosed' } });
  }
  for (const conflict of scan.conflicts) diagnostics.push({ rule: 'merge-conflict', severity: 'error', span: conflict, args: {} });

  const previous = cache?.chunks;
  const chunks: ChunkCache = new Map();
  const raw: RawFragment[] = [];
  const headings: (Heading & { topLevel: boolean })[] = [];
  const sectionCodings: { heading: number; block: ScannedBlock; markup: Span }[] = [];
  const blocks: { span: Span; text: string }[] = [];
  const looseBlocks: ScannedBlock[] = [];
  const candidates: ScannedBlock[] = [];
  const labels: { speaker: string; label: Span; plain: boolean }[] = [];

  for (const chunk of scan.chunks) {
    const source = text.slice(chunk.start, chunk.end);
    let result = chunks.get(source) ?? previous?.get(source);
    if (!result) {
      try {
        result = read(source);
      } catch (error) {
        // The chunk is beyond remark's budget, or remark gave up on it (its stack overflowed on
        // thousands of nested quotes): the linear reader takes it, and a diagnostic says so.
        const reason = error instanceof OverBudgetError ? error.reason : 'error';
        result = readChunkRoughly(source);
        const fallback: ChunkDiagnostic = { rule: 'parse-fallback', severity: 'information', span: { start: 0, end: Math.min(source.length, lineLength(source)) }, args: { reason } };
        result = { ...result, diagnostics: [...result.diagnostics, fallback] };
      }
    }
    chunks.set(source, result);
    const by = chunk.start;
    for (const b of result.blocks) blocks.push({ span: shift(b.span, by), text: b.text });
    for (const h of result.headings) {
      if (h.coding) sectionCodings.push({ heading: headings.length, block: shiftBlock(h.coding.block, by), markup: shift(h.coding.markup, by) });
      headings.push({ depth: h.depth, text: h.text, span: shift(h.span, by), topLevel: h.topLevel });
    }
    for (const f of result.fragments) {
      raw.push({
        kind: f.kind,
        content: shift(f.content, by),
        full: shift(f.full, by),
        markup: f.markup.map((s) => shift(s, by)),
        block: shiftBlock(f.block, by),
        text: f.text,
      });
    }
    for (const b of result.looseBlocks) looseBlocks.push(shiftBlock(b, by));
    for (const b of result.missingHashCandidates) candidates.push(shiftBlock(b, by));
    for (const l of result.labels) labels.push({ speaker: l.speaker, label: shift(l.label, by), plain: l.plain });
    for (const d of result.diagnostics) diagnostics.push({ ...d, span: shift(d.span, by) });
  }
  if (cache) cache.chunks = chunks;
  // A fence line that is not a fence is read as Markdown too: report its `{` once.
  for (const brace of scan.unclosedFenceBlocks) {
    if (!diagnostics.some((d) => d.rule === 'unclosed-attributes' && d.span.start === brace.start)) {
      diagnostics.push({ rule: 'unclosed-attributes', severity: 'error', span: brace, args: {} });
    }
  }

  // Blocks are in document order: find the first one in `span` by binary search.
  const firstBlockAt = (offset: number): number => {
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (blocks[mid]!.span.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const blocksIn = (span: Span): { span: Span; text: string }[] => {
    const out = [];
    for (let i = firstBlockAt(span.start); i < blocks.length && blocks[i]!.span.start < span.end; i++) out.push(blocks[i]!);
    return out;
  };
  const textOf = (span: Span): string =>
    blocksIn(span)
      .map((b) => b.text)
      .filter((t) => t !== '')
      .join(' ');

  // Section coding: from the heading to the next heading of the same or a higher level.
  const topLevel = headings.filter((h) => h.topLevel);
  for (const { heading, block, markup } of sectionCodings) {
    const h = headings[heading]!;
    const next = h.topLevel ? topLevel.find((o) => o.span.start > h.span.start && o.depth <= h.depth) : undefined;
    let endAt = next ? next.span.start : text.length;
    if (!h.topLevel) endAt = h.span.end;
    while (endAt > h.span.end && /\s/.test(text[endAt - 1]!)) endAt--;
    const span = { start: h.span.start, end: endAt };
    const sectionText = h.topLevel ? textOf(span) : h.text;
    if (sectionText === '') diagnostics.push({ rule: 'empty-fragment', severity: 'warning', span: h.span, args: {} });
    raw.push({ kind: 'section', content: span, full: span, markup: [markup], block, text: sectionText });
  }

  // Divs: fences pair up innermost first.
  const openDivs: { fence: (typeof scan.fences)[number] }[] = [];
  for (const fence of scan.fences) {
    if (fence.kind === 'open') {
      openDivs.push({ fence });
      continue;
    }
    const opened = openDivs.pop();
    if (!opened) {
      diagnostics.push({ rule: 'unopened-div', severity: 'warning', span: fence.line, args: {} });
      continue;
    }
    const openMarkup = { start: opened.fence.line.start, end: opened.fence.next };
    const closeStart = Math.max(openMarkup.end, fence.line.start - (text[fence.line.start - 2] === '\r' && text[fence.line.start - 1] === '\n' ? 2 : 1));
    const content = { start: opened.fence.next, end: Math.max(opened.fence.next, fence.line.start) };
    const divText = textOf(content);
    if (divText === '') diagnostics.push({ rule: 'empty-fragment', severity: 'warning', span: opened.fence.line, args: {} });
    raw.push({
      kind: 'div',
      content,
      full: { start: opened.fence.line.start, end: fence.line.end },
      markup: [openMarkup, { start: closeStart, end: fence.line.end }],
      block: opened.fence.block!,
      text: divText,
    });
  }
  for (const { fence } of openDivs) diagnostics.push({ rule: 'unclosed-div', severity: 'error', span: fence.line, args: {} });

  // Turns: each label opens one, lasting to the next label or heading.
  const participants = new Set(frontMatter.participants);
  const turnLabels = labels.filter((l) => !l.plain || participants.has(l.speaker));
  const firstAfter = (sorted: number[], offset: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const stops = [...turnLabels.map((l) => l.label.start), ...headings.filter((h) => h.topLevel).map((h) => h.span.start)].sort((a, b) => a - b);
  const turns: Turn[] = turnLabels.map((l) => {
    const next = stops[firstAfter(stops, l.label.start)];
    return { speaker: l.speaker, label: l.label, span: { start: l.label.start, end: next ?? text.length } };
  });
  const speakerAt = (offset: number): string | undefined => {
    let lo = 0;
    let hi = turns.length - 1;
    let found: Turn | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (turns[mid]!.span.start <= offset) {
        found = turns[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found && offset < found.span.end ? found.speaker : undefined;
  };

  // A fragment starts where its content does, after white space (a div may open with a blank line).
  const firstVisible = (span: Span): number => {
    let at = span.start;
    while (at < span.end && /\s/.test(text[at]!)) at++;
    return at < span.end ? at : span.start;
  };

  // Fragments in document order; the parent is the innermost fragment that contains one.
  raw.sort((a, b) => a.full.start - b.full.start || b.full.end - a.full.end);
  const fragments: Fragment[] = [];
  const codes: CodeOccurrence[] = [];
  const attributeBlocks: AttributeBlock[] = [];
  const stack: Fragment[] = [];
  const readBlock = (block: ScannedBlock, fragment: number): AttributeBlock => {
    const seen = new Set<string>();
    const result: AttributeBlock = { span: block.span, range: lines.range(block.span), codes: [], attributes: {}, bareWords: [] };
    for (const item of block.items) {
      if (item.kind === 'code') {
        if (!item.valid) {
          diagnostics.push({ rule: 'invalid-code', severity: 'error', span: item.span, args: { text: `#${item.path}` } });
        } else if (seen.has(item.path)) {
          diagnostics.push({ rule: 'duplicate-code', severity: 'warning', span: item.span, args: { code: item.path } });
        } else {
          seen.add(item.path);
          result.codes.push({ code: item.path, fragment, span: item.span, range: lines.range(item.span) });
        }
      } else if (item.kind === 'pair') {
        if (item.key === 'memo') result.memo = item.value;
        else result.attributes[item.key] = item.value;
      } else {
        result.bareWords.push({ word: item.word, ...lines.located(item.span) });
      }
    }
    return result;
  };
  for (const f of raw) {
    const block = readBlock(f.block, -1);
    if (block.codes.length === 0) {
      attributeBlocks.push(block);
      codes.push(...block.codes);
      continue;
    }
    while (stack.length > 0 && stack[stack.length - 1]!.full.span.end < f.full.end) stack.pop();
    const id = fragments.length;
    for (const c of block.codes) c.fragment = id;
    // Built key by key (no `delete`: it makes objects slow and large), in the model's key order.
    const fragment = { id, kind: f.kind, codes: block.codes.map((c) => c.code) } as Fragment;
    if (block.memo !== undefined) fragment.memo = block.memo;
    fragment.attributes = block.attributes;
    const speaker = speakerAt(firstVisible(f.content));
    if (speaker !== undefined) fragment.speaker = speaker;
    fragment.text = f.text;
    fragment.content = lines.located(f.content);
    fragment.full = lines.located(f.full);
    fragment.markup = f.markup;
    fragment.attributeBlock = f.block.span;
    fragment.parent = stack.length > 0 ? stack[stack.length - 1]!.id : -1;
    fragments.push(fragment);
    stack.push(fragment);
    attributeBlocks.push(block);
    codes.push(...block.codes);
  }
  for (const block of looseBlocks) {
    const read = readBlock(block, -1);
    attributeBlocks.push(read);
    codes.push(...read.codes);
  }
  for (const block of [...candidates, ...scan.missingHashFences]) attributeBlocks.push(readBlock(block, -1));
  attributeBlocks.sort((a, b) => a.span.start - b.span.start);
  codes.sort((a, b) => a.span.start - b.span.start);

  const located: Diagnostic[] = diagnostics
    .map((d) => ({ rule: d.rule, severity: d.severity, args: d.args, ...lines.located(d.span) }))
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);

  return {
    length: text.length,
    lineCount: lines.lineCount,
    frontMatter,
    headings: headings.map(({ depth, text: t, span }) => ({ depth, text: t, span })),
    turns,
    fragments,
    codes,
    attributeBlocks,
    diagnostics: located,
  };
}
