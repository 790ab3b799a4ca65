// The query commands: Query… on the views, Save Query… and Run Saved Query… (queries.md).

import * as vscode from 'vscode';
import type { FilterState } from '../treeFilter';
import type { ViewNode } from '../treeView';
import type { KaderRequest } from '../statistics/panel';
import { runSavedQuery, saveQuery } from './savedQueryCommands';
import { ViewQuery } from './viewQuery';

export function registerQueryCommands(
  context: vscode.ExtensionContext,
  request: KaderRequest,
  filter: FilterState,
  views: readonly vscode.TreeView<ViewNode>[],
  onDidChangeIndex: vscode.Event<unknown>,
): ViewQuery {
  const viewQuery = new ViewQuery(request, filter, views, onDidChangeIndex);
  context.subscriptions.push(
    viewQuery,
    vscode.commands.registerCommand('kader.query', (query?: unknown) => viewQuery.run(query)),
    vscode.commands.registerCommand('kader.saveQuery', (query?: unknown, name?: unknown) => saveQuery(request, filter.filter.query, query, name)),
    vscode.commands.registerCommand('kader.runSavedQuery', (name?: unknown) => runSavedQuery(viewQuery, name)),
  );
  return viewQuery;
}
