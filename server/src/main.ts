// The language server process: `kader-language-server --stdio` (or node-ipc when the VS Code
// client starts it).

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { nodeFileSystem } from './workspace/nodeFileSystem';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, { fs: nodeFileSystem });
connection.listen();
