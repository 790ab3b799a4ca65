// Answers the server's `kader/fs/*` requests with vscode.workspace.fs, so a server that cannot read
// the disk (the Web Worker in the browser) reads the workspace through the editor, whatever the
// scheme: file, vscode-remote, vscode-vfs (github.dev), …

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  FsReadDirectoryRequest,
  FsReadFileRequest,
  FsStatRequest,
  type FsEntryType,
  type FsReadDirectoryResult,
  type FsReadFileResult,
  type FsStatResult,
} from '../../server/src/protocol';
import { bytesToBase64 } from './base64';

const isMissing = (error: unknown): boolean => error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function statUri(uri: string): Promise<FsStatResult> {
  try {
    const stat = await vscode.workspace.fs.stat(vscode.Uri.parse(uri));
    const type = stat.type & vscode.FileType.Directory ? 'directory' : stat.type & vscode.FileType.File ? 'file' : 'other';
    return { type, size: type === 'file' ? stat.size : 0, symbolicLink: (stat.type & vscode.FileType.SymbolicLink) !== 0 };
  } catch (error) {
    if (isMissing(error)) return { type: 'missing', size: 0 };
    return { type: 'other', size: 0 };
  }
}

export async function readFileUri(uri: string, maxBytes: number): Promise<FsReadFileResult> {
  const tooLarge = (): FsReadFileResult => ({ ok: false, problem: 'too-large', detail: `is larger than ${maxBytes} bytes` });
  try {
    const target = vscode.Uri.parse(uri);
    const stat = await vscode.workspace.fs.stat(target);
    if (!(stat.type & vscode.FileType.File)) return { ok: false, problem: 'unreadable', detail: 'is not a file' };
    if (stat.size > maxBytes) return tooLarge();
    const bytes = await vscode.workspace.fs.readFile(target);
    // It may have grown since the stat.
    if (bytes.length > maxBytes) return tooLarge();
    return { ok: true, base64: bytesToBase64(bytes) };
  } catch (error) {
    if (isMissing(error)) return { ok: false, problem: 'missing', detail: 'does not exist' };
    return { ok: false, problem: 'unreadable', detail: message(error) };
  }
}

export async function readDirectoryUri(uri: string): Promise<FsReadDirectoryResult> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(uri));
    return {
      entries: entries.map(([name, type]): [string, FsEntryType] => [
        name,
        type & vscode.FileType.SymbolicLink ? 'symlink' : type & vscode.FileType.Directory ? 'directory' : type & vscode.FileType.File ? 'file' : 'other',
      ]),
    };
  } catch (error) {
    return { error: message(error) };
  }
}

/** Answers `kader/fs/stat`, `kader/fs/readFile` and `kader/fs/readDirectory` for this client. */
export function registerFileAccess(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(FsStatRequest, (params) => statUri(params.uri)),
    client.onRequest(FsReadFileRequest, (params) => readFileUri(params.uri, params.maxBytes)),
    client.onRequest(FsReadDirectoryRequest, (params) => readDirectoryUri(params.uri)),
  ];
}
