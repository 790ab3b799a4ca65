// Finding the code under the cursor, every code token of a document (duplicates included), and
// how a code is used in a folder. Shared by hover, definition, references, highlight and rename.

import type { Position, Range } from 'vscode-languageserver-protocol';
import type { Span, Transcript } from '../core/types';
import { CacheKind, comparePractice, PerDocument, type IndexedDocument } from '../core/index/workspaceIndex';
import type { DocumentView } from '../workspace/workspace';
import type { WorkspaceReader } from './snapshot';
import type { Folder } from '../workspace/workspaceFolders';
import { canonicalUri } from '../workspace/uris';

export interface CodeToken {
  /** The code path without `#`. */
  code: string;
  /** The `#code` token. */
  span: Span;
  range: Range;
  /** The same code written earlier in the same attribute block. */
  duplicate: boolean;
}

/** Every valid `#code` of the coding attribute blocks, duplicates included, in document order. */
export function codeTokens(model: Transcript): CodeToken[] {
  const tokens: CodeToken[] = model.codes.map((c) => ({ code: c.code, span: c.span, range: c.range, duplicate: false }));
  for (const d of model.diagnostics) {
    if (d.rule === 'duplicate-code') tokens.push({ code: d.args['code']!, span: d.span, range: d.range, duplicate: true });
  }
  return tokens.sort((a, b) => a.span.start - b.span.start);
}

function contains(range: Range, position: Position): boolean {
  return range.start.line === position.line && range.start.character <= position.character && position.character <= range.end.character;
}

/** The code token under `position` (the first in document order, as in `codeTokens`). */
export function tokenAt(model: Transcript, position: Position): CodeToken | undefined {
  // Without building and sorting every token of the document: hover and rename ask this per request.
  let found: CodeToken | undefined;
  for (const c of model.codes) {
    if (contains(c.range, position) && (!found || c.span.start < found.span.start)) found = { code: c.code, span: c.span, range: c.range, duplicate: false };
  }
  for (const d of model.diagnostics) {
    if (d.rule === 'duplicate-code' && contains(d.range, position) && (!found || d.span.start < found.span.start)) {
      found = { code: d.args['code']!, span: d.span, range: d.range, duplicate: true };
    }
  }
  return found;
}

export interface CodeTarget {
  view: DocumentView;
  token: CodeToken;
}

/** The code under the cursor in a transcript or a codebook, or undefined. */
export function codeAt(workspace: WorkspaceReader, uri: string, position: Position): CodeTarget | undefined {
  const view = workspace.view(canonicalUri(uri));
  if (!view) return undefined;
  const token = tokenAt(view.model, position);
  return token ? { view, token } : undefined;
}

export interface CodeUsage {
  /** Fragments that carry the code itself. */
  fragments: number;
  /** Fragments that carry it or one of its sub-codes. */
  withSubcodes: number;
  /** Practices of the fragments that carry the code, most fragments first. */
  practices: { practice: string | undefined; count: number }[];
}

/** How many fragments of one document carry each code, and each code or one of its sub-codes. */
interface DocumentCodeCounts {
  /** Code → fragments that carry it. */
  exact: Map<string, number>;
  /** Code (and every ancestor of a code) → fragments that carry it or one of its sub-codes. */
  within: Map<string, number>;
}

function countCodes(document: IndexedDocument): DocumentCodeCounts {
  const counts: DocumentCodeCounts = { exact: new Map(), within: new Map() };
  // A fragment's codes are the codes of its attribute block: the occurrences that name it. They
  // are read instead of the fragments, which cost far more to build from a compact model.
  const byFragment: string[][] = [];
  for (const occurrence of document.codes) {
    if (occurrence.fragment >= 0) (byFragment[occurrence.fragment] ??= []).push(occurrence.code);
  }
  const seen = new Set<string>();
  for (const codes of byFragment) {
    if (!codes) continue;
    seen.clear();
    for (const code of codes) {
      if (seen.has(code)) continue;
      seen.add(code);
      counts.exact.set(code, (counts.exact.get(code) ?? 0) + 1);
    }
    // The fragment counts once for its codes and each of their ancestors.
    for (const code of [...seen]) {
      for (let slash = code.lastIndexOf('/'); slash > 0; slash = code.lastIndexOf('/', slash - 1)) seen.add(code.slice(0, slash));
    }
    for (const code of seen) counts.within.set(code, (counts.within.get(code) ?? 0) + 1);
  }
  return counts;
}

/** Per document of an index, counted once while the index holds it. */
const CODE_COUNTS = new CacheKind((index) => new PerDocument(index, countCodes));

/** Counts the codes of every document ahead of the first hover (after a scan). */
export function prepareUsage(folder: Folder): void {
  const counts = folder.index.cache(CODE_COUNTS);
  for (const document of folder.index.all()) counts.of(document);
}

/**
 * How `code` is used in a folder. Only the documents that use it (or a sub-code) are visited,
 * each by a lookup in its counts (made once per document), not by walking its fragments.
 */
export function usageOf(folder: Folder, code: string): CodeUsage {
  let fragments = 0;
  let withSubcodes = 0;
  const perPractice = new Map<string | undefined, number>();
  const codeCounts = folder.index.cache(CODE_COUNTS);
  for (const document of folder.index.documentsUsing(code, true)) {
    const counts = codeCounts.of(document);
    withSubcodes += counts.within.get(code) ?? 0;
    const exact = counts.exact.get(code) ?? 0;
    if (exact === 0) continue;
    fragments += exact;
    perPractice.set(document.practice, (perPractice.get(document.practice) ?? 0) + exact);
  }
  const practices = [...perPractice]
    .map(([practice, count]) => ({ practice, count }))
    .sort((a, b) => b.count - a.count || comparePractice(a.practice, b.practice));
  return { fragments, withSubcodes, practices };
}

/** Codes of the codebook (in its order), then codes in use that it lacks (sorted). */
export function knownCodes(folder: Folder): string[] {
  const defined = folder.codebook.codes.map((c) => c.code);
  const set = new Set(defined);
  return [...defined, ...folder.index.usedCodes().filter((c) => !set.has(c))];
}
