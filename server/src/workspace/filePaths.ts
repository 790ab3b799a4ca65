// `file:` URIs as paths of this machine's file system (Node only).

import { fileURLToPath } from 'node:url';

/** The file system path of a `file:` URI, or undefined for other schemes. */
export function fsPathOf(uri: string): string | undefined {
  if (!/^file:/i.test(uri)) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
