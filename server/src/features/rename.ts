// Rename of a code everywhere in its workspace folder: every transcript (open or not) and the
// codebook. Sub-codes follow their parent; the new name may be written with or without `#`.
// Renaming onto a code that exists merges the two: an attribute block never ends up with the
// same code twice, and the codebook keeps one definition (the merged code's section goes).

import type { PrepareRenameParams, Range, RenameParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { isCodePath, isWithin, withoutHash } from '../core/codes';
import { messageOf } from '../core/messages';
import { LineIndex, stripBom } from '../core/text';
import { parseTranscript } from '../core/transcript';
import type { Codebook, Span, Transcript } from '../core/types';
import { codeAt, codeTokens, type CodeToken } from './codeAt';
import { checkCancelled, guarded, refusal, type ServerContext } from './context';
import { strings } from './strings';
import { WorkspaceEditBuilder } from './workspaceEdit';

/** The name `code` gets when `from` (and its sub-codes) become `to`, or undefined if untouched. */
export function renamed(code: string, from: string, to: string): string | undefined {
  return isWithin(code, from) ? to + code.slice(from.length) : undefined;
}

/**
 * The edits that rename `from` to `to` in one document. With `codebook`, a definition renamed
 * onto a code the codebook already defines is removed with its description.
 */
export function renameEdits(rawText: string, model: Transcript, from: string, to: string, codebook?: Codebook): TextEdit[] {
  const text = stripBom(rawText);
  const lines = new LineIndex(text);
  const removedSections: Span[] = [];
  if (codebook) {
    const defined = new Set(codebook.codes.map((c) => c.code));
    const headings = parseTranscript(text).headings;
    for (const definition of codebook.codes) {
      const target = renamed(definition.code, from, to);
      if (target === undefined || !defined.has(target) || isWithin(target, from) || !definition.definition) continue;
      const start = lines.lineStarts[lines.lineOf(definition.definition.span.start)]!;
      const next = headings.find((h) => h.span.start > definition.definition!.span.start);
      const end = next ? lines.lineStarts[lines.lineOf(next.span.start)]! : text.length;
      removedSections.push({ start, end });
    }
  }
  const removed = (span: Span): boolean => removedSections.some((s) => s.start <= span.start && span.end <= s.end);
  const edits: TextEdit[] = removedSections.map((s) => ({ range: lines.range(s), newText: '' }));

  const blocks = [...model.attributeBlocks].sort((a, b) => a.span.start - b.span.start);
  const byBlock = new Map<number, CodeToken[]>();
  for (const token of codeTokens(model)) {
    const block = blocks.find((b) => b.span.start <= token.span.start && token.span.end <= b.span.end);
    const key = block ? block.span.start : -1 - token.span.start;
    const list = byBlock.get(key) ?? [];
    list.push(token);
    byBlock.set(key, list);
  }
  for (const [blockStart, tokens] of byBlock) {
    const seen = new Map<string, boolean>(); // final code → whether a renamed token carries it
    for (const token of tokens) {
      if (removed(token.span)) continue;
      const target = renamed(token.code, from, to);
      const final = target ?? token.code;
      const earlier = seen.get(final);
      if (earlier !== undefined && (target !== undefined || earlier)) {
        // The same code twice in one block after the rename: drop this one with its separators.
        let start = token.span.start;
        while (start > blockStart + 1 && /[ \t,]/.test(text[start - 1]!)) start--;
        edits.push({ range: lines.range({ start, end: token.span.end }), newText: '' });
        continue;
      }
      seen.set(final, (earlier ?? false) || target !== undefined);
      if (target !== undefined) edits.push({ range: lines.range({ start: token.span.start + 1, end: token.span.end }), newText: target });
    }
  }
  return edits.sort((a, b) => compare(a.range, b.range));
}

function compare(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}

export function registerRename(context: ServerContext): void {
  const { connection, workspace } = context;
  connection.onPrepareRename(
    guarded(context, 'prepareRename', async (params: PrepareRenameParams): Promise<{ range: Range; placeholder: string }> => {
      await workspace.settled();
      const target = codeAt(workspace, params.textDocument.uri, params.position);
      if (!target) throw refusal(strings(context.locale()).notACode);
      const { range, code } = target.token;
      return { range: { start: { line: range.start.line, character: range.start.character + 1 }, end: range.end }, placeholder: code };
    }),
  );
  connection.onRenameRequest(
    guarded(context, 'rename', async (params: RenameParams, token): Promise<WorkspaceEdit> => {
      await workspace.settled();
      const locale = context.locale();
      const target = codeAt(workspace, params.textDocument.uri, params.position);
      if (!target) throw refusal(strings(locale).notACode);
      const to = withoutHash(params.newName.trim());
      if (!isCodePath(to)) throw refusal(messageOf({ rule: 'invalid-code', args: { text: `#${to}` } }, locale));
      const from = target.token.code;
      const builder = new WorkspaceEditBuilder(context.client, workspace);
      if (to === from) return builder.build();
      workspace.syncAll();
      const { folder } = target.view;
      const codebookSource = folder.codebookSource;
      if (codebookSource && folder.codebookModel) {
        const edits = renameEdits(codebookSource.text, folder.codebookModel, from, to, folder.codebook);
        builder.edit(folder.codebookUri, codebookSource.version, edits);
      }
      for (const document of folder.index.documentsUsing(from, true)) {
        checkCancelled(token);
        const open = workspace.documents.get(document.key);
        if (open) {
          builder.edit(document.key, open.document.version, renameEdits(open.document.getText(), workspace.documents.model(open), from, to));
          continue;
        }
        // A file on disk is read again, so the edits fit its text even if it changed unseen.
        const current = await workspace.textOf(document.key);
        if (!current) continue;
        builder.edit(document.key, null, renameEdits(current.text, parseTranscript(current.text), from, to));
      }
      checkCancelled(token);
      return builder.build();
    }),
  );
}
