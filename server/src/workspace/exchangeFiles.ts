// Writing exports and imports to disk: never over an existing file unless told to, written to a
// temporary file first and renamed into place, so a failure leaves nothing half-written behind.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { codebookXml, projectExport } from '../core/outputs/exchange/refiQda';
import { importDocx } from '../core/outputs/exchange/docx';
import { IMPORT_LIMITS, tooMuchText } from '../core/outputs/exchange/importLimits';
import { importQdc } from '../core/outputs/exchange/qdcImport';
import { localize } from '../core/l10n';
import type { ImportOptions, ImportResult } from '../core/outputs/exchange/transcriptWriter';
import { importWebVtt } from '../core/outputs/exchange/webvtt';
import { csvReport, htmlReport, markdownReport, type ReportInput } from '../core/outputs/report';
import type { Codebook } from '../core/types';
import type { IndexedDocument, WorkspaceIndex } from '../core/index/workspaceIndex';
import { decodeText, readProblemText } from './files';
import { inflateWithZlib } from './zlibInflate';
import type { Project } from './project';

export type ExportFormat = 'qdpx' | 'qdc' | 'csv' | 'md' | 'html';

export class ExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists`);
  }
}

/** Writes `data` to `file` through a temporary file beside it; refuses to replace a file unless `force`. */
export async function writeNew(file: string, data: Uint8Array | string, force: boolean): Promise<void> {
  if (!force) {
    try {
      await fs.lstat(file);
      throw new ExistsError(file);
    } catch (error) {
      if (error instanceof ExistsError) throw error;
    }
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.kader-tmp`);
  try {
    await fs.writeFile(temporary, data, { flag: 'wx' });
    await fs.rename(temporary, file);
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

export interface ExportOptions {
  format: ExportFormat;
  separator?: ',' | ';';
  groupBy?: 'aspect' | 'practice';
  /** The clock, for the project's creation time. */
  now?: Date;
}

/** What an export reads: the index, the codebook, and each transcript's text as indexed. */
export interface ExportSource {
  name: string;
  index: WorkspaceIndex;
  codebook: Codebook;
  /** The text the document's model was made from (the unsaved text of an open document). */
  textOf(document: IndexedDocument): Promise<string>;
}

/** Reads transcripts from disk under `root`, for the CLI. */
export function diskExportSource(project: Project): ExportSource {
  return {
    name: path.basename(project.root),
    index: project.index,
    codebook: project.codebook,
    textOf: async (document) => {
      const read = decodeText(await fs.readFile(path.join(project.root, document.path)));
      return read.ok ? read.text : '';
    },
  };
}

/** The bytes of an export. */
export async function exportBytes(source: ExportSource, input: ReportInput, options: ExportOptions): Promise<Uint8Array> {
  switch (options.format) {
    case 'qdc':
      return strToU8(codebookXml(source.codebook, source.index.usedCodes()));
    case 'csv':
      return strToU8('\uFEFF' + csvReport(input, options.separator ?? ','));
    case 'md':
      return strToU8(markdownReport(input, { groupBy: options.groupBy }));
    case 'html':
      return strToU8(htmlReport(input, { groupBy: options.groupBy }));
    case 'qdpx': {
      const texts = new Map<string, string>();
      for (const document of source.index.all()) texts.set(document.key, await source.textOf(document));
      const exported = projectExport({
        name: source.name,
        index: source.index,
        codebook: source.codebook,
        textOf: (d) => texts.get(d.key) ?? '',
        now: (options.now ?? new Date()).toISOString(),
      });
      const files: Record<string, Uint8Array> = { 'project.qde': strToU8(exported.xml) };
      for (const file of exported.sources) files[file.path] = strToU8(file.text);
      return zipSync(files);
    }
  }
}

export type ImportKind = 'vtt' | 'docx' | 'qdc';

export function importKindOf(file: string): ImportKind | undefined {
  const extension = path.extname(file).toLowerCase();
  return extension === '.vtt' ? 'vtt' : extension === '.docx' ? 'docx' : extension === '.qdc' ? 'qdc' : undefined;
}

/** Turns the bytes of a file to import into Markdown, or says why it cannot be imported. */
export async function importBytes(fileName: string, bytes: Uint8Array, options: ImportOptions): Promise<ImportResult> {
  const t = localize(options.locale ?? 'en');
  const kind = importKindOf(fileName);
  const base = path.basename(fileName, path.extname(fileName));
  const date = /(\d{4}-\d{2}-\d{2})/.exec(base)?.[1];
  const withDefaults = { title: base, ...(date ? { date } : {}), ...options };
  if (kind === 'docx') return importDocx(bytes, withDefaults, inflateWithZlib);
  // Not even decoded when the bytes hold more characters than the limit at four bytes each.
  if ((kind === 'vtt' || kind === 'qdc') && bytes.length > IMPORT_LIMITS.textChars * 4) return { ok: false, message: tooMuchText(kind, options.locale ?? 'en') };
  const text = decodeText(bytes);
  if (!text.ok) return { ok: false, message: t('the file {0}', readProblemText(text, t)) };
  if (kind === 'vtt') return importWebVtt(text.text, withDefaults);
  if (kind === 'qdc') {
    const codebook = importQdc(text.text, options.locale ?? 'en', withDefaults.title);
    return codebook.ok ? { ok: true, markdown: codebook.markdown, participants: [], turns: 0 } : codebook;
  }
  return { ok: false, message: t('only .vtt, .docx and .qdc files can be imported') };
}

/** The name of the Markdown file an import writes. */
export function importTargetName(fileName: string): string {
  return importKindOf(fileName) === 'qdc' ? 'codebook.md' : `${path.basename(fileName, path.extname(fileName))}.md`;
}

export async function importFile(file: string, options: ImportOptions): Promise<ImportResult> {
  return importBytes(file, await fs.readFile(file), options);
}
