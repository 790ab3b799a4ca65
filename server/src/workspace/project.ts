// A whole folder loaded for the CLI and the benchmark: the language service over the Node file
// system, one folder scanned the way the server scans it, and what it holds.

import { codeLookup, transcriptDiagnostics } from '../core/parse';
import type { Codebook, Diagnostic, Locale } from '../core/types';
import type { WorkspaceIndex } from '../core/index/workspaceIndex';
import type { JournalEntry } from '../core/index/memos';
import { readJournal } from '../service/memos';
import { createKaderService, type KaderService } from '../service/service';
import { bytesOfMB, DEFAULT_CODEBOOK, DEFAULT_MAX_TRANSCRIPT_MB, formatMB, type ReadProblem } from '../core/fileText';
import { importInWorker } from './importRunner';
import { Indexer } from './indexer';
import { nodeFileSystem } from './nodeFileSystem';
import { nodeGitAccess } from './nodeGitAccess';
import { DEFAULT_SETTINGS } from './settings';
import { fileUri } from './uris';
import type { Logger } from './workspace';

export interface FileProblem {
  path: string;
  problem: ReadProblem | 'folder';
  detail: string;
}

export interface Project {
  root: string;
  /** The service the folder was loaded by, for everything else a command asks. */
  service: KaderService;
  index: WorkspaceIndex;
  codebook: Codebook;
  /** Relative path of the codebook file, when there is one. */
  codebookPath?: string;
  /** The project journal: the Markdown files of `memos/`. */
  journal: JournalEntry[];
  /** Files that could not be read. */
  problems: FileProblem[];
  /** Transcripts larger than this many bytes were skipped (`too-large` problems). */
  maxBytes: number;
}

export interface LoadOptions {
  locale: Locale;
  codebookPath?: string;
  /** The persistent model cache folder (`kader --cache DIR`). */
  cacheDir?: string;
  /** An indexer to use (and keep); else one is made for this load and stopped after it. */
  indexer?: Indexer;
  /** Worker threads, when no indexer is given. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  /** Transcripts larger than this (bytes) are skipped; default DEFAULT_MAX_TRANSCRIPT_MB. */
  maxBytes?: number;
}

/** Problems are collected per file (`Project.problems`); nothing is logged. */
const QUIET: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export async function loadProject(root: string, options: LoadOptions): Promise<Project> {
  const codebookPath = options.codebookPath ?? DEFAULT_CODEBOOK;
  const maxBytes = options.maxBytes ?? bytesOfMB(DEFAULT_MAX_TRANSCRIPT_MB);
  const indexer = options.indexer ?? new Indexer({ cacheDir: options.cacheDir, workers: options.workers });
  const service = createKaderService({ fileSystem: nodeFileSystem, git: nodeGitAccess, importer: importInWorker, indexer, log: QUIET, locale: options.locale });
  const { workspace } = service;
  const folder = workspace.updateFolders([{ uri: fileUri(root) }], []).added[0]!;
  // A folder named on the command line is a Kader project: whoever ran `kader check DIR` asked for it.
  folder.settings = { ...DEFAULT_SETTINGS, codebookPath, maxSizeMB: maxBytes / 1024 / 1024, project: 'always' };
  try {
    await workspace.scan(folder, options.onProgress);
  } finally {
    workspace.markReady();
    if (!options.indexer) await indexer.dispose();
  }
  const problems = [...folder.problems].map(([path, p]) => ({ path, problem: p.problem, detail: p.detail })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const journal = await readJournal(nodeFileSystem, folder.uri);
  return { root, service, index: folder.index, codebook: folder.codebook, codebookPath: folder.codebookSource ? codebookPath : undefined, journal, problems, maxBytes };
}

/** All diagnostics of a project by relative path: syntax, codes against the codebook, codebook. */
export function projectDiagnostics(project: Project): { path: string; diagnostics: Diagnostic[] }[] {
  const lookup = codeLookup(project.codebook);
  const out: { path: string; diagnostics: Diagnostic[] }[] = [];
  if (project.codebookPath && project.codebook.diagnostics.length > 0) {
    out.push({ path: project.codebookPath, diagnostics: project.codebook.diagnostics });
  }
  const transcripts: typeof out = [];
  for (const document of project.index.all()) {
    const diagnostics = transcriptDiagnostics(document.model, lookup);
    if (diagnostics.length > 0) transcripts.push({ path: document.path, diagnostics });
  }
  // A transcript past the size limit was not read: one warning at its start says so.
  for (const p of project.problems) {
    if (p.problem !== 'too-large' || p.path === project.codebookPath) continue;
    const args = { limit: formatMB(project.maxBytes), setting: '--max-size' };
    transcripts.push({ path: p.path, diagnostics: [{ rule: 'too-large', severity: 'warning', args, span: { start: 0, end: 0 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] });
  }
  transcripts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return [...out, ...transcripts];
}
