// Re-assembly after a small edit: when an edit stays inside plain paragraphs (no heading, div
// fence, conflict marker or front matter near it, and no section or div around it), the model
// before the edited chunks is kept as it is, the edited chunks are read again, and the model
// after them is shifted. Anything else returns undefined and the caller parses in full; the
// result always equals a full parse (test/unit/incremental.test.ts, properties.test.ts).

import { firstVisible, makeFragment, readAttributeBlock, readChunkSafely, shift, shiftBlock, speakerAt, textOf, turnsOf, type RawFragment } from './assemble';
import type { ChunkDiagnostic, SpeakerLabel } from './chunk';
import { scanStretch } from './lines';
import type { LineIndex } from './text';
import type { ParsedChunk, ParseState } from './transcript';
import type { AttributeBlock, CodeOccurrence, Diagnostic, Fragment, Heading, Position, Range, Span } from './types';

/** Lines that change how the text around them is cut or paired: div fences and conflict markers. */
const STRUCTURE = /^(?: {0,3}:{3}|<{7}|={7}|>{7})/m;

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

export function reassemble(last: ParseState, text: string, lines: LineIndex, prefix: number, suffix: number): ParseState | undefined {
  const old = last.chunks;
  const previous = last.model;
  if (old.length === 0 || last.conflicts) return undefined;
  const delta = text.length - last.text.length;
  const editEnd = last.text.length - suffix;

  // The chunks the edit touches; an edit in the blank lines between two chunks may join them, and
  // a chunk whose first line no longer starts flush joins the one before.
  let lo = firstAtOrAfter(old, (c) => c.end, prefix);
  let hi = firstAtOrAfter(old, (c) => c.start, editEnd + 1) - 1;
  if (lo >= old.length || hi < 0) return undefined;
  if (lo > hi) [lo, hi] = [hi, lo];
  else {
    if (prefix < old[lo]!.start) lo--;
    if (editEnd > old[hi]!.end) hi++;
  }
  if (lo >= 0 && (text[old[lo]!.start] === ' ' || text[old[lo]!.start] === '\t')) lo--;
  if (lo < 0 || hi >= old.length) return undefined;
  const from = old[lo]!.start;
  const oldTo = old[hi]!.end;
  const to = oldTo + delta;
  if (from > prefix || oldTo < editEnd || from < Math.max(1, last.frontMatterEnd)) return undefined;
  if (STRUCTURE.test(last.text.slice(from, oldTo)) || STRUCTURE.test(text.slice(from, to))) return undefined;
  if (last.fences.some((f) => f.start <= oldTo && f.end >= from)) return undefined;
  // Sections and divs around the stretch: their text is taken again, their end moves.
  const around: Fragment[] = [];
  for (const f of previous.fragments) {
    if ((f.kind === 'section' || f.kind === 'div') && f.full.span.start <= oldTo && f.full.span.end >= from) {
      if (f.full.span.start >= from || f.full.span.end <= oldTo || f.text === '') return undefined;
      around.push(f);
    }
  }

  const { scan, closed } = scanStretch(text, from, to);
  if (!closed || scan.fences.length + scan.conflicts.length + scan.unclosedFenceBlocks.length + scan.missingHashFences.length > 0) return undefined;
  if (scan.chunks.length === 0 || scan.chunks[0]!.start !== from || scan.chunks[scan.chunks.length - 1]!.end !== to) return undefined;
  const known = new Map(old.slice(lo, hi + 1).map((c) => [last.text.slice(c.start, c.end), c.result]));
  const region: ParsedChunk[] = scan.chunks.map((c) => {
    const source = text.slice(c.start, c.end);
    return { start: c.start, end: c.end, result: known.get(source) ?? readChunkSafely(source) };
  });
  for (let i = lo; i <= hi; i++) if (old[i]!.result.headings.length > 0) return undefined;
  if (region.some((c) => c.result.headings.length > 0)) return undefined;

  // Diagnostics must lie wholly before, inside or after the stretch.
  const diagnosticsBefore = firstAtOrAfter(previous.diagnostics, (d) => d.span.start, from);
  const diagnosticsAfter = firstAtOrAfter(previous.diagnostics, (d) => d.span.start, oldTo + 1);
  for (let i = 0; i < diagnosticsBefore; i++) if (previous.diagnostics[i]!.span.end > from) return undefined;

  const lineDelta = lines.lineCount - last.lines.lineCount;
  const moveSpan = (span: Span): Span => ({ start: span.start + delta, end: span.end + delta });
  const movePosition = (p: Position): Position => ({ line: p.line + lineDelta, character: p.character });
  // Places after the stretch start on later lines: without a line added or removed, their
  // positions stay as they are, and the objects are shared.
  const moveRange = lineDelta === 0 ? (r: Range): Range => r : (r: Range): Range => ({ start: movePosition(r.start), end: movePosition(r.end) });

  // Labels and turns (a label added or removed in the stretch changes the turns after it).
  const labelsBefore = firstAtOrAfter(last.labels, (l) => l.label.start, from);
  const labelsAfter = firstAtOrAfter(last.labels, (l) => l.label.start, oldTo + 1);
  const labels: SpeakerLabel[] = last.labels.slice(0, labelsBefore);
  for (const c of region) for (const l of c.result.labels) labels.push({ speaker: l.speaker, label: shift(l.label, c.start), plain: l.plain });
  for (let i = labelsAfter; i < last.labels.length; i++) {
    const l = last.labels[i]!;
    labels.push({ speaker: l.speaker, label: moveSpan(l.label), plain: l.plain });
  }
  const headingStarts = last.headingStarts.map((h) => (h > oldTo ? h + delta : h));
  // Turns that end before the stretch stay as they are (turn ends only grow along the text).
  const kept = firstAtOrAfter(previous.turns, (t) => t.span.end, from);
  const retake = kept < previous.turns.length ? Math.min(previous.turns[kept]!.label.start, from) : from;
  const turns = previous.turns.slice(0, kept);
  turns.push(...turnsOf(labels.slice(firstAtOrAfter(labels, (l) => l.label.start, retake)), new Set(previous.frontMatter.participants), headingStarts, text.length));

  const chunks = old.slice(0, lo);
  chunks.push(...region);
  for (let i = hi + 1; i < old.length; i++) chunks.push({ start: old[i]!.start + delta, end: old[i]!.end + delta, result: old[i]!.result });

  const containers: Fragment[] = [];
  for (const f of around) {
    const content = { start: f.content.span.start, end: f.content.span.end + delta };
    const containerText = textOf(chunks, content);
    if (containerText === '') return undefined;
    // The speaker too: a div's content may start with a label in the stretch.
    containers.push(
      fragmentOf(f, {
        id: f.id,
        speaker: speakerAt(turns, firstVisible(text, content)),
        text: containerText,
        content: { span: content, range: { start: f.content.range.start, end: movePosition(f.content.range.end) } },
        full: { span: { start: f.full.span.start, end: f.full.span.end + delta }, range: { start: f.full.range.start, end: movePosition(f.full.range.end) } },
        markup: f.markup.map((m) => (m.start >= oldTo ? moveSpan(m) : m)),
        attributeBlock: f.attributeBlock,
        parent: f.parent,
      }),
    );
  }

  // The stretch, read as a full parse would read it.
  const diagnostics: ChunkDiagnostic[] = [];
  const raw: RawFragment[] = [];
  const otherBlocks: { block: ReturnType<typeof shiftBlock>; loose: boolean }[] = [];
  for (const c of region) {
    const by = c.start;
    for (const f of c.result.fragments) {
      raw.push({ kind: f.kind, content: shift(f.content, by), full: shift(f.full, by), markup: f.markup.map((s) => shift(s, by)), block: shiftBlock(f.block, by), text: f.text });
    }
    for (const b of c.result.looseBlocks) otherBlocks.push({ block: shiftBlock(b, by), loose: true });
    for (const b of c.result.missingHashCandidates) otherBlocks.push({ block: shiftBlock(b, by), loose: false });
    for (const d of c.result.diagnostics) diagnostics.push({ ...d, span: shift(d.span, by) });
  }
  raw.sort((a, b) => a.full.start - b.full.start || b.full.end - a.full.end);
  const fragmentsBefore = firstAtOrAfter(previous.fragments, (f) => f.full.span.start, from);
  const fragmentsAfter = firstAtOrAfter(previous.fragments, (f) => f.full.span.start, oldTo + 1);
  const regionFragments: Fragment[] = [];
  const regionCodes: CodeOccurrence[] = [];
  const regionBlocks: AttributeBlock[] = [];
  const stack: Fragment[] = [...containers];
  for (const f of raw) {
    const block = readAttributeBlock(f.block, -1, lines, diagnostics);
    regionBlocks.push(block);
    if (block.codes.length === 0) continue;
    while (stack.length > 0 && stack[stack.length - 1]!.full.span.end < f.full.end) stack.pop();
    const id = fragmentsBefore + regionFragments.length;
    for (const c of block.codes) c.fragment = id;
    const parent = stack.length > 0 ? stack[stack.length - 1]!.id : -1;
    const fragment = makeFragment(id, f, block, speakerAt(turns, firstVisible(text, f.content)), parent, lines);
    regionFragments.push(fragment);
    stack.push(fragment);
    regionCodes.push(...block.codes);
  }
  for (const { block, loose } of otherBlocks) {
    const read = readAttributeBlock(block, -1, lines, diagnostics);
    regionBlocks.push(read);
    if (loose) regionCodes.push(...read.codes);
  }
  regionBlocks.sort((a, b) => a.span.start - b.span.start);
  regionCodes.sort((a, b) => a.span.start - b.span.start);

  // After the stretch: the same objects, moved.
  const idDelta = fragmentsBefore + regionFragments.length - fragmentsAfter;
  const moveId = (id: number): number => (id < fragmentsBefore ? id : id + idDelta);
  const fragments = previous.fragments.slice(0, fragmentsBefore);
  for (const f of containers) fragments[f.id] = f;
  fragments.push(...regionFragments);
  for (let i = fragmentsAfter; i < previous.fragments.length; i++) {
    const f = previous.fragments[i]!;
    const content = moveSpan(f.content.span);
    fragments.push(
      fragmentOf(f, {
        id: f.id + idDelta,
        speaker: speakerAt(turns, firstVisible(text, content)),
        text: f.text,
        content: { span: content, range: moveRange(f.content.range) },
        full: { span: moveSpan(f.full.span), range: moveRange(f.full.range) },
        markup: f.markup.map(moveSpan),
        attributeBlock: moveSpan(f.attributeBlock),
        parent: f.parent < 0 ? -1 : moveId(f.parent),
      }),
    );
  }

  const codesBefore = firstAtOrAfter(previous.codes, (c) => c.span.start, from);
  const codesAfter = firstAtOrAfter(previous.codes, (c) => c.span.start, oldTo + 1);
  const codes = previous.codes.slice(0, codesBefore);
  codes.push(...regionCodes);
  const movedCodes = new Map<CodeOccurrence, CodeOccurrence>();
  for (let i = codesAfter; i < previous.codes.length; i++) {
    const c = previous.codes[i]!;
    const moved: CodeOccurrence = { code: c.code, fragment: c.fragment < 0 ? -1 : moveId(c.fragment), span: moveSpan(c.span), range: moveRange(c.range) };
    movedCodes.set(c, moved);
    codes.push(moved);
  }

  const blocksBefore = firstAtOrAfter(previous.attributeBlocks, (b) => b.span.start, from);
  const blocksAfter = firstAtOrAfter(previous.attributeBlocks, (b) => b.span.start, oldTo + 1);
  const attributeBlocks = previous.attributeBlocks.slice(0, blocksBefore);
  attributeBlocks.push(...regionBlocks);
  for (let i = blocksAfter; i < previous.attributeBlocks.length; i++) {
    const b = previous.attributeBlocks[i]!;
    const moved: AttributeBlock = { span: moveSpan(b.span), range: moveRange(b.range), codes: b.codes.map((c) => movedCodes.get(c)!), attributes: b.attributes, bareWords: b.bareWords.map((w) => ({ word: w.word, span: moveSpan(w.span), range: moveRange(w.range) })) };
    if (b.memo !== undefined) moved.memo = b.memo;
    attributeBlocks.push(moved);
  }

  const headingsBefore = firstAtOrAfter(previous.headings, (h) => h.span.start, from);
  const headings: Heading[] = previous.headings.slice(0, headingsBefore);
  for (let i = headingsBefore; i < previous.headings.length; i++) {
    const h = previous.headings[i]!;
    headings.push({ depth: h.depth, text: h.text, span: moveSpan(h.span) });
  }

  const located: Diagnostic[] = diagnostics
    .map((d) => ({ rule: d.rule, severity: d.severity, args: d.args, ...lines.located(d.span) }))
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const allDiagnostics = previous.diagnostics.slice(0, diagnosticsBefore);
  allDiagnostics.push(...located);
  for (let i = diagnosticsAfter; i < previous.diagnostics.length; i++) {
    const d = previous.diagnostics[i]!;
    allDiagnostics.push({ rule: d.rule, severity: d.severity, args: d.args, span: moveSpan(d.span), range: moveRange(d.range) });
  }

  return {
    text,
    lines,
    chunks,
    labels,
    headingStarts,
    fences: last.fences.map((f) => (f.start > oldTo ? moveSpan(f) : f)),
    frontMatterEnd: last.frontMatterEnd,
    conflicts: false,
    model: {
      length: text.length,
      lineCount: lines.lineCount,
      frontMatter: previous.frontMatter,
      headings,
      turns,
      fragments,
      codes,
      attributeBlocks,
      diagnostics: allDiagnostics,
    },
  };
}
