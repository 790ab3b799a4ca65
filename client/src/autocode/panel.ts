// The auto-coding preview: a webview beside the transcripts listing every match of the target
// with a checkbox. It resolves with the matches the researcher chose when she presses Code, or
// with nothing when she cancels or closes it; it writes nothing itself.

import * as vscode from 'vscode';
import type { AutocodeMatch } from '../../../server/src/protocol';
import { kaderLocale } from '../locale';
import type { WebviewProbe } from '../statistics/panel';
import { createPagePanel, pageOptions } from '../webview/pagePanel';
import { isAutocodeMessage, type AutocodeMessage } from '../webview/scripts/autocode/messages';
import { autocodeHtml, autocodeWords, type AutocodePageState } from './html';

export const AUTOCODE_VIEW_TYPE = 'kader.autocode';

export class AutocodePanel implements vscode.Disposable, WebviewProbe {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private resolve: ((chosen: AutocodeMatch[] | undefined) => void) | undefined;
  private isReady = false;
  /** Resolves with the chosen matches (Code), or undefined (Cancel, or the panel closed). */
  readonly choice: Promise<AutocodeMatch[] | undefined>;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private state: AutocodePageState,
    private readonly onDispose: () => void,
  ) {
    this.choice = new Promise((resolve) => (this.resolve = resolve));
    this.panel = createPagePanel(extensionUri, AUTOCODE_VIEW_TYPE, `${autocodeWords(kaderLocale()).title}: #${state.code}`, vscode.ViewColumn.Beside);
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((message: unknown) => {
        this.receive(message).catch((error: unknown) => void vscode.window.showErrorMessage(String(error)));
      }),
    );
    this.render();
  }

  private render(): void {
    this.isReady = false;
    this.panel.webview.html = autocodeHtml(this.state, pageOptions(this.panel.webview, this.extensionUri, 'autocode'));
  }

  /** The page says the chosen matches are being coded. */
  working(): void {
    this.state = { ...this.state, working: true };
    this.render();
  }

  html(): string {
    return this.panel.webview.html;
  }

  ready(): boolean {
    return this.isReady;
  }

  async receive(message: unknown): Promise<boolean> {
    if (!isAutocodeMessage(message)) return false;
    await this.handle(message);
    return true;
  }

  private async handle(message: AutocodeMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.isReady = true;
        return;
      case 'open': {
        const match = this.state.matches[message.index];
        if (match) await vscode.commands.executeCommand('kader.openFragment', match.uri, match.range, vscode.ViewColumn.One);
        return;
      }
      case 'apply': {
        const chosen = [...new Set(message.chosen)].map((i) => this.state.matches[i]).filter((m): m is AutocodeMatch => m !== undefined && !m.alreadyCoded);
        this.resolve?.(chosen);
        this.resolve = undefined;
        return;
      }
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
