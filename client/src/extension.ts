// The extension's entry in the Node extension host (desktop, code-server, Codespaces): the language
// server runs as a Node process (dist/server.js) and reads the disk itself.

import * as os from 'node:os';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateKader } from './activation';
import type { KaderApi } from './api';

export function activate(context: vscode.ExtensionContext): KaderApi {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  return activateKader(context, {
    documentSchemes: ['file', 'untitled'],
    createClient: (name, options) => new LanguageClient('kader', name, serverOptions, options),
    homeFolder: () => vscode.Uri.file(os.homedir()),
  });
}

export function deactivate(): void {
  // Everything, the language client included, is disposed through context.subscriptions.
}
