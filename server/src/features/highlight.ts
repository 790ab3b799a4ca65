// Document highlight: the same code everywhere in this document.

import { DocumentHighlightKind, type DocumentHighlight, type DocumentHighlightParams } from 'vscode-languageserver';
import { codeAt, codeTokens } from './codeAt';
import { guarded, type ServerContext } from './context';

export function registerHighlight(context: ServerContext): void {
  const { connection, workspace } = context;
  connection.onDocumentHighlight(
    guarded(context, 'documentHighlight', async (params: DocumentHighlightParams): Promise<DocumentHighlight[] | null> => {
      await workspace.settled();
      const target = codeAt(workspace, params.textDocument.uri, params.position);
      if (!target) return null;
      return codeTokens(target.view.model)
        .filter((t) => t.code === target.token.code)
        .map((t) => ({ range: t.range, kind: DocumentHighlightKind.Text }));
    }),
  );
}
