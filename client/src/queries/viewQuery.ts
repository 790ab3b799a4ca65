// The query on the Kader views: Query… asks for a coding query, checking it as it is typed, and
// puts it into the views' filter (every tree request carries it). While a query is active each
// view shows it as its message and the number of matching fragments as its description, counted
// again when the index changes. Clear Filter clears it with the rest of the filter.

import * as vscode from 'vscode';
import type { KaderRequest } from '../statistics/panel';
import type { FilterState } from '../treeFilter';
import { fragmentCount, type ViewNode } from '../treeView';
import { t } from '../l10n';
import { runQuery, queryErrorText } from './queryCheck';

/** What Query… did: the query is on the views with its count, the query is malformed, or nothing (cancelled, no answer). */
export type QueryOutcome = { count: number } | { error: string } | undefined;

/** The prompt of every query box: the language in one line. */
export function queryPrompt(): string {
  return t('A coding query: #code, practice:NAME, coder:NAME, speaker:NAME, key:value, "words", /regex/, AND, OR, NOT, ( ), #a IN #b, #a NEAR/2 #b.');
}

export const QUERY_PLACEHOLDER = '#intentie AND practice:"Leergemeenschap Breda"';

/**
 * An input box for a query that checks it as it is typed: the server's message with where the
 * mistake is, else how many fragments match. Resolves with the query (trimmed; empty clears) or
 * undefined when cancelled.
 */
export async function askQuery(request: KaderRequest, title: string, value: string): Promise<string | undefined> {
  let cancel: vscode.CancellationTokenSource | undefined;
  try {
    const query = await vscode.window.showInputBox({
      title,
      prompt: queryPrompt(),
      placeHolder: QUERY_PLACEHOLDER,
      value,
      ignoreFocusOut: true,
      validateInput: async (text) => {
        cancel?.cancel();
        const mine = new vscode.CancellationTokenSource();
        cancel = mine;
        if (!text.trim()) return undefined;
        const answer = await runQuery(request, text, 0, mine.token);
        if (mine.token.isCancellationRequested) return undefined;
        if (!answer) return { message: t('The Kader language server did not answer.'), severity: vscode.InputBoxValidationSeverity.Warning };
        if (!answer.ok) return { message: queryErrorText(answer), severity: vscode.InputBoxValidationSeverity.Error };
        const message = answer.count === 1 ? t('1 fragment matches.') : t('{0} fragments match.', answer.count);
        return { message, severity: vscode.InputBoxValidationSeverity.Info };
      },
    });
    return query?.trim();
  } finally {
    cancel?.cancel();
  }
}

export class ViewQuery implements vscode.Disposable {
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly updatedEmitter = new vscode.EventEmitter<void>();
  /** Fires when the views show the filter as it is now (for tests). */
  readonly onDidUpdate = this.updatedEmitter.event;

  constructor(
    private readonly request: KaderRequest,
    private readonly filter: FilterState,
    private readonly views: readonly vscode.TreeView<ViewNode>[],
    onDidChangeIndex: vscode.Event<unknown>,
  ) {
    this.disposables.push(
      this.updatedEmitter,
      filter.onDidChange(() => void this.update()),
      onDidChangeIndex(() => {
        if (filter.filter.query) void this.update();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kader.language')) void this.update();
      }),
    );
  }

  /** Query…: `given` (a command's argument) or what the user types; an empty query clears it. */
  async run(given?: unknown): Promise<QueryOutcome> {
    const query = typeof given === 'string' ? given.trim() : await askQuery(this.request, t('Query Fragments'), this.filter.filter.query ?? '');
    if (query === undefined) return undefined;
    if (!query) {
      this.filter.set({ query: undefined });
      return { count: 0 };
    }
    const answer = await runQuery(this.request, query, 0);
    if (!answer) {
      void vscode.window.showErrorMessage(t('The Kader language server did not answer.'));
      return undefined;
    }
    if (!answer.ok) {
      const error = queryErrorText(answer);
      void vscode.window.showErrorMessage(t('The query is not valid. {0}', error));
      return { error };
    }
    this.filter.set({ query });
    return { count: answer.count };
  }

  /** Shows the filter on every view: the query as the message, its count (and the text or coder filter) as the description. */
  async update(): Promise<void> {
    const generation = ++this.generation;
    const { query, text, coder } = this.filter.filter;
    const described = this.filter.describe();
    let count: string | undefined;
    // The count is the query's: with a text or coder filter as well, the views' own counts say more.
    if (query && !text && !coder) {
      const answer = await runQuery(this.request, query, 0);
      if (generation !== this.generation) return;
      if (answer?.ok) count = fragmentCount(answer.count);
    }
    const description = [count, described].filter(Boolean).join(' · ') || undefined;
    // The message shows the whole query, and its count where the description has too little room.
    const message = query ? (count ? t('Query: {0} ({1})', query, count) : t('Query: {0}', query)) : undefined;
    for (const view of this.views) {
      view.description = description;
      view.message = message;
    }
    this.updatedEmitter.fire();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
