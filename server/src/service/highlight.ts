// Document highlight: the same code everywhere in this document.

import { DocumentHighlightKind, type DocumentHighlight, type DocumentHighlightParams } from 'vscode-languageserver-protocol';
import { codeAt, codeTokens } from './codeAt';
import type { Snapshot } from './snapshot';

export function provideHighlights(s: Snapshot, params: DocumentHighlightParams): DocumentHighlight[] | null {
  const target = codeAt(s.workspace, params.textDocument.uri, params.position);
  if (!target) return null;
  return codeTokens(target.view.model)
    .filter((t) => t.code === target.token.code)
    .map((t) => ({ range: t.range, kind: DocumentHighlightKind.Text }));
}
