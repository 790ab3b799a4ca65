// `kader/codes` (the codes to choose from, with their colours and use) and `kader/documentFragments`
// (a document's fragments, for the editor's colours and the code picker).

import { aspectOf } from '../core/codes';
import { builtInCodebook } from '../core/parse';
import type { Codebook } from '../core/types';
import type { CodeInfo, CodesParams, CodesResult, DocumentFragment, DocumentFragmentsParams, DocumentFragmentsResult } from '../protocol';
import { canonicalUri } from '../workspace/uris';
import { knownCodes } from './codeAt';
import { folderFor } from './folders';
import type { Snapshot } from './snapshot';

/** The colour of a code: its own, else its aspect's. */
export function colorOf(codebook: Codebook, code: string): string | undefined {
  const own = codebook.codes.find((c) => c.code === code)?.color;
  return own ?? codebook.codes.find((c) => c.code === aspectOf(code))?.color;
}

/** Needs the workspace snapshot (use counts). */
export function provideCodes(s: Snapshot, params: CodesParams | undefined): CodesResult {
  const folder = folderFor(s.workspace, params?.uri);
  if (!folder) {
    const codebook = builtInCodebook(s.locale);
    return { codes: codebook.codes.map((c) => ({ code: c.code, name: c.name, description: c.shortDescription, color: c.color, count: 0, defined: true })) };
  }
  const usage = folder.index.codeUsage();
  const codes = knownCodes(folder).map((code) => {
    const definition = folder.codebook.codes.find((c) => c.code === code);
    const info: CodeInfo = { code, name: definition?.name ?? code, count: usage.get(code) ?? 0, defined: definition !== undefined };
    if (definition?.shortDescription) info.description = definition.shortDescription;
    if (definition?.memo) info.memo = definition.memo;
    const color = colorOf(folder.codebook, code);
    if (color) info.color = color;
    return info;
  });
  const result: CodesResult = { codes };
  if (folder.codebookSource) result.codebookUri = s.workspace.clientUri(folder.codebookUri);
  return result;
}

export function provideDocumentFragments(s: Snapshot, params: DocumentFragmentsParams): DocumentFragmentsResult {
  const { workspace } = s;
  const view = workspace.view(canonicalUri(params.uri));
  if (!view || view.kind !== 'transcript') return { version: workspace.documents.get(canonicalUri(params.uri))?.document.version ?? null, fragments: [] };
  const blocks = new Map(view.model.attributeBlocks.map((b) => [b.span.start, b.range]));
  const fragments = view.model.fragments.map((f) => {
    const fragment: DocumentFragment = {
      id: f.id,
      parent: f.parent,
      kind: f.kind,
      codes: f.codes,
      text: f.text,
      range: f.content.range,
      fullRange: f.full.range,
      attributeRange: blocks.get(f.attributeBlock.start)!,
    };
    const color = colorOf(view.folder.codebook, f.codes[0]!);
    if (color) fragment.color = color;
    if (f.codes.length > 1) fragment.colors = f.codes.map((code) => colorOf(view.folder.codebook, code) ?? null);
    if (f.memo !== undefined) fragment.memo = f.memo;
    if (f.speaker !== undefined) fragment.speaker = f.speaker;
    return fragment;
  });
  return { version: view.version, fragments };
}
