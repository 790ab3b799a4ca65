// What the service asks of git: a file's text at a revision, and the revisions to choose from.
// Given by the Node hosts (nodeGitAccess.ts); absent in the browser, where the service says that
// comparing with a branch needs the desktop.

export interface GitRef {
  /** Short name: `main`, `origin/anna`, `v1`. */
  name: string;
  kind: 'branch' | 'remote' | 'tag' | 'commit';
  /** Abbreviated commit hash. */
  commit: string;
  /** The commit's subject line. */
  subject: string;
}

/** Git refused or failed: the message is git's own, to be shown. */
export class GitFailure extends Error {}

/** The file lies in no git repository. */
export class NoRepository extends GitFailure {}

/** The file is not inside the workspace folders once links are followed: git is not asked. */
export class OutsideWorkspace extends Error {}

export interface GitAccess {
  /** The text of the file `uri` at `rev`. `folders` (URIs) are the workspace: git never runs from inside them. */
  showAtRevision(uri: string, rev: string, folders: readonly string[]): Promise<string>;
  /** Branches, remote branches and tags of the repository that holds `uri`, most recent first. */
  listRefs(uri: string, folders: readonly string[]): Promise<GitRef[]>;
  /** The last commits that changed `uri`, newest first. */
  fileHistory(uri: string, limit: number, folders: readonly string[]): Promise<GitRef[]>;
}
