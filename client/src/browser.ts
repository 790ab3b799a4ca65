// The extension's entry in the web worker extension host (vscode.dev, github.dev, Codespaces and
// code-server in the browser): the language server runs in a Web Worker (dist/browser/server.js)
// and reads the workspace through this client (fileAccess.ts), whatever the scheme.

import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { activateKader } from './activation';
import { WORKSPACE_SCHEMES } from './documentSchemes';
import type { KaderApi } from './api';

// The DOM's Worker, as far as it is used here; the client is type-checked without the DOM library.
interface WebWorker {
  terminate(): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => WebWorker;


export function activate(context: vscode.ExtensionContext): KaderApi {
  let current: { worker: WebWorker; url?: string } | undefined;
  const stop = (): void => {
    current?.worker.terminate();
    if (current?.url) URL.revokeObjectURL(current.url);
    current = undefined;
  };
  // Transports rather than the Worker: the web host's Worker is its own class, so the library's
  // `instanceof Worker` would not know it.
  const startWorker = async (): Promise<MessageTransports> => {
    stop();
    const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
    let url: string | undefined;
    // The web host starts workers from http(s) URLs only; an extension served otherwise
    // (vscode-remote from code-server) is read and started from a Blob.
    if (script.scheme !== 'http' && script.scheme !== 'https') {
      const bytes = await vscode.workspace.fs.readFile(script);
      url = URL.createObjectURL(new Blob([bytes], { type: 'application/javascript' }));
    }
    const worker = new Worker(url ?? script.toString(true), { name: 'Kader Language Server' });
    worker.addEventListener('error', (event) => console.error(`Kader language server worker: ${event.message ?? 'error'}`));
    current = { worker, url };
    return { reader: new BrowserMessageReader(worker as never), writer: new BrowserMessageWriter(worker as never) };
  };
  context.subscriptions.push({ dispose: stop });

  const schemes = new Set([...WORKSPACE_SCHEMES, ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)]);
  return activateKader(context, {
    documentSchemes: [...schemes],
    // A function, so that a restart gets a fresh worker.
    createClient: (name, options) => new LanguageClient('kader', name, startWorker, options),
  });
}

export function deactivate(): void {
  // Everything, the language client and its worker included, is disposed through context.subscriptions.
}
