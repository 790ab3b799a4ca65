// The language server process: `kader-language-server --stdio` (or node-ipc when the VS Code
// client starts it; `--socket=N` and `--pipe=NAME` work too).

import { availableParallelism } from 'node:os';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { importInWorker } from './workspace/importRunner';
import { Indexer } from './workspace/indexer';
import { nodeGitAccess } from './workspace/nodeGitAccess';
import { nodeFileSystem } from './workspace/nodeFileSystem';

const TRANSPORTS = /^--(stdio|node-ipc|socket|pipe)(=|$)/;

const USAGE = `Usage: kader-language-server --stdio

The Kader language server speaks the Language Server Protocol. Start it from an editor:
  --stdio          over standard input and output (Neovim, Helix, Emacs, Zed, ...)
  --node-ipc       over Node's IPC channel (the VS Code extension)
  --socket=PORT    over a TCP socket
  --pipe=NAME      over a named pipe
`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
} else if (args.includes('--version')) {
  process.stdout.write('0.1.0\n');
} else if (!args.some((arg) => TRANSPORTS.test(arg))) {
  process.stderr.write(USAGE);
  process.exitCode = 2;
} else {
  const connection = createConnection(ProposedFeatures.all);
  // A few parse workers: enough for a fast first scan, few enough for an editor's companion.
  const workers = Math.max(1, Math.min(4, availableParallelism() - 1));
  startServer(connection, { fs: nodeFileSystem, git: nodeGitAccess, importer: importInWorker, indexer: new Indexer({ workers }) });
  connection.listen();
}
