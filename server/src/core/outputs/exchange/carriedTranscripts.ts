// A Kader → `.qdpx` → Kader round trip gives the transcripts back as they were written. Other tools
// read a plain text per source (plainSource.ts); the Markdown, with its headings, speakers and
// coding, stays Kader's. So the export keeps each transcript's Markdown in the archive as well, at
// `kader/<source guid>.md` (referenced from nowhere in project.qde, so other tools ignore it), and
// the project import writes it as it is when the source still reads and is coded as exported.

import { joinedParts } from '../../fragmentParts';
import { parseTranscript, plainSource, type PlainSource } from '../../parse';
import type { Fragment, Transcript } from '../../types';

/** Where the export keeps the Markdown of the text source `sourceGuid` inside the `.qdpx`. */
export function carriedMarkdownPath(sourceGuid: string): string {
  return `kader/${sourceGuid}.md`;
}

/** A coded selection of a text source: code points into its plain text, Kader code ids, the note on it. */
export interface SourceSelection {
  start: number;
  end: number;
  codes: readonly string[];
  memo?: string;
}

/** A selection the export writes, with the fragments it holds: one, or the parts of one coding. */
export interface ExportedSelection extends SourceSelection {
  fragments: Fragment[];
  /** Its text: the fragment's (SYNTAX.md §7), or the plain text from the first part to the last. */
  text: string;
}

/**
 * A transcript's plain text and its selections as the export writes them, in fragment order: one
 * per fragment, and one per coding written as parts (SYNTAX.md §3.5) when its parts follow one
 * another in the plain text (nothing but white space between them), from the first part's start
 * to the last part's end; parts with other text between them stay one selection each.
 */
export function sourceSelections(rawText: string, model: Transcript): { plain: PlainSource; selections: ExportedSelection[] } {
  const plain = plainSource(rawText, model);
  let points: string[] | undefined;
  const between = (from: number, to: number): string => (points ??= Array.from(plain.text)).slice(from, to).join('');
  const selections = joinedParts(model.fragments).flatMap((parts): ExportedSelection[] => {
    const spans = parts.map((fragment) => plain.selection(fragment.content.span));
    const follow = spans.every((span, i) => i === 0 || (span.start >= spans[i - 1]!.end && between(spans[i - 1]!.end, span.start).trim() === ''));
    const selection = (fragments: Fragment[], start: number, end: number): ExportedSelection => {
      const codes = [...new Set(fragments.flatMap((f) => f.codes))];
      const memo = fragments.find((f) => f.memo)?.memo;
      const text = fragments.length === 1 ? fragments[0]!.text : between(start, end);
      return { start, end, codes, ...(memo ? { memo } : {}), fragments, text };
    };
    if (follow) return [selection(parts, spans[0]!.start, spans[spans.length - 1]!.end)];
    return parts.map((fragment, i) => selection([fragment], spans[i]!.start, spans[i]!.end));
  });
  return { plain, selections };
}

/** One key per selection: where, which codes (in any order), which note. */
function selectionKeys(selections: readonly SourceSelection[]): string[] {
  return selections.map((s) => JSON.stringify([s.start, s.end, [...new Set(s.codes)].sort(), s.memo || ''])).sort();
}

export interface ImportedSource {
  /** The source's plain text as the archive holds it. */
  plainText: string;
  /** Its selections with their codings (code ids as the import restored them) and notes. */
  selections: readonly SourceSelection[];
  /** The user whose codings these are; a transcript Kader exported names its coder. */
  coder?: string;
}

/**
 * The transcript to write for an imported text source: `carried` (the Markdown at
 * `carriedMarkdownPath(guid)`) when the source still reads and is coded as Kader exported it —
 * the same plain text, the same selections with the same codes and notes, the same coder — so
 * nothing another tool changed is lost; else undefined, and the import builds the transcript from
 * the source.
 */
export function carriedTranscript(carried: string | undefined, source: ImportedSource): string | undefined {
  if (carried === undefined) return undefined;
  const model = parseTranscript(carried);
  if ((model.frontMatter.coder ?? undefined) !== (source.coder ?? undefined)) return undefined;
  const exported = sourceSelections(carried, model);
  if (exported.plain.text !== source.plainText) return undefined;
  const a = selectionKeys(exported.selections);
  const b = selectionKeys(source.selections);
  return a.length === b.length && a.every((key, i) => key === b[i]) ? carried : undefined;
}
