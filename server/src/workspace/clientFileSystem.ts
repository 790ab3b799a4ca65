// The workspace's files as the client sees them (`kader/fs/*` requests, answered with
// vscode.workspace.fs): for a server that cannot read the disk itself, such as Kader's Web Worker
// in the browser. Any URI scheme the client knows works.

import type { Connection } from 'vscode-languageserver';
import {
  FsReadDirectoryRequest,
  FsReadFileRequest,
  FsStatRequest,
  type FsReadDirectoryResult,
  type FsReadFileResult,
  type FsStatResult,
} from '../protocol';
import { bytesOfBase64 } from '../service/base64';
import type { FileSystem } from './fileSystem';
import { decodeText, isTranscriptPath, MAX_FILE_BYTES, type FolderListing, type ReadResult } from '../core/fileText';

/** The requests clientFileSystem sends; a Connection has them, a test can give fewer. */
export type FsConnection = Pick<Connection, 'sendRequest'>;

/** Percent-encodes one path segment as VS Code does (`!'()*` too), so joined URIs look like the client's. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `base` (a folder URI) joined with a relative path of `/`-separated names. */
export function joinUri(base: string, relative: string): string {
  if (!relative) return base;
  return `${base.replace(/\/+$/, '')}/${relative.split('/').map(encodeSegment).join('/')}`;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function clientFileSystem(connection: FsConnection): FileSystem {
  const stat = (uri: string): Promise<FsStatResult> => connection.sendRequest(FsStatRequest, { uri });

  const readText = async (uri: string, maxBytes = MAX_FILE_BYTES, within?: string): Promise<ReadResult> => {
    try {
      // Where a link leads cannot be asked of every file system, so within a folder a link is
      // not read at all: a shared folder could otherwise carry a link to a private file.
      if (within !== undefined && (await stat(uri)).symbolicLink) {
        return { ok: false, problem: 'unreadable', detail: 'is a symbolic link, which is not followed here' };
      }
      const read: FsReadFileResult = await connection.sendRequest(FsReadFileRequest, { uri, maxBytes: Math.min(maxBytes, MAX_FILE_BYTES) });
      if (!read.ok) return { ok: false, problem: read.problem, detail: read.detail };
      return decodeText(bytesOfBase64(read.base64));
    } catch (error) {
      return { ok: false, problem: 'unreadable', detail: message(error) };
    }
  };

  // The walk of files.ts's listTranscripts: dot folders and node_modules skipped, links to
  // folders not followed, paths relative with `/`, sorted.
  const listTranscripts = async (folderUri: string, codebookPath: string): Promise<FolderListing> => {
    const listing: FolderListing = { transcripts: [], problems: [] };
    const walk = async (relative: string): Promise<void> => {
      let answer: FsReadDirectoryResult;
      try {
        answer = await connection.sendRequest(FsReadDirectoryRequest, { uri: joinUri(folderUri, relative) });
      } catch (error) {
        answer = { error: message(error) };
      }
      if ('error' in answer) {
        listing.problems.push({ path: relative || '.', detail: answer.error });
        return;
      }
      for (const [name, type] of answer.entries) {
        const child = relative ? `${relative}/${name}` : name;
        if (type === 'directory') {
          if (!name.startsWith('.') && name !== 'node_modules') await walk(child);
        } else if ((type === 'file' || type === 'symlink') && isTranscriptPath(child, codebookPath)) {
          listing.transcripts.push(child);
        }
      }
    };
    await walk('');
    listing.transcripts.sort();
    return listing;
  };

  const exists = async (uri: string): Promise<boolean> => {
    try {
      return (await stat(uri)).type !== 'missing';
    } catch {
      return false;
    }
  };

  return { readText, listTranscripts, exists };
}
