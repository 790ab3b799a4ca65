// Re-assembly after a small edit: when an edit stays inside plain paragraphs (no heading, div
// fence, conflict marker or front matter near it, and no section or div starting in it), the
// model before the edited chunks is kept as it is, the edited chunks are read again, and the
// model after them is shifted. Anything else returns undefined and the caller parses in full; the
// result always equals a full parse (test/unit/incremental.test.ts, properties.test.ts).
//
// The same reading of the edited stretch also gives the diagnostics after an edit without the
// model (`rediagnose`): what a keystroke needs at once, while the model waits until it is asked for.

import { firstVisible, hasText, makeFragment, readAttributeBlock, readChunkSafely, shift, shiftBlock, speakerAt, textOf, turnsOf, type RawFragment } from './assemble';
import type { ScannedBlock } from './attributes';
import { byPlace, checkCodes, type CodeLookup } from './check';
import type { ChunkDiagnostic, SpeakerLabel } from './chunk';
import { chunkListOf, MovedList, type ChunkList, type ChunkSeq, type ParsedChunk, type Seq } from './chunkList';
import { scanStretch } from './lines';
import type { Lines, TextSource } from './pieceText';
import type { LineIndex } from './text';
import type { AttributeBlock, CodeOccurrence, Diagnostic, Fragment, Heading, Located, Position, Range, Span, Transcript } from '../types';

/** Lines that change how the text around them is cut or paired: div fences and conflict markers. */
const STRUCTURE = /^(?: {0,3}:{3}|<{7}|={7}|>{7})/m;

/** A section or div (coded or not): what an edit inside it needs to know of it. */
export interface Container {
  kind: 'section' | 'div';
  full: Span;
  content: Span;
  /** Whether its text is empty (an empty section or div is reported where it starts). */
  empty: boolean;
  /** The end of a section's heading (0 for a div): a section never ends before it. */
  headingEnd: number;
}

/** What an edit is re-assembled from: the state of a parse, or of an edit only diagnosed. */
export interface StretchBase {
  /** A string after a parse; after an edit only diagnosed, the open document's text (pieceText.ts) or a string. */
  text: TextSource;
  lines: Lines;
  chunks: ChunkSeq;
  /** The same chunks as a list that moves lazily (made with the model, for the next edit). */
  movedChunks?: ChunkList;
  /** Kader's div fence lines. */
  fences: Span[];
  /** The end of the front matter (0 without). */
  frontMatterEnd: number;
  conflicts: boolean;
  /** Sections and divs, in document order. */
  containers: Seq<Container>;
  /** The syntactic diagnostics (those that need no codebook), located and in order. */
  diagnostics: Diagnostic[];
  /** The length of the longest of them (worked out when first needed). */
  longestDiagnostic?: number;
}

/** The diagnostics of codes against one codebook's lookup, in order. */
export interface CodeDiagnostics {
  lookup: CodeLookup;
  list: Diagnostic[];
}

/** What a parse leaves for the next one of the same document. */
export interface ParseState extends StretchBase {
  text: string;
  lines: LineIndex;
  chunks: ParsedChunk[];
  containers: Container[];
  /** Every speaker label, in order, at its place in the text. */
  labels: SpeakerLabel[];
  /** Where the top-level headings start (they end turns). */
  headingStarts: number[];
  model: Transcript;
  /** The model's code diagnostics against the last lookup asked for. */
  codeDiagnostics?: CodeDiagnostics;
}

/** The state after an edit of which only the diagnostics were worked out. */
export interface DiagnosedState extends StretchBase {
  codeDiagnostics: CodeDiagnostics;
}

const moveContainer = (c: Container, by: number): Container => ({ kind: c.kind, full: shift(c.full, by), content: shift(c.content, by), empty: c.empty, headingEnd: c.kind === 'section' ? c.headingEnd + by : 0 });

function longestOf(diagnostics: readonly Diagnostic[], longest = 0): number {
  for (const d of diagnostics) longest = Math.max(longest, d.span.end - d.span.start);
  return longest;
}

