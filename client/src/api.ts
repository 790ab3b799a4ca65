// What `activate` returns: the parts tests (and other extensions) may look at. Not a stable API.

import type * as vscode from 'vscode';
import type { DecorationSnapshot } from './decorations';
import type { FilterState } from './treeFilter';
import type { ViewQuery } from './queries/viewQuery';
import type { KaderServer } from './kaderServer';
import type { WebviewProbe } from './statistics/panel';
import type { KaderTreeProvider, ViewNode } from './treeView';
import type { MemoNode, MemosTreeProvider } from './memos/view';

export interface KaderApi {
  server: KaderServer;
  /** Resolves once the language server runs (or failed to start). */
  ready: Promise<void>;
  aspects: KaderTreeProvider;
  practices: KaderTreeProvider;
  /** The Learning Level view: the aspects against the learning level and loop. */
  levels: KaderTreeProvider;
  /** The Speakers view: person → aspect → quotes. */
  speakers: KaderTreeProvider;
  aspectsView: vscode.TreeView<ViewNode>;
  practicesView: vscode.TreeView<ViewNode>;
  levelsView: vscode.TreeView<ViewNode>;
  speakersView: vscode.TreeView<ViewNode>;
  filter: FilterState;
  /** The query on the views: its count in their descriptions. */
  viewQuery: ViewQuery;
  /** The decorations last set on an editor. */
  decorations(editor: vscode.TextEditor): DecorationSnapshot | undefined;
  /** Fires after an editor's decorations were set. */
  onDidDecorate: vscode.Event<vscode.TextEditor>;
  /** Fires with each quick pick the code picker shows. */
  onDidShowCodePick: vscode.Event<vscode.QuickPick<vscode.QuickPickItem>>;
  /** The status bar item's text. */
  statusText(): string | undefined;
  /** The open Kader Statistics panel. */
  statisticsPanel(): WebviewProbe | undefined;
  /** The coding comparison panel of a transcript. */
  agreementPanel(uri: vscode.Uri): WebviewProbe | undefined;
  /** The open quote reader (Read Quotes). */
  quoteReaderPanel(): WebviewProbe | undefined;
  /** The open auto-coding preview (Auto-code…). */
  autocodePanel(): WebviewProbe | undefined;
  /** The Memos view's provider and view. */
  memos: MemosTreeProvider;
  memosView: vscode.TreeView<MemoNode>;
  /** The open memo editor (Add Memo…, Edit Memo…). */
  memoEditor(): WebviewProbe | undefined;
}
