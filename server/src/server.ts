// Wires Kader's features to a language server connection. One composition root: everything the
// server holds is created here, per connection.

import { TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import type { FileSystem } from './workspace/nodeFileSystem';

export interface ServerDeps {
  fs: FileSystem;
}

export function startServer(connection: Connection, _deps: ServerDeps): void {
  connection.onInitialize(
    (): InitializeResult => ({
      capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
      serverInfo: { name: 'kader-language-server', version: '0.1.0' },
    }),
  );
}
