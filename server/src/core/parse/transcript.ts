// Parses a transcript into its document model: the line scan cuts it into chunks, each chunk is
// read on its own (and reused from the previous parse when its text did not change), and the
// results are put together into fragments of all four kinds, turns, codes and diagnostics. After a
// small edit, reassemble.ts reuses the previous model instead.

import type { ScannedBlock } from './attributes';
import { firstVisible, makeFragment, readAttributeBlock, readChunkSafely, shift, shiftBlock, speakerAt, textOf, turnsOf, type RawFragment } from './assemble';
import { readChunk, type ChunkDiagnostic, type ChunkResult, type SpeakerLabel } from './chunk';
import { readChunkRoughly } from './fallback';
import { emptyFrontMatter, readFrontMatter } from './frontmatter';
import { scanLines } from './lines';
import { byPlace, checkCodes, type CodeLookup } from './check';
import { chunkListOf, type ParsedChunk } from './chunkList';
import type { Lines, PieceText, TextSource } from './pieceText';
import { reassemble, rediagnose, type CodeDiagnostics, type Container, type DiagnosedState, type ParseState } from './reassemble';
import { LineIndex, stripBom } from './text';
import type { AttributeBlock, CodeOccurrence, Diagnostic, Fragment, Heading, Span, Transcript } from '../types';

export type { ParsedChunk, ParseState };


/**
 * The parse state of one document (an open editor's): the next parse re-reads only the chunks an
 * edit touched, and after an edit inside plain paragraphs re-assembles only around it. While
 * typing, `diagnostics` works out what the edit changed without the model, until it is asked for.
 */
export class ParseCache {
  last?: ParseState;
  /** A later text than the last parse's, of which only the diagnostics are known. */
  diagnosed?: DiagnosedState;

  /** A copy that parses candidates without moving this cache off the document's text. */
  fork(): ParseCache {
    const copy = new ParseCache();
    if (this.last) copy.last = this.last;
    return copy;
  }

  /** Chunk text → result, of the last parse. */
  results(): Map<string, ChunkResult> {
    const text = this.last?.text ?? '';
    return new Map((this.last?.chunks ?? []).map((c) => [text.slice(c.start, c.end), c.result]));
  }

  /**
   * Every diagnostic of `source` (as `transcriptDiagnostics` of its model), in order. An open
   * document's text comes as pieces, with `since`: what changed since the text this cache last
   * saw (null: nothing), so that neither text is compared or copied whole.
   */
  diagnostics(source: string | PieceText, lookup: CodeLookup, since?: TextChange | null): Diagnostic[] {
    const { diagnostics, codes } = this.check(source, lookup, since);
    return [...diagnostics, ...codes.list].sort(byPlace);
  }

  /** Brings the cache to `text`, changed from the text it last saw as `since` says (without building the list of diagnostics). */
  follow(text: PieceText, lookup: CodeLookup, since: TextChange): void {
    this.check(text, lookup, since);
  }

  /** The syntactic and code diagnostics of `source`: from the last state, the edit since, or a parse. */
  private check(source: string | PieceText, lookup: CodeLookup, since: TextChange | null | undefined): { diagnostics: Diagnostic[]; codes: CodeDiagnostics } {
    // A byte-order mark moves every place by one: such a text is read as a string.
    let text: TextSource = source;
    let lines: Lines | undefined;
    if (typeof source === 'string' || source.slice(0, 1) === '\uFEFF') {
      text = stripBom(source.toString());
      if (text.length !== source.length) since = undefined;
    } else lines = source;
    const base = this.diagnosed ?? this.last;
    const codes = base && codeDiagnosticsOf(base, lookup);
    if (base && codes) {
      if (base.text === text || (since === null && base.text.length === text.length)) return { diagnostics: base.diagnostics, codes };
      const { prefix, suffix } = since && since.prefix + since.suffix <= Math.min(base.text.length, text.length) ? since : commonEnds(base.text, text);
      lines ??= typeof text === 'string' && base.lines instanceof LineIndex ? LineIndex.edited(base.lines, text, prefix, suffix) : new LineIndex(text.toString());
      const next = rediagnose(base, codes, text, lines, prefix, suffix);
      if (next) {
        this.diagnosed = next;
        return { diagnostics: next.diagnostics, codes: next.codeDiagnostics };
      }
    }
    parseTranscript(source.toString(), this); // it strips the byte-order mark itself, once
    const state = this.last!;
    return { diagnostics: state.diagnostics, codes: codeDiagnosticsOf(state, lookup)! };
  }
}

/** The code diagnostics of a state against `lookup`: a parse's are worked out once, a diagnosed one's only hold for its own lookup. */
function codeDiagnosticsOf(state: ParseState | DiagnosedState, lookup: CodeLookup): CodeDiagnostics | undefined {
  if (state.codeDiagnostics?.lookup === lookup) return state.codeDiagnostics;
  if (!('model' in state)) return undefined;
  state.codeDiagnostics = { lookup, list: checkCodes(state.model, lookup).sort(byPlace) };
  return state.codeDiagnostics;
}

