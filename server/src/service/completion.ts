// Completion of codes inside a coding attribute block (after `#`, or right after `]{`), and of
// the `practice:` and `coder:` values in the front matter. The text is read from the line, not
// the model: while typing, the attribute block is usually not closed yet.

import { inFencedCode } from '../core/parse';
import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
  type Range,
} from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Snapshot } from './snapshot';
import { localize } from '../core/l10n';
import { canonicalUri } from '../workspace/uris';
import type { Folder } from '../workspace/workspaceFolders';

export const COMPLETION_TRIGGERS = ['#', '{', '/'];

const SEPARATOR = /[ \t,]/;
const PARTIAL_CODE = /^#[\p{L}\p{N}_/-]*$/u;

interface CodeContext {
  kind: 'code';
  /** The partial code being typed, `#` included, and all of it after the cursor. */
  range: Range;
  /** Other codes already in the same attribute block. */
  present: Set<string>;
  /** The code path typed so far (the whole token, without `#`). */
  typed: string;
}

interface FrontMatterContext {
  kind: 'frontMatter';
  key: 'practice' | 'coder';
  range: Range;
}

/** The attribute block around the cursor on its line, if the cursor is inside one. */
function codeContext(line: string, character: number, lineNumber: number): CodeContext | undefined {
  const before = line.slice(0, character);
  let open = -1;
  let quoted = false;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (open < 0) {
      if (c === '{' && before[i - 1] !== '\\') open = i;
    } else if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '}') open = -1;
    else if (c === '{') open = i;
  }
  if (open < 0 || quoted) return undefined;
  if ((before.slice(0, open).match(/`/g)?.length ?? 0) % 2 === 1) return undefined; // inside inline code
  let start = character;
  while (start > open + 1 && !SEPARATOR.test(line[start - 1]!)) start--;
  let end = character;
  while (end < line.length && !SEPARATOR.test(line[end]!) && line[end] !== '}') end++;
  const token = line.slice(start, end);
  const afterBracket = start === open + 1 && line[open - 1] === ']';
  if (!(PARTIAL_CODE.test(token) || (token === '' && afterBracket))) return undefined;
  let close = line.indexOf('}', end);
  if (close < 0) close = line.length;
  const present = new Set<string>();
  for (const m of line.slice(open + 1, close).matchAll(/(?:^|[ \t,])#([^ \t,}]+)/g)) {
    const at = open + 1 + m.index + m[0].indexOf('#');
    if (at !== start) present.add(m[1]!);
  }
  const range = { start: { line: lineNumber, character: start }, end: { line: lineNumber, character: end } };
  return { kind: 'code', range, present, typed: token.slice(1) };
}

/** The lines of the front matter (open or closed) as [first, end) line numbers, if any. */
function frontMatterLines(document: TextDocument): [number, number] | undefined {
  const lineText = (l: number): string => document.getText({ start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
  if (!/^---[ \t]*$/.test(lineText(0))) return undefined;
  for (let l = 1; l < document.lineCount; l++) {
    if (/^(---|\.\.\.)[ \t]*$/.test(lineText(l))) return [1, l];
  }
  return [1, document.lineCount];
}

function frontMatterContext(document: TextDocument, line: string, lineNumber: number, character: number): FrontMatterContext | undefined {
  const lines = frontMatterLines(document);
  if (!lines || lineNumber < lines[0] || lineNumber >= lines[1]) return undefined;
  const m = /^(practice|coder)[ \t]*:[ \t]*/.exec(line);
  if (!m || character < m[0].length) return undefined;
  return {
    kind: 'frontMatter',
    key: m[1] as 'practice' | 'coder',
    range: { start: { line: lineNumber, character: m[0].length }, end: { line: lineNumber, character: line.length } },
  };
}

/** A YAML scalar for a value: plain when that reads back the same, else double-quoted. */
export function yamlScalar(value: string): string {
  return /^[\p{L}\p{N}][^:#\n\r"']*$/u.test(value) && !/[ \t]$/.test(value) ? value : JSON.stringify(value);
}

/** Whether the code being typed is used nowhere but at the cursor (so it is no suggestion). */
function onlyHere(folder: Folder, code: string): boolean {
  let count = 0;
  for (const document of folder.index.documentsUsing(code)) count += document.codes.filter((c) => c.code === code).length;
  return count <= 1;
}

function codeItems(s: Snapshot, folder: Folder, at: CodeContext): CompletionItem[] {
  const t = localize(s.locale);
  const usage = folder.index.codeUsage();
  const definitions = folder.codebook.codes;
  const rank = new Map(definitions.map((d, i) => [d.code, i]));
  const byCode = new Map(definitions.map((d) => [d.code, d]));
  const typed = at.typed;
  const codes = [...new Set([...definitions.map((d) => d.code), ...folder.index.usedCodes()])]
    .filter((c) => !at.present.has(c) && !(c === typed && !rank.has(c) && onlyHere(folder, c)))
    .sort((a, b) => (usage.get(b) ?? 0) - (usage.get(a) ?? 0) || (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || a.localeCompare(b));
  const markdown = s.client.markdownCompletion;
  return codes.map((code, i) => {
    const definition = byCode.get(code);
    const count = usage.get(code) ?? 0;
    const about = definition ? definition.shortDescription : t('Not in the codebook.');
    return {
      label: code,
      kind: definition ? CompletionItemKind.EnumMember : CompletionItemKind.Value,
      detail: definition?.name ?? t('Not in the codebook.'),
      documentation: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: `${about}\n\n${count === 1 ? t('Used in 1 fragment.') : t('Used in {0} fragments.', count)}`.trim() },
      sortText: String(i).padStart(5, '0'),
      filterText: `#${code}`,
      textEdit: { range: at.range, newText: `#${code}` },
    };
  });
}

