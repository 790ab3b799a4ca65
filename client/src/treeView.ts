// The Aspects and Practices views: a TreeDataProvider over `kader/tree`. The whole tree of a view
// comes in one request and is kept; getChildren answers from it. Node ids come from the server and
// are stable, so a refresh keeps what was expanded, and nothing flickers: the old tree stays on
// screen until the new one is complete, and an unchanged tree fires no change at all.

import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  TreeRequest,
  type FolderNode,
  type FragmentSummary,
  type TreeNode,
  type TreeResult,
  type TreeView as TreeViewKind,
} from '../../server/src/protocol';
import type { ColorIcons } from './colorIcons';
import type { KaderServer } from './kaderServer';
import { escapeMarkdown } from './markdownText';
import type { FilterState } from './treeFilter';

export type ViewNodeKind = TreeNode['kind'] | 'folder';

/** One item of a view: the server's node, its parent (for `getParent`/`reveal`) and children. */
export interface ViewNode {
  /** Unique in the view: the server's id, prefixed with the folder's when there are several. */
  readonly id: string;
  readonly kind: ViewNodeKind;
  readonly label: string;
  readonly count: number;
  readonly node: TreeNode | FolderNode;
  readonly parent: ViewNode | undefined;
  readonly children: ViewNode[];
}

/** Longest fragment label; the tooltip has the full text. */
const LABEL_LENGTH = 80;

/** The text cut to `max` characters at a word boundary (when there is one near the end), with `…`. */
export function shorten(text: string, max = LABEL_LENGTH): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

/** `folder` is the id of the folder node above, whose id must prefix every id under it. */
function build(nodes: (TreeNode | FolderNode)[], parent: ViewNode | undefined, folder: string | undefined): ViewNode[] {
  return nodes.map((node) => {
    const id = folder !== undefined && !node.id.startsWith(folder) ? `${folder}|${node.id}` : node.id;
    const children: ViewNode[] = [];
    const viewNode: ViewNode = { id, kind: node.kind, label: node.label, count: node.count, node, parent, children };
    children.push(...build(node.children, viewNode, node.kind === 'folder' ? node.id : folder));
    return viewNode;
  });
}

function sameUri(a: string, b: vscode.Uri): boolean {
  try {
    return vscode.Uri.parse(a).toString() === b.toString();
  } catch {
    return false;
  }
}

