// The quote reader ("Read Quotes"): a webview beside the transcripts with every quote under a node
// of the Aspects, Practices or Learning Level view, in reading order, each whole: one line per
// speaker turn, read from the transcript's text. It follows the selection in the views once it is
// open, and reads again when the index or the views' filter changes. `kader.readQuotesForQuery`
// opens it on the fragments of a coding query instead (`kader/query`). The query box at its top
// filters the quotes it lists by a query of its own.
//
// The quotes come from `kader/tree`: the levels below the node are asked for down to the
// fragments (the views' own requests, with the view's filter), so the reader lists what the view
// counts. A page of quotes is read from the transcripts at a time: a node with thousands of quotes
// shows its first page at once, the next on Show More.

import * as vscode from 'vscode';
import { CodesRequest, TreeRequest, type FragmentSummary } from '../../../server/src/protocol';
import { combineQueries, queryErrorText, runQuery, validateQuery } from '../queries/queryCheck';
import { kaderLocale } from '../locale';
import { documentUri, type KaderRequest, type WebviewProbe } from '../statistics/panel';
import type { KaderTreeProvider, ViewNode } from '../treeView';
import { createPagePanel, pageOptions } from '../webview/pagePanel';
import { isQuoteReaderMessage, type CheckedMessage, type ItemsMessage, type QuoteReaderMessage } from '../webview/scripts/quoteReader/messages';
import { PAGE_SIZE, quoteItemsHtml, quoteReaderHtml, quoteReaderWords, type QueryBox, type QuoteItem, type QuoteReaderState } from './html';
import { contextBefore, orderQuotes, quoteTurns, speakersOf } from './quotes';
import { t } from '../l10n';

export const READ_QUOTES_COMMAND = 'kader.readQuotes';
/** Arguments `(query: string, title?: string)`: the quotes of a coding query (e.g. a cell of a matrix). */
export const READ_QUOTES_FOR_QUERY_COMMAND = 'kader.readQuotesForQuery';
export const QUOTE_READER_VIEW_TYPE = 'kader.quoteReader';

/** Levels asked for at once while walking down to the fragments. */
const CONCURRENT_REQUESTS = 8;

/** A node of a view, as the reader keeps it: the query survives a refresh of the view. */
interface NodeSource {
  provider: KaderTreeProvider;
  node: ViewNode;
  label: string;
  query?: undefined;
}

/** A coding query's fragments, whatever the views' filter. */
interface QuerySource {
  query: string;
  label: string;
  provider?: undefined;
  node?: undefined;
}

type Source = NodeSource | QuerySource;

function sameSource(a: Source | undefined, b: Source): boolean {
  return a?.node ? a.provider === b.provider && a.node.id === b.node?.id : a?.query === b.query && a?.label === b.label;
}

/**
 * Every fragment below `node` (the node itself when it is one) that matches the view's filter and
 * `query`; undefined when cancelled or unanswered.
 */
async function fragmentsBelow(
  request: KaderRequest,
  provider: KaderTreeProvider,
  node: ViewNode,
  query: string,
  token: vscode.CancellationToken,
): Promise<FragmentSummary[] | undefined> {
  const paramsOf: typeof provider.params = (parent) => {
    const params = provider.params(parent);
    if (query) params.filter = { ...params.filter, query: combineQueries(params.filter?.query, query) };
    return params;
  };
  if (node.node.kind === 'fragment') {
    const fragment = node.node.fragment;
    if (!fragment || !query) return fragment ? [fragment] : [];
    // One quote: it stays when the query's fragments have it.
    const answer = await runQuery(request, combineQueries(provider.params().filter?.query, query), undefined, token);
    if (!answer?.ok) return undefined;
    const { start } = fragment.fullRange;
    return answer.fragments.some((f) => f.key === fragment.key && f.fullRange.start.line === start.line && f.fullRange.start.character === start.character) ? [fragment] : [];
  }
  const fragments: FragmentSummary[] = [];
  let frontier = [node.node];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    const open = frontier.filter((n) => n.hasChildren && n.query);
    for (let i = 0; i < open.length; i += CONCURRENT_REQUESTS) {
      const batch = open.slice(i, i + CONCURRENT_REQUESTS);
      const answers = await Promise.all(batch.map((n) => request(TreeRequest, paramsOf(n), token)));
      if (token.isCancellationRequested) return undefined;
      for (const answer of answers) {
        if (!answer) return undefined;
        for (const child of answer.roots) {
          if (child.kind === 'fragment') {
            if (child.fragment) fragments.push(child.fragment);
          } else next.push(child);
        }
      }
    }
    frontier = next;
  }
  return fragments;
}