/** Two texts agree on their first `prefix` and last `suffix` characters (which do not overlap in either). */
export interface TextChange {
  prefix: number;
  suffix: number;
}

/** The length of the common start and of the common end of two texts (not overlapping). */
export function commonEnds(a: TextSource, b: TextSource): TextChange {
  const max = Math.min(a.length, b.length);
  // Compare in blocks first (string comparison runs at memory speed), then character by character.
  let prefix = 0;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (prefix + step <= max && a.slice(prefix, prefix + step) === b.slice(prefix, prefix + step)) prefix += step;
  }
  let suffix = 0;
  const room = max - prefix;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (suffix + step <= room && a.slice(a.length - suffix - step, a.length - suffix) === b.slice(b.length - suffix - step, b.length - suffix)) suffix += step;
  }
  return { prefix, suffix };
}

export interface ParseOptions {
  /** Reads one chunk; the fallback reader (fallback.ts) replaces remark here. */
  readChunk?: (source: string) => ChunkResult;
}

/**
 * Parses `rawText`. With `cache`, the parse starts from the cache's last one: unchanged chunks are
 * not read again, and an edit that stays inside plain paragraphs re-assembles only around it.
 */
export function parseTranscript(rawText: string, cache?: ParseCache, options: ParseOptions = {}): Transcript {
  const read = options.readChunk ?? readChunk;
  const text = stripBom(rawText);
  const last = options.readChunk ? undefined : cache?.last;
  if (last && last.text === text) return last.model;
  const ends = last ? commonEnds(last.text, text) : undefined;
  const lines = last && ends ? LineIndex.edited(last.lines, text, ends.prefix, ends.suffix) : new LineIndex(text);
  if (last && ends && cache) {
    const state = reassemble(last, text, lines, ends.prefix, ends.suffix);
    if (state) {
      cache.last = state;
      cache.diagnosed = undefined;
      return state.model;
    }
  }
  const scan = scanLines(text);
  const diagnostics: ChunkDiagnostic[] = [];

  let frontMatter = emptyFrontMatter();
  if (scan.frontMatter) frontMatter = readFrontMatter(text, scan.frontMatter.span, scan.frontMatter.body, diagnostics);
  if (scan.unclosedFrontMatter) {
    diagnostics.push({ rule: 'front-matter', severity: 'error', span: scan.unclosedFrontMatter, args: { problem: 'unclosed' } });
  }
  for (const conflict of scan.conflicts) diagnostics.push({ rule: 'merge-conflict', severity: 'error', span: conflict, args: {} });

  const reuse = last && ends ? reuser(last, text, ends.prefix, ends.suffix) : undefined;
  const chunks: ParsedChunk[] = [];
  const raw: RawFragment[] = [];
  const headings: (Heading & { topLevel: boolean })[] = [];
  const sectionCodings: { heading: number; block: ScannedBlock; markup: Span }[] = [];
  const looseBlocks: ScannedBlock[] = [];
  const candidates: ScannedBlock[] = [];
  const labels: SpeakerLabel[] = [];

  for (const chunk of scan.chunks) {
    const result = reuse?.(chunk) ?? readChunkSafely(text.slice(chunk.start, chunk.end), read);
    chunks.push({ start: chunk.start, end: chunk.end, result });
    const by = chunk.start;
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
  // A fence line that is not a fence is read as Markdown too: report its `{` once.
  for (const brace of scan.unclosedFenceBlocks) {
    if (!diagnostics.some((d) => d.rule === 'unclosed-attributes' && d.span.start === brace.start)) {
      diagnostics.push({ rule: 'unclosed-attributes', severity: 'error', span: brace, args: {} });
    }
  }

  // Section coding: from the heading to the next heading of the same or a higher level.
  // One pass with a stack: each top-level heading is the end of those before it that are not higher.
  const containers: Container[] = [];
  const nextHeading = new Map<Heading, Heading>();
  const waiting: Heading[] = [];
  for (const o of headings) {
    if (!o.topLevel) continue;
    while (waiting.length > 0 && waiting[waiting.length - 1]!.depth >= o.depth) nextHeading.set(waiting.pop()!, o);
    waiting.push(o);
  }
  for (const { heading, block, markup } of sectionCodings) {
    const h = headings[heading]!;
    const next = h.topLevel ? nextHeading.get(h) : undefined;
    let endAt = next ? next.span.start : text.length;
    if (!h.topLevel) endAt = h.span.end;
    while (endAt > h.span.end && /\s/.test(text[endAt - 1]!)) endAt--;
    const span = { start: h.span.start, end: endAt };
    const sectionText = h.topLevel ? textOf(chunks, span) : h.text;
    if (sectionText === '') diagnostics.push({ rule: 'empty-fragment', severity: 'warning', span: h.span, args: {} });
    raw.push({ kind: 'section', content: span, full: span, markup: [markup], block, text: sectionText });
    containers.push({ kind: 'section', full: span, content: span, empty: sectionText === '', headingEnd: h.span.end });
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
    const divText = textOf(chunks, content);
    if (divText === '') diagnostics.push({ rule: 'empty-fragment', severity: 'warning', span: opened.fence.line, args: {} });
    const full = { start: opened.fence.line.start, end: fence.line.end };
    containers.push({ kind: 'div', full, content, empty: divText === '', headingEnd: 0 });
    raw.push({
      kind: 'div',
      content,
      full,
      markup: [openMarkup, { start: closeStart, end: fence.line.end }],
      block: opened.fence.block!,
      text: divText,
    });
  }
  for (const { fence } of openDivs) diagnostics.push({ rule: 'unclosed-div', severity: 'error', span: fence.line, args: {} });

  const headingStarts = headings.filter((h) => h.topLevel).map((h) => h.span.start);
  const turns = turnsOf(labels, new Set(frontMatter.participants), headingStarts, text.length);

  // Fragments in document order; the parent is the innermost fragment that contains one.
  raw.sort((a, b) => a.full.start - b.full.start || b.full.end - a.full.end);
  const fragments: Fragment[] = [];
  const codes: CodeOccurrence[] = [];
  const attributeBlocks: AttributeBlock[] = [];
  const stack: Fragment[] = [];
  for (const f of raw) {
    const block = readAttributeBlock(f.block, -1, lines, diagnostics);
    if (block.codes.length === 0) {
      attributeBlocks.push(block);
      continue;
    }
    while (stack.length > 0 && stack[stack.length - 1]!.full.span.end < f.full.end) stack.pop();
    const id = fragments.length;
    for (const c of block.codes) c.fragment = id;
    const parent = stack.length > 0 ? stack[stack.length - 1]!.id : -1;
    const fragment = makeFragment(id, f, block, speakerAt(turns, firstVisible(text, f.content)), parent, lines);
    fragments.push(fragment);
    stack.push(fragment);
    attributeBlocks.push(block);
    codes.push(...block.codes);
  }
  for (const block of looseBlocks) {
    const read = readAttributeBlock(block, -1, lines, diagnostics);
    attributeBlocks.push(read);
    codes.push(...read.codes);
  }
  for (const block of [...candidates, ...scan.missingHashFences]) attributeBlocks.push(readAttributeBlock(block, -1, lines, diagnostics));
  attributeBlocks.sort((a, b) => a.span.start - b.span.start);
  codes.sort((a, b) => a.span.start - b.span.start);

  const located: Diagnostic[] = diagnostics.map((d): Diagnostic => ({ rule: d.rule, severity: d.severity, args: d.args, ...lines.located(d.span) })).sort(byPlace);
  containers.sort((a, b) => a.full.start - b.full.start || b.full.end - a.full.end);

  const model: Transcript = {
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
  if (cache && !options.readChunk) {
    cache.diagnosed = undefined;
    cache.last = {
      text,
      lines,
      chunks,
      movedChunks: chunkListOf(chunks),
      labels,
      headingStarts,
      fences: scan.fences.map((f) => f.line),
      frontMatterEnd: scan.frontMatter?.span.end ?? 0,
      conflicts: scan.conflicts.length > 0,
      containers,
      diagnostics: located,
      model,
    };
  }
  return model;
}

/**
 * Finds a chunk's result in the last parse without reading or hashing its text: a chunk in the
 * unchanged start sits where it sat, one in the unchanged end sat `delta` earlier. Chunks between
 * are looked up by text among the last parse's.
 */
function reuser(last: ParseState, text: string, prefix: number, suffix: number): (chunk: Span) => ChunkResult | undefined {
  const length = text.length;
  const delta = length - last.text.length;
  const old = last.chunks;
  let byText: Map<string, ChunkResult> | undefined;
  let i = 0;
  return (chunk) => {
    const target = chunk.start >= length - suffix ? chunk.start - delta : chunk.end <= prefix ? chunk.start : -1;
    if (target >= 0) {
      while (i < old.length && old[i]!.start < target) i++;
      const match = old[i];
      if (match && match.start === target && match.end - match.start === chunk.end - chunk.start) return match.result;
    }
    byText ??= new Map(old.map((c) => [last.text.slice(c.start, c.end), c.result]));
    return byText.get(text.slice(chunk.start, chunk.end));
  };
}

/**
 * Reads a transcript with the fallback reader. The model has the same shape as a full parse's,
 * and a `parse-fallback` information diagnostic on the first line says it is approximate.
 */
export function parseTranscriptRoughly(text: string): Transcript {
  const model = parseTranscript(text, undefined, { readChunk: readChunkRoughly });
  let firstLineEnd = 0;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (firstLineEnd < body.length && body[firstLineEnd] !== '\n' && body[firstLineEnd] !== '\r') firstLineEnd++;
  model.diagnostics.unshift({
    rule: 'parse-fallback',
    severity: 'information',
    args: {},
    span: { start: 0, end: firstLineEnd },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLineEnd } },
  });
  return model;
}
