// The service's access to files, by URI: the Node file system in the server and the CLI, the
// client's `vscode.workspace.fs` in the browser (any scheme), or whatever a test gives.

import type { FolderListing, ReadResult } from '../core/fileText';

export interface FileSystem {
  /**
   * The text of the file `uri`. One larger than `maxBytes` is a `too-large` problem, not read; with
   * `within` (a folder URI), a file that lies outside that folder once links are followed is an
   * `outside` problem.
   */
  readText(uri: string, maxBytes?: number, within?: string): Promise<ReadResult>;
  /** Every transcript below the folder `folderUri`, as paths relative to it. */
  listTranscripts(folderUri: string, codebookPath: string): Promise<FolderListing>;
  exists(uri: string): Promise<boolean>;
}
