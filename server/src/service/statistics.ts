// `kader/statistics`: the numbers of the Statistics view (core/outputs/statistics.ts) for one
// workspace folder.

import { WorkspaceIndex } from '../core/index/workspaceIndex';
import { computeStatistics } from '../core/outputs/statistics';
import { builtInCodebook } from '../core/parse';
import type { StatisticsParams, StatisticsResult } from '../protocol';
import { canonicalUri } from '../workspace/uris';
import type { Snapshot } from './snapshot';

/** Needs the workspace snapshot. */
export function provideStatistics(s: Snapshot, params: StatisticsParams | undefined): StatisticsResult {
  const { workspace, locale } = s;
  const uri = params?.folderUri === undefined ? undefined : canonicalUri(params.folderUri);
  const folder = uri === undefined ? workspace.folders[0] : (workspace.folders.find((f) => f.uri === uri) ?? workspace.folderOf(uri));
  const options = { filter: params?.filter ?? {}, cooccurrence: params?.cooccurrence === 'code' ? ('code' as const) : ('aspect' as const) };
  const stats = folder
    ? computeStatistics(folder.index, folder.codebook, locale, options)
    : computeStatistics(new WorkspaceIndex(), builtInCodebook(locale), locale, options);
  const result: StatisticsResult = { ...stats, fragments: stats.fragments.map((f) => ({ ...f, uri: workspace.clientUri(f.key) })) };
  if (folder) {
    result.folderUri = folder.uri;
    result.folderName = folder.name;
  }
  return result;
}
