import * as vscode from 'vscode';

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
