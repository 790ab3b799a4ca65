// Git for the agreement features (the server's and the CLI's): a transcript's text at a revision,
// and the branches and commits to choose from. The repository is not trusted: its own
// `.git/config` may name programs (gpg.program with log.showSignature, core.fsmonitor, textconv and
// external diff drivers, core.sshCommand for a partial clone's lazy fetch, a pager, hooks), and its
// folder may hold a `git` of its own. So git is looked up only in absolute PATH folders outside the
// workspace, runs with execFile (no shell) and with every setting that could start a program
// switched off, and a revision is checked so it cannot be read as an option.

import { execFile } from 'node:child_process';
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { decodeText, MAX_FILE_BYTES } from '../core/fileText';

export class GitError extends Error {}

export interface GitOptions {
  /**
   * Folders whose files git must never be: the workspace folders, the CLI's working directory. The
   * folder git runs in is always one of them.
   */
  untrusted?: readonly string[];
  /** The environment to take PATH, HOME and the locale from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/**
 * `-c` settings given before every command. Command-line settings win over the repository's, and
 * each one names a program git could start, or turns on something that starts one.
 */
export const NEUTRAL_CONFIG: readonly string[] = [
  'log.showSignature=false',
  'gpg.program=',
  'gpg.openpgp.program=',
  'gpg.x509.program=',
  'gpg.ssh.program=',
  'gpg.ssh.defaultKeyCommand=',
  'core.fsmonitor=',
  'core.hooksPath=/dev/null',
  'core.pager=cat',
  'core.sshCommand=',
  'core.gitProxy=',
  'core.askPass=',
  'credential.helper=',
  'diff.external=',
  'protocol.allow=never',
  'color.ui=false',
  'i18n.logOutputEncoding=UTF-8',
  'gc.auto=0',
  'maintenance.auto=false',
];

/** Variables of the caller's environment git must not see (they name programs or other repositories). */
const DROPPED_ENV = /^(GIT_.*|SSH_ASKPASS|PAGER|LESS|LESSOPEN|LESSCLOSE)$/i;

/** The environment git runs in; `safePath` is the PATH that `findGit` accepted. */
export function gitEnvironment(env: NodeJS.ProcessEnv, safePath: string): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && !DROPPED_ENV.test(key) && key.toUpperCase() !== 'PATH') result[key] = value;
  }
  return {
    ...result,
    PATH: safePath,
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    GIT_OPTIONAL_LOCKS: '0',
    // Unlike protocol.allow, this also overrides a repository's protocol.<name>.allow: no transport
    // at all, so a partial clone cannot fetch a missing object (through core.sshCommand, say).
    GIT_ALLOW_PROTOCOL: '',
    GIT_NO_LAZY_FETCH: '1',
    GIT_PROTOCOL_FROM_USER: '0',
  };
}

function realpathOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function isInside(child: string, parent: string): boolean {
  const fold = (p: string): string => (process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p);
  const relative = path.relative(fold(parent), fold(child));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The git executable and the PATH it may search itself: only absolute PATH folders that are not
 * inside (or, through a symbolic link, not really inside) an untrusted folder. A relative entry
 * such as `.` or an empty one would resolve against the folder git runs in.
 */
export function findGit(env: NodeJS.ProcessEnv, untrusted: readonly string[]): { git: string; path: string } | undefined {
  const pathKey = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  const avoid = untrusted.flatMap((u) => [path.resolve(u), realpathOrSelf(u)]);
  const safe: string[] = [];
  for (const entry of (env[pathKey] ?? '').split(path.delimiter)) {
    if (!entry || !path.isAbsolute(entry)) continue;
    const real = realpathOrSelf(entry);
    if (avoid.some((u) => isInside(entry, u) || isInside(real, u))) continue;
    if (!safe.includes(entry)) safe.push(entry);
  }
  const names = process.platform === 'win32' ? ['git.exe'] : ['git'];
  for (const dir of safe) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        if (!statSync(candidate).isFile()) continue;
        if (process.platform !== 'win32') accessSync(candidate, constants.X_OK);
      } catch {
        continue;
      }
      // A link in a safe folder that leads into the workspace is not safe either.
      const real = realpathOrSelf(candidate);
      if (avoid.some((u) => isInside(real, u))) continue;
      return { git: candidate, path: safe.join(path.delimiter) };
    }
  }
  return undefined;
}

function git(args: string[], cwd: string, options: GitOptions, encoding: 'buffer' | 'utf8' = 'utf8'): Promise<Buffer | string> {
  const env = options.env ?? process.env;
  const found = findGit(env, [cwd, ...(options.untrusted ?? [])]);
  if (!found) return Promise.reject(new GitError('git is not installed (or not on the PATH)'));
  const argv = ['--no-pager', ...NEUTRAL_CONFIG.flatMap((setting) => ['-c', setting]), ...args];
  return new Promise((resolve, reject) => {
    execFile(found.git, argv, { cwd, encoding, maxBuffer: MAX_FILE_BYTES, windowsHide: true, env: gitEnvironment(env, found.path) }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') reject(new GitError('git is not installed (or not on the PATH)'));
        else reject(new GitError(String(stderr).trim().split('\n')[0] || error.message));
        return;
      }
      resolve(stdout);
    });
  });
}

/** A revision as the user wrote it: a branch, tag, commit or `HEAD~2`, never an option. */
export function isSafeRevision(rev: string): boolean {
  return rev.length > 0 && rev.length <= 256 && !rev.startsWith('-') && !/[\s\0:]/.test(rev);
}

