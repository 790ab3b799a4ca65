// References: every use of a code in its workspace folder (open or not) and every place the
// project journal (memos/) names it, with the codebook heading that defines it when the client
// asks for the declaration too.

import type { Location, ReferenceParams } from 'vscode-languageserver-protocol';
import { codeAt, codeTokens } from './codeAt';
import { checkCancelled, type Cancellation } from './errors';
import { journalOf } from './memos';
import type { Snapshot } from './snapshot';

export async function provideReferences(s: Snapshot, params: ReferenceParams, token?: Cancellation): Promise<Location[] | null> {
  const { workspace } = s;
  const target = codeAt(workspace, params.textDocument.uri, params.position);
  if (!target) return null;
  const { folder } = target.view;
  const { code } = target.token;
  const locations: Location[] = [];
  const definition = folder.codebook.codes.find((c) => c.code === code);
  if (params.context.includeDeclaration && definition?.codeToken) {
    locations.push({ uri: workspace.clientUri(folder.codebookUri), range: definition.codeToken.range });
  }
  for (const document of folder.index.documentsUsing(code)) {
    checkCancelled(token);
    for (const t of codeTokens(document.model)) {
      if (t.code === code) locations.push({ uri: workspace.clientUri(document.key), range: t.range });
    }
  }
  for (const entry of await journalOf(s, folder)) {
    for (const named of entry.codes) if (named.code === code) locations.push({ uri: workspace.clientUri(folder.uriOf(entry.path)), range: named.range });
  }
  checkCancelled(token);
  return locations;
}
