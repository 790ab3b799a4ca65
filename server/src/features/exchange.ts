// `kader/export` and `kader/import`: the exchange formats for the client's Export… and
// Import Transcript… commands. The server makes the bytes; the client asks where they go and
// writes them (an import through an undoable workspace edit that never replaces a file).

import * as path from 'node:path';
import { localize } from '../core/l10n';
import { ExportRequest, ImportRequest, type ExportResult, type ImportResponse } from '../protocol';
import { exportBytes, importTargetName, type ExportFormat } from '../workspace/exchangeFiles';
import { importInWorker } from '../workspace/importRunner';
import { guarded, refusal, type ServerContext } from './context';
import { folderFor } from './customRequests';

const SUGGESTED: Record<ExportFormat, string> = { qdpx: 'qdpx', qdc: 'qdc', csv: 'csv', md: 'md', html: 'html' };

export function registerExchange(context: ServerContext): void {
  const { connection, workspace } = context;

  connection.onRequest(
    ExportRequest,
    guarded(context, ExportRequest.method, async (params): Promise<ExportResult> => {
      await workspace.ready;
      workspace.syncAll();
      const folder = folderFor(context, params.folderUri);
      if (!folder) throw refusal(localize(context.locale())('Open a folder with transcripts first.'));
      const locale = context.locale();
      const source = {
        name: folder.name,
        index: folder.index,
        codebook: folder.codebook,
        textOf: async (document: { key: string }) => (await workspace.textOf(document.key))?.text ?? '',
      };
      const input = { index: folder.index, codebook: folder.codebook, locale };
      const bytes = await exportBytes(source, input, { format: params.format, separator: params.separator, groupBy: params.groupBy });
      const base = params.format === 'qdc' ? 'codebook' : path.basename(folder.name) || 'kader';
      return { base64: Buffer.from(bytes).toString('base64'), suggestedName: `${base}.${SUGGESTED[params.format]}`, transcripts: folder.index.size };
    }),
  );

  connection.onRequest(
    ImportRequest,
    guarded(context, ImportRequest.method, async (params): Promise<ImportResponse> => {
      // In a worker of its own, within a time limit: a hostile file never blocks this thread.
      const result = await importInWorker(params.fileName, Buffer.from(params.base64, 'base64'), {
        practice: params.practice,
        timestamps: params.timestamps,
        locale: context.locale(),
      });
      return result.ok ? { ok: true, markdown: result.markdown, suggestedName: importTargetName(params.fileName) } : result;
    }),
  );
}
