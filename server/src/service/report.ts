// `kader/report`: the Markdown report of a folder (core/outputs/report.ts), the journal as its appendix.

import { WorkspaceIndex } from '../core/index/workspaceIndex';
import { builtInCodebook } from '../core/parse';
import { markdownReport } from '../core/outputs/report';
import type { ReportParams } from '../protocol';
import { folderFor } from './folders';
import { journalOf } from './memos';
import type { Snapshot } from './snapshot';

/** Needs the workspace snapshot. */
export async function provideReport(s: Snapshot, params: ReportParams | undefined): Promise<{ text: string }> {
  const { locale } = s;
  const folder = folderFor(s.workspace, params?.folderUri);
  if (!folder) return { text: markdownReport({ index: new WorkspaceIndex(), codebook: builtInCodebook(locale), locale }) };
  const codebookPath = folder.codebookSource ? folder.settings.codebookPath : undefined;
  return { text: markdownReport({ index: folder.index, codebook: folder.codebook, codebookPath, locale, journal: await journalOf(s, folder) }) };
}
