// The language server in a Web Worker (Kader in the browser: vscode.dev, github.dev, code-server's
// web worker extension host). Files come through the client (`kader/fs/*`); there is no git, and
// no parse or import worker: transcripts are read and imports made in this worker.

import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './server';
import { clientFileSystem } from './workspace/clientFileSystem';
import { importBytes } from './core/outputs/exchange/exchange';

// The worker's global scope; the server is type-checked without the DOM library.
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, { fs: clientFileSystem(connection), importer: importBytes });
connection.listen();
