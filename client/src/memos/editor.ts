// The memo editor: a small webview beside the transcript with the fragment's words and a
// textarea for its memo, several lines and all. It resolves with the memo as written when the
// researcher presses Save (an empty one removes the memo), or with nothing when she cancels or
// closes it; it writes nothing itself (the command saves through kader/coding).

import * as vscode from 'vscode';
import { t } from '../l10n';
import type { WebviewProbe } from '../statistics/panel';
import { createPagePanel, pageOptions } from '../webview/pagePanel';
import { isMemoMessage, type MemoMessage } from '../webview/scripts/memo/messages';
import { memoEditorHtml, type MemoEditorState, type MemoEditorWords } from './editorHtml';

export const MEMO_VIEW_TYPE = 'kader.memoEditor';

/** The page's words in the language kader.language chooses. */
export function memoEditorWords(): MemoEditorWords {
  return {
    title: t('Memo'),
    label: t('Memo on this fragment'),
    hint: t('Save writes it into the transcript as memo="…" (Ctrl+Enter); Undo takes it back. An empty memo removes it.'),
    save: t('Save'),
    cancel: t('Cancel'),
  };
}

export class MemoEditorPanel implements vscode.Disposable, WebviewProbe {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private resolve: ((memo: string | undefined) => void) | undefined;
  private isReady = false;
  /** Resolves with the memo (Save), or undefined (Cancel, or the panel closed). */
  readonly result: Promise<string | undefined>;

  constructor(
    extensionUri: vscode.Uri,
    state: MemoEditorState,
    private readonly onDispose: () => void,
  ) {
    this.result = new Promise((resolve) => (this.resolve = resolve));
    const words = memoEditorWords();
    this.panel = createPagePanel(extensionUri, MEMO_VIEW_TYPE, words.title, vscode.ViewColumn.Beside);
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
    );
    this.panel.webview.html = memoEditorHtml(state, words, pageOptions(this.panel.webview, extensionUri, 'memo'));
  }

  html(): string {
    return this.panel.webview.html;
  }

  ready(): boolean {
    return this.isReady;
  }

  receive(message: unknown): Promise<boolean> {
    if (!isMemoMessage(message)) return Promise.resolve(false);
    this.handle(message);
    return Promise.resolve(true);
  }

  private handle(message: MemoMessage): void {
    switch (message.type) {
      case 'ready':
        this.isReady = true;
        return;
      case 'save':
        this.resolve?.(message.memo);
        this.resolve = undefined;
        this.dispose();
        return;
      case 'cancel':
        this.dispose();
        return;
    }
  }

  dispose(): void {
    this.resolve?.(undefined);
    this.resolve = undefined;
    this.onDispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
