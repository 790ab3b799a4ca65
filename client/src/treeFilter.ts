// The filter the Kader views share: fragments containing a text, fragments of one coder, fragments
// matching a coding query. While it is active the views show it (client/src/queries/viewQuery.ts)
// and the context key `kader.filterActive` shows the Clear Filter action.

import * as vscode from 'vscode';
import type { TreeFilter } from '../../server/src/protocol';
import { t } from './l10n';

export class FilterState implements vscode.Disposable {
  private value: TreeFilter = {};
  private readonly emitter = new vscode.EventEmitter<TreeFilter>();
  readonly onDidChange = this.emitter.event;

  get filter(): TreeFilter {
    return { ...this.value };
  }

  get active(): boolean {
    return Boolean(this.value.text || this.value.coder || this.value.query);
  }

  set(change: Partial<TreeFilter>): void {
    const next: TreeFilter = { ...this.value, ...change };
    if (!next.text) delete next.text;
    if (!next.coder) delete next.coder;
    if (!next.query) delete next.query;
    if (next.text === this.value.text && next.coder === this.value.coder && next.query === this.value.query) return;
    this.value = next;
    void vscode.commands.executeCommand('setContext', 'kader.filterActive', this.active);
    this.emitter.fire(this.filter);
  }

  clear(): void {
    this.set({ text: undefined, coder: undefined, query: undefined });
  }

  /** What a view shows as its description while the text or coder filter is active (the query is shown apart). */
  describe(): string | undefined {
    const parts: string[] = [];
    if (this.value.text) parts.push(t('“{0}”', this.value.text));
    if (this.value.coder) parts.push(t('coder: {0}', this.value.coder));
    return parts.length ? t('Filter: {0}', parts.join(' · ')) : undefined;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