/** Values of the key in the folder's other transcripts, most used first. */
function frontMatterItems(folder: Folder, at: FrontMatterContext, uri: string): CompletionItem[] {
  const counts = new Map<string, number>();
  for (const document of folder.index.all()) {
    const value = document.key === uri ? undefined : document.model.frontMatter[at.key];
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const values = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return values.map(({ value }, i) => ({
    label: value,
    kind: CompletionItemKind.Value,
    sortText: String(i).padStart(5, '0'),
    textEdit: { range: at.range, newText: yamlScalar(value) },
  }));
}

/** Codes inside an attribute block, `practice:`/`coder:` values in the front matter; needs the workspace snapshot (usage counts). */
export function provideCompletion(s: Snapshot, params: CompletionParams): CompletionList | null {
  const uri = canonicalUri(params.textDocument.uri);
  const open = s.workspace.documents.get(uri);
  const place = s.workspace.classify(uri);
  if (!open || !place) return null;
  const document = open.document;
  const lineNumber = Math.min(Math.max(0, params.position.line), document.lineCount - 1);
  const line = document
    .getText({ start: { line: lineNumber, character: 0 }, end: { line: lineNumber + 1, character: 0 } })
    .replace(/\r?\n$|\r$/, '');
  const character = Math.min(Math.max(0, params.position.character), line.length);
  const inFrontMatter = frontMatterLines(document);
  const insideFrontMatter = inFrontMatter !== undefined && lineNumber >= inFrontMatter[0] && lineNumber < inFrontMatter[1];
  if (insideFrontMatter) {
    const at = place.kind === 'transcript' ? frontMatterContext(document, line, lineNumber, character) : undefined;
    return at ? { isIncomplete: false, items: frontMatterItems(place.folder, at, uri) } : null;
  }
  const at = codeContext(line, character, lineNumber);
  if (!at || inFencedCode(document.getText(), document.offsetAt({ line: lineNumber, character: 0 }))) return null;
  return { isIncomplete: false, items: codeItems(s, place.folder, at) };
}