/** The text of `file` (an absolute path) at revision `rev` of the repository that holds it. */
export async function showAtRevision(file: string, rev: string, options: GitOptions = {}): Promise<string> {
  if (!isSafeRevision(rev)) throw new GitError(`"${rev}" is not a revision`);
  const dir = path.dirname(file);
  // `REV:./name` is relative to the working directory, so no need to know the repository root.
  // cat-file, unlike show, never runs a textconv or filter program on the blob.
  const out = (await git(['cat-file', 'blob', `${rev}:./${path.basename(file)}`], dir, options, 'buffer')) as Buffer;
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
export async function listRefs(dir: string, options: GitOptions = {}): Promise<GitRef[]> {
  const format = '%(refname)%00%(objectname:short)%00%(subject)';
  const out = (await git(['for-each-ref', '--sort=-committerdate', `--format=${format}`, 'refs/heads', 'refs/remotes', 'refs/tags'], dir, options)) as string;
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
export async function fileHistory(file: string, limit = 20, options: GitOptions = {}): Promise<GitRef[]> {
  const args = ['log', '--no-show-signature', '--no-ext-diff', '--no-textconv', '--no-notes', `-n${limit}`, '--format=%h%x00%s', '--', path.basename(file)];
  const out = (await git(args, path.dirname(file), options)) as string;
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [commit, subject] = line.split('\0') as [string, string];
      return { name: commit, kind: 'commit' as const, commit, subject: subject ?? '' };
    });
}

/** A git failure that only says a path is not tracked (`ls-files --error-unmatch`). */
function isUnmatched(error: unknown): boolean {
  return error instanceof GitError && /did not match any file/.test(error.message);
}

/** Whether git tracks `file` (an absolute path) in the repository that holds it. */
export async function isTracked(file: string, options: GitOptions = {}): Promise<boolean> {
  try {
    await git(['--literal-pathspecs', 'ls-files', '--error-unmatch', '--', path.basename(file)], path.dirname(file), options);
    return true;
  } catch (error) {
    if (isUnmatched(error)) return false;
    throw error;
  }
}

/** The files staged (added, copied, modified, renamed) under `dir`, relative to it with `/`. */
export async function stagedFiles(dir: string, options: GitOptions = {}): Promise<string[]> {
  const args = ['--literal-pathspecs', 'diff', '--cached', '--name-only', '-z', '--relative', '--diff-filter=ACMR', '--no-ext-diff', '--no-textconv', '--', '.'];
  return ((await git(args, dir, options)) as string).split('\0').filter(Boolean);
}

/** The staged text of `relative` (a path under `dir`, with `/`). */
export async function stagedText(dir: string, relative: string, options: GitOptions = {}): Promise<string> {
  if (relative.includes('\0')) throw new GitError(`"${relative}" is not a path`);
  return blobOf(['cat-file', 'blob', `:./${relative}`], dir, relative, options);
}

async function blobOf(args: string[], dir: string, name: string, options: GitOptions): Promise<string> {
  const decoded = decodeText((await git(args, dir, options, 'buffer')) as Buffer);
  if (!decoded.ok) throw new GitError(`${name} ${decoded.detail}`);
  return decoded.text;
}

/** One version of a file that a commit brought in: the commit, the path (relative to the folder asked for) and the blob. */
export interface HistoryVersion {
  commit: string;
  path: string;
  blob: string;
}

/**
 * Every version of a file under `dir` that a commit reachable from any ref added or changed, newest
 * commit first; a merge counts against each parent.
 */
export async function historyVersions(dir: string, options: GitOptions = {}): Promise<HistoryVersion[]> {
  const args = ['--literal-pathspecs', 'log', '--all', '-m', '--format=%x01%H', '--raw', '--no-abbrev', '-z', '--no-renames', '--diff-filter=AM', '--relative'];
  const out = (await git([...args, '--no-show-signature', '--no-ext-diff', '--no-textconv', '--no-notes', '--', '.'], dir, options)) as string;
  const versions: HistoryVersion[] = [];
  const tokens = out.split('\0');
  let commit = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!.replace(/^\n/, '');
    if (token.startsWith('\x01')) commit = token.slice(1);
    else if (token.startsWith(':')) {
      const blob = token.split(' ')[3];
      const file = tokens[++i];
      if (blob && file !== undefined && commit) versions.push({ commit, path: file, blob });
    }
  }
  return versions;
}

/** The text of the blob `blob` (a full object id) in the repository that holds `dir`. */
export async function blobText(dir: string, blob: string, options: GitOptions = {}): Promise<string> {
  if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(blob)) throw new GitError(`"${blob}" is not an object id`);
  return blobOf(['cat-file', 'blob', blob], dir, blob, options);
}

/** Where the repository that holds `dir` keeps its hooks, and a `core.hooksPath` its configuration sets instead. */
export async function hooksFolder(dir: string, options: GitOptions = {}): Promise<{ top: string; hooks: string; hooksPath?: string }> {
  const [top, common] = ((await git(['rev-parse', '--show-toplevel', '--git-common-dir'], dir, options)) as string).split('\n');
  if (!top || !common) throw new GitError('not a git working tree');
  let hooksPath: string | undefined;
  try {
    // The origin tells the repository's and the user's setting from this command's own `-c`.
    const lines = ((await git(['config', '--show-origin', '--get-all', 'core.hooksPath'], dir, options)) as string).split('\n');
    hooksPath = lines.filter((l) => l && !l.startsWith('command line:')).map((l) => l.slice(l.indexOf('\t') + 1)).pop();
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
  }
  return { top, hooks: path.join(path.resolve(dir, common), 'hooks'), ...(hooksPath ? { hooksPath } : {}) };
}
