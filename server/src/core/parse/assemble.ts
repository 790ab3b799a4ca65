// The steps that put chunk results together into a model, shared by the full parse
// (transcript.ts) and the re-assembly after a small edit (reassemble.ts).

import type { ScannedBlock } from './attributes';
import { OverBudgetError, readChunk, type ChunkDiagnostic, type ChunkResult, type SpeakerLabel } from './chunk';
import type { ChunkSeq } from './chunkList';
import { readChunkRoughly } from './fallback';
import type { Lines } from './pieceText';
import type { AttributeBlock, Fragment, FragmentKind, Span, Turn } from '../types';

/** A fragment found in the text, before its attribute block is read. */
export interface RawFragment {
  kind: FragmentKind;
  content: Span;
  full: Span;
  markup: Span[];
  block: ScannedBlock;
  text: string;
}

export const shift = (span: Span, by: number): Span => ({ start: span.start + by, end: span.end + by });

export function shiftBlock(block: ScannedBlock, by: number): ScannedBlock {
  if (by === 0) return block;
  return {
    span: shift(block.span, by),
    coding: block.coding,
    items: block.items.map((item) => ({ ...item, span: shift(item.span, by) })),
  };
}

/** The length of the first line of `text`. */
function lineLength(text: string): number {
  const end = text.search(/[\r\n]/);
  return end < 0 ? text.length : end;
}

/**
 * Reads one chunk. A chunk beyond remark's budget, or one remark gives up on (its stack
 * overflowed on thousands of nested quotes), is read by the line reader, with a diagnostic.
 */
export function readChunkSafely(source: string, read: (source: string) => ChunkResult = readChunk): ChunkResult {
  try {
    return read(source);
  } catch (error) {
    const reason = error instanceof OverBudgetError ? error.reason : 'error';
    const result = readChunkRoughly(source);
    const fallback: ChunkDiagnostic = { rule: 'parse-fallback', severity: 'information', span: { start: 0, end: Math.min(source.length, lineLength(source)) }, args: { reason } };
    return { ...result, diagnostics: [...result.diagnostics, fallback] };
  }
}

/** Reads a coding attribute block: its codes (the invalid and repeated ones are reported), memo and pairs. */
export function readAttributeBlock(block: ScannedBlock, fragment: number, lines: Lines, diagnostics: ChunkDiagnostic[]): AttributeBlock {
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
}

/** Turns: each label (a plain one only for a listed participant) lasts to the next label or top-level heading. */
export function turnsOf(labels: readonly SpeakerLabel[], participants: ReadonlySet<string>, headingStarts: readonly number[], length: number): Turn[] {
  const turnLabels = labels.filter((l) => !l.plain || participants.has(l.speaker));
  // Both lists are in document order: merge them.
  const stops: number[] = [];
  for (let i = 0, j = 0; i < turnLabels.length || j < headingStarts.length; ) {
    if (j >= headingStarts.length || (i < turnLabels.length && turnLabels[i]!.label.start <= headingStarts[j]!)) stops.push(turnLabels[i++]!.label.start);
    else stops.push(headingStarts[j++]!);
  }
  const firstAfter = (offset: number): number => {
    let lo = 0;
    let hi = stops.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (stops[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return turnLabels.map((l) => {
    const next = stops[firstAfter(l.label.start)];
    return { speaker: l.speaker, label: l.label, span: { start: l.label.start, end: next ?? length } };
  });
}

/** The speaker of the turn that holds `offset`. */
export function speakerAt(turns: readonly Turn[], offset: number): string | undefined {
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
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200a) || c === 0x1680 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Where a fragment starts: at its content, after white space (a div may open with a blank line). */
export function firstVisible(text: string, span: Span): number {
  let at = span.start;
  while (at < span.end && isSpace(text.charCodeAt(at))) at++;
  return at < span.end ? at : span.start;
}

/** The fragment of `raw`, coded by `block`, in the model's key order. */
export function makeFragment(id: number, raw: RawFragment, block: AttributeBlock, speaker: string | undefined, parent: number, lines: Lines): Fragment {
  // Built key by key (no `delete`: it makes objects slow and large).
  const fragment = { id, kind: raw.kind, codes: block.codes.map((c) => c.code) } as Fragment;
  if (block.memo !== undefined) fragment.memo = block.memo;
  fragment.attributes = block.attributes;
  if (speaker !== undefined) fragment.speaker = speaker;
  fragment.text = raw.text;
  fragment.content = lines.located(raw.content);
  fragment.full = lines.located(raw.full);
  fragment.markup = raw.markup;
  fragment.attributeBlock = raw.block.span;
  fragment.parent = parent;
  return fragment;
}

/** Visits the non-empty texts of the blocks that start in `span`, in order, while `visit` returns true. */
function visitBlockTexts(chunks: ChunkSeq, span: Span, visit: (text: string) => boolean): void {
  let lo = 0;
  let hi = chunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (chunks.at(mid)!.end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < chunks.length && chunks.at(i)!.start < span.end; i++) {
    const chunk = chunks.at(i)!;
    for (const block of chunk.result.blocks) {
      const at = chunk.start + block.span.start;
      if (at >= span.start && at < span.end && block.text !== '' && !visit(block.text)) return;
    }
  }
}

/** The plain text of the blocks that start in `span` (a section's or a div's text), joined by spaces. */
export function textOf(chunks: ChunkSeq, span: Span): string {
  const parts: string[] = [];
  visitBlockTexts(chunks, span, (text) => {
    parts.push(text);
    return true;
  });
  return parts.join(' ');
}

/** Whether `textOf(chunks, span)` is not empty, without building it. */
export function hasText(chunks: ChunkSeq, span: Span): boolean {
  let found = false;
  visitBlockTexts(chunks, span, () => {
    found = true;
    return false;
  });
  return found;
}
