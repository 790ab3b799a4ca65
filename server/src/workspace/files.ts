// Files on disk: every transcript of a folder, and reading a file safely as text.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isInside } from './containment';
import { decodeText, isTranscriptPath, MAX_FILE_BYTES, sizeProblem, DEFAULT_CODEBOOK, type FolderListing, type ReadResult } from '../core/fileText';

/**
 * Reads a text file; one larger than `maxBytes` is not read (a `too-large` problem). With `within`
 * (the workspace folder), a file that lies outside that folder once links are followed is not read
 * either (an `outside` problem): a shared repository could otherwise carry a link to a private file, whose
 * text would then be shown, reported and exported.
 */
export async function readText(file: string, maxBytes = MAX_FILE_BYTES, within?: string): Promise<ReadResult> {
  try {
    if (within !== undefined) {
      // The file itself or a folder on its way may be the link.
      const [target, root] = await Promise.all([fs.realpath(file), fs.realpath(within)]);
      if (target !== root && !isInside(target, root)) return { ok: false, problem: 'outside', detail: 'is a link to a file outside the folder' };
    }
    const stat = await fs.stat(file);
    // A FIFO, socket, device or folder named `.md` is never opened: reading a FIFO blocks forever.
    if (!stat.isFile()) return { ok: false, problem: 'unreadable', detail: 'is not a file' };
    const tooLarge = sizeProblem(stat.size, Math.min(maxBytes, MAX_FILE_BYTES));
    if (tooLarge) return tooLarge;
    return decodeText(await fs.readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, problem: 'missing', detail: 'does not exist' };
    return { ok: false, problem: 'unreadable', detail: (error as Error).message };
  }
}

/** Every transcript under `root`. Symbolic links to folders are not followed (no loops). */
export async function listTranscripts(root: string, codebookPath = DEFAULT_CODEBOOK): Promise<FolderListing> {
  const listing: FolderListing = { transcripts: [], problems: [] };
  const walk = async (relative: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(path.join(root, relative), { withFileTypes: true });
    } catch (error) {
      listing.problems.push({ path: relative || '.', detail: (error as Error).message });
      return;
    }
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') await walk(child);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && isTranscriptPath(child, codebookPath)) {
        listing.transcripts.push(child);
      }
    }
  };
  await walk('');
  listing.transcripts.sort();
  return listing;
}

