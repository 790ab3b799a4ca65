// Loads a whole folder into an index: the CLI's and the benchmark's way in.

import * as path from 'node:path';
import { builtInCodebook, codeLookup, parseCodebook, transcriptDiagnostics } from '../core/parse';
import type { Codebook, Diagnostic, Locale } from '../core/types';
import { WorkspaceIndex } from '../core/index/workspaceIndex';
import { bytesOfMB, DEFAULT_CODEBOOK, DEFAULT_MAX_TRANSCRIPT_MB, formatMB, listTranscripts, readText, type ReadProblem } from './files';
import { Indexer } from './indexer';

export interface FileProblem {
  path: string;
  problem: ReadProblem | 'folder';
  detail: string;
}

export interface Project {
  root: string;
  index: WorkspaceIndex;
  codebook: Codebook;
  /** Relative path of the codebook file, when there is one. */
  codebookPath?: string;
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

export async function loadProject(root: string, options: LoadOptions): Promise<Project> {
  const codebookPath = options.codebookPath ?? DEFAULT_CODEBOOK;
  const maxBytes = options.maxBytes ?? bytesOfMB(DEFAULT_MAX_TRANSCRIPT_MB);
  const problems: FileProblem[] = [];
  const codebookText = await readText(path.join(root, codebookPath), undefined, root);
  let codebook = builtInCodebook(options.locale);
  let foundCodebook: string | undefined;
  if (codebookText.ok) {
    codebook = parseCodebook(codebookText.text);
    foundCodebook = codebookPath;
  } else if (codebookText.problem !== 'missing') {
    problems.push({ path: codebookPath, problem: codebookText.problem, detail: codebookText.detail });
  }

  const listing = await listTranscripts(root, codebookPath);
  for (const p of listing.problems) problems.push({ path: p.path, problem: 'folder', detail: p.detail });
  const index = new WorkspaceIndex();
  const indexer = options.indexer ?? new Indexer({ cacheDir: options.cacheDir, workers: options.workers });
  try {
    const sources = listing.transcripts.map((relative) => ({ key: relative, path: relative, file: path.join(root, relative), within: root }));
    const { outcomes } = await indexer.indexFiles(sources, { onProgress: options.onProgress, maxBytes });
    for (const outcome of outcomes) {
      if (outcome.ok) index.set(outcome.key, outcome.path, outcome.model);
      else problems.push({ path: outcome.path, problem: outcome.problem, detail: outcome.detail });
    }
  } finally {
    if (!options.indexer) await indexer.dispose();
  }
  return { root, index, codebook, codebookPath: foundCodebook, problems, maxBytes };
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
