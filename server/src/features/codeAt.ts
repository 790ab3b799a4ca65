// Finding the code under the cursor, every code token of a document (duplicates included), and
// how a code is used in a folder. Shared by hover, definition, references, highlight and rename.

import type { Position, Range } from 'vscode-languageserver';
import type { Span, Transcript } from '../core/types';
import { comparePractice } from '../core/workspaceIndex';
import type { DocumentView, Workspace } from '../workspace/workspace';
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

export function tokenAt(model: Transcript, position: Position): CodeToken | undefined {
  return codeTokens(model).find((t) => contains(t.range, position));
}

export interface CodeTarget {
  view: DocumentView;
  token: CodeToken;
}

/** The code under the cursor in a transcript or a codebook, or undefined. */
export function codeAt(workspace: Workspace, uri: string, position: Position): CodeTarget | undefined {
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

export function usageOf(folder: Folder, code: string): CodeUsage {
  const refs = folder.index.fragmentsByCode(code, true);
  const exact = refs.filter((r) => r.fragment.codes.includes(code));
  const counts = new Map<string | undefined, number>();
  for (const ref of exact) counts.set(ref.document.practice, (counts.get(ref.document.practice) ?? 0) + 1);
  const practices = [...counts]
    .map(([practice, count]) => ({ practice, count }))
    .sort((a, b) => b.count - a.count || comparePractice(a.practice, b.practice));
  return { fragments: exact.length, withSubcodes: refs.length, practices };
}

/** Codes of the codebook (in its order), then codes in use that it lacks (sorted). */
export function knownCodes(folder: Folder): string[] {
  const defined = folder.codebook.codes.map((c) => c.code);
  const set = new Set(defined);
  return [...defined, ...folder.index.usedCodes().filter((c) => !set.has(c))];
}
