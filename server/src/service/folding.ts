// Folding ranges: fenced divs and coded sections.

import type { FoldingRange, FoldingRangeParams } from 'vscode-languageserver-protocol';
import type { Snapshot } from './snapshot';
import { canonicalUri } from '../workspace/uris';

export function provideFoldingRanges(s: Snapshot, params: FoldingRangeParams): FoldingRange[] | null {
  const view = s.workspace.view(canonicalUri(params.textDocument.uri));
  if (!view) return null;
  const ranges: FoldingRange[] = [];
  for (const f of view.model.fragments) {
    if (f.kind !== 'div' && f.kind !== 'section') continue;
    const startLine = f.full.range.start.line;
    const endLine = f.full.range.end.line;
    if (endLine > startLine) ranges.push({ startLine, endLine });
  }
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