/** The length of the longest diagnostic span of a state, worked out once. */
function longestDiagnostic(base: StretchBase): number {
  return (base.longestDiagnostic ??= longestOf(base.diagnostics));
}

/** The character at `offset` ('' outside the text). */
const charAt = (text: TextSource, offset: number): string => (offset < 0 ? '' : text.slice(offset, offset + 1));

/** Appends `items` to `list` (a spread would pass every item as an argument: too many overflow the stack). */
function append<T>(list: T[], items: readonly T[]): void {
  for (const item of items) list.push(item);
}

/** The first chunk whose start (or end) is at least `offset`. */
function firstChunkAtOrAfter(chunks: ChunkSeq, key: 'start' | 'end', offset: number): number {
  let lo = 0;
  let hi = chunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (chunks.at(mid)![key] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in `items` (sorted by `at`) whose `at` is at least `offset`. */
function firstAtOrAfter<T>(items: readonly T[], at: (item: T) => number, offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(items[mid]!) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The end of a section whose last paragraph lies in an edited stretch ending at `to`: only white
 * space lies between the stretch and the next heading (or the end of the text), and the section
 * ends before that white space, not before its own heading's end.
 */
function sectionEnd(text: TextSource, to: number, headingEnd: number): number {
  let end = to;
  for (let window = text.slice(end, end + 256); window !== ''; window = text.slice(end, end + 256)) {
    const skipped = /^\s*/.exec(window)![0].length;
    end += skipped;
    if (skipped < window.length) break;
  }
  while (end > headingEnd && /\s/.test(charAt(text, end - 1))) end--;
  return end;
}

/** Moves places that lie after an edit. */
class Mover {
  constructor(
    readonly delta: number,
    readonly lineDelta: number,
  ) {}

  span(span: Span): Span {
    return { start: span.start + this.delta, end: span.end + this.delta };
  }

  position(p: Position): Position {
    return { line: p.line + this.lineDelta, character: p.character };
  }

  /** Places after the stretch start on later lines: without a line added or removed, they stay. */
  range(r: Range): Range {
    return this.lineDelta === 0 ? r : { start: this.position(r.start), end: this.position(r.end) };
  }

  diagnostic(d: Diagnostic): Diagnostic {
    return { rule: d.rule, severity: d.severity, args: d.args, span: this.span(d.span), range: this.range(d.range) };
  }
}

/** An edit inside plain paragraphs: the chunks it touched, read again, and what moves around them. */
interface Stretch {
  /** The stretch is [from, oldTo) in the old text and [from, to) in the new one. */
  from: number;
  oldTo: number;
  to: number;
  move: Mover;
  /** Every chunk of the new text, and the stretch's own. */
  chunks: ChunkList;
  region: ParsedChunk[];
  /** The containers around the stretch: where they were, and what they are now. */
  around: { was: Container; now: Container }[];
  /** Every container of the new text. */
  containers: MovedList<Container>;
  /** The old diagnostics before the stretch end at `diagnosticsBefore`; those after it start at `diagnosticsAfter`. */
  diagnosticsBefore: number;
  diagnosticsAfter: number;
}

/**
 * Finds and reads the stretch an edit touched, or undefined when the edit needs a full parse.
 * The same change can often sit further back, over white space (deleting "x\n\n" after "\n\n"
 * is deleting "\n\nx"); when the place found first touches a heading or more, that one is tried.
 */
function readStretch(base: StretchBase, text: TextSource, lines: Lines, prefix: number, suffix: number, allowHeadings: boolean): Stretch | undefined {
  const found = readStretchAt(base, text, lines, prefix, suffix, allowHeadings);
  if (found) return found;
  const a = base.text;
  const removed = a.length - suffix - prefix;
  const inserted = text.length - suffix - prefix;
  let back = 0;
  const before = (t: TextSource, at: number): string => charAt(t, at - back - 1);
  while (prefix - back > 0 && /\s/.test(before(a, prefix)) && (removed === 0 || before(a, prefix) === before(a, a.length - suffix)) && (inserted === 0 || before(text, prefix) === before(text, text.length - suffix))) back++;
  return back > 0 ? readStretchAt(base, text, lines, prefix - back, suffix + back, allowHeadings) : undefined;
}

/** Where a heading of the stretch is now: its start and end. */
type MovedHeading = { start: number; end: number };

/**
 * The headings of the stretch before and after the edit, by their old start, when they pair up:
 * as many, each of the same depth, at the document's top level, coded or not as before, and
 * starting where the edit leaves them. Undefined when they do not (a full parse is needed).
 */
function pairHeadings(old: readonly ParsedChunk[], region: readonly ParsedChunk[], prefix: number, editEnd: number, delta: number): Map<number, MovedHeading> | undefined {
  const was = old.flatMap((c) => c.result.headings.map((h) => ({ h, start: c.start + h.span.start })));
  const now = region.flatMap((c) => c.result.headings.map((h) => ({ h, start: c.start + h.span.start, end: c.start + h.span.end })));
  if (was.length !== now.length) return undefined;
  const moved = new Map<number, MovedHeading>();
  for (let i = 0; i < was.length; i++) {
    const o = was[i]!;
    const n = now[i]!;
    const expected = o.start < prefix ? o.start : o.start >= editEnd ? o.start + delta : -1;
    if (n.start !== expected || o.h.depth !== n.h.depth || !o.h.topLevel || !n.h.topLevel || !o.h.coding !== !n.h.coding) return undefined;
    moved.set(o.start, { start: n.start, end: n.end });
  }
  return moved;
}

function readStretchAt(base: StretchBase, text: TextSource, lines: Lines, prefix: number, suffix: number, allowHeadings: boolean): Stretch | undefined {
  const old = base.chunks;
  const chunk = (i: number): ParsedChunk => old.at(i)!;
  if (old.length === 0 || base.conflicts) return undefined;
  const delta = text.length - base.text.length;
  const editEnd = base.text.length - suffix;

  // The chunks the edit touches; an edit in the blank lines between two chunks may join them, and
  // a chunk whose first line no longer starts flush joins the one before.
  let lo = firstChunkAtOrAfter(old, 'end', prefix);
  let hi = firstChunkAtOrAfter(old, 'start', editEnd + 1) - 1;
  if (lo >= old.length || hi < 0) return undefined;
  if (lo > hi) [lo, hi] = [hi, lo];
  else {
    if (prefix < chunk(lo).start) lo--;
    if (editEnd > chunk(hi).end) hi++;
  }
  if (lo >= 0 && (charAt(text, chunk(lo).start) === ' ' || charAt(text, chunk(lo).start) === '\t')) lo--;
  if (lo < 0 || hi >= old.length) return undefined;
  const from = chunk(lo).start;
  const oldTo = chunk(hi).end;
  const to = oldTo + delta;
  if (from > prefix || oldTo < editEnd || from < Math.max(1, base.frontMatterEnd)) return undefined;
  const stretchText = text.slice(from, to);
  if (STRUCTURE.test(base.text.slice(from, oldTo)) || STRUCTURE.test(stretchText)) return undefined;
  const fence = base.fences[firstAtOrAfter(base.fences, (f) => f.end, from)];
  if (fence && fence.start <= oldTo) return undefined;

  // The stretch is scanned on its own text: places in it are relative to `from`.
  const { scan, closed } = scanStretch(stretchText, 0, stretchText.length);
  if (!closed || scan.fences.length + scan.conflicts.length + scan.unclosedFenceBlocks.length + scan.missingHashFences.length > 0) return undefined;
  if (scan.chunks.length === 0 || scan.chunks[0]!.start !== 0 || scan.chunks[scan.chunks.length - 1]!.end !== to - from) return undefined;
  const oldRegion: ParsedChunk[] = [];
  for (let i = lo; i <= hi; i++) oldRegion.push(chunk(i));
  if (!allowHeadings && oldRegion.some((c) => c.result.headings.length > 0)) return undefined;
  const known = new Map(oldRegion.map((c) => [base.text.slice(c.start, c.end), c.result]));
  const region: ParsedChunk[] = scan.chunks.map((c) => {
    const source = stretchText.slice(c.start, c.end);
    return { start: from + c.start, end: from + c.end, result: known.get(source) ?? readChunkSafely(source) };
  });
  const headings = pairHeadings(oldRegion, region, prefix, editEnd, delta);
  if (!headings || (!allowHeadings && headings.size > 0)) return undefined;

  // Diagnostics must lie wholly before, inside or after the stretch (only those that start less
  // than the longest one's length before it can reach into it).
  const diagnosticsBefore = firstAtOrAfter(base.diagnostics, (d) => d.span.start, from);
  const diagnosticsAfter = firstAtOrAfter(base.diagnostics, (d) => d.span.start, oldTo + 1);
  for (let i = firstAtOrAfter(base.diagnostics, (d) => d.span.start, from - longestDiagnostic(base)); i < diagnosticsBefore; i++) {
    if (base.diagnostics[i]!.span.end > from) return undefined;
  }

  const move = new Mover(delta, lines.lineCount - base.lines.lineCount);
  const chunks = (base.movedChunks ?? chunkListOf(old)).replaced(lo, hi, region, delta);

  // Containers around the stretch: their text is taken again and their end moves. A section's
  // end in the stretch is found again from the next heading, which lies after the stretch. A
  // section may start in the stretch (its heading was edited); a div starts and ends at fences.
  // Those after the stretch only move (lazily); those before it are looked at without a copy.
  const around: { was: Container; now: Container }[] = [];
  const all = MovedList.of(base.containers, moveContainer);
  let afterStretch = 0;
  for (let hiIndex = all.length; afterStretch < hiIndex; ) {
    const mid = (afterStretch + hiIndex) >> 1;
    const { item, delta: moved } = all.unmoved(mid);
    if (item.full.start + moved <= oldTo) afterStretch = mid + 1;
    else hiIndex = mid;
  }
  let containers = all.replaced(afterStretch, afterStretch - 1, [], delta);
  for (let i = 0; i < afterStretch; i++) {
    const { item, delta: moved } = all.unmoved(i);
    if (item.full.end + moved < from) continue;
    const c = moved === 0 ? item : moveContainer(item, moved);
    {
      const heading = c.full.start >= from ? headings.get(c.full.start) : { start: c.full.start, end: c.headingEnd };
      if (!heading || c.empty || (c.kind === 'div' && c.full.end <= oldTo)) return undefined;
      const end = (at: number): number => (c.full.end > oldTo ? at + delta : sectionEnd(text, to, heading.end));
      const content = { start: c.content.start === c.full.start ? heading.start : c.content.start, end: end(c.content.end) };
      if (!hasText(chunks, content)) return undefined;
      const now: Container = { kind: c.kind, full: { start: heading.start, end: end(c.full.end) }, content, empty: false, headingEnd: c.kind === 'section' ? heading.end : 0 };
      around.push({ was: c, now });
      containers = containers.set(i, now);
    }
  }
  return { from, oldTo, to, move, chunks, region, around, containers, diagnosticsBefore, diagnosticsAfter };
}

/** The stretch's attribute blocks, read as a full parse reads them, with their diagnostics. */
interface StretchBlocks {
  /** The fragments' blocks, in the fragments' order (those without codes included). */
  raw: { fragment: RawFragment; block: AttributeBlock }[];
  codes: CodeOccurrence[];
  blocks: AttributeBlock[];
  diagnostics: Diagnostic[];
}

function readStretchBlocks(stretch: Stretch, lines: Lines): StretchBlocks {
  const diagnostics: ChunkDiagnostic[] = [];
  const rawFragments: RawFragment[] = [];
  const otherBlocks: { block: ScannedBlock; loose: boolean }[] = [];
  for (const c of stretch.region) {
    const by = c.start;
    for (const f of c.result.fragments) {
      rawFragments.push({ kind: f.kind, content: shift(f.content, by), full: shift(f.full, by), markup: f.markup.map((s) => shift(s, by)), block: shiftBlock(f.block, by), text: f.text });
    }
    // A heading's coding (re-diagnosis only: re-assembly needs a full parse for it) counts like a loose block's.
    for (const h of c.result.headings) if (h.coding) otherBlocks.push({ block: shiftBlock(h.coding.block, by), loose: true });
    for (const b of c.result.looseBlocks) otherBlocks.push({ block: shiftBlock(b, by), loose: true });
    for (const b of c.result.missingHashCandidates) otherBlocks.push({ block: shiftBlock(b, by), loose: false });
    for (const d of c.result.diagnostics) diagnostics.push({ ...d, span: shift(d.span, by) });
  }
  rawFragments.sort((a, b) => a.full.start - b.full.start || b.full.end - a.full.end);
  const raw: StretchBlocks['raw'] = [];
  const codes: CodeOccurrence[] = [];
  const blocks: AttributeBlock[] = [];
  for (const fragment of rawFragments) {
    const block = readAttributeBlock(fragment.block, -1, lines, diagnostics);
    raw.push({ fragment, block });
    blocks.push(block);
    append(codes, block.codes);
  }
  for (const { block, loose } of otherBlocks) {
    const read = readAttributeBlock(block, -1, lines, diagnostics);
    blocks.push(read);
    if (loose) append(codes, read.codes);
  }
  blocks.sort((a, b) => a.span.start - b.span.start);
  codes.sort((a, b) => a.span.start - b.span.start);
  const located = diagnostics.map((d): Diagnostic => ({ rule: d.rule, severity: d.severity, args: d.args, ...lines.located(d.span) })).sort(byPlace);
  return { raw, codes, blocks, diagnostics: located };
}

/** The syntactic diagnostics after the edit: those before the stretch, the stretch's, and those after it, moved. */
function diagnosticsAfterEdit(base: StretchBase, stretch: Stretch, own: Diagnostic[]): Diagnostic[] {
  const out = base.diagnostics.slice(0, stretch.diagnosticsBefore);
  append(out, own);
  for (let i = stretch.diagnosticsAfter; i < base.diagnostics.length; i++) out.push(stretch.move.diagnostic(base.diagnostics[i]!));
  return out;
}

/** `f` with new places, id, parent, speaker and text, built in the model's key order. */
function fragmentOf(f: Fragment, changed: Pick<Fragment, 'id' | 'text' | 'content' | 'full' | 'markup' | 'attributeBlock' | 'parent'> & { speaker: string | undefined }): Fragment {
  const out = { id: changed.id, kind: f.kind, codes: f.codes } as Fragment;
  if (f.memo !== undefined) out.memo = f.memo;
  out.attributes = f.attributes;
  if (changed.speaker !== undefined) out.speaker = changed.speaker;
  out.text = changed.text;
  out.content = changed.content;
  out.full = changed.full;
  out.markup = changed.markup;
  out.attributeBlock = changed.attributeBlock;
  out.parent = changed.parent;
  return out;
}

/** The coded fragment of a container, if it codes anything. */
function fragmentOfContainer(fragments: readonly Fragment[], c: Container): Fragment | undefined {
  for (let i = firstAtOrAfter(fragments, (f) => f.full.span.start, c.full.start); i < fragments.length && fragments[i]!.full.span.start === c.full.start; i++) {
    const f = fragments[i]!;
    if (f.kind === c.kind && f.full.span.end === c.full.end) return f;
  }
  return undefined;
}

/**
 * The diagnostics of `text`, an edit of `base`'s text, without its model: the syntactic ones, and
 * those of its codes against `codes.lookup` (`codes` are the base's). Undefined when the edit
 * needs a full parse.
 */
export function rediagnose(base: StretchBase, codes: CodeDiagnostics, text: TextSource, lines: Lines, prefix: number, suffix: number): DiagnosedState | undefined {
  const stretch = readStretch(base, text, lines, prefix, suffix, true);
  if (!stretch) return undefined;
  const { from, oldTo, move } = stretch;
  const read = readStretchBlocks(stretch, lines);
  const codesBefore = firstAtOrAfter(codes.list, (d) => d.span.start, from);
  const codesAfter = firstAtOrAfter(codes.list, (d) => d.span.start, oldTo + 1);
  const list = codes.list.slice(0, codesBefore);
  append(list, checkCodes({ codes: read.codes, attributeBlocks: read.blocks }, codes.lookup).sort(byPlace));
  for (let i = codesAfter; i < codes.list.length; i++) list.push(move.diagnostic(codes.list[i]!));
  return {
    text,
    lines,
    chunks: stretch.chunks,
    fences: base.fences.map((f) => (f.start > oldTo ? move.span(f) : f)),
    frontMatterEnd: base.frontMatterEnd,
    conflicts: false,
    containers: stretch.containers,
    diagnostics: diagnosticsAfterEdit(base, stretch, read.diagnostics),
    longestDiagnostic: longestOf(read.diagnostics, longestDiagnostic(base)),
    codeDiagnostics: { lookup: codes.lookup, list },
  };
}

export function reassemble(last: ParseState, text: string, lines: LineIndex, prefix: number, suffix: number): ParseState | undefined {
  const stretch = readStretch(last, text, lines, prefix, suffix, false);
  if (!stretch) return undefined;
  const { from, oldTo, region, move } = stretch;
  const chunks = stretch.chunks.toArray();
  const delta = move.delta;
  const previous = last.model;

  // Labels and turns (a label added or removed in the stretch changes the turns after it).
  const labelsBefore = firstAtOrAfter(last.labels, (l) => l.label.start, from);
  const labelsAfter = firstAtOrAfter(last.labels, (l) => l.label.start, oldTo + 1);
  const labels: SpeakerLabel[] = last.labels.slice(0, labelsBefore);
  for (const c of region) for (const l of c.result.labels) labels.push({ speaker: l.speaker, label: shift(l.label, c.start), plain: l.plain });
  for (let i = labelsAfter; i < last.labels.length; i++) {
    const l = last.labels[i]!;
    labels.push({ speaker: l.speaker, label: move.span(l.label), plain: l.plain });
  }
  const headingStarts = last.headingStarts.map((h) => (h > oldTo ? h + delta : h));
  // Turns that end before the stretch stay as they are (turn ends only grow along the text).
  const kept = firstAtOrAfter(previous.turns, (t) => t.span.end, from);
  const retake = kept < previous.turns.length ? Math.min(previous.turns[kept]!.label.start, from) : from;
  const turns = previous.turns.slice(0, kept);
  append(turns, turnsOf(labels.slice(firstAtOrAfter(labels, (l) => l.label.start, retake)), new Set(previous.frontMatter.participants), headingStarts, text.length));

  // The coded containers around the stretch, with their new end, text and speaker (a div's
  // content may start with a label in the stretch).
  const containers: Fragment[] = [];
  for (const { was, now } of stretch.around) {
    const f = fragmentOfContainer(previous.fragments, was);
    if (!f) continue;
    const endsAfter = was.full.end > oldTo;
    const moveEnd = (l: Located, end: number): Located => ({ span: { start: l.span.start, end }, range: { start: l.range.start, end: endsAfter ? move.position(l.range.end) : lines.position(end) } });
    containers.push(
      fragmentOf(f, {
        id: f.id,
        speaker: speakerAt(turns, firstVisible(text, now.content)),
        text: textOf(chunks, now.content),
        content: moveEnd(f.content, now.content.end),
        full: moveEnd(f.full, now.full.end),
        markup: f.markup.map((m) => (m.start >= oldTo ? move.span(m) : m)),
        attributeBlock: f.attributeBlock,
        parent: f.parent,
      }),
    );
  }

  // The stretch, read as a full parse would read it.
  const read = readStretchBlocks(stretch, lines);
  const fragmentsBefore = firstAtOrAfter(previous.fragments, (f) => f.full.span.start, from);
  const fragmentsAfter = firstAtOrAfter(previous.fragments, (f) => f.full.span.start, oldTo + 1);
  const regionFragments: Fragment[] = [];
  const stack: Fragment[] = [...containers];
  for (const { fragment: f, block } of read.raw) {
    if (block.codes.length === 0) continue;
    while (stack.length > 0 && stack[stack.length - 1]!.full.span.end < f.full.end) stack.pop();
    const id = fragmentsBefore + regionFragments.length;
    for (const c of block.codes) c.fragment = id;
    const parent = stack.length > 0 ? stack[stack.length - 1]!.id : -1;
    const fragment = makeFragment(id, f, block, speakerAt(turns, firstVisible(text, f.content)), parent, lines);
    regionFragments.push(fragment);
    stack.push(fragment);
  }

  // After the stretch: the same objects, moved.
  const idDelta = fragmentsBefore + regionFragments.length - fragmentsAfter;
  const moveId = (id: number): number => (id < fragmentsBefore ? id : id + idDelta);
  const fragments = previous.fragments.slice(0, fragmentsBefore);
  for (const f of containers) fragments[f.id] = f;
  append(fragments, regionFragments);
  for (let i = fragmentsAfter; i < previous.fragments.length; i++) {
    const f = previous.fragments[i]!;
    const content = move.span(f.content.span);
    fragments.push(
      fragmentOf(f, {
        id: f.id + idDelta,
        speaker: speakerAt(turns, firstVisible(text, content)),
        text: f.text,
        content: { span: content, range: move.range(f.content.range) },
        full: { span: move.span(f.full.span), range: move.range(f.full.range) },
        markup: f.markup.map((m) => move.span(m)),
        attributeBlock: move.span(f.attributeBlock),
        parent: f.parent < 0 ? -1 : moveId(f.parent),
      }),
    );
  }

  const codesBefore = firstAtOrAfter(previous.codes, (c) => c.span.start, from);
  const codesAfter = firstAtOrAfter(previous.codes, (c) => c.span.start, oldTo + 1);
  const codes = previous.codes.slice(0, codesBefore);
  append(codes, read.codes);
  const movedCodes = new Map<CodeOccurrence, CodeOccurrence>();
  for (let i = codesAfter; i < previous.codes.length; i++) {
    const c = previous.codes[i]!;
    const moved: CodeOccurrence = { code: c.code, fragment: c.fragment < 0 ? -1 : moveId(c.fragment), span: move.span(c.span), range: move.range(c.range) };
    movedCodes.set(c, moved);
    codes.push(moved);
  }

  const blocksBefore = firstAtOrAfter(previous.attributeBlocks, (b) => b.span.start, from);
  const blocksAfter = firstAtOrAfter(previous.attributeBlocks, (b) => b.span.start, oldTo + 1);
  const attributeBlocks = previous.attributeBlocks.slice(0, blocksBefore);
  append(attributeBlocks, read.blocks);
  for (let i = blocksAfter; i < previous.attributeBlocks.length; i++) {
    const b = previous.attributeBlocks[i]!;
    const moved: AttributeBlock = { span: move.span(b.span), range: move.range(b.range), codes: b.codes.map((c) => movedCodes.get(c)!), attributes: b.attributes, bareWords: b.bareWords.map((w) => ({ word: w.word, span: move.span(w.span), range: move.range(w.range) })) };
    if (b.memo !== undefined) moved.memo = b.memo;
    attributeBlocks.push(moved);
  }

  const headingsBefore = firstAtOrAfter(previous.headings, (h) => h.span.start, from);
  const headings: Heading[] = previous.headings.slice(0, headingsBefore);
  for (let i = headingsBefore; i < previous.headings.length; i++) {
    const h = previous.headings[i]!;
    headings.push({ depth: h.depth, text: h.text, span: move.span(h.span) });
  }

  const diagnostics = diagnosticsAfterEdit(last, stretch, read.diagnostics);
  return {
    text,
    lines,
    chunks,
    movedChunks: stretch.chunks,
    labels,
    headingStarts,
    fences: last.fences.map((f) => (f.start > oldTo ? move.span(f) : f)),
    frontMatterEnd: last.frontMatterEnd,
    conflicts: false,
    containers: stretch.containers.toArray(),
    diagnostics,
    longestDiagnostic: longestOf(read.diagnostics, longestDiagnostic(last)),
    model: {
      length: text.length,
      lineCount: lines.lineCount,
      frontMatter: previous.frontMatter,
      headings,
      turns,
      fragments,
      codes,
      attributeBlocks,
      diagnostics,
    },
  };
}
