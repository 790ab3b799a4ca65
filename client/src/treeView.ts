// The Aspects and Practices views: a TreeDataProvider over `kader/tree`, which answers one level
// at a time. The roots come first; a node's children are asked for when it is expanded (with the
// node's `query`) and kept until the next refresh. Node ids come from the server and are stable,
// so a refresh keeps what was expanded. Nothing flickers: a refresh asks again for every level it
// has, keeps showing the old ones until all answers are in, and then fires a change only for the
// levels that differ.

import * as vscode from 'vscode';
import {
  TreePathRequest,
  TreeRequest,
  type FolderNode,
  type FragmentSummary,
  type TreeNode,
  type TreeParams,
  type TreeView as TreeViewKind,
} from '../../server/src/protocol';
import type { ColorIcons } from './colorIcons';
import type { KaderServer } from './kaderServer';
import { escapeMarkdown } from './markdownText';
import type { FilterState } from './treeFilter';
import { t } from './l10n';

export type ViewNodeKind = TreeNode['kind'] | 'folder';

/** One item of a view: the server's node, and the id of the node above (`getParent` gives it). */
export interface ViewNode {
  /** Unique in the view: the server's id. */
  readonly id: string;
  readonly kind: ViewNodeKind;
  readonly label: string;
  readonly count: number;
  readonly node: TreeNode | FolderNode;
  /** The id of the parent; undefined for a root. */
  readonly parentId: string | undefined;
}

/** Longest fragment label: the speaker and the first words, leaving room for coder and file; the tooltip has the full text. */
const LABEL_LENGTH = 32;

/** The text cut to `max` characters at a word boundary (when there is one near the end), with `…`. */
export function shorten(text: string, max = LABEL_LENGTH): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

/** The key of the roots' level; every other level is keyed by its parent's id (never empty). */
const ROOTS = '';

/** The children of one node (or the roots), and the server's answer they were made from. */
interface Level {
  readonly nodes: ViewNode[];
  readonly signature: string;
}

type ServerNode = TreeNode | FolderNode;

function viewNodes(nodes: ServerNode[], parentId: string | undefined): ViewNode[] {
  return nodes.map((node) => ({ id: node.id, kind: node.kind, label: node.label, count: node.count, node, parentId }));
}

