// Add Memo… and Edit Memo… on the fragment under the cursor: the memo editor (a textarea, several
// lines) shows the fragment's memo; Save sends it to the server (`kader/coding`, action `memo`),
// which writes it as memo="…" correctly escaped; the client applies that as one WorkspaceEdit, one
// undo step. A memo given as the command's argument is saved without the editor.

import * as vscode from 'vscode';
import type { DocumentFragment } from '../../../server/src/protocol';
import type { CodingCommands, CodingOutcome } from '../codingCommands';
import { FragmentStore, isTranscriptDocument, toRange } from '../fragmentStore';
import { t } from '../l10n';
import { MemoEditorPanel } from './editor';

export interface MemoCommands {
  /** The memo editor that is open, if any (for tests). */
  current(): MemoEditorPanel | undefined;
}

/** The fragment at the cursor with the same words and codes as `before` (the text may have moved). */
function sameFragment(fragments: DocumentFragment[], before: DocumentFragment, near: vscode.Position): DocumentFragment | undefined {
  const same = (f: DocumentFragment): boolean => f.text === before.text && f.codes.join(' ') === before.codes.join(' ');
  return FragmentStore.at(fragments, near).find(same) ?? fragments.find(same);
}

export function registerMemoCommands(context: vscode.ExtensionContext, coding: CodingCommands, store: FragmentStore): MemoCommands {
  let current: MemoEditorPanel | undefined;

  const info = (message: string): CodingOutcome => {
    void vscode.window.showInformationMessage(message);
    return { applied: false, message };
  };

  const editMemo = async (arg: unknown): Promise<CodingOutcome | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isTranscriptDocument(editor.document)) return info(t('Open a Markdown transcript to code it.'));
    const { document } = editor;
    const cursor = editor.selection.active;
    const fragment = FragmentStore.at((await store.fetch(document)) ?? [], cursor)[0];
    if (!fragment) return info(t('No coded fragment here: put the cursor in a fragment.'));
    let memo = typeof arg === 'string' ? arg : undefined;
    let target = fragment;
    if (memo === undefined) {
      const version = document.version;
      current?.dispose();
      const file = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
      const place = `${decodeURIComponent(file)}:${toRange(fragment.range).start.line + 1}`;
      const panel = new MemoEditorPanel(context.extensionUri, { text: fragment.text, codes: fragment.codes, place, memo: fragment.memo ?? '' }, () => {
        if (current === panel) current = undefined;
      });
      current = panel;
      memo = await panel.result;
      if (memo === undefined) return undefined;
      if (document.version !== version) {
        // The transcript changed while the editor was open: find the fragment again.
        const moved = sameFragment((await store.fetch(document)) ?? [], fragment, cursor);
        if (!moved) {
          await vscode.env.clipboard.writeText(memo);
          return info(t('The fragment changed while the memo was open; nothing was written. The memo is on the clipboard.'));
        }
        target = moved;
      }
    }
    // A place inside the attribute block names exactly this fragment, not one nested in it.
    const position = toRange(target.attributeRange).start.translate(0, 1);
    return coding.run(document, { action: 'memo', position: { line: position.line, character: position.character }, memo });
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('kader.addMemo', (arg?: unknown) => editMemo(arg)),
    vscode.commands.registerCommand('kader.editMemo', (arg?: unknown) => editMemo(arg)),
    { dispose: () => current?.dispose() },
  );
  return { current: () => current };
}
