// Writing exports and imports to disk: never over an existing file unless told to, written to a
// temporary file first and renamed into place, so a failure leaves nothing half-written behind.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { codebookXml, projectExport } from '../core/exchange/refiQda';
import { importDocx } from '../core/exchange/docx';
import { importQdc } from '../core/exchange/qdcImport';
import type { ImportOptions, ImportResult } from '../core/exchange/transcriptWriter';
import { importWebVtt } from '../core/exchange/webvtt';
import { csvReport, htmlReport, markdownReport, type ReportInput } from '../core/report';
import { decodeText } from './files';
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

/** The bytes of an export of `project`. */
export async function exportBytes(project: Project, input: ReportInput, options: ExportOptions): Promise<Uint8Array> {
  switch (options.format) {
    case 'qdc':
      return strToU8(codebookXml(project.codebook, project.index.usedCodes()));
    case 'csv':
      return strToU8('\uFEFF' + csvReport(input, options.separator ?? ','));
    case 'md':
      return strToU8(markdownReport(input, { groupBy: options.groupBy }));
    case 'html':
      return strToU8(htmlReport(input, { groupBy: options.groupBy }));
    case 'qdpx': {
      const texts = new Map<string, string>();
      for (const document of project.index.all()) {
        const read = decodeText(await fs.readFile(path.join(project.root, document.path)));
        texts.set(document.key, read.ok ? read.text : '');
      }
      const exported = projectExport({
        name: path.basename(project.root),
        index: project.index,
        codebook: project.codebook,
        textOf: (d) => texts.get(d.key) ?? '',
        now: (options.now ?? new Date()).toISOString(),
      });
      const files: Record<string, Uint8Array> = { 'project.qde': strToU8(exported.xml) };
      for (const source of exported.sources) files[source.path] = strToU8(source.text);
      return zipSync(files);
    }
  }
}

export type ImportKind = 'vtt' | 'docx' | 'qdc';

export function importKindOf(file: string): ImportKind | undefined {
  const extension = path.extname(file).toLowerCase();
  return extension === '.vtt' ? 'vtt' : extension === '.docx' ? 'docx' : extension === '.qdc' ? 'qdc' : undefined;
}

/** Reads one file to import and returns the Markdown to write, or why it cannot be imported. */
export async function importFile(file: string, options: ImportOptions): Promise<ImportResult> {
  const kind = importKindOf(file);
  const bytes = await fs.readFile(file);
  const date = /(\d{4}-\d{2}-\d{2})/.exec(path.basename(file))?.[1];
  const withDefaults = { title: path.basename(file, path.extname(file)), ...(date ? { date } : {}), ...options };
  if (kind === 'docx') return importDocx(bytes, withDefaults);
  const text = decodeText(bytes);
  if (!text.ok) return { ok: false, message: `the file ${text.detail}` };
  if (kind === 'vtt') return importWebVtt(text.text, withDefaults);
  if (kind === 'qdc') {
    const codebook = importQdc(text.text, options.locale ?? 'en', withDefaults.title);
    return codebook.ok ? { ok: true, markdown: codebook.markdown, participants: [], turns: 0 } : codebook;
  }
  return { ok: false, message: 'only .vtt, .docx and .qdc files can be imported' };
}
