// Rename of a code everywhere in its workspace folder: every transcript (open or not) and the
// codebook. Sub-codes follow their parent; the new name may be written with or without `#`.
// Renaming onto a code that exists merges the two: an attribute block never ends up with the
// same code twice, and the codebook keeps one definition (the merged code's section goes).

import type { PrepareRenameParams, Range, RenameParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { isCodePath, isWithin, withoutHash } from '../core/codes';
import { messageOf } from '../core/messages';
import { LineIndex, parseTranscript, stripBom } from '../core/parse';
import type { AttributeBlock, Codebook, Span, Transcript } from '../core/types';
import { codeAt, codeTokens, type CodeToken } from './codeAt';
import { checkCancelled, Refusal, type Cancellation } from './errors';
import type { Snapshot } from './snapshot';
import { localize } from '../core/l10n';
import { WorkspaceEditBuilder } from './workspaceEdit';

/** The name `code` gets when `from` (and its sub-codes) become `to`, or undefined if untouched. */
export function renamed(code: string, from: string, to: string): string | undefined {
  return isWithin(code, from) ? to + code.slice(from.length) : undefined;
}

/**
 * The edits that rename `from` to `to` in one document (`model` is the model of `rawText`). With
 * `codebook`, a definition renamed onto a code the codebook already defines is removed with its
 * description.
 */
export function renameEdits(rawText: string, model: Transcript, from: string, to: string, codebook?: Codebook): TextEdit[] {
  const text = stripBom(rawText);
  const removedSections: Span[] = [];
  const edits: TextEdit[] = [];
  if (codebook) {
    const lines = new LineIndex(text);
    const defined = new Set(codebook.codes.map((c) => c.code));
    for (const definition of codebook.codes) {
      const target = renamed(definition.code, from, to);
      if (target === undefined || !defined.has(target) || isWithin(target, from) || !definition.definition) continue;
      const start = lines.lineStarts[lines.lineOf(definition.definition.span.start)]!;
      const next = model.headings.find((h) => h.span.start > definition.definition!.span.start);
      const end = next ? lines.lineStarts[lines.lineOf(next.span.start)]! : text.length;
      removedSections.push({ start, end });
      edits.push({ range: lines.range({ start, end }), newText: '' });
    }
  }
  const removed = (span: Span): boolean => removedSections.some((s) => s.start <= span.start && span.end <= s.end);

  // Tokens in document order: those of one attribute block follow each other. A `#code` token
  // lies on one line, so the edits' ranges come from the token's range (no line index of the text).
  const blocks = sortedBlocks(model);
  const tokens = tokensOf(model);
  for (let first = 0; first < tokens.length; ) {
    const block = blockAround(blocks, tokens[first]!.span);
    let end = first + 1;
    if (block) while (end < tokens.length && tokens[end]!.span.end <= block.span.end) end++;
    let touched = false;
    for (let i = first; i < end && !touched; i++) touched = isWithin(tokens[i]!.code, from);
    if (!touched) {
      first = end;
      continue;
    }
    const blockStart = block ? block.span.start : tokens[first]!.span.start - 1;
    const seen = new Map<string, boolean>(); // final code → whether a renamed token carries it
    for (let i = first; i < end; i++) {
      const token = tokens[i]!;
      if (removedSections.length > 0 && removed(token.span)) continue;
      const target = renamed(token.code, from, to);
      const final = target ?? token.code;
      const earlier = seen.get(final);
      const { start, end: tokenEnd } = token.range;
      if (earlier !== undefined && (target !== undefined || earlier)) {
        // The same code twice in one block after the rename: drop this one with its separators.
        let at = token.span.start;
        while (at > blockStart + 1 && SEPARATOR.test(text[at - 1]!)) at--;
        edits.push({ range: { start: { line: start.line, character: start.character - (token.span.start - at) }, end: tokenEnd }, newText: '' });
        continue;
      }
      seen.set(final, (earlier ?? false) || target !== undefined);
      if (target !== undefined) edits.push({ range: { start: { line: start.line, character: start.character + 1 }, end: tokenEnd }, newText: target });
    }
    first = end;
  }
  return edits.sort((a, b) => compare(a.range, b.range));
}

/** What may separate the codes of a block (never a line break). */
const SEPARATOR = /[ \t,]/;

type Token = Pick<CodeToken, 'code' | 'span' | 'range'>;

/** The tokens of `codeTokens`, in document order: the model's own codes when it has no duplicates. */
function tokensOf(model: Transcript): readonly Token[] {
  const codes = model.codes;
  if (model.diagnostics.some((d) => d.rule === 'duplicate-code')) return codeTokens(model);
  for (let i = 1; i < codes.length; i++) if (codes[i]!.span.start < codes[i - 1]!.span.start) return codeTokens(model);
  return codes;
}

function sortedBlocks(model: Transcript): readonly AttributeBlock[] {
  const blocks = model.attributeBlocks;
  for (let i = 1; i < blocks.length; i++) {
    if (blocks[i]!.span.start < blocks[i - 1]!.span.start) return [...blocks].sort((a, b) => a.span.start - b.span.start);
  }
  return blocks;
}

/** The attribute block that holds `span` (blocks sorted by start, never overlapping), by binary search. */
function blockAround(blocks: readonly AttributeBlock[], span: Span): AttributeBlock | undefined {
  let lo = 0;
  let hi = blocks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.span.start <= span.start) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const block = blocks[found];
  return block && span.end <= block.span.end ? block : undefined;
}

