// The "Kader Statistics" webview: asks the language server for `kader/statistics`, renders the
// page of html.ts, and answers the page's messages (each checked by `isStatisticsMessage`):
// filters, listing and opening a cell's fragments, Save as SVG/PNG and Copy as Markdown Table.
// The matrix section (matrixHtml.ts) asks for `kader/matrix`; its cell opens the quote reader on
// the cell's query, or lists the cell's fragments on the page when no query names them.

import { isWorkspaceScheme } from '../documentSchemes';
import * as vscode from 'vscode';
import type { RequestType } from 'vscode-languageserver-protocol';
import { matrixCellQuery } from '../../../server/src/core/outputs/matrixQuery';
import { MatrixRequest, StatisticsRequest, type MatrixResult, type StatisticsResult } from '../../../server/src/protocol';
import { base64ToBytes, utf8Bytes } from '../base64';
import { kaderLocale } from '../locale';
import { createPagePanel, pageOptions } from '../webview/pagePanel';
import { isStatisticsMessage, type ChartId, type FragmentsMessage, type StatisticsMessage } from '../webview/scripts/statistics/messages';
import { DEFAULT_VIEW, chartMarkdown, statisticsHtml, statisticsWords, tableMarkdown, type ViewState } from './html';
import { DEFAULT_MATRIX_VIEW, crosstabTable, matrixRequestOf, matrixSection, type MatrixView } from './matrixHtml';
import { t } from '../l10n';

/** Sends a typed request to the language server; undefined when it did not answer. */
export type KaderRequest = <P, R>(type: RequestType<P, R, void>, params: P, token?: vscode.CancellationToken) => Promise<R | undefined>;

export const STATISTICS_COMMAND = 'kader.showStatistics';
export const STATISTICS_VIEW_TYPE = 'kader.statistics';
/** The quote reader's command on a query's quotes (quoteReader/panel.ts, which imports this module: named here, not imported). */
const READ_QUOTES_FOR_QUERY_COMMAND = 'kader.readQuotesForQuery';

/** A URI of a workspace document from the server, else undefined (nothing else is opened). */
export function documentUri(uri: string): vscode.Uri | undefined {
  try {
    const parsed = vscode.Uri.parse(uri, true);
    return isWorkspaceScheme(parsed.scheme) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

class StatisticsPanel implements vscode.Disposable {
  private view: ViewState = { ...DEFAULT_VIEW };
  private data: StatisticsResult | undefined;
  private matrixView: MatrixView = { ...DEFAULT_MATRIX_VIEW };
  private matrix: MatrixResult | undefined;
  /** The fragments the page lists now (a cell's): what `open` opens. */
  private listed: { uri: string; range: StatisticsResult['fragments'][number]['range'] }[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private rendering = 0;
  /** Whether the page shown has said it is ready: its script runs. */
  ready = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly request: KaderRequest,
    private folderUri: string | undefined,
    private readonly onDispose: () => void,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        this.receive(message).catch((error: unknown) => void vscode.window.showErrorMessage(String(error)));
      }),
    );
  }

  /** A message from the webview: handled only when it is one the page may send. */
  async receive(message: unknown): Promise<boolean> {
    if (!isStatisticsMessage(message)) return false;
    await this.handle(message);
    return true;
  }

  setFolder(folderUri: string | undefined): void {
    this.folderUri = folderUri;
  }

  async render(): Promise<void> {
    const ticket = ++this.rendering;
    const filter = this.filter();
    const [data, matrix] = await Promise.all([
      this.request(StatisticsRequest, { folderUri: this.folderUri, filter, cooccurrence: this.view.cooccurrence }),
      this.request(MatrixRequest, { folderUri: this.folderUri, filter, ...matrixRequestOf(this.matrixView) }),
    ]);
    if (ticket !== this.rendering) return; // a newer rendering started meanwhile
    if (!data) {
      void vscode.window.showErrorMessage(t('The statistics could not be made: the Kader language server did not answer.'));
      return;
    }
    this.data = data;
    this.matrix = matrix;
    this.ready = false;
    const locale = kaderLocale();
    const section = matrixSection(matrix, this.matrixView, data.attributes.map((a) => a.key), locale);
    this.panel.webview.html = statisticsHtml(data, this.view, pageOptions(this.panel.webview, this.extensionUri, 'statistics'), section);
  }

  private filter(): { coder?: string; attribute?: { key: string; value: string } } {
    return { ...(this.view.coder !== null ? { coder: this.view.coder } : {}), ...(this.view.attribute ? { attribute: this.view.attribute } : {}) };
  }

  /** A matrix cell: the quote reader on its query; without a query ("none"), its fragments listed on the page. */
  private async openMatrixCell(row: number, column: number): Promise<void> {
    const matrix = this.matrix;
    if (!matrix || !matrix.rows[row] || !matrix.columns[column]) return;
    const query = matrixCellQuery(matrix, row, column);
    const title = `${matrix.rows[row]!.label} × ${matrix.columns[column]!.label}`;
    if (query !== null && (await vscode.commands.getCommands(true)).includes(READ_QUOTES_FOR_QUERY_COMMAND)) {
      await vscode.commands.executeCommand(READ_QUOTES_FOR_QUERY_COMMAND, query, title);
      return;
    }
    const answer = await this.request(MatrixRequest, { folderUri: this.folderUri, filter: this.filter(), ...matrixRequestOf(this.matrixView), cell: { row, column } });
    const fragments = answer?.fragments ?? [];
    this.listed = fragments.map((f) => ({ uri: f.uri, range: f.range }));
    const items = fragments.map((f, index) => {
      const where = [`${f.path}:${f.range.start.line + 1}`, f.practice, f.coder, f.codes.map((c) => `#${c}`).join(' ')].filter(Boolean).join(' · ');
      return { index, label: f.text || '…', detail: where };
    });
    const list: FragmentsMessage = { type: 'fragments', title: `${title}: ${t('{0} fragments', items.length)}`, items };
    await this.panel.webview.postMessage(list);
  }

  private async handle(message: StatisticsMessage): Promise<void> {
    const data = this.data;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return;
      case 'filter':
        this.view = { coder: message.coder, attribute: message.attribute, measure: message.measure, cooccurrence: message.cooccurrence };
        return this.render();
      case 'matrix': {
        const { rows, columns, measure, percent, relation } = message;
        this.matrixView = { rows, columns, measure, percent, relation };
        return this.render();
      }
      case 'cell': {
        if (!data) return;
        const crosstab = /^x:(\d+):(\d+)$/.exec(message.id);
        if (crosstab) return this.openMatrixCell(Number(crosstab[1]), Number(crosstab[2]));
        const indices = data.cells[message.id] ?? [];
        const fragments = indices.flatMap((index) => data.fragments[index] ?? []);
        this.listed = fragments.map((f) => ({ uri: f.uri, range: f.range }));
        const items = fragments.map((f, index) => {
          const where = [`${f.path}:${f.range.start.line + 1}`, f.practice, f.coder, f.codes.map((c) => `#${c}`).join(' ')].filter(Boolean).join(' · ');
          return { index, label: f.text || '…', detail: where };
        });
        const list: FragmentsMessage = { type: 'fragments', title: t('{0} fragments', items.length), items };
        await this.panel.webview.postMessage(list);
        return;
      }
      case 'open': {
        const f = this.listed[message.index];
        const uri = f && documentUri(f.uri);
        if (!f || !uri) return;
        const { start, end } = f.range;
        await vscode.window.showTextDocument(uri, {
          selection: new vscode.Range(start.line, start.character, end.line, end.character),
          preview: true,
          viewColumn: vscode.ViewColumn.Beside,
        });
        return;
      }
      case 'saveSvg':
        return this.save(message.chart, 'svg', utf8Bytes(message.svg));
      case 'savePng':
        return this.save(message.chart, 'png', base64ToBytes(message.dataUrl.slice(message.dataUrl.indexOf(',') + 1)));
      case 'copyMarkdown': {
        if (!data) return;
        const markdown =
          message.chart === 'crosstab'
            ? this.matrix
              ? tableMarkdown(crosstabTable(this.matrix, this.matrixView, kaderLocale()))
              : ''
            : chartMarkdown(data, message.chart, this.view.measure, statisticsWords(kaderLocale()));
        await vscode.env.clipboard.writeText(markdown);
        void vscode.window.showInformationMessage(t('The table is on the clipboard.'));
        return;
      }
    }
  }

  private async save(chart: ChartId, extension: 'svg' | 'png', bytes: Uint8Array): Promise<void> {
    const folder = this.folderUri ? documentUri(this.folderUri) : vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `kader-${chart}.${extension}`;
    const target = await vscode.window.showSaveDialog({
      title: t('Save the Chart'),
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: extension === 'svg' ? { SVG: ['svg'] } : { PNG: ['png'] },
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, bytes);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDispose();
    this.panel.dispose();
  }
}

