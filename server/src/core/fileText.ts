// Files as text, whatever holds them: which paths of a folder are transcripts, how bytes are
// decoded, the size limit, and why a file was not read. No Node: the browser build shares it.

import type { Translate } from './l10n';

export const DEFAULT_CODEBOOK = 'codebook.md';
/** The project's saved queries (client/src/queries/savedQueries.ts): not a transcript. */
export const SAVED_QUERIES_FILE = 'queries.md';
const NOT_TRANSCRIPTS = new Set(['readme.md', 'changelog.md', SAVED_QUERIES_FILE]);

export type ReadProblem = 'binary' | 'encoding' | 'unreadable' | 'missing' | 'too-large' | 'outside';

export type ReadResult = { ok: true; text: string } | { ok: false; problem: ReadProblem; detail: string };

/** Files larger than this are not read: no transcript is near it. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** The default of `kader.transcripts.maxSizeMB` and `kader --max-size`: far above any real transcript (a day of talk is about 1 MB). */
export const DEFAULT_MAX_TRANSCRIPT_MB = 20;

export const bytesOfMB = (mb: number): number => Math.round(mb * 1024 * 1024);

/** The length of `text` in UTF-8 bytes (a lone surrogate as the three bytes of U+FFFD), without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** A size limit in MB as people write it: three significant digits at most, no trailing zeros. */
export function formatMB(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return String(mb >= 100 ? Math.round(mb) : Number(mb.toPrecision(3)));
}

/** The `too-large` problem of a file of `size` bytes, when it is over `maxBytes`. */
export function sizeProblem(size: number, maxBytes: number): Extract<ReadResult, { ok: false }> | undefined {
  return size > maxBytes ? { ok: false, problem: 'too-large', detail: `is larger than ${formatMB(maxBytes)} MB` } : undefined;
}

/** Decodes a file's bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM; NUL bytes mean binary. */
export function decodeText(bytes: Uint8Array): ReadResult {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = new Uint8Array(bytes.length - 2);
    for (let i = 2; i + 1 < bytes.length; i += 2) {
      swapped[i - 2] = bytes[i + 1]!;
      swapped[i - 1] = bytes[i]!;
    }
    return { ok: true, text: new TextDecoder('utf-16le').decode(swapped) };
  }
  if (bytes.includes(0)) return { ok: false, problem: 'binary', detail: 'contains NUL bytes' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { ok: false, problem: 'encoding', detail: 'is not valid UTF-8' };
  }
}

export interface FolderListing {
  /** Transcript paths relative to the folder, with `/`, sorted. */
  transcripts: string[];
  /** Folders that could not be listed, with the reason. */
  problems: { path: string; detail: string }[];
}

/** The project journal's folder (SYNTAX.md §10): its Markdown files are memos, not transcripts. */
export const JOURNAL_FOLDER = 'memos';

/** A Markdown file in the project journal (`memos/…`, relative to the folder). */
export function isJournalPath(relative: string): boolean {
  return relative.startsWith(`${JOURNAL_FOLDER}/`) && relative.toLowerCase().endsWith('.md');
}

export function isTranscriptPath(relative: string, codebookPath = DEFAULT_CODEBOOK): boolean {
  if (isJournalPath(relative)) return false;
  const parts = relative.split('/');
  const name = parts[parts.length - 1]!;
  if (!name.toLowerCase().endsWith('.md')) return false;
  if (relative === codebookPath || NOT_TRANSCRIPTS.has(name.toLowerCase())) return false;
  return !parts.some((p, i) => i < parts.length - 1 && (p.startsWith('.') || p === 'node_modules'));
}

/** Why a file was not read, in the reader's language; a message of the system itself stays as it came. */
export function readProblemText(problem: { problem: string; detail: string }, t: Translate): string {
  switch (problem.problem) {
    case 'binary':
      return t('contains NUL bytes');
    case 'encoding':
      return t('is not valid UTF-8');
    case 'outside':
      return t('is a link to a file outside the folder');
    case 'missing':
      return t('does not exist');
    default:
      return problem.detail;
  }
}
