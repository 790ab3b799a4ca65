// `kader hooks install`: a git pre-commit hook that runs `kader check --privacy --staged`, so no
// commit takes personal data into the history. Only ever on request, and never over a hook that
// is not Kader's.

import { existsSync, promises as fs, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { localize, type Translate } from '../core/l10n';
import { terminalLine } from '../core/outputs/outputEscaping';
import type { Locale } from '../core/types';
import { GitError, hooksFolder } from '../workspace/git';
import type { CliIo } from './io';
import { readKeyFile, shown } from './privacyKey';

export const HOOKS_USAGE = `  hooks install [folder]   Add a git pre-commit hook that runs "kader check --privacy --staged".
      --key FILE             The key the hook checks with (kept outside the repository).
`;

/** The line that tells Kader's hook from any other. */
export const HOOK_MARK = '# kader: pre-commit privacy check';

const OPTIONS = {
  key: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A word for the shell, in single quotes. */
function quoted(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** How the hook starts this CLI: its own bin script by absolute path, else `kader` from the PATH. */
function kaderCommand(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const bin = path.join(dir, 'bin', 'kader.js');
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'kader' && existsSync(bin)) return `node ${quoted(bin)}`;
    } catch {
      // no package.json here
    }
    dir = path.dirname(dir);
  }
  return 'kader';
}

/** The pre-commit hook: `folder` relative to the working tree's top (where git runs hooks). */
export function hookScript(folder: string, keyFile: string | undefined): string {
  const args = ['check', '--privacy', '--staged', quoted(folder), ...(keyFile === undefined ? [] : ['--key', quoted(keyFile)])];
  return [
    '#!/bin/sh',
    HOOK_MARK,
    '# Written by "kader hooks install". A commit stops while a staged transcript holds certain',
    '# personal data; "git commit --no-verify" skips the check. Delete this file to remove it.',
    `exec ${kaderCommand()} ${args.join(' ')}`,
    '',
  ].join('\n');
}

function usageError(io: CliIo, t: Translate, message: string): number {
  io.err(`kader: ${message}\n${t('Run "kader --help" for usage.')}\n`);
  return 2;
}

export async function runHooks(argv: string[], locale: Locale, io: CliIo): Promise<number> {
  const t = localize(locale);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError(io, t, (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(`Usage: kader hooks install [folder] [options]\n\n${HOOKS_USAGE}`);
    return 0;
  }
  const [action, folder = '.', ...more] = positionals;
  if (action !== 'install') return usageError(io, t, t('unknown hooks command "{0}": use "kader hooks install"', action ?? ''));
  if (more.length > 0) return usageError(io, t, t('expected one folder, got {0}', more.length + 1));
  const root = path.resolve(io.cwd, folder);
  if (!existsSync(root)) return usageError(io, t, t('the folder "{0}" does not exist', folder));
  if (!statSync(root).isDirectory()) return usageError(io, t, t('"{0}" is not a folder', folder));
  let keyFile: string | undefined;
  if (values.key !== undefined) {
    const key = await readKeyFile(values.key, io, locale);
    if (typeof key === 'number') return key;
    keyFile = path.resolve(io.cwd, values.key);
  }

  let where;
  try {
    where = await hooksFolder(root, { untrusted: [io.cwd, root] });
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    io.err(`kader: ${t('{0} is not in a git working tree: {1}', terminalLine(folder), terminalLine(error.message))}\n`);
    return 2;
  }
  const relative = path.relative(await fs.realpath(where.top), await fs.realpath(root)).split(path.sep).join('/') || '.';
  const script = hookScript(relative, keyFile);
  const command = script.split('\n').find((line) => line.startsWith('exec '))!.slice('exec '.length);
  if (where.hooksPath !== undefined) {
    io.err(`kader: ${t('this repository runs its hooks from {0} (core.hooksPath), so Kader leaves them alone. Add this line to its pre-commit hook: {1}', terminalLine(where.hooksPath), terminalLine(command))}\n`);
    return 1;
  }
  const hook = path.join(where.hooks, 'pre-commit');
  const shownHook = terminalLine(shown(io, hook));
  let existing: string | undefined;
  try {
    const stat = await fs.lstat(hook);
    existing = stat.isFile() ? await fs.readFile(hook, 'utf8') : '';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (existing !== undefined && !existing.split(/\r?\n/).includes(HOOK_MARK)) {
    io.err(`kader: ${t('{0} already exists and is not Kader\'s: it is left as it is. To check for personal data too, add this line to it: {1}', shownHook, terminalLine(command))}\n`);
    return 1;
  }
  if (existing === script) {
    io.err(`kader: ${t('the pre-commit hook {0} is installed already', shownHook)}\n`);
    return 0;
  }
  await fs.mkdir(where.hooks, { recursive: true });
  const temporary = path.join(where.hooks, `.pre-commit.${process.pid}.kader-tmp`);
  try {
    await fs.writeFile(temporary, script, { flag: 'wx', mode: 0o755 });
    await fs.chmod(temporary, 0o755);
    await fs.rename(temporary, hook);
  } finally {
    await fs.rm(temporary, { force: true });
  }
  io.err(`kader: ${t('installed the pre-commit hook {0}: every commit is checked for personal data first', shownHook)}\n`);
  return 0;
}
