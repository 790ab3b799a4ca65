// The codebook (SYNTAX.md §8): each heading that ends in an attribute block with one code
// defines that code. Without a codebook.md the built-in framework applies.

import type { ScannedBlock } from './attributes';
import { readChunk, type ChunkResult } from './chunk';
import { entryDescription, frameworkEntries } from '../framework';
import { plainTree } from './plainChunk';
import { LineIndex, stripBom } from './text';
import { parseTranscript } from './transcript';
import type { CodeDefinition, Codebook, Diagnostic, Locale, Span } from '../types';

const COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const LINE_BREAK = /\r\n?|\n/g;

const shift = (span: Span, by: number): Span => ({ start: span.start + by, end: span.end + by });
const shiftBlock = (block: ScannedBlock, by: number): ScannedBlock => ({
  span: shift(block.span, by),
  items: block.items.map((item) => ({ ...item, span: shift(item.span, by) })),
  coding: block.coding,
});

/** Appends `part` (read at offset `by` of the chunk) to `into`. */
function appendShifted(into: ChunkResult, part: ChunkResult, by: number): void {
  for (const b of part.blocks) into.blocks.push({ span: shift(b.span, by), text: b.text });
  for (const h of part.headings) {
    into.headings.push({
      depth: h.depth,
      text: h.text,
      span: shift(h.span, by),
      topLevel: h.topLevel,
      coding: h.coding && { block: shiftBlock(h.coding.block, by), markup: shift(h.coding.markup, by) },
    });
  }
  for (const f of part.fragments) {
    into.fragments.push({ kind: f.kind, content: shift(f.content, by), full: shift(f.full, by), markup: f.markup.map((m) => shift(m, by)), block: shiftBlock(f.block, by), text: f.text });
  }
  for (const b of part.looseBlocks) into.looseBlocks.push(shiftBlock(b, by));
  for (const b of part.missingHashCandidates) into.missingHashCandidates.push(shiftBlock(b, by));
  for (const l of part.labels) into.labels.push({ speaker: l.speaker, label: shift(l.label, by), plain: l.plain });
  for (const d of part.diagnostics) into.diagnostics.push({ rule: d.rule, severity: d.severity, span: shift(d.span, by), args: d.args });
}

/**
 * Reads a codebook chunk as `readChunk` does, with the same result, but faster on the codebook's
 * usual shape: a chunk that opens with plain ATX heading lines (`## Name {#code}`), then the
 * description. An ATX heading is one line and ends its block, so each such line is read on its own
 * (by the plain-line shortcut of plainChunk.ts, without remark), then the rest (a one-line
 * description skips remark too). Not split when the chunk holds `]:`: a link reference or
 * footnote definition below could make heading text a link. `read` reads each piece (default
 * `readChunk`). Linear in the chunk. Without it a 10,000-code codebook is 10,000 remark parses.
 */
export function readCodebookChunk(source: string, read: (piece: string) => ChunkResult = readChunk): ChunkResult {
  if (source.includes(']:')) return read(source);
  const result: ChunkResult = { blocks: [], headings: [], fragments: [], looseBlocks: [], missingHashCandidates: [], labels: [], diagnostics: [] };
  let at = 0;
  for (;;) {
    LINE_BREAK.lastIndex = at;
    const lineBreak = LINE_BREAK.exec(source);
    if (!lineBreak) break;
    const line = source.slice(at, lineBreak.index);
    if (plainTree(line)?.children[0]?.type !== 'heading') break;
    appendShifted(result, read(line), at);
    at = lineBreak.index + lineBreak[0].length;
  }
  if (at === 0) return read(source);
  appendShifted(result, read(source.slice(at)), at);
  return result;
}

/** A codebook heading that opens a code's memo (SYNTAX.md §8): `Memo`, in any case. */
export function isMemoHeading(text: string): boolean {
  return text.trim().toLowerCase() === 'memo';
}

/** The framework with the article's distinctions as sub-codes, as `frameworkCodebookMarkdown` writes it. */
export function builtInCodebook(locale: Locale): Codebook {
  return {
    builtIn: true,
    codes: frameworkEntries(locale).map((entry) => {
      const code: CodeDefinition = { code: entry.code, name: entry.name, description: entryDescription(entry, locale), shortDescription: entry.description };
      if (entry.color !== undefined) code.color = entry.color;
      return code;
    }),
    diagnostics: [],
  };
}

/**
 * Parses a codebook. Linear in the text for the codebook's usual shape (see `readCodebookChunk`):
 * one pass over the sections, codes kept in a Map. What remains super-linear is in
 * parseTranscript (see docs/reliability.md).
 */
export function parseCodebook(text: string): Codebook {
  // Pieces read by their text: a short description is usually the rest of a chunk, read already.
  const read = new Map<string, ChunkResult>();
  const readPiece = (piece: string): ChunkResult => {
    let result = read.get(piece);
    if (!result) read.set(piece, (result = readChunk(piece)));
    return result;
  };
  const model = parseTranscript(text, undefined, { readChunk: (chunk) => readCodebookChunk(chunk, readPiece) });
  const source = stripBom(text);
  const lines = new LineIndex(source);
  const codes: CodeDefinition[] = [];
  const byCode = new Map<string, CodeDefinition>();
  const diagnostics: Diagnostic[] = model.diagnostics.filter((d) => d.rule !== 'stray-attributes');
  const headingAt = new Map(model.headings.map((h, i) => [h.span.start, i]));
  const tokenOf = new Map(model.codes.map((c) => [c.fragment, c]));
  const headingCodes = new Set(model.fragments.filter((f) => f.kind === 'section').map((f) => f.full.span.start));

  for (const fragment of model.fragments) {
    if (fragment.kind !== 'section' || fragment.codes.length !== 1) continue;
    const code = fragment.codes[0]!;
    const index = headingAt.get(fragment.full.span.start)!;
    const heading = model.headings[index]!;
    const token = tokenOf.get(fragment.id)!;
    const previous = byCode.get(code);
    if (previous) {
      const line = String((previous.definition?.range.start.line ?? 0) + 1);
      diagnostics.push({ rule: 'codebook-duplicate', severity: 'error', span: token.span, range: token.range, args: { code, line } });
      continue;
    }
    const nextHeading = model.headings[index + 1]?.span.start ?? source.length;
    const description = source.slice(heading.span.end, nextHeading).trim();
    // A `Memo` heading right after the description holds the code's memo, up to the next heading.
    const memoHeading = model.headings[index + 1];
    const memo =
      memoHeading && !headingCodes.has(memoHeading.span.start) && isMemoHeading(memoHeading.text)
        ? source.slice(memoHeading.span.end, model.headings[index + 2]?.span.start ?? source.length).trim()
        : undefined;
    const firstParagraph = description.split(/\r?\n[ \t]*\r?\n|\r[ \t]*\r/)[0] ?? '';
    const definition: CodeDefinition = {
      code,
      name: heading.text,
      description,
      shortDescription: readPiece(firstParagraph).blocks.map((b) => b.text).join(' '),
      definition: lines.located(heading.span),
      codeToken: { span: token.span, range: token.range },
    };
    if (memo) definition.memo = memo;
    const color = fragment.attributes['color'];
    if (color !== undefined) {
      if (COLOR.test(color)) definition.color = color;
      else diagnostics.push({ rule: 'codebook-color', severity: 'warning', ...lines.located(fragment.attributeBlock), args: { color } });
    }
    byCode.set(code, definition);
    codes.push(definition);
  }
  const title = model.frontMatter.attributes['title'];
  return { builtIn: false, title: typeof title === 'string' ? title : undefined, codes, diagnostics };
}
