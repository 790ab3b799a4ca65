// The status bar item: the codes of the fragment under the cursor, or how many fragments the file
// has. Also keeps the context key `kader.cursorInFragment` for the editor menu.

import * as vscode from 'vscode';
import { FragmentStore, isTranscriptDocument } from './fragmentStore';
import { escapeMarkdown } from './markdownText';
import { fragmentCount } from './treeView';
import { t } from './l10n';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kader.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private inFragment = false;
  private hasMemo = false;

  constructor(private readonly store: FragmentStore) {
    this.item.name = t('Kader');
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isTranscriptDocument(editor.document)) void store.fetch(editor.document);
        this.update();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.update();
      }),
      store.onDidChange((document) => {
        if (document === vscode.window.activeTextEditor?.document) this.update();
      }),
    );
    this.update();
  }

  /** The item's current text (for tests). */
  get text(): string | undefined {
    return this.item.text || undefined;
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isTranscriptDocument(editor.document)) {
      this.setInFragment(false);
      this.setHasMemo(false);
      this.item.hide();
      return;
    }
    const fragments = this.store.get(editor.document);
    if (!fragments) return; // keep what is shown until the current version's fragments arrive
    const here = FragmentStore.at(fragments, editor.selection.active);
    this.setInFragment(here.length > 0);
    this.setHasMemo(here[0]?.memo !== undefined);
    if (here.length > 0) {
      const codes = [...new Set(here.flatMap((f) => f.codes))];
      this.item.text = `$(tag) ${codes.map((c) => `#${c}`).join(' ')}`;
      const tooltip = new vscode.MarkdownString(escapeMarkdown(t('Codes of the fragment under the cursor. Click to reveal it in the Kader view.')));
      const memo = here.find((f) => f.memo)?.memo;
      if (memo) tooltip.appendMarkdown(`\n\n**${escapeMarkdown(t('Memo'))}:** ${escapeMarkdown(memo)}`);
      this.item.tooltip = tooltip;
      this.item.command = 'kader.revealInKader';
      this.item.accessibilityInformation = { label: t('Codes here: {0}', codes.join(', ')) };
    } else {
      this.item.text = `$(tag) ${fragmentCount(fragments.length)}`;
      this.item.tooltip = t('Coded fragments in this file. Select text and run "Code Selection…" (Ctrl+Alt+K) to code it.');
      this.item.command = 'kader.aspects.focus';
      this.item.accessibilityInformation = { label: fragmentCount(fragments.length) };
    }
    this.item.show();
  }

  /** `kader.cursorFragmentHasMemo`: the innermost fragment at the cursor has a memo (Edit Memo… instead of Add Memo…). */
  private setHasMemo(value: boolean): void {
    if (value === this.hasMemo) return;
    this.hasMemo = value;
    void vscode.commands.executeCommand('setContext', 'kader.cursorFragmentHasMemo', value);
  }

  private setInFragment(value: boolean): void {
    if (value === this.inFragment) return;
    this.inFragment = value;
    void vscode.commands.executeCommand('setContext', 'kader.cursorInFragment', value);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
