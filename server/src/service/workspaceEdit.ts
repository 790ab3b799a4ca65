// Builds a WorkspaceEdit in the form the client supports: versioned `documentChanges` (with a
// CreateFile where needed) when it can, else a plain `changes` map.

import type { CreateFile, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { ClientFeatures } from './clientFeatures';
import type { WorkspaceReader } from './snapshot';

export class WorkspaceEditBuilder {
  private readonly operations: (TextDocumentEdit | CreateFile)[] = [];
  private readonly changes: Record<string, TextEdit[]> = {};

  constructor(
    private readonly client: ClientFeatures,
    private readonly workspace: Pick<WorkspaceReader, 'clientUri'>,
  ) {}

  /** Whether a new file can be created by this client's workspace edits. */
  get canCreate(): boolean {
    return this.client.documentChanges && this.client.createFile;
  }

  /** Edits of one document; `uri` is canonical, `version` null for a document that is not open. */
  edit(uri: string, version: number | null, edits: TextEdit[]): this {
    if (edits.length === 0) return this;
    const target = this.workspace.clientUri(uri);
    if (this.client.documentChanges) this.operations.push({ textDocument: { uri: target, version }, edits });
    else (this.changes[target] ??= []).push(...edits);
    return this;
  }

  create(uri: string): this {
    this.operations.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    return this;
  }

  get empty(): boolean {
    return this.operations.length === 0 && Object.keys(this.changes).length === 0;
  }

  build(): WorkspaceEdit {
    return this.client.documentChanges ? { documentChanges: this.operations } : { changes: this.changes };
  }
}
