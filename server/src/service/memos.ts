// `kader/memos`: every memo of the project (core/index/memos.ts), with the URIs to open them. The
// journal's files (`memos/…`) are read here on each request: they are few and small, and not in
// the index (they are not transcripts).

import { JOURNAL_FOLDER, MAX_FILE_BYTES } from '../core/fileText';
import { memosOf, readJournalEntry, sortJournal, type JournalEntry } from '../core/index/memos';
import type { MemoItem, MemosParams, MemosResult } from '../protocol';
import type { FileSystem } from '../workspace/fileSystem';
import { canonicalUri, joinUri } from '../workspace/uris';
import type { Folder } from '../workspace/workspaceFolders';
import { checkCancelled, type Cancellation } from './errors';
import type { Snapshot } from './snapshot';

/** The journal of a folder: each readable Markdown file under `memos/`, in path order. */
export async function readJournal(fileSystem: FileSystem, folderUri: string): Promise<JournalEntry[]> {
  const root = joinUri(folderUri, JOURNAL_FOLDER);
  if (!(await fileSystem.exists(root))) return [];
  const listing = await fileSystem.listTranscripts(root, '');
  const entries: JournalEntry[] = [];
  for (const relative of listing.transcripts) {
    const path = `${JOURNAL_FOLDER}/${relative}`;
    const read = await fileSystem.readText(joinUri(folderUri, path), MAX_FILE_BYTES, folderUri);
    if (read.ok) entries.push(readJournalEntry(path, read.text));
  }
  return sortJournal(entries);
}

/** The folder's journal, or none where the folder has no files (untitled). */
export async function journalOf(s: Snapshot, folder: Folder): Promise<JournalEntry[]> {
  return folder.hasFiles ? readJournal(s.fileSystem, folder.uri) : [];
}

/** Needs the workspace snapshot. Every Kader project folder, or the one `folderUri` names. */
export async function provideMemos(s: Snapshot, params: MemosParams | undefined, token?: Cancellation): Promise<MemosResult> {
  const wanted = params?.folderUri === undefined ? undefined : canonicalUri(params.folderUri);
  const folders = s.workspace.folders.filter((f) => f.isProject && (wanted === undefined || f.uri === wanted));
  const memos: MemoItem[] = [];
  for (const folder of folders) {
    const journal = await journalOf(s, folder);
    checkCancelled(token);
    const codebookPath = folder.codebookSource ? folder.settings.codebookPath : undefined;
    for (const memo of memosOf(folder.index, folder.codebook, codebookPath, journal)) {
      const uriOf = (path: string): string => s.workspace.clientUri(folder.uriOf(path));
      const item: MemoItem = { ...memo, uri: uriOf(memo.path), links: memo.links?.map((l) => ({ ...l, uri: uriOf(l.path) })) };
      if (!memo.links) delete item.links;
      if (folders.length > 1) item.folder = folder.name;
      memos.push(item);
    }
  }
  const result: MemosResult = { memos };
  if (s.workspace.folders.length > 0 && !s.workspace.folders.some((f) => f.isProject)) result.noProject = true;
  return result;
}
