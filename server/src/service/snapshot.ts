// What every feature reads: the workspace as it is at one moment, with the language, what the
// client can read, and whether the workspace is trusted. A feature never waits for the index or
// brings it up to date itself: the service hands it a snapshot that is (service.ts).

import type { Locale } from '../core/types';
import type { GitAccess } from '../workspace/gitAccess';
import type { FileSystem } from '../workspace/fileSystem';
import type { Workspace } from '../workspace/workspace';
import type { ClientFeatures } from './clientFeatures';

/** The workspace's reading side: no scans, no edits, no syncing. */
export type WorkspaceReader = Pick<Workspace, 'folders' | 'documents' | 'view' | 'classify' | 'folderOf' | 'clientUri' | 'textOf' | 'looseDocuments'>;

export interface Snapshot {
  readonly workspace: WorkspaceReader;
  readonly locale: Locale;
  readonly client: ClientFeatures;
  /** False when the client says the workspace is not trusted: then no git runs. */
  readonly trusted: boolean;
  /** Absent where there is no git (the browser). */
  readonly git: GitAccess | undefined;
  readonly fileSystem: FileSystem;
}
