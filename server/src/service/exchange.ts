// `kader/export` and `kader/import`: the exchange formats for the client's Export… and
// Import Transcript… commands. The service makes the bytes; the client asks where they go and
// writes them (an import through an undoable workspace edit that never replaces a file).

import { localize } from '../core/l10n';
import type { Locale } from '../core/types';
import type { ImportOptions, ImportResult } from '../core/outputs/exchange/transcriptWriter';
import type { ExportParams, ExportResult, ImportParams, ImportResponse } from '../protocol';
import { exportBytes, importTargetName, type ExportFormat } from '../core/outputs/exchange/exchange';
import { base64Of, bytesOfBase64 } from './base64';
import { Refusal } from './errors';
import { folderFor } from './folders';
import type { Snapshot } from './snapshot';
import { journalOf } from './memos';

const SUGGESTED: Record<ExportFormat, string> = { qdpx: 'qdpx', qdc: 'qdc', csv: 'csv', md: 'md', html: 'html' };

/** Turns a file's bytes into Markdown: in a worker of its own in Node, so a hostile file never blocks the service. */
export type Importer = (fileName: string, bytes: Uint8Array, options: ImportOptions) => Promise<ImportResult>;

/** Needs the workspace snapshot. */
export async function provideExport(s: Snapshot, params: ExportParams): Promise<ExportResult> {
  const { workspace, locale } = s;
  const folder = folderFor(workspace, params.folderUri);
  if (!folder) throw new Refusal(localize(locale)('Open a folder with transcripts first.'));
  const source = {
    name: folder.name,
    index: folder.index,
    codebook: folder.codebook,
    textOf: async (document: { key: string }) => (await workspace.textOf(document.key))?.text ?? '',
  };
  const input = { index: folder.index, codebook: folder.codebook, locale, journal: await journalOf(s, folder) };
  const bytes = await exportBytes(source, input, { format: params.format, separator: params.separator, groupBy: params.groupBy, matrix: params.matrix });
  const base = params.format === 'qdc' ? 'codebook' : folder.name.slice(folder.name.lastIndexOf('/') + 1) || 'kader';
  return { base64: base64Of(bytes), suggestedName: `${base}${params.format === 'csv' && params.matrix ? '-matrix' : ''}.${SUGGESTED[params.format]}`, transcripts: folder.index.size };
}

export async function provideImport(locale: Locale, importer: Importer, params: ImportParams): Promise<ImportResponse> {
  const result = await importer(params.fileName, bytesOfBase64(params.base64), { practice: params.practice, timestamps: params.timestamps, locale });
  if (!result.ok) return result;
  return {
    ok: true,
    markdown: result.markdown,
    suggestedName: importTargetName(params.fileName),
    ...(result.notes?.length ? { notes: result.notes } : {}),
    ...(result.files ? { files: result.files } : {}),
  };
}
