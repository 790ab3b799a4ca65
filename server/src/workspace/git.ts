// Git for the agreement features: a transcript's text at a revision, and the branches and commits
// to choose from. Git runs with execFile (no shell); a revision is checked so it cannot be read as
// an option.

import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { decodeText, MAX_FILE_BYTES } from './files';

export class GitError extends Error {}

function git(args: string[], cwd: string, encoding: 'buffer' | 'utf8' = 'utf8'): Promise<Buffer | string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, encoding, maxBuffer: MAX_FILE_BYTES, windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') reject(new GitError('git is not installed (or not on the PATH)'));
          else reject(new GitError(String(stderr).trim().split('\n')[0] || error.message));
          return;
        }
        resolve(stdout);
      },
    );
  });
}

/** A revision as the user wrote it: a branch, tag, commit or `HEAD~2`, never an option. */
export function isSafeRevision(rev: string): boolean {
  return rev.length > 0 && rev.length <= 256 && !rev.startsWith('-') && !/[\s\0:]/.test(rev);
}

/** The text of `file` (an absolute path) at revision `rev` of the repository that holds it. */
export async function showAtRevision(file: string, rev: string): Promise<string> {
  if (!isSafeRevision(rev)) throw new GitError(`"${rev}" is not a revision`);
  const dir = path.dirname(file);
  // `REV:./name` is relative to the working directory, so no need to know the repository root.
  const out = (await git(['show', `${rev}:./${path.basename(file)}`], dir, 'buffer')) as Buffer;
  const decoded = decodeText(out);
  if (!decoded.ok) throw new GitError(`${path.basename(file)} at ${rev} ${decoded.detail}`);
  return decoded.text;
}

export interface GitRef {
  /** Short name: `main`, `origin/anna`, `v1`. */
  name: string;
  kind: 'branch' | 'remote' | 'tag' | 'commit';
  /** Abbreviated commit hash. */
  commit: string;
  /** The commit's subject line. */
  subject: string;
}

/** Branches, remote branches and tags of the repository that holds `dir`, most recent first. */
export async function listRefs(dir: string): Promise<GitRef[]> {
  const format = '%(refname)%00%(objectname:short)%00%(subject)';
  const out = (await git(['for-each-ref', '--sort=-committerdate', `--format=${format}`, 'refs/heads', 'refs/remotes', 'refs/tags'], dir)) as string;
  const refs: GitRef[] = [];
  for (const line of out.split('\n')) {
    if (!line) continue;
    const [ref, commit, subject] = line.split('\0') as [string, string, string];
    if (ref.endsWith('/HEAD')) continue;
    const kind = ref.startsWith('refs/heads/') ? 'branch' : ref.startsWith('refs/remotes/') ? 'remote' : 'tag';
    refs.push({ name: ref.replace(/^refs\/(heads|remotes|tags)\//, ''), kind, commit, subject: subject ?? '' });
  }
  return refs;
}

/** The last commits that changed `file`, newest first. */
export async function fileHistory(file: string, limit = 20): Promise<GitRef[]> {
  const out = (await git(['log', `-n${limit}`, '--format=%h%x00%s', '--', path.basename(file)], path.dirname(file))) as string;
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [commit, subject] = line.split('\0') as [string, string];
      return { name: commit, kind: 'commit' as const, commit, subject: subject ?? '' };
    });
}
