// `kader/coding`: the edits that code, recode or uncode a selection (core/edits.ts), checked
// against the document as the client has it.

import { codingEdits } from '../core/edits';
import { localize } from '../core/l10n';
import { parseTranscript } from '../core/parse';
import type { CodingParams, CodingResult } from '../protocol';
import { canonicalUri } from '../workspace/uris';
import { InvalidParams } from './errors';
import type { Snapshot } from './snapshot';

const CODING_ACTIONS = new Set(['code', 'addCode', 'removeCode', 'uncode', 'memo']);

export async function provideCoding(s: Snapshot, params: CodingParams): Promise<CodingResult> {
  const { workspace, locale } = s;
  const uri = canonicalUri(params.uri);
  const view = workspace.view(uri);
  const current = await workspace.textOf(uri);
  if (!view || view.kind !== 'transcript' || !current) return { edits: [], message: localize(locale)('This file is not a transcript of a workspace folder.') };
  if (params.version !== undefined && current.version !== null && params.version !== current.version) {
    return { edits: [], message: localize(locale)('The document changed meanwhile: try again.') };
  }
  if (!CODING_ACTIONS.has(params.action)) throw new InvalidParams(`Unknown coding action: ${String(params.action)}`);
  if (params.action === 'memo' && typeof params.memo !== 'string') throw new InvalidParams('A memo action needs the memo as a string.');
  const open = workspace.documents.get(uri);
  // Candidates are read back reusing the open document's chunks, so checking an edit is quick.
  const readBack = open ? (text: string) => parseTranscript(text, open.cache.fork()) : undefined;
  return codingEdits(current.text, open ? workspace.documents.model(open) : view.model, params, locale, readBack);
}
