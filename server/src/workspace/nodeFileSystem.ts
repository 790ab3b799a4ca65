// The file system of the machine the server or the CLI runs on: `file:` URIs only.

import { promises as fs } from 'node:fs';
import type { FileSystem } from './fileSystem';
import { listTranscripts, readText } from './files';
import { fsPathOf } from './filePaths';

const notOnDisk = { ok: false, problem: 'unreadable', detail: 'is not a file on disk' } as const;

export const nodeFileSystem: FileSystem = {
  readText: async (uri, maxBytes, within) => {
    const file = fsPathOf(uri);
    if (!file) return notOnDisk;
    return readText(file, maxBytes, within === undefined ? undefined : (fsPathOf(within) ?? file));
  },
  listTranscripts: async (folderUri, codebookPath) => {
    const root = fsPathOf(folderUri);
    if (!root) return { transcripts: [], problems: [] };
    return listTranscripts(root, codebookPath);
  },
  exists: async (uri) => {
    const file = fsPathOf(uri);
    if (!file) return false;
    try {
      await fs.access(file);
      return true;
    } catch {
      return false;
    }
  },
};