/**
 * Whether the index's model of a file still describes the file's text as far as renaming `from`
 * goes, so the text need not be parsed again: the same length, every code token and attribute
 * block where the model has them, and no `#from…` in the text that is not one of the model's
 * tokens. A file changed without the server hearing of it fails this (unless the change kept the
 * length and every code in place) and is parsed again.
 */
export function modelFits(rawText: string, model: Transcript, from: string): boolean {
  const text = stripBom(rawText);
  if (text.length !== model.length) return false;
  for (const block of model.attributeBlocks) {
    if (text.charCodeAt(block.span.start) !== 123 /* { */ || text.charCodeAt(block.span.end - 1) !== 125 /* } */) return false;
  }
  let tokens = 0;
  const fits = (code: string, span: Span): boolean => {
    if (span.end - span.start !== code.length + 1 || text.charCodeAt(span.start) !== 35 /* # */ || !text.startsWith(code, span.start + 1)) return false;
    if (code.startsWith(from)) tokens++;
    return true;
  };
  for (const c of model.codes) if (!fits(c.code, c.span)) return false;
  for (const d of model.diagnostics) if (d.rule === 'duplicate-code' && !fits(d.args['code']!, d.span)) return false;
  const needle = `#${from}`;
  let written = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
    if (++written > tokens) return false;
  }
  return written === tokens;
}

/** Files on disk read at once while the edits of earlier ones are made. */
const READ_AHEAD = 8;

function compare(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}

export function providePrepareRename(s: Snapshot, params: PrepareRenameParams): { range: Range; placeholder: string } {
  const target = codeAt(s.workspace, params.textDocument.uri, params.position);
  if (!target) throw new Refusal(localize(s.locale)('Put the cursor on a code (#…) to rename it.'));
  const { range, code } = target.token;
  return { range: { start: { line: range.start.line, character: range.start.character + 1 }, end: range.end }, placeholder: code };
}

/** Every use of the code in its folder, its codebook heading and the loose transcripts it checks; needs the workspace snapshot. */
export async function provideRename(s: Snapshot, params: RenameParams, token?: Cancellation): Promise<WorkspaceEdit> {
  const { workspace, locale } = s;
  const target = codeAt(workspace, params.textDocument.uri, params.position);
  if (!target) throw new Refusal(localize(locale)('Put the cursor on a code (#…) to rename it.'));
  const to = withoutHash(params.newName.trim());
  if (!isCodePath(to)) throw new Refusal(messageOf({ rule: 'invalid-code', args: { text: `#${to}` } }, locale));
  const from = target.token.code;
  const builder = new WorkspaceEditBuilder(s.client, workspace);
  if (to === from) return builder.build();
  const { folder } = target.view;
  const codebookSource = folder.codebookSource;
  if (codebookSource && folder.codebookModel) {
    const edits = renameEdits(codebookSource.text, folder.codebookModel, from, to, folder.codebook);
    builder.edit(folder.codebookUri, codebookSource.version, edits);
  }
  const documents = folder.index.documentsUsing(from, true);
  // A file on disk is read again, so the edits fit its text even if it changed unseen; the
  // index's model is used when it still fits that text (modelFits), else the text is parsed.
  const reads: Promise<{ text: string; version: number | null } | undefined>[] = [];
  const readAhead = (upTo: number): void => {
    while (reads.length < Math.min(upTo, documents.length)) {
      const key = documents[reads.length]!.key;
      reads.push(workspace.documents.has(key) ? Promise.resolve(undefined) : workspace.textOf(key));
    }
  };
  for (const [i, document] of documents.entries()) {
    checkCancelled(token);
    const open = workspace.documents.get(document.key);
    if (open) {
      builder.edit(document.key, open.document.version, renameEdits(open.document.getText(), workspace.documents.model(open), from, to));
      continue;
    }
    readAhead(i + READ_AHEAD);
    const current = (await reads[i]) ?? (await workspace.textOf(document.key));
    if (!current) continue;
    const model = modelFits(current.text, document.model, from) ? document.model : parseTranscript(current.text);
    builder.edit(document.key, null, renameEdits(current.text, model, from, to));
  }
  // Open transcripts outside the folders that this codebook checks (an untitled one).
  for (const open of workspace.looseDocuments(folder)) {
    builder.edit(open.uri, open.document.version, renameEdits(open.document.getText(), workspace.documents.model(open), from, to));
  }
  checkCancelled(token);
  return builder.build();
}