/**
 * Registers `kader.showStatistics` (argument: a workspace folder URI, optional). One panel at a
 * time; it is made again when the index changes while it is visible.
 */
export function registerStatistics(
  context: vscode.ExtensionContext,
  request: KaderRequest,
  options: { onDidChangeIndex?: vscode.Event<unknown> } = {},
): { current(): WebviewProbe | undefined } {
  let current: StatisticsPanel | undefined;
  let stale = false;
  const folderOf = (arg: unknown): string | undefined => {
    if (arg instanceof vscode.Uri) return arg.toString();
    if (typeof arg === 'string') return arg;
    const active = vscode.window.activeTextEditor?.document.uri;
    const folder = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
    return (folder ?? vscode.workspace.workspaceFolders?.[0])?.uri.toString();
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(STATISTICS_COMMAND, async (arg?: unknown) => {
      const folderUri = folderOf(arg);
      if (current) {
        current.setFolder(folderUri);
        current.panel.reveal();
        await current.render();
        return;
      }
      const panel = createPagePanel(context.extensionUri, STATISTICS_VIEW_TYPE, t('Kader Statistics'), vscode.ViewColumn.Active);
      const created = new StatisticsPanel(panel, context.extensionUri, request, folderUri, () => {
        if (current === created) current = undefined;
      });
      current = created;
      context.subscriptions.push(
        created,
        panel.onDidChangeViewState((e) => {
          if (e.webviewPanel.visible && stale) {
            stale = false;
            void created.render();
          }
        }),
      );
      await created.render();
    }),
  );
  if (options.onDidChangeIndex) {
    context.subscriptions.push(
      options.onDidChangeIndex(() => {
        if (!current) return;
        if (current.panel.visible) void current.render();
        else stale = true;
      }),
    );
  }
  return { current: () => current && { html: () => current!.panel.webview.html, ready: () => current!.ready, receive: (m) => current!.receive(m) } };
}

/** What tests see of a webview panel: its page, whether its script runs, and the way in for its messages. */
export interface WebviewProbe {
  html(): string;
  ready(): boolean;
  receive(message: unknown): Promise<boolean>;
}
