// Writing the codebook from the client: the framework codebook as a new file, and headings for
// new codes. Only text generation and WorkspaceEdits (undoable); the client never parses Markdown.

import * as vscode from 'vscode';
import { frameworkCodebookMarkdown, type FrameworkOptions } from '../../server/src/core/framework';
import type { Locale } from '../../server/src/core/types';

export function codebookPath(folder: vscode.WorkspaceFolder | vscode.Uri): string {
  const scope = folder instanceof vscode.Uri ? folder : folder.uri;
  return vscode.workspace.getConfiguration('kader', scope).get<string>('codebook.path', 'codebook.md') || 'codebook.md';
}

export function codebookUri(folder: vscode.WorkspaceFolder): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, ...codebookPath(folder).split('/').filter(Boolean));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** `space-en-place/plek-en-tijd` → `Plek en tijd`. */
export function displayName(code: string): string {
  const last = code.split('/').pop() ?? code;
  const words = last.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toLocaleUpperCase() + words.slice(1);
}

/** A codebook heading that defines `code` (SYNTAX.md §8): depth follows the code path. */
export function codeHeading(code: string): string {
  const depth = Math.min(6, code.split('/').length);
  return `${'#'.repeat(depth)} ${displayName(code)} {#${code}}\n`;
}

/** Appends text to a document as its own block(s): one blank line before it, a newline at the end. */
function appendEdit(edit: vscode.WorkspaceEdit, document: vscode.TextDocument, text: string): void {
  const content = document.getText();
  const end = document.positionAt(content.length);
  const separator = content.length === 0 ? '' : content.endsWith('\n\n') ? '' : content.endsWith('\n') ? '\n' : '\n\n';
  edit.insert(document.uri, end, `${separator}${text}`);
}

/**
 * Adds headings for `codes` to the folder's codebook, creating it from the framework (in `locale`)
 * when there is none, since a codebook.md replaces the built-in codebook. Saves it, so the server
 * and the other files see the new codes. Returns the codebook.
 */
export async function addCodesToCodebook(
  folder: vscode.WorkspaceFolder,
  codes: string[],
  locale: Locale,
  existing?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const headings = codes.map(codeHeading).join('\n');
  const target = existing ?? codebookUri(folder);
  const edit = new vscode.WorkspaceEdit();
  if (await exists(target)) {
    const document = await vscode.workspace.openTextDocument(target);
    appendEdit(edit, document, headings);
  } else {
    edit.createFile(target, { ignoreIfExists: false });
    edit.insert(target, new vscode.Position(0, 0), `${frameworkCodebookMarkdown(locale)}\n${headings}`);
  }
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  await (await vscode.workspace.openTextDocument(target)).save();
  return target;
}

export interface CreateCodebookOptions {
  locale: Locale;
  target: vscode.Uri;
  /** Replace an existing file (the caller asked the user). */
  replace: boolean;
  /** What the codebook holds besides the aspects (frameworkCodebookMarkdown's defaults when absent). */
  contents?: FrameworkOptions;
}

/** Writes the framework codebook to `target` as one undoable edit, then saves it. */
export async function writeFrameworkCodebook({ locale, target, replace, contents }: CreateCodebookOptions): Promise<boolean> {
  const text = frameworkCodebookMarkdown(locale, contents);
  const edit = new vscode.WorkspaceEdit();
  if (await exists(target)) {
    if (!replace) return false;
    const document = await vscode.workspace.openTextDocument(target);
    edit.replace(target, new vscode.Range(new vscode.Position(0, 0), document.positionAt(document.getText().length)), text);
  } else {
    edit.createFile(target, { ignoreIfExists: false });
    edit.insert(target, new vscode.Position(0, 0), text);
  }
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  await (await vscode.workspace.openTextDocument(target)).save();
  return true;
}