export class KaderTreeProvider implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ViewNode | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly refreshedEmitter = new vscode.EventEmitter<void>();
  /** Fires after each completed request, changed or not (for tests and the view's message). */
  readonly onDidRefresh = this.refreshedEmitter.event;

  private roots: ViewNode[] | undefined;
  private signature = '';
  private lastCoders: string[] = [];
  private stale = true;
  private inFlight: Promise<void> | undefined;
  private cancel: vscode.CancellationTokenSource | undefined;
  private visible = false;

  constructor(
    readonly view: TreeViewKind,
    private readonly server: KaderServer,
    private readonly filter: FilterState,
    private readonly icons: ColorIcons,
  ) {}

  /** Coders in use in the workspace, from the last answer. */
  get coders(): string[] {
    return [...this.lastCoders];
  }

  /** Called by the TreeView's visibility event: a hidden view only marks itself stale. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.stale) void this.refresh();
  }

  /** Something changed: ask again now if the view is visible, else when it is shown. */
  invalidate(): void {
    this.stale = true;
    if (this.visible) void this.refresh();
  }

  /** Asks the server for the tree; fires a change only when the tree differs. */
  refresh(): Promise<void> {
    this.cancel?.cancel();
    const cancel = new vscode.CancellationTokenSource();
    this.cancel = cancel;
    this.stale = false;
    const run = this.load(cancel.token).finally(() => {
      cancel.dispose();
      if (this.inFlight === run) this.inFlight = undefined;
    });
    this.inFlight = run;
    return run;
  }

  /** Resolves when no request is in flight any more. */
  async settled(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  private async load(token: vscode.CancellationToken): Promise<void> {
    const result: TreeResult | undefined = await this.server.request(TreeRequest, { view: this.view, filter: this.filter.filter }, token);
    if (token.isCancellationRequested) return;
    if (!result) {
      // Not running (yet): the restart or the next index change asks again.
      this.roots ??= [];
      this.refreshedEmitter.fire();
      return;
    }
    this.lastCoders = result.coders;
    const signature = JSON.stringify(result.roots);
    if (signature !== this.signature || !this.roots) {
      await this.icons.ensure(collectColors(result.roots));
      if (token.isCancellationRequested) return;
      this.signature = signature;
      this.roots = build(result.roots, undefined, undefined);
      this.changeEmitter.fire();
    }
    this.refreshedEmitter.fire();
  }

  async getChildren(element?: ViewNode): Promise<ViewNode[]> {
    if (element) return element.children;
    if (!this.roots || this.stale) {
      void this.refresh();
    }
    await this.settled();
    const roots = this.roots ?? [];
    // An empty tree shows the welcome view (no transcripts or coding yet, or nothing matches).
    return roots.some((node) => node.count > 0) ? roots : [];
  }

  getParent(element: ViewNode): ViewNode | undefined {
    return element.parent;
  }

  getTreeItem(element: ViewNode): vscode.TreeItem {
    const { node } = element;
    const collapsible =
      element.children.length === 0
        ? vscode.TreeItemCollapsibleState.None
        : element.kind === 'folder'
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    if (node.kind === 'fragment' && node.fragment) return this.fragmentItem(element, node.fragment, collapsible);

    const item = new vscode.TreeItem(element.label, collapsible);
    item.id = element.id;
    item.contextValue = `kader.${element.kind}`;
    item.description = String(element.count);
    const tooltip = new vscode.MarkdownString(`**${escapeMarkdown(element.label)}**`);
    if (node.kind !== 'folder' && node.code) tooltip.appendMarkdown(` \`#${node.code}\``);
    if (node.kind !== 'folder' && node.description) tooltip.appendMarkdown(`\n\n${escapeMarkdown(node.description)}`);
    tooltip.appendMarkdown(`\n\n${escapeMarkdown(fragmentCount(element.count))}`);
    item.tooltip = tooltip;
    switch (node.kind) {
      case 'folder':
        item.iconPath = new vscode.ThemeIcon('root-folder');
        break;
      case 'practice':
        item.iconPath = new vscode.ThemeIcon('organization');
        break;
      case 'aspect':
      case 'code':
        item.iconPath =
          this.icons.uri(node.color, node.kind) ?? new vscode.ThemeIcon(node.kind === 'aspect' ? 'circle-large-outline' : 'circle-small');
        break;
    }
    return item;
  }

  private fragmentItem(element: ViewNode, fragment: FragmentSummary, collapsible: vscode.TreeItemCollapsibleState): vscode.TreeItem {
    const label = shorten(fragment.text || element.label);
    const needle = this.filter.filter.text?.toLowerCase();
    const at = needle ? label.toLowerCase().indexOf(needle) : -1;
    const item = new vscode.TreeItem(at >= 0 && needle ? { label, highlights: [[at, at + needle.length]] } : label, collapsible);
    item.id = element.id;
    item.contextValue = 'kader.fragment';
    const file = path.posix.basename(fragment.path);
    item.description = fragment.speaker ? `${fragment.speaker} · ${file}` : file;
    item.iconPath = new vscode.ThemeIcon('quote');

    // The transcript's words are escaped: they are quoted, never rendered as Markdown.
    const tooltip = new vscode.MarkdownString(`> ${escapeMarkdown(fragment.text)}`);
    if (fragment.memo) tooltip.appendMarkdown(`\n\n**${escapeMarkdown(vscode.l10n.t('Memo'))}:** ${escapeMarkdown(fragment.memo)}`);
    tooltip.appendMarkdown(`\n\n${fragment.codes.map((code) => `\`#${code}\``).join(' ')}`);
    const where = [fragment.speaker, fragment.practice, `${fragment.path}:${fragment.range.start.line + 1}`].filter(Boolean).join(' · ');
    tooltip.appendMarkdown(`\n\n${escapeMarkdown(where)}`);
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: `${fragment.text}, ${where}` };
    item.command = {
      command: 'kader.openFragment',
      title: vscode.l10n.t('Open Fragment'),
      arguments: [fragment.key, fragment.range],
    };
    return item;
  }

  /** Every node in tree order (for tests and reveal). */
  *nodes(): Generator<ViewNode> {
    const stack = [...(this.roots ?? [])].reverse();
    while (stack.length) {
      const node = stack.pop()!;
      yield node;
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }

  /** The first node of the fragment of `uri` whose whole range starts at `start`. */
  findFragment(uri: vscode.Uri, start: vscode.Position): ViewNode | undefined {
    for (const node of this.nodes()) {
      const fragment = node.node.kind === 'fragment' ? node.node.fragment : undefined;
      if (!fragment) continue;
      const at = fragment.fullRange.start;
      if (at.line === start.line && at.character === start.character && sameUri(fragment.key, uri)) return node;
    }
    return undefined;
  }

  dispose(): void {
    this.cancel?.cancel();
    this.changeEmitter.dispose();
    this.refreshedEmitter.dispose();
  }
}

function collectColors(nodes: (TreeNode | FolderNode)[]): string[] {
  const colors = new Set<string>();
  const walk = (list: (TreeNode | FolderNode)[]): void => {
    for (const node of list) {
      if (node.kind !== 'folder' && node.color) colors.add(node.color);
      if (node.kind !== 'fragment') walk(node.children);
    }
  };
  walk(nodes);
  return [...colors];
}

export function fragmentCount(count: number): string {
  return count === 1 ? vscode.l10n.t('1 fragment') : vscode.l10n.t('{0} fragments', count);
}
