// The extension's composition root, shared by its two entries (extension.ts for the Node extension
// host, browser.ts for the web worker host): starts the language client through the entry's
// launcher and creates the views, commands, decorations and status bar. Everything is pushed to
// context.subscriptions.

import * as vscode from 'vscode';
import type { KaderApi } from './api';
import { CodeHistory, CodePicker } from './codePicker';
import { CodingCommands } from './codingCommands';
import { ColorIcons } from './colorIcons';
import { registerAgreement } from './agreement/panel';
import { registerAutocode } from './autocode/command';
import { DecorationController } from './decorations';
import { registerExchangeCommands } from './exchangeCommands';
import { registerMemoCommands } from './memos/commands';
import { registerMemosView } from './memos/view';
import { FragmentStore, isTranscriptDocument, toRange } from './fragmentStore';
import { KaderServer, type ServerLauncher } from './kaderServer';
import { createCodebook, newTranscript, openExample, showReport, trackProjectStatus, useAsProject, type ProjectHost } from './projectCommands';
import { registerQueryCommands } from './queries/commands';
import { registerQuoteReader } from './quoteReader/panel';
import { registerStatistics } from './statistics/panel';
import { StatusBar } from './statusBar';
import { FilterState } from './treeFilter';
import { KaderTreeProvider, type ViewNode } from './treeView';
import { PrivacyFeatures } from './privacy';
import { t } from './l10n';

/** What an entry knows of its extension host: how the server runs, and what else only it can say. */
export type KaderHost = ServerLauncher & ProjectHost;

export function activateKader(context: vscode.ExtensionContext, host: KaderHost): KaderApi {
  const output = vscode.window.createOutputChannel('Kader', { log: true });
  const server = new KaderServer(host, output);
  const icons = new ColorIcons(context.globalStorageUri);
  const filter = new FilterState();
  const store = new FragmentStore(server);
  const history = new CodeHistory(context.workspaceState);
  const picker = new CodePicker(server, history, icons);
  const coding = new CodingCommands(server, picker, history, store);
  const decorations = new DecorationController(store);
  const statusBar = new StatusBar(store);
  context.subscriptions.push(output, server, filter, store, picker, decorations, statusBar);

  const aspects = new KaderTreeProvider('aspects', server, filter, icons);
  const practices = new KaderTreeProvider('practices', server, filter, icons);
  const levels = new KaderTreeProvider('levels', server, filter, icons);
  const speakers = new KaderTreeProvider('speakers', server, filter, icons);
  const aspectsView = vscode.window.createTreeView('kader.aspects', { treeDataProvider: aspects, showCollapseAll: true });
  const practicesView = vscode.window.createTreeView('kader.practices', { treeDataProvider: practices, showCollapseAll: true });
  const levelsView = vscode.window.createTreeView('kader.levels', { treeDataProvider: levels, showCollapseAll: true });
  const speakersView = vscode.window.createTreeView('kader.speakers', { treeDataProvider: speakers, showCollapseAll: true });
  const views: [KaderTreeProvider, vscode.TreeView<ViewNode>][] = [
    [aspects, aspectsView],
    [practices, practicesView],
    [levels, levelsView],
    [speakers, speakersView],
  ];
  context.subscriptions.push(aspects, practices, levels, speakers, aspectsView, practicesView, levelsView, speakersView);
  for (const [provider, view] of views) {
    provider.setVisible(view.visible);
    context.subscriptions.push(
      view.onDidChangeVisibility((e) => provider.setVisible(e.visible)),
      view.onDidCollapseElement((e) => provider.setCollapsed(e.element, true)),
      view.onDidExpandElement((e) => provider.setCollapsed(e.element, false)),
    );
  }
  void vscode.commands.executeCommand('setContext', 'kader.filterActive', false);
  // The views' titles follow kader.language (the manifest's names follow VS Code's display language).
  const titleViews = (): void => {
    aspectsView.title = t('Aspects');
    practicesView.title = t('Practices');
    levelsView.title = t('Learning Level');
    speakersView.title = t('Speakers');
  };
  titleViews();

  const refreshAll = (): void => {
    for (const [provider] of views) provider.invalidate();
  };
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('kader.language')) return;
      titleViews();
      memos.retitle();
      memos.provider.invalidate();
      refreshAll();
    }),
  );
  context.subscriptions.push(
    server.onDidChangeIndex((change) => {
      refreshAll();
      store.invalidate(change.uris);
      decorations.refreshVisible();
    }),
    filter.onDidChange(() => {
      for (const [provider] of views) provider.invalidate();
    }),
  );

  const command = (id: string, run: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  };
  command('kader.codeSelection', (codes) => coding.codeSelection(codes));
  command('kader.repeatLastCode', () => coding.repeatLastCode());
  command('kader.addCode', (code) => coding.addCode(code));
  command('kader.removeCode', (code) => coding.removeCode(code));
  command('kader.uncode', (node) => coding.uncode(node));
  command('kader.revealInKader', () => revealInKader(store, aspects, aspectsView, filter));
  command('kader.createCodebook', (args) => createCodebook(options(args)));
  command('kader.newTranscript', (args) => newTranscript(server, options(args)));
  command('kader.useAsProject', (args) => useAsProject(options(args)));
  context.subscriptions.push(trackProjectStatus(server));
  command('kader.showReport', (args) => showReport(server, options(args)));
  command('kader.openExample', (args) => openExample(context.extensionUri, options(args), host));
  registerExchangeCommands(context, server);
  const request = server.request.bind(server);
  // The views show the filter (a query with its count) as their message and description.
  const viewQuery = registerQueryCommands(context, request, filter, [aspectsView, practicesView, levelsView, speakersView], server.onDidChangeIndex);
  const statistics = registerStatistics(context, request, { onDidChangeIndex: server.onDidChangeIndex });
  const agreement = registerAgreement(context, request, (method) => server.refusal(method));
  const quoteReader = registerQuoteReader(context, request, [aspects, practices, levels, speakers], [server.onDidChangeIndex, filter.onDidChange]);
  const autocode = registerAutocode(context, server, picker);
  const memos = registerMemosView(context, server);
  const memoCommands = registerMemoCommands(context, coding, store);
  for (const [provider, view] of views) context.subscriptions.push(view.onDidChangeSelection((e) => quoteReader.follow(provider, e.selection[0])));
  command('kader.filterByText', (text) => filterByText(filter, text));
  command('kader.filterByCoder', (coder) => filterByCoder(filter, [...aspects.coders, ...practices.coders], coder));
  command('kader.clearFilter', () => filter.clear());
  command('kader.refresh', async () => {
    await Promise.all(views.map(([provider]) => provider.refresh()));
    store.invalidate(undefined);
    decorations.refreshVisible();
  });
  command('kader.openFragment', (uri, range, column) => openFragment(uri, range, column));
  command('kader.restartServer', () => server.restart());

  const privacy = new PrivacyFeatures(server, host);
  context.subscriptions.push(privacy);

  const ready = server.start();
  // The server learns where home is (for `~` in kader.privacy.keyFile) and reads the keys.
  void ready.then(() => privacy.reload());
  decorations.refreshVisible();
  const active = vscode.window.activeTextEditor;
  if (active && isTranscriptDocument(active.document)) void store.fetch(active.document);

  return {
    server,
    ready,
    aspects,
    practices,
    levels,
    speakers,
    aspectsView,
    practicesView,
    levelsView,
    speakersView,
    filter,
    viewQuery,
    decorations: (editor) => decorations.snapshot(editor),
    onDidDecorate: decorations.onDidDecorate,
    onDidShowCodePick: picker.onDidShow,
    statusText: () => statusBar.text,
    statisticsPanel: () => statistics.current(),
    agreementPanel: (uri) => agreement.panel(uri),
    quoteReaderPanel: () => quoteReader.current(),
    autocodePanel: () => autocode.current(),
    memos: memos.provider,
    memosView: memos.view,
    memoEditor: () => memoCommands.current(),
  };
}

