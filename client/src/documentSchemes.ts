// Which documents belong to the workspace: files on disk, untitled ones, and those of a remote or
// virtual workspace (vscode.dev, github.dev, Codespaces) — never a diff's or git's view of a file.

import * as vscode from 'vscode';

export const WORKSPACE_SCHEMES: readonly string[] = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'];

export function isWorkspaceScheme(scheme: string): boolean {
  return WORKSPACE_SCHEMES.includes(scheme) || (vscode.workspace.workspaceFolders ?? []).some((folder) => folder.uri.scheme === scheme);
}
