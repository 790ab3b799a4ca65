// Document symbols (headings as sections, fragments inside them, hierarchical: outline and
// breadcrumbs) and workspace symbols (codes, located at their codebook heading).

import {
  SymbolKind,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type SymbolInformation,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver-protocol';
import type { Range } from '../core/types';
import { LineIndex, stripBom } from '../core/parse';
import { codeTokens, knownCodes } from './codeAt';
import { checkCancelled, type Cancellation } from './errors';
import type { Snapshot } from './snapshot';
import { canonicalUri } from '../workspace/uris';
import type { DocumentView } from '../workspace/workspace';

const DETAIL_LENGTH = 80;

function excerpt(text: string): string {
  return text.length <= DETAIL_LENGTH ? text : `${text.slice(0, DETAIL_LENGTH - 1).trimEnd()}…`;
}

const codeList = (codes: string[]): string => codes.map((c) => `#${c}`).join(' ');

interface Item {
  start: number;
  end: number;
  symbol: DocumentSymbol;
}

/** The outline of a transcript or codebook: sections by heading, fragments within them. */
export function documentSymbols(view: DocumentView, text: string): DocumentSymbol[] {
  const source = stripBom(text);
  const lines = new LineIndex(source);
  const { model } = view;
  const items: Item[] = [];
  const sectionCodes = new Map<number, string[]>();
  for (const f of model.fragments) if (f.kind === 'section') sectionCodes.set(f.full.span.start, f.codes);
  model.headings.forEach((heading, i) => {
    const next = model.headings.slice(i + 1).find((h) => h.depth <= heading.depth);
    let end = next ? next.span.start : source.length;
    while (end > heading.span.end && /\s/.test(source[end - 1]!)) end--;
    const codes = sectionCodes.get(heading.span.start);
    const symbol: DocumentSymbol = {
      name: heading.text || '#'.repeat(heading.depth),
      kind: SymbolKind.String,
      range: lines.range({ start: heading.span.start, end }),
      selectionRange: lines.range(heading.span),
      children: [],
    };
    if (codes) symbol.detail = codeList(codes);
    items.push({ start: heading.span.start, end, symbol });
  });
  for (const f of model.fragments) {
    if (f.kind === 'section') continue;
    const block = lines.range(f.attributeBlock);
    items.push({
      start: f.full.span.start,
      end: f.full.span.end,
      symbol: { name: codeList(f.codes), detail: excerpt(f.text), kind: SymbolKind.Key, range: f.full.range, selectionRange: block, children: [] },
    });
  }
  items.sort((a, b) => a.start - b.start || b.end - a.end);
  const roots: DocumentSymbol[] = [];
  const stack: Item[] = [];
  for (const item of items) {
    while (stack.length > 0 && !(stack[stack.length - 1]!.start <= item.start && item.end <= stack[stack.length - 1]!.end)) stack.pop();
    (stack.length > 0 ? stack[stack.length - 1]!.symbol.children! : roots).push(item.symbol);
    stack.push(item);
  }
  return roots;
}

function flatten(symbols: DocumentSymbol[], uri: string, container?: string): SymbolInformation[] {
  return symbols.flatMap((s) => {
    const info: SymbolInformation = { name: s.name, kind: s.kind, location: { uri, range: s.range } };
    if (container !== undefined) info.containerName = container;
    return [info, ...flatten(s.children ?? [], uri, s.name)];
  });
}

/** Query letters appear in order in the text, ignoring case. */
function fuzzyMatch(query: string, text: string): boolean {
  const q = query.toLowerCase();
  const t = text.toLowerCase();
  let i = 0;
  for (const c of t) if (i < q.length && c === q[i]) i++;
  return i === q.length;
}

export async function provideDocumentSymbols(s: Snapshot, params: DocumentSymbolParams): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
  const uri = canonicalUri(params.textDocument.uri);
  const view = s.workspace.view(uri);
  if (!view) return null;
  const text = await s.workspace.textOf(uri);
  if (!text) return null;
  const symbols = documentSymbols(view, text.text);
  return s.client.hierarchicalSymbols ? symbols : flatten(symbols, params.textDocument.uri);
}

/** Every code of every folder whose name or description matches the query; needs the workspace snapshot. */
export function provideWorkspaceSymbols(s: Snapshot, params: WorkspaceSymbolParams, token?: Cancellation): SymbolInformation[] {
  const { workspace } = s;
  const out: SymbolInformation[] = [];
  for (const folder of workspace.folders) {
    checkCancelled(token);
    for (const code of knownCodes(folder)) {
      const definition = folder.codebook.codes.find((c) => c.code === code);
      if (params.query && !fuzzyMatch(params.query, code) && !(definition && fuzzyMatch(params.query, definition.name))) continue;
      let location: { uri: string; range: Range } | undefined;
      if (definition?.codeToken) location = { uri: workspace.clientUri(folder.codebookUri), range: definition.codeToken.range };
      else {
        const document = folder.index.documentsUsing(code)[0];
        const first = document && codeTokens(document.model).find((t) => t.code === code);
        if (document && first) location = { uri: workspace.clientUri(document.key), range: first.range };
      }
      if (!location) continue;
      const symbol: SymbolInformation = { name: `#${code}`, kind: SymbolKind.EnumMember, location };
      const container = definition?.name ?? (workspace.folders.length > 1 ? folder.name : undefined);
      if (container !== undefined) symbol.containerName = container;
      out.push(symbol);
    }
  }
  return out;
}
