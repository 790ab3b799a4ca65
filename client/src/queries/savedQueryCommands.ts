// Save Query… and Run Saved Query…: the project's saved queries in queries.md (savedQueries.ts
// reads and writes its text). Saving is one WorkspaceEdit, undoable, then the file is saved; a
// malformed query is refused with the server's message.

import * as vscode from 'vscode';
import { exists } from '../codebookEdits';
import { pickFolder } from '../projectCommands';
import type { KaderRequest } from '../statistics/panel';
import { t } from '../l10n';
import { runQuery, queryErrorText } from './queryCheck';
import { SAVED_QUERIES_FILE, parseSavedQueries, saveQueryEdit, savedQueryNameProblem, type SavedQuery } from './savedQueries';
import { askQuery, type QueryOutcome, type ViewQuery } from './viewQuery';

function queriesUri(folder: vscode.WorkspaceFolder): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, SAVED_QUERIES_FILE);
}

/** The text of a folder's queries.md (the editor's when it has unsaved changes), or undefined when there is none. */
async function readQueriesFile(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) return open.getText();
  if (!(await exists(uri))) return undefined;
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

interface FolderQuery extends SavedQuery {
  folder: vscode.WorkspaceFolder;
}

/** Every saved query of every workspace folder, in folder and file order. */
export async function savedQueries(): Promise<FolderQuery[]> {
  const all: FolderQuery[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const text = await readQueriesFile(queriesUri(folder));
    if (text !== undefined) all.push(...parseSavedQueries(text).map((q) => ({ ...q, folder })));
  }
  return all;
}

function nameProblemText(name: string, taken: ReadonlySet<string>): vscode.InputBoxValidationMessage | undefined {
  switch (savedQueryNameProblem(name)) {
    case 'empty':
      return { message: t('Give the query a name.'), severity: vscode.InputBoxValidationSeverity.Error };
    case 'unreadable':
      return { message: t('A name cannot end in “#”: it would read back without it.'), severity: vscode.InputBoxValidationSeverity.Error };
  }
  if (taken.has(name.trim())) return { message: t('Replaces the saved query of this name.'), severity: vscode.InputBoxValidationSeverity.Warning };
  return undefined;
}

/**
 * Save Query…: `query` (else the views' query, else asked for) under `name` (else asked for) in the
 * project folder's queries.md. Resolves with the file, or undefined when nothing was saved.
 */
export async function saveQuery(request: KaderRequest, viewQuery: string | undefined, given: unknown, givenName: unknown): Promise<vscode.Uri | undefined> {
  const query = typeof given === 'string' ? given.trim() : (viewQuery ?? (await askQuery(request, t('Save Query'), '')));
  if (!query) return undefined;
  const answer = await runQuery(request, query, 0);
  if (!answer) {
    void vscode.window.showErrorMessage(t('The Kader language server did not answer.'));
    return undefined;
  }
  if (!answer.ok) {
    void vscode.window.showErrorMessage(t('The query is not saved: it is not valid. {0}', queryErrorText(answer)));
    return undefined;
  }
  const folder = await pickFolder(undefined);
  if (!folder) return undefined;
  const uri = queriesUri(folder);
  const text = await readQueriesFile(uri);
  const taken = new Set(parseSavedQueries(text ?? '').map((q) => q.name));
  let name: string | undefined;
  if (typeof givenName === 'string') {
    const problem = nameProblemText(givenName, new Set());
    if (problem) {
      void vscode.window.showErrorMessage(problem.message);
      return undefined;
    }
    name = givenName.trim();
  } else {
    name = (
      await vscode.window.showInputBox({
        title: t('Save Query'),
        prompt: t('A name for the query “{0}”, to find it again with Run Saved Query… (saved in {1}).', query, SAVED_QUERIES_FILE),
        validateInput: (value) => nameProblemText(value, taken),
      })
    )?.trim();
    if (!name) return undefined;
  }

  const edit = saveQueryEdit(text, name, query, t('Saved queries'));
  const workspaceEdit = new vscode.WorkspaceEdit();
  if (text === undefined) {
    workspaceEdit.createFile(uri, { ignoreIfExists: false });
    workspaceEdit.insert(uri, new vscode.Position(0, 0), edit.newText);
  } else {
    const document = await vscode.workspace.openTextDocument(uri);
    const end = edit.endLine < document.lineCount ? new vscode.Position(edit.endLine, 0) : document.lineAt(document.lineCount - 1).range.end;
    workspaceEdit.replace(uri, new vscode.Range(new vscode.Position(edit.startLine, 0), end), edit.newText);
  }
  if (!(await vscode.workspace.applyEdit(workspaceEdit))) {
    void vscode.window.showErrorMessage(t('The edit could not be applied.'));
    return undefined;
  }
  await (await vscode.workspace.openTextDocument(uri)).save();
  void vscode.window.showInformationMessage(t('Saved the query “{0}” in {1}.', name, SAVED_QUERIES_FILE));
  return uri;
}

/** Run Saved Query…: the saved query named `given`, or the one picked from the list, on the views. */
export async function runSavedQuery(views: ViewQuery, given: unknown): Promise<QueryOutcome> {
  const all = await savedQueries();
  let chosen: FolderQuery | undefined;
  if (typeof given === 'string') {
    chosen = all.find((q) => q.name === given);
    if (!chosen) {
      void vscode.window.showErrorMessage(t('There is no saved query “{0}” in {1}.', given, SAVED_QUERIES_FILE));
      return undefined;
    }
  } else {
    if (all.length === 0) {
      void vscode.window.showInformationMessage(t('No saved queries yet: run Query… on the Kader views, then Save Query….'));
      return undefined;
    }
    const several = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    const items = all.map((q) => ({ label: q.name, detail: q.query, description: several ? q.folder.name : undefined, query: q }));
    chosen = (
      await vscode.window.showQuickPick(items, { title: t('Run Saved Query'), placeHolder: t('Choose a saved query to filter the Kader views'), matchOnDetail: true })
    )?.query;
  }
  if (!chosen) return undefined;
  return views.run(chosen.query);
}
