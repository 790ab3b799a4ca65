// Git through the hardened runner (git.ts), for files on this machine inside the workspace.

import * as path from 'node:path';
import { realPathInside } from './containment';
import { fileHistory, GitError, listRefs, showAtRevision } from './git';
import { GitFailure, NoRepository, OutsideWorkspace, type GitAccess } from './gitAccess';
import { fsPathOf } from './filePaths';

async function fileInside(uri: string, folders: readonly string[]): Promise<{ file: string; roots: string[] }> {
  const roots = folders.flatMap((f) => fsPathOf(f) ?? []);
  const file = fsPathOf(uri);
  const real = file === undefined ? undefined : await realPathInside(file, roots);
  if (real === undefined) throw new OutsideWorkspace(uri);
  return { file: real, roots };
}

async function translated<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof GitError) throw /not a git (repository|working tree)/i.test(error.message) ? new NoRepository(error.message) : new GitFailure(error.message);
    throw error;
  }
}

export const nodeGitAccess: GitAccess = {
  showAtRevision: async (uri, rev, folders) => {
    const { file, roots } = await fileInside(uri, folders);
    return translated(() => showAtRevision(file, rev, { untrusted: roots }));
  },
  listRefs: async (uri, folders) => {
    const { file, roots } = await fileInside(uri, folders);
    return translated(() => listRefs(path.dirname(file), { untrusted: roots }));
  },
  fileHistory: async (uri, limit, folders) => {
    const { file, roots } = await fileInside(uri, folders);
    return translated(() => fileHistory(file, limit, { untrusted: roots }));
  },
};
