import * as vscode from 'vscode';
import type { KaderApi } from '../../client/src/api';
import type { KaderTreeProvider, ViewNode } from '../../client/src/treeView';

/** The copied fixture workspace (test/fixtures/workspace) that the launcher opened. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri;
}

export function fixtureUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/**
 * Polls `predicate` until it returns a truthy value (which is returned) or the deadline passes,
 * then fails with `message`. For waiting on a signal that has no event to await.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  message: string,
  { timeout = 20_000, interval = 50 }: { timeout?: number; interval?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waitFor timed out after ${timeout} ms: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

// --- Kader client helpers (tree views, coding, decorations) ---


/** The activated extension's test API, once its language server runs. */
export async function kaderApi(): Promise<KaderApi> {
  const ext = vscode.extensions.getExtension<KaderApi>('kader.kader');
  if (!ext) throw new Error('extension kader.kader is not installed');
  const api = await ext.activate();
  await api.ready;
  return api;
}

/** Opens a fixture file in an editor (focused, not a preview). */
export async function showFixture(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Reverts every unsaved document and closes all editors, so the next test starts clean. */
export async function revertAndCloseAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || document.isClosed) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

function labelOf(item: vscode.TreeItem): string {
  const label = item.label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

/** A view as lines `indent label — description`, depth first, with every node expanded. */
export async function renderTree(provider: KaderTreeProvider): Promise<string[]> {
  const lines: string[] = [];
  const walk = async (nodes: ViewNode[], depth: number): Promise<void> => {
    for (const node of nodes) {
      const item = provider.getTreeItem(node);
      lines.push(`${'  '.repeat(depth)}${labelOf(item)} — ${String(item.description ?? '')}`);
      await walk(await provider.getChildren(node), depth + 1);
    }
  };
  await walk(await provider.getChildren(), 0);
  return lines;
}

/** Waits until `renderTree(provider)` equals `expected`; on timeout, fails with the last rendering. */
export async function waitForTree(provider: KaderTreeProvider, expected: string[], message: string): Promise<void> {
  let last: string[] = [];
  try {
    await waitFor(async () => {
      last = await renderTree(provider);
      return JSON.stringify(last) === JSON.stringify(expected);
    }, message);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nlast rendering:\n${last.join('\n')}`);
  }
}

/** `waitFor` for a value: resolves with the first value `get` returns that is not falsy. */
export async function waitForValue<T>(get: () => T | undefined | null | false | Promise<T | undefined | null | false>, message: string): Promise<T> {
  return (await waitFor(get, message)) as T;
}

/**
 * Waits until a webview page's script says it runs. code-server now and then leaves a new webview
 * unloaded in a long run of tests; after ten seconds the webviews are reloaded once (Developer:
 * Reload Webviews, as a user would), and the page must then run.
 */
export async function waitForPage(ready: () => boolean, message: string): Promise<void> {
  try {
    await waitFor(() => ready() || undefined, message, { timeout: 10_000 });
  } catch {
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    await waitFor(() => ready() || undefined, `${message} (after Reload Webviews)`);
  }
}
