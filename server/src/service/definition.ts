// Definition: from a code to the codebook heading that defines it.

import type { DefinitionParams, Location } from 'vscode-languageserver-protocol';
import { codeAt } from './codeAt';
import type { Snapshot } from './snapshot';

export function provideDefinition(s: Snapshot, params: DefinitionParams): Location | null {
  const target = codeAt(s.workspace, params.textDocument.uri, params.position);
  if (!target) return null;
  const { folder } = target.view;
  const definition = folder.codebook.codes.find((c) => c.code === target.token.code);
  if (!definition?.definition) return null;
  return { uri: s.workspace.clientUri(folder.codebookUri), range: definition.definition.range };
}
