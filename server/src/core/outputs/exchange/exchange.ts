// The exchange formats as bytes: exports (REFI-QDA project and codebook, CSV, reports) and
// imports (Teams/Zoom .vtt, Word .docx, a REFI-QDA .qdc codebook). Hosts read and write the files.

import { strToU8, zipSync } from 'fflate';
import type { IndexedDocument, WorkspaceIndex } from '../../index/workspaceIndex';
import { localize } from '../../l10n';
import type { Codebook } from '../../types';
import { csvMatrixReport, csvReport, htmlReport, markdownReport, type ReportInput } from '../report';
import { importDocx } from './docx';
import { IMPORT_LIMITS, tooMuchText } from './importLimits';
import { importQdc } from './qdcImport';
import { importQdpx } from './qdpxImport';
import { codebookXml, projectExport } from './refiQda';
import type { ImportOptions, ImportResult } from './transcriptWriter';
import { importWebVtt } from './webvtt';
import type { Inflater } from './zip';
import { decodeText, readProblemText } from '../../fileText';

export type ExportFormat = 'qdpx' | 'qdc' | 'csv' | 'md' | 'html';

export interface ExportOptions {
  format: ExportFormat;
  separator?: ',' | ';';
  groupBy?: 'aspect' | 'practice';
  /** With `csv`: the document × code matrix instead of one row per fragment. */
  matrix?: 'documents';
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

/** The bytes of an export. */
export async function exportBytes(source: ExportSource, input: ReportInput, options: ExportOptions): Promise<Uint8Array> {
  switch (options.format) {
    case 'qdc':
      return strToU8(codebookXml(source.codebook, source.index.usedCodes()));
    case 'csv':
      return strToU8('\uFEFF' + (options.matrix ? csvMatrixReport(input, options.separator ?? ',') : csvReport(input, options.separator ?? ',')));
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
        journal: input.journal,
        now: (options.now ?? new Date()).toISOString(),
      });
      const files: Record<string, Uint8Array> = { 'project.qde': strToU8(exported.xml) };
      for (const file of exported.sources) files[file.path] = strToU8(file.text);
      return zipSync(files);
    }
  }
}

export type ImportKind = 'vtt' | 'docx' | 'qdc' | 'qdpx';

/** `report.2024.vtt` → `.vtt`; a name without a dot after its last slash has none. */
function extensionOf(file: string): string {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot) : '';
}

/** The file's name without its folder and extension. */
function stemOf(file: string): string {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return name.slice(0, name.length - extensionOf(name).length);
}

export function importKindOf(file: string): ImportKind | undefined {
  const extension = extensionOf(file).toLowerCase();
  return extension === '.vtt' ? 'vtt' : extension === '.docx' ? 'docx' : extension === '.qdc' ? 'qdc' : extension === '.qdpx' ? 'qdpx' : undefined;
}

/** Turns the bytes of a file to import into Markdown, or says why it cannot be imported. */
export async function importBytes(fileName: string, bytes: Uint8Array, options: ImportOptions, inflate?: Inflater): Promise<ImportResult> {
  const t = localize(options.locale ?? 'en');
  const kind = importKindOf(fileName);
  const base = stemOf(fileName);
  const date = /(\d{4}-\d{2}-\d{2})/.exec(base)?.[1];
  const withDefaults = { title: base, ...(date ? { date } : {}), ...options };
  if (kind === 'docx') return importDocx(bytes, withDefaults, inflate);
  if (kind === 'qdpx') return importQdpx(bytes, withDefaults, inflate);
  // Not even decoded when the bytes hold more characters than the limit at four bytes each.
  if ((kind === 'vtt' || kind === 'qdc') && bytes.length > IMPORT_LIMITS.textChars * 4) return { ok: false, message: tooMuchText(kind, options.locale ?? 'en') };
  const text = decodeText(bytes);
  if (!text.ok) return { ok: false, message: t('the file {0}', readProblemText(text, t)) };
  if (kind === 'vtt') return importWebVtt(text.text, withDefaults);
  if (kind === 'qdc') {
    const codebook = importQdc(text.text, options.locale ?? 'en', withDefaults.title);
    return codebook.ok ? { ok: true, markdown: codebook.markdown, participants: [], turns: 0 } : codebook;
  }
  return { ok: false, message: t('only .vtt, .docx, .qdc and .qdpx files can be imported') };
}

/** The name of the Markdown file an import writes (a project import writes the files it names). */
export function importTargetName(fileName: string): string {
  return importKindOf(fileName) === 'qdc' ? 'codebook.md' : `${stemOf(fileName)}.md`;
}

