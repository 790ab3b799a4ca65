// The server's access to files, behind an interface so tests can give it another one.

import { promises as fs } from 'node:fs';
import { listTranscripts, readText, type FolderListing, type ReadResult } from './files';

export interface FileSystem {
  /** A file larger than `maxBytes` is a `too-large` problem, not read; with `within`, a link out of that folder is an `outside` one. */
  readText(file: string, maxBytes?: number, within?: string): Promise<ReadResult>;
  listTranscripts(root: string, codebookPath: string): Promise<FolderListing>;
  exists(file: string): Promise<boolean>;
}

export const nodeFileSystem: FileSystem = {
  readText,
  listTranscripts,
  exists: async (file) => {
    try {
      await fs.access(file);
      return true;
    } catch {
      return false;
    }
  },
};
