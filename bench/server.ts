// The language server as the benchmark starts it: server/src/main.ts (`--stdio`, the same
// startServer, file system and parse workers), from the sources, with one difference: the
// indexer reads and writes the model cache in KADER_BENCH_CACHE, so the initial scan of a corpus
// the benchmark has just indexed takes a second instead of a cold parse. What is measured (the
// requests after the scan) runs the same code as the bundled dist/server.js.

import { availableParallelism } from 'node:os';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server/src/server';
import { Indexer } from '../server/src/workspace/indexer';
import { nodeFileSystem } from '../server/src/workspace/nodeFileSystem';
import { nodeGitAccess } from '../server/src/workspace/nodeGitAccess';
import { importInWorker } from '../server/src/workspace/importRunner';

const connection = createConnection(ProposedFeatures.all);
const workers = Math.max(1, Math.min(4, availableParallelism() - 1));
startServer(connection, { fs: nodeFileSystem, git: nodeGitAccess, importer: importInWorker, indexer: new Indexer({ workers, cacheDir: process.env['KADER_BENCH_CACHE'] || undefined }) });
connection.listen();
