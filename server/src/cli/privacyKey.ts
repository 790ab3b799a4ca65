// The privacy key on disk, for the CLI: read and checked before anything is written, never created
// inside a git working tree, and a warning when git tracks it.

import { existsSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { localize } from '../core/l10n';
import { terminalLine } from '../core/outputs/outputEscaping';
import { parseKey, type Key } from '../core/privacy/key';
import { keyErrorMessage } from '../core/privacy/messages';
import type { Locale } from '../core/types';
import { readProblemText } from '../core/fileText';
import { readText } from '../workspace/files';
import { GitError, isTracked } from '../workspace/git';
import type { CliIo } from './io';

/**
 * The working tree of the git repository that holds `target` (a file or folder, existing or not),
 * found by the `.git` of a folder on the way up, links followed; without running git.
 */
export function gitWorkingTree(target: string): string | undefined {
  let existing = path.resolve(target);
  while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  let dir: string;
  try {
    dir = realpathSync(existing);
  } catch {
    dir = existing;
  }
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** How a file is named in messages: relative to the working directory when it lies below it. */
export function shown(io: Pick<CliIo, 'cwd'>, file: string): string {
  const relative = path.relative(io.cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/**
 * The key in `file` (relative to the working directory), or the exit code when it cannot be used:
 * 2 for a key that does not exist or cannot be read, and for every problem in it (each printed
 * with its line). A key that git tracks is used, with a warning.
 */
export async function readKeyFile(file: string, io: CliIo, locale: Locale): Promise<Key | number> {
  const t = localize(locale);
  const absolute = path.resolve(io.cwd, file);
  const name = terminalLine(shown(io, absolute));
  const read = await readText(absolute);
  if (!read.ok) {
    io.err(`kader: ${t('the key {0} {1}', name, readProblemText(read, t))}\n`);
    return 2;
  }
  const { key, errors } = parseKey(read.text);
  if (errors.length > 0) {
    for (const error of errors) io.err(`kader: ${name}: ${terminalLine(keyErrorMessage(error, locale))}\n`);
    io.err(`kader: ${t('the key cannot be used until it is corrected; nothing was written')}\n`);
    return 2;
  }
  await warnWhenTracked(absolute, io, locale);
  return key;
}

async function warnWhenTracked(key: string, io: CliIo, locale: Locale): Promise<void> {
  const tree = gitWorkingTree(key);
  if (tree === undefined) return;
  const t = localize(locale);
  let tracked: boolean;
  try {
    tracked = await isTracked(key, { untrusted: [io.cwd, tree] });
  } catch (error) {
    if (error instanceof GitError) return;
    throw error;
  }
  if (tracked) {
    io.err(`kader: ${t('warning: git tracks the key {0} (in {1}), so everyone with a clone can see who is who. Remove it from the repository (git rm --cached) and keep it outside.', terminalLine(shown(io, key)), terminalLine(tree))}\n`);
  }
}

/** Why a key may not be created at `file`, or undefined when it may: never inside a git working tree. */
export function keyCreationProblem(file: string, locale: Locale): string | undefined {
  const tree = gitWorkingTree(file);
  if (tree === undefined) return undefined;
  return localize(locale)('a key is never created inside a git working tree ({0}): choose a place outside the repository', terminalLine(tree));
}
