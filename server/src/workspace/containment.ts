// Whether a file a client names lies inside the workspace folders, also once symbolic links are
// followed: a link inside a folder that leads outside it does not count as inside.

import { realpath } from 'node:fs/promises';
import * as path from 'node:path';

/** Whether `child` lies below `parent` (absolute paths; letter case folded where the file system folds it). */
export function isInside(child: string, parent: string): boolean {
  const fold = (p: string): string => (process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p);
  const relative = path.relative(fold(parent), fold(child));
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

async function real(p: string): Promise<string | undefined> {
  try {
    return await realpath(p);
  } catch {
    return undefined;
  }
}

/**
 * The real path of `file` when it is inside one of `roots` (absolute folder paths), as written and
 * after following links; undefined otherwise. A file that does not exist is judged by its folder.
 */
export async function realPathInside(file: string, roots: readonly string[]): Promise<string | undefined> {
  const resolved = path.resolve(file);
  if (!roots.some((root) => isInside(resolved, path.resolve(root)))) return undefined;
  const target = (await real(resolved)) ?? (await real(path.dirname(resolved)).then((dir) => dir && path.join(dir, path.basename(resolved))));
  if (!target) return undefined;
  for (const root of roots) {
    const realRoot = (await real(root)) ?? path.resolve(root);
    if (isInside(target, realRoot)) return target;
  }
  return undefined;
}
