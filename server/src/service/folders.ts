// Which workspace folder a request is about.

import { canonicalUri } from '../workspace/uris';
import type { Folder } from '../workspace/workspaceFolders';
import type { WorkspaceReader } from './snapshot';

/** The folder of a URI (a folder's own or a document's); the first folder for any other. */
export function folderFor(workspace: WorkspaceReader, uri: string | undefined): Folder | undefined {
  if (uri === undefined) return workspace.folders[0];
  const canonical = canonicalUri(uri);
  return workspace.folders.find((f) => f.uri === canonical) ?? workspace.folderOf(canonical) ?? workspace.folders[0];
}