export class KaderTreeProvider implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ViewNode | ViewNode[] | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly refreshedEmitter = new vscode.EventEmitter<void>();
  /** Fires after each completed refresh, changed or not (for tests and the view's message). */
  readonly onDidRefresh = this.refreshedEmitter.event;

  /** The levels loaded, by parent id: the roots, and the children of every node expanded (kept while it has children). */
  private levels = new Map<string, Level>();
  private byId = new Map<string, ViewNode>();
  /** Grows with every refresh; a level asked for before it is not kept. */
  private generation = 0;
  /** Levels being asked for on expansion, by parent id. */
  private readonly pending = new Map<string, { generation: number; nodes: Promise<ViewNode[] | undefined> }>();
  /** Nodes the user collapsed: the levels under them are not asked for again until they are expanded. */
  private readonly collapsedIds = new Set<string>();
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

  /** Called by the TreeView's collapse and expand events. */
  setCollapsed(element: ViewNode, collapsed: boolean): void {
    if (collapsed) this.collapsedIds.add(element.id);
    else this.collapsedIds.delete(element.id);
  }

  /** Something changed: ask again now if the view is visible, else when it is shown. */
  invalidate(): void {
    this.stale = true;
    if (this.visible) void this.refresh();
  }

  /** Asks the server again for every level loaded; fires a change only where a level differs. */
  refresh(): Promise<void> {
    this.cancel?.cancel();
    const cancel = new vscode.CancellationTokenSource();
    this.cancel = cancel;
    this.stale = false;
    this.generation++;
    const run = this.load(cancel.token).finally(() => {
      cancel.dispose();
      if (this.inFlight === run) this.inFlight = undefined;
    });
    this.inFlight = run;
    return run;
  }

  /** Resolves when no refresh is in flight any more. */
  async settled(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  /** Whether `element` is a node this view loaded (itself, or with `sameId` one with its id). */
  owns(element: ViewNode, sameId = false): boolean {
    const node = this.byId.get(element.id);
    return node === element || (sameId && node !== undefined);
  }

  /** The request for the roots, or for the children of `parent`, with the view's filter. */
  params(parent?: ServerNode): TreeParams {
    const params: TreeParams = { view: this.view, filter: this.filter.filter };
    if (parent && 'query' in parent && parent.query) params.parent = parent.query;
    return params;
  }

  private async load(token: vscode.CancellationToken): Promise<void> {
    const first = await this.server.request(TreeRequest, this.params(), token);
    if (token.isCancellationRequested) return;
    if (!first) {
      // Not running (yet): the restart or the next index change asks again.
      if (!this.levels.has(ROOTS)) this.commit(new Map([[ROOTS, []]]));
      this.refreshedEmitter.fire();
      return;
    }
    this.lastCoders = first.coders;
    // Every level loaded before whose parent is still there with children and not collapsed, top down.
    const answers = new Map<string, ServerNode[]>([[ROOTS, first.roots]]);
    let frontier = first.roots;
    while (frontier.length > 0) {
      const open = frontier.filter((node) => node.hasChildren && this.levels.has(node.id) && !this.collapsedIds.has(node.id));
      const results = await Promise.all(open.map((node) => this.server.request(TreeRequest, this.params(node), token)));
      if (token.isCancellationRequested) return;
      frontier = [];
      open.forEach((node, i) => {
        const result = results[i];
        // A level that fails is dropped: it is asked for again when it is shown.
        if (!result) return;
        answers.set(node.id, result.roots);
        frontier.push(...result.roots);
      });
    }
    await this.icons.ensure(collectColors([...answers.values()].flat()));
    if (token.isCancellationRequested) return;
    this.commit(answers);
    this.refreshedEmitter.fire();
  }

  /** Takes the answers of a refresh (parents before children) and fires for what changed. */
  private commit(answers: Map<string, ServerNode[]>): void {
    const before = this.levels;
    const levels = new Map<string, Level>();
    const byId = new Map<string, ViewNode>();
    const changed = new Set<string>();
    for (const [parentId, nodes] of answers) {
      const signature = JSON.stringify(nodes);
      const old = before.get(parentId);
      const level = old && old.signature === signature ? old : { nodes: viewNodes(nodes, parentId === ROOTS ? undefined : parentId), signature };
      if (level !== old) changed.add(parentId);
      levels.set(parentId, level);
      for (const node of level.nodes) byId.set(node.id, node);
    }
    // A level left out (under a collapsed node) is dropped: the node fires, so that its children
    // are asked for again when it is expanded.
    for (const id of before.keys()) if (!levels.has(id) && byId.has(id)) changed.add(id);
    this.levels = levels;
    this.byId = byId;
    if (changed.size === 0) return;
    if (changed.has(ROOTS)) {
      this.changeEmitter.fire();
      return;
    }
    // A changed level under a changed level is refreshed with it. The node fired is the one VS Code
    // knows: the level it is in did not change.
    const top: ViewNode[] = [];
    for (const id of changed) {
      let covered = false;
      for (let above = byId.get(id)?.parentId; above !== undefined && !covered; above = byId.get(above)?.parentId) covered = changed.has(above);
      const node = byId.get(id);
      if (!covered && node && !changed.has(node.parentId ?? ROOTS)) top.push(node);
    }
    if (top.length > 0) this.changeEmitter.fire(top);
  }

  async getChildren(element?: ViewNode): Promise<ViewNode[]> {
    if (element) return this.childrenOf(element.id);
    if (!this.levels.has(ROOTS) || this.stale) {
      void this.refresh();
    }
    await this.settled();
    const roots = this.levels.get(ROOTS)?.nodes ?? [];
    // An empty tree shows the welcome view (no transcripts or coding yet, or nothing matches).
    return roots.some((node) => node.count > 0) ? roots : [];
  }

  /** The children of the node `id`: loaded already in this generation, else asked for now. */
  private async childrenOf(id: string): Promise<ViewNode[]> {
    for (;;) {
      await this.settled();
      const level = this.levels.get(id);
      if (level) return level.nodes;
      const parent = this.byId.get(id);
      if (!parent?.node.hasChildren) return [];
      let pending = this.pending.get(id);
      if (pending?.generation !== this.generation) {
        pending = { generation: this.generation, nodes: this.fetchLevel(parent, this.generation) };
        this.pending.set(id, pending);
      }
      const nodes = await pending.nodes;
      if (this.pending.get(id) === pending) this.pending.delete(id);
      if (nodes) return nodes;
      // Refreshed meanwhile (ask again in the new generation), or the server did not answer.
      if (pending.generation === this.generation && !this.inFlight) return [];
    }
  }

  private async fetchLevel(parent: ViewNode, generation: number): Promise<ViewNode[] | undefined> {
    const result = await this.server.request(TreeRequest, this.params(parent.node));
    if (!result) return undefined;
    await this.icons.ensure(collectColors(result.roots));
    if (generation !== this.generation) return undefined;
    const existing = this.levels.get(parent.id);
    if (existing) return existing.nodes;
    const nodes = viewNodes(result.roots, parent.id);
    this.levels.set(parent.id, { nodes, signature: JSON.stringify(result.roots) });
    for (const node of nodes) this.byId.set(node.id, node);
    return nodes;
  }

  getParent(element: ViewNode): ViewNode | undefined {
    return element.parentId === undefined ? undefined : this.byId.get(element.parentId);
  }

  getTreeItem(element: ViewNode): vscode.TreeItem {
    const { node } = element;
    const collapsible = !node.hasChildren
      ? vscode.TreeItemCollapsibleState.None
      : element.kind === 'folder'
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    if (node.kind === 'fragment' && node.fragment) return this.fragmentItem(element, node.fragment, collapsible);

    const item = new vscode.TreeItem(element.label, collapsible);
    item.id = element.id;
    item.contextValue = `kader.${element.kind}`;
    // A person says beside the count whether they interview and where they speak.
    item.description = node.kind === 'speaker' && node.description ? `${element.count} · ${node.description}` : String(element.count);
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
      case 'speaker':
        item.iconPath = new vscode.ThemeIcon('person');
        break;
      case 'aspect':
      case 'code':
      case 'direct':
        item.iconPath =
          this.icons.uri(node.color, node.kind === 'aspect' ? 'aspect' : 'code') ??
          new vscode.ThemeIcon(node.kind === 'aspect' ? 'circle-large-outline' : 'circle-small');
        break;
    }
    return item;
  }

  private fragmentItem(element: ViewNode, fragment: FragmentSummary, collapsible: vscode.TreeItemCollapsibleState): vscode.TreeItem {
    const label = fragmentLabel(fragment, element.label);
    const needle = this.filter.filter.text?.toLowerCase();
    const at = needle ? label.toLowerCase().indexOf(needle) : -1;
    const item = new vscode.TreeItem(at >= 0 && needle ? { label, highlights: [[at, at + needle.length]] } : label, collapsible);
    item.id = element.id;
    item.contextValue = 'kader.fragment';
    // With more than one coder in the workspace, the same words coded by two can be told apart.
    const coder = this.lastCoders.length > 1 ? fragment.coder : undefined;
    item.description = [coder, fragment.path.slice(fragment.path.lastIndexOf('/') + 1)].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon('quote');

    // The transcript's words are escaped: they are quoted, never rendered as Markdown.
    const tooltip = new vscode.MarkdownString(`> ${escapeMarkdown(fragment.text)}`);
    if (fragment.memo) tooltip.appendMarkdown(`\n\n**${escapeMarkdown(t('Memo'))}:** ${escapeMarkdown(fragment.memo)}`);
    tooltip.appendMarkdown(`\n\n${fragment.codes.map((code) => `\`#${code}\``).join(' ')}`);
    const where = [fragment.speaker, fragment.practice, fragment.coder, `${fragment.path}:${fragment.range.start.line + 1}`].filter(Boolean).join(' · ');
    tooltip.appendMarkdown(`\n\n${escapeMarkdown(where)}`);
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: `${fragment.text}, ${where}` };
    item.command = {
      command: 'kader.openFragment',
      title: t('Open Fragment'),
      arguments: [fragment.key, fragment.range],
    };
    return item;
  }

  /** Every node loaded, in tree order (for tests; `loadAll` loads them all first). */
  *nodes(): Generator<ViewNode> {
    const stack = [...(this.levels.get(ROOTS)?.nodes ?? [])].reverse();
    while (stack.length) {
      const node = stack.pop()!;
      yield node;
      const children = this.levels.get(node.id)?.nodes ?? [];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }

  /** Loads every level of the view (for tests: a real view loads a level when it is expanded). */
  async loadAll(): Promise<void> {
    const walk = async (nodes: ViewNode[]): Promise<void> => {
      await Promise.all(nodes.map(async (node) => (node.node.hasChildren ? walk(await this.childrenOf(node.id)) : undefined)));
    };
    await walk(await this.getChildren());
  }

  /**
   * The first node of the fragment of `uri` whose whole range starts at `start`, with every level
   * above it loaded (for `reveal`); undefined when the view does not show it (the filter hides it).
   */
  async findFragment(uri: vscode.Uri, start: vscode.Position): Promise<ViewNode | undefined> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await this.server.request(TreePathRequest, {
        view: this.view,
        filter: this.filter.filter,
        uri: uri.toString(),
        start: { line: start.line, character: start.character },
      });
      if (!answer || answer.path.length === 0) return undefined;
      let level = await this.getChildren();
      let found: ViewNode | undefined;
      for (const step of answer.path) {
        found = level.find((node) => node.id === step.id);
        if (!found) break;
        if (step !== answer.path[answer.path.length - 1]) level = await this.childrenOf(found.id);
      }
      if (found) return found;
      // The view is behind the server (a change not shown yet): once it is up to date, again.
      await this.refresh();
    }
    return undefined;
  }

  dispose(): void {
    this.cancel?.cancel();
    this.changeEmitter.dispose();
    this.refreshedEmitter.dispose();
  }
}

/**
 * A fragment's row: its speaker and the first words of its text (`S2: Ik wilde zelf iets leren…`).
 * A block's text that opens with its speaker's label does not say the speaker twice.
 */
export function fragmentLabel(fragment: Pick<FragmentSummary, 'speaker' | 'text'>, fallback = ''): string {
  const text = fragment.text || fallback;
  const { speaker } = fragment;
  if (speaker === undefined || text.startsWith(`${speaker}:`)) return shorten(text, LABEL_LENGTH);
  return shorten(`${speaker}: ${text}`, LABEL_LENGTH);
}

function collectColors(nodes: ServerNode[]): string[] {
  const colors = new Set<string>();
  for (const node of nodes) if (node.kind !== 'folder' && node.color) colors.add(node.color);
  return [...colors];
}

export function fragmentCount(count: number): string {
  return count === 1 ? t('1 fragment') : t('{0} fragments', count);
}
