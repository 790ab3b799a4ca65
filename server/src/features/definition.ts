// Definition: from a code to the codebook heading that defines it.

import type { DefinitionParams, Location } from 'vscode-languageserver';
import { codeAt } from './codeAt';
import { guarded, type ServerContext } from './context';

export function registerDefinition(context: ServerContext): void {
  const { connection, workspace } = context;
  connection.onDefinition(
    guarded(context, 'definition', async (params: DefinitionParams): Promise<Location | null> => {
      await workspace.settled();
      const target = codeAt(workspace, params.textDocument.uri, params.position);
      if (!target) return null;
      const { folder } = target.view;
      const definition = folder.codebook.codes.find((c) => c.code === target.token.code);
      if (!definition?.definition) return null;
      return { uri: workspace.clientUri(folder.codebookUri), range: definition.definition.range };
    }),
  );
}
