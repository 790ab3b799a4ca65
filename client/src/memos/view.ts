// The Memos view: every memo of the project (`kader/memos`) grouped by kind — on codes, on
// transcripts, on fragments, and the journal's entries (memos/) — each opening its place; a
// journal entry opens into the codes it names and the transcripts it links.

import * as vscode from 'vscode';
import { MemosRequest, type MemoItem, type MemoKind, type MemosResult } from '../../../server/src/protocol';
import { toRange } from '../fragmentStore';
import type { KaderServer } from '../kaderServer';
import { t } from '../l10n';

export type MemoNode =
  | { kind: 'group'; group: MemoKind; memos: MemoItem[] }
  | { kind: 'memo'; id: string; memo: MemoItem; parent: MemoNode }
  | { kind: 'code'; id: string; code: string; entry: MemoItem; parent: MemoNode }
  | { kind: 'link'; id: string; link: NonNullable<MemoItem['links']>[number]; parent: MemoNode };

const GROUPS: readonly MemoKind[] = ['code', 'transcript', 'fragment', 'journal'];
const ICONS: Record<MemoKind, string> = { code: 'tag', transcript: 'file', fragment: 'quote', journal: 'book' };

function groupLabel(kind: MemoKind): string {
  switch (kind) {
    case 'code':
      return t('Memos on Codes');
    case 'transcript':
      return t('Memos on Transcripts');
    case 'fragment':
      return t('Memos on Fragments');
    case 'journal':
      return t('Journal');
  }
}

/** The first line of a memo, for a description. */
function firstLine(text: string): string {
  return text.split(/\r\n?|\n/).find((l) => l.trim() !== '')?.trim() ?? '';
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function openCommand(uri: string, range?: MemoItem['range']): vscode.Command {
  return { command: 'kader.openFragment', title: t('Open'), arguments: [uri, range] };
}

export class MemosTreeProvider implements vscode.TreeDataProvider<MemoNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<MemoNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private roots: Promise<MemoNode[]> | undefined;

  constructor(private readonly server: KaderServer) {}

  /** Forgets the memos; the view asks again. */
  invalidate(): void {
    this.roots = undefined;
    this.changeEmitter.fire(undefined);
  }

  /** The groups, as the view shows them (for tests). */
  async groups(): Promise<MemoNode[]> {
    return (this.roots ??= this.load());
  }

  private async load(): Promise<MemoNode[]> {
    const result: MemosResult | undefined = await this.server.request(MemosRequest, {});
    const memos = result?.memos ?? [];
    return GROUPS.map((group) => ({ kind: 'group' as const, group, memos: memos.filter((m) => m.kind === group) })).filter((g) => g.memos.length > 0);
  }

  async getChildren(node?: MemoNode): Promise<MemoNode[]> {
    if (!node) return this.groups();
    if (node.kind === 'group') {
      const seen = new Map<string, number>();
      return node.memos.map((memo) => {
        const base = `${memo.kind}:${memo.uri}#${memo.range.start.line}:${memo.range.start.character}`;
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        return { kind: 'memo', id: n > 1 ? `${base}~${n}` : base, memo, parent: node };
      });
    }
    if (node.kind === 'memo' && node.memo.kind === 'journal') {
      const codes: MemoNode[] = node.memo.codes.map((code) => ({ kind: 'code', id: `${node.id}/c:${code}`, code, entry: node.memo, parent: node }));
      const links: MemoNode[] = (node.memo.links ?? []).map((link) => ({ kind: 'link', id: `${node.id}/t:${link.path}`, link, parent: node }));
      return [...codes, ...links];
    }
    return [];
  }

  getParent(node: MemoNode): MemoNode | undefined {
    return node.kind === 'group' ? undefined : node.parent;
  }

  getTreeItem(node: MemoNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const item = new vscode.TreeItem(groupLabel(node.group), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `g:${node.group}`;
        item.description = String(node.memos.length);
        item.contextValue = 'memoGroup';
        return item;
      }
      case 'memo':
        return this.memoItem(node);
      case 'code': {
        const item = new vscode.TreeItem(`#${node.code}`, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('tag');
        item.tooltip = t('Named in {0}', node.entry.path);
        item.command = openCommand(node.entry.uri);
        return item;
      }
      case 'link': {
        const item = new vscode.TreeItem(node.link.label, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = node.link.known ? node.link.path : t('{0} (not a transcript of the project)', node.link.path);
        item.iconPath = new vscode.ThemeIcon(node.link.known ? 'file' : 'warning');
        item.resourceUri = vscode.Uri.parse(node.link.uri);
        item.command = openCommand(node.link.uri);
        return item;
      }
    }
  }

  private memoItem(node: Extract<MemoNode, { kind: 'memo' }>): vscode.TreeItem {
    const { memo } = node;
    const journal = memo.kind === 'journal';
    const hasChildren = journal && (memo.codes.length > 0 || (memo.links?.length ?? 0) > 0);
    const item = new vscode.TreeItem(this.label(memo), hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = this.description(memo);
    item.iconPath = new vscode.ThemeIcon(ICONS[memo.kind]);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(memo.kind === 'fragment' ? `“${memo.label}”` : memo.label);
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(memo.text);
    item.tooltip = tooltip;
    item.contextValue = `memo.${memo.kind}`;
    item.command = openCommand(memo.uri, memo.kind === 'fragment' || memo.kind === 'code' ? memo.range : undefined);
    return item;
  }

  private label(memo: MemoItem): string {
    switch (memo.kind) {
      case 'fragment':
        return firstLine(memo.text);
      case 'code':
        return `${memo.label} #${memo.codes[0] ?? ''}`;
      default:
        return memo.label;
    }
  }

  private description(memo: MemoItem): string {
    switch (memo.kind) {
      case 'fragment':
        return `“${memo.label}” · ${fileName(memo.path)}:${toRange(memo.range).start.line + 1}`;
      case 'journal':
        return fileName(memo.path);
      default:
        return firstLine(memo.text);
    }
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** The view in the Kader container, refreshed when the index changes or a journal file is saved. */
export function registerMemosView(context: vscode.ExtensionContext, server: KaderServer): { provider: MemosTreeProvider; view: vscode.TreeView<MemoNode>; retitle(): void } {
  const provider = new MemosTreeProvider(server);
  const view = vscode.window.createTreeView('kader.memos', { treeDataProvider: provider, showCollapseAll: true });
  const retitle = (): void => {
    view.title = t('Memos');
  };
  retitle();
  context.subscriptions.push(
    provider,
    view,
    server.onDidChangeIndex(() => provider.invalidate()),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.uri.path.includes('/memos/')) provider.invalidate();
    }),
    vscode.workspace.onDidCreateFiles(() => provider.invalidate()),
    vscode.workspace.onDidDeleteFiles(() => provider.invalidate()),
    vscode.commands.registerCommand('kader.refreshMemos', () => provider.invalidate()),
  );
  return { provider, view, retitle };
}