/** The node's place in its view: `Intentie › Gestuurd › Leergemeenschap Breda`. */
function pathLabel(provider: KaderTreeProvider, node: ViewNode): string {
  const labels: string[] = [];
  for (let at: ViewNode | undefined = node; at; at = provider.getParent(at)) {
    labels.unshift(at.node.kind === 'fragment' && at.node.fragment ? shortQuote(at.node.fragment.text) : at.label);
  }
  return labels.join(' › ');
}

function shortQuote(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 39).trimEnd()}…`;
}

class QuoteReaderPanel implements vscode.Disposable {
  private source: Source | undefined;
  private quotes: FragmentSummary[] = [];
  private shown = 0;
  private speakers = new Set<string>();
  /** The transcripts' texts read for this list, by index key (undefined: unreadable). */
  private texts = new Map<string, Promise<string | undefined>>();
  private cancel: vscode.CancellationTokenSource | undefined;
  private checking: vscode.CancellationTokenSource | undefined;
  /** The query box's query (empty: no filter), and whether the page keeps the box focused. */
  private box: QueryBox = { value: '' };
  /** The page shown (without its query box). */
  private page: QuoteReaderState = { kind: 'choose' };
  private readonly disposables: vscode.Disposable[] = [];
  /** Whether the page shown has said it is ready: its script runs. */
  ready = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly request: KaderRequest,
    private readonly onDispose: () => void,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        this.receive(message).catch((error: unknown) => void vscode.window.showErrorMessage(String(error)));
      }),
    );
    this.setPage({ kind: 'choose' });
  }

  get current(): Source | undefined {
    return this.source;
  }

  async receive(message: unknown): Promise<boolean> {
    if (!isQuoteReaderMessage(message)) return false;
    await this.handle(message);
    return true;
  }

  private setPage(state: QuoteReaderState): void {
    this.page = state;
    this.ready = false;
    this.panel.webview.html = quoteReaderHtml({ ...state, query: this.box }, pageOptions(this.panel.webview, this.extensionUri, 'quoteReader'));
  }

  /** Reads the quotes of `source` and shows the first page of them. */
  async show(source: Source): Promise<void> {
    this.cancel?.cancel();
    const cancel = new vscode.CancellationTokenSource();
    this.cancel = cancel;
    const changed = !sameSource(this.source, source);
    this.source = source;
    this.panel.title = t('Quotes: {0}', source.node ? source.node.label : source.label);
    const view = source.node ? source.provider.view : 'query';
    // A new node says it is being read; the same node read again keeps its page until the new one is there.
    if (changed) this.setPage({ kind: 'reading', label: source.label, view });
    try {
      const fragments = source.node
        ? await fragmentsBelow(this.request, source.provider, source.node, this.box.value, cancel.token)
        : await this.queryFragments(source.query, cancel.token);
      if (cancel.token.isCancellationRequested) return;
      if (!fragments) {
        void vscode.window.showErrorMessage(t('The quotes could not be read: the Kader language server did not answer.'));
        return;
      }
      this.quotes = orderQuotes(fragments);
      this.speakers = speakersOf(this.quotes);
      this.texts = new Map();
      this.shown = 0;
      const items = await this.nextPage();
      const codeMemo = await this.codeMemo(source, fragments[0]?.key, cancel.token);
      if (cancel.token.isCancellationRequested) return;
      this.setPage({ kind: 'quotes', label: source.label, view, total: this.quotes.length, items, ...(codeMemo ? { codeMemo } : {}) });
    } finally {
      cancel.dispose();
      if (this.cancel === cancel) this.cancel = undefined;
    }
  }

  /** The memo of the code a node stands for (an aspect or sub-code), from the codebook of the folder of `uri`. */
  private async codeMemo(source: Source, uri: string | undefined, token: vscode.CancellationToken): Promise<string | undefined> {
    const code = source.node && 'code' in source.node.node ? source.node.node.code : undefined;
    if (!code || source.node?.kind === 'practice') return undefined;
    const codes = await this.request(CodesRequest, uri ? { uri } : {}, token);
    return codes?.codes.find((c) => c.code === code)?.memo;
  }

  private async queryFragments(query: string, token: vscode.CancellationToken): Promise<FragmentSummary[] | undefined> {
    const answer = await runQuery(this.request, combineQueries(query, this.box.value), undefined, token);
    return answer?.ok ? answer.fragments : undefined;
  }

  /** Reads the same node again (the index or the filter changed). */
  async reload(): Promise<void> {
    if (this.source) await this.show(this.source);
  }

  private text(key: string): Promise<string | undefined> {
    let text = this.texts.get(key);
    if (!text) {
      text = readTranscript(key);
      this.texts.set(key, text);
    }
    return text;
  }

  /** The next page of quotes, read from their transcripts. */
  private async nextPage(): Promise<QuoteItem[]> {
    const from = this.shown;
    const page = this.quotes.slice(from, from + PAGE_SIZE);
    this.shown = from + page.length;
    return Promise.all(
      page.map(async (f, i): Promise<QuoteItem> => {
        const text = await this.text(f.key);
        const item: QuoteItem = { index: from + i, path: f.path, line: f.range.start.line + 1, codes: f.codes, context: '', turns: [] };
        if (f.speaker !== undefined) item.speaker = f.speaker;
        if (f.coder !== undefined) item.coder = f.coder;
        if (f.practice !== undefined) item.practice = f.practice;
        if (f.memo !== undefined) item.memo = f.memo;
        const turns = text === undefined ? [] : quoteTurns(text, f.range, f.speaker, this.speakers);
        if (text !== undefined) item.context = contextBefore(text, f.fullRange, this.speakers);
        if (turns.length > 0) item.turns = turns;
        else {
          item.turns = [f.speaker === undefined ? { text: f.text } : { speaker: f.speaker, text: f.text }];
          if (text === undefined) item.unreadable = true;
        }
        return item;
      }),
    );
  }

  private async handle(message: QuoteReaderMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return;
      case 'more': {
        const items = await this.nextPage();
        const w = quoteReaderWords(kaderLocale());
        const reply: ItemsMessage = {
          type: 'items',
          html: quoteItemsHtml(items, w),
          more: this.shown < this.quotes.length ? w.more(this.shown, this.quotes.length) : null,
        };
        await this.panel.webview.postMessage(reply);
        return;
      }
      case 'check': {
        this.checking?.cancel();
        const checking = new vscode.CancellationTokenSource();
        this.checking = checking;
        const error = await validateQuery(this.request, message.query, checking.token);
        if (checking.token.isCancellationRequested) return;
        const reply: CheckedMessage = { type: 'checked', query: message.query, error: error ?? null, status: error ? '' : quoteReaderWords(kaderLocale()).queryReady };
        await this.panel.webview.postMessage(reply);
        return;
      }
      case 'query': {
        this.checking?.cancel();
        const query = message.query.trim();
        const error = await validateQuery(this.request, query);
        this.box = error ? { value: message.query, error, focus: true } : { value: query, focus: true };
        // A malformed query leaves the quotes as they were and says what is wrong under the box.
        if (error) {
          this.setPage(this.page);
          return;
        }
        if (this.source) await this.show(this.source);
        else if (query) {
          // Nothing chosen yet: the query's own fragments.
          this.box = { value: '', focus: true };
          await this.show({ query, label: query });
        } else this.setPage({ kind: 'choose' });
        return;
      }
      case 'open': {
        const f = this.quotes[message.index];
        if (!f || message.index >= this.shown) return;
        // In the editor group beside the reader, so that it stays in view.
        const column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
        await vscode.commands.executeCommand('kader.openFragment', f.key, f.range, column);
        return;
      }
    }
  }

  dispose(): void {
    this.cancel?.cancel();
    this.checking?.cancel();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDispose();
    this.panel.dispose();
  }
}

/** A transcript's text: the editor's when it is open (the index reads that too), else the file's. */
async function readTranscript(key: string): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  if (open) return open.getText();
  const uri = documentUri(key);
  if (!uri) return undefined;
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export interface QuoteReader {
  /** A node was selected in a view: the open reader shows its quotes. */
  follow(provider: KaderTreeProvider, node: ViewNode | undefined): void;
  /** The open reader, for tests. */
  current(): WebviewProbe | undefined;
}

/**
 * Registers `kader.readQuotes` (argument: a node of a view; without one, the node last selected).
 * One reader at a time; it reads again when `onDidChange` fires while it is visible.
 */
export function registerQuoteReader(
  context: vscode.ExtensionContext,
  request: KaderRequest,
  providers: readonly KaderTreeProvider[],
  onDidChange: vscode.Event<unknown>[],
): QuoteReader {
  let current: QuoteReaderPanel | undefined;
  let selected: Source | undefined;
  let stale = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const sourceOf = (provider: KaderTreeProvider, node: ViewNode): Source => ({ provider, node, label: pathLabel(provider, node) });
  const providerOf = (node: ViewNode): KaderTreeProvider | undefined =>
    providers.find((p) => p.owns(node)) ?? providers.find((p) => p.owns(node, true));

  /** The reader, opened beside the editor when there is none. */
  const open = (): QuoteReaderPanel => {
    if (!current) {
      const panel = createPagePanel(context.extensionUri, QUOTE_READER_VIEW_TYPE, t('Quotes'), vscode.ViewColumn.Beside);
      const created = new QuoteReaderPanel(panel, context.extensionUri, request, () => {
        if (current === created) current = undefined;
      });
      current = created;
      context.subscriptions.push(
        created,
        panel.onDidChangeViewState((e) => {
          if (e.webviewPanel.visible && stale) {
            stale = false;
            void created.reload();
          }
        }),
      );
    } else current.panel.reveal(undefined, true);
    return current;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(READ_QUOTES_COMMAND, async (arg?: unknown) => {
      const node = arg && typeof arg === 'object' && 'node' in arg && 'id' in arg ? (arg as ViewNode) : undefined;
      const provider = node && providerOf(node);
      const source = node && provider ? sourceOf(provider, node) : selected;
      const reader = open();
      if (source) await reader.show(source);
    }),
    vscode.commands.registerCommand(READ_QUOTES_FOR_QUERY_COMMAND, async (query?: unknown, title?: unknown): Promise<{ count: number } | { error: string } | undefined> => {
      if (typeof query !== 'string' || !query.trim()) return undefined;
      const answer = await runQuery(request, query, 0);
      if (!answer) {
        void vscode.window.showErrorMessage(t('The quotes could not be read: the Kader language server did not answer.'));
        return undefined;
      }
      if (!answer.ok) {
        const error = queryErrorText(answer);
        void vscode.window.showErrorMessage(t('The query is not valid. {0}', error));
        return { error };
      }
      const label = typeof title === 'string' && title.trim() ? title.trim() : query.trim();
      await open().show({ query: query.trim(), label });
      return { count: answer.count };
    }),
    { dispose: () => clearTimeout(timer) },
    ...onDidChange.map((event) =>
      event(() => {
        if (!current?.current) return;
        if (!current.panel.visible) {
          stale = true;
          return;
        }
        // A burst of changes (typing in a transcript) reads the quotes again once.
        clearTimeout(timer);
        timer = setTimeout(() => void current?.reload(), 300);
      }),
    ),
  );

  return {
    follow(provider, node) {
      if (!node) return;
      selected = sourceOf(provider, node);
      if (current && !sameSource(current.current, selected)) void current.show(selected);
    },
    current: () => current && { html: () => current!.panel.webview.html, ready: () => current!.ready, receive: (m) => current!.receive(m) },
  };
}