/** A command's options object; menus pass a URI or a tree item instead, which mean none. */
function options<T extends object>(arg: unknown): Partial<T> {
  return arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) && !('node' in arg) ? (arg as Partial<T>) : {};
}

/** Opens a fragment's transcript with the fragment selected; in editor group `column` when given (the quote reader's neighbour). */
async function openFragment(uri: unknown, range: unknown, column: unknown): Promise<void> {
  if (typeof uri !== 'string') return;
  const selection = range && typeof range === 'object' ? toRange(range as Parameters<typeof toRange>[0]) : undefined;
  const viewColumn = typeof column === 'number' && Number.isInteger(column) && column >= 1 && column <= 9 ? (column as vscode.ViewColumn) : undefined;
  await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection, preview: true, viewColumn });
}

async function filterByText(filter: FilterState, given: unknown): Promise<void> {
  const text =
    typeof given === 'string'
      ? given
      : await vscode.window.showInputBox({
          title: t('Filter Fragments by Text'),
          prompt: t('Show only fragments whose text or memo contains this (ignoring case). Empty shows all.'),
          value: filter.filter.text ?? '',
        });
  if (text === undefined) return;
  filter.set({ text: text.trim() || undefined });
}

async function filterByCoder(filter: FilterState, coders: string[], given: unknown): Promise<void> {
  let coder: string | undefined;
  if (typeof given === 'string') coder = given;
  else {
    const all = t('All coders');
    const items = [{ label: all, coder: undefined as string | undefined }, ...[...new Set(coders)].sort().map((c) => ({ label: c, coder: c as string | undefined }))];
    const choice = await vscode.window.showQuickPick(items, {
      title: t('Filter Fragments by Coder'),
      placeHolder: coders.length ? t('Show only the fragments of transcripts coded by…') : t('No transcript names a coder in its front matter yet.'),
    });
    if (!choice) return;
    coder = choice.coder;
  }
  filter.set({ coder: coder || undefined });
}

/** Kader: Reveal in Kader — selects the fragment under the cursor in the Aspects view. */
async function revealInKader(
  store: FragmentStore,
  aspects: KaderTreeProvider,
  view: vscode.TreeView<ViewNode>,
  filter: FilterState,
): Promise<ViewNode | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isTranscriptDocument(editor.document)) return undefined;
  const fragments = (await store.fetch(editor.document)) ?? [];
  const fragment = FragmentStore.at(fragments, editor.selection.active)[0];
  if (!fragment) {
    void vscode.window.showInformationMessage(t('No coded fragment here: put the cursor in a fragment.'));
    return undefined;
  }
  const node = await aspects.findFragment(editor.document.uri, toRange(fragment.fullRange).start);
  if (!node) {
    if (filter.active) {
      const clear = t('Clear Filter');
      const answer = await vscode.window.showInformationMessage(t('The filter hides this fragment.'), clear);
      if (answer === clear) {
        filter.clear();
        return revealInKader(store, aspects, view, filter);
      }
    }
    return undefined;
  }
  const options = { select: true, focus: false, expand: true };
  try {
    await view.reveal(node, options);
  } catch {
    // A view that was hidden may not have shown its roots yet: once they are there, try again.
    await aspects.settled();
    await view.reveal(node, options);
  }
  return node;
}
