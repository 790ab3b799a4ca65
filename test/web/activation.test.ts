// Kader in the web worker extension host (the browser's, as on vscode.dev and github.dev): it
// activates there, its commands are there, and the language server in its Web Worker checks a
// transcript read through the client.

import * as vscode from 'vscode';
import type { KaderApi } from '../../client/src/api';
import { fixtureUri, showFixture, waitFor } from '../extension/util';

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const extension = (): vscode.Extension<KaderApi> => {
  const ext = vscode.extensions.getExtension<KaderApi>('kader.kader');
  check(ext, 'extension kader.kader is not installed');
  return ext;
};

describe('Kader in the web worker extension host', () => {
  it('runs in the web worker host (no Node)', () => {
    check(typeof process === 'undefined', 'process is defined: this is the Node extension host');
    check(typeof (globalThis as { importScripts?: unknown }).importScripts === 'function', 'importScripts is missing: this is no web worker');
  });

  it('activates when a Markdown transcript is opened', async () => {
    const ext = extension();
    const document = await vscode.workspace.openTextDocument(fixtureUri('breda/gesprek-1.md'));
    await vscode.window.showTextDocument(document);
    check(document.languageId === 'markdown', `the transcript's language is ${document.languageId}`);
    await waitFor(() => ext.isActive, 'kader.kader did not activate');
    const api = await ext.activate();
    check(api && typeof api.ready?.then === 'function', 'activate() did not return the Kader API');
  });

  it('registers every command of the manifest', async () => {
    const manifest = extension().packageJSON as { contributes: { commands: { command: string }[] } };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
    check(missing.length === 0, `commands not registered: ${missing.join(', ')}`);
  });

  it('starts the language server in a Web Worker', async () => {
    const api = await extension().activate();
    await api.ready;
    await waitFor(() => api.server.running, 'the Kader language server is not running');
  });

  it('reports diagnostics for a transcript, read through vscode.workspace.fs', async () => {
    const editor = await showFixture('tilburg/gesprek-2.md');
    const kader = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'kader');
    await waitFor(() => kader().length > 0, 'no Kader diagnostics for tilburg/gesprek-2.md');
    const diagnostics = kader();
    const shown = diagnostics.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character} ${d.message}`);
    check(shown.join('\n') === 'undefined-code 12:65 #onbekend is not in the codebook.', `diagnostics:\n${shown.join('\n')}`);
  });

  it('knows the workspace: the Aspects view lists the codebook aspects with their quotes', async () => {
    const api = await extension().activate();
    await waitFor(async () => (await api.aspects.getChildren()).length > 0, 'the Aspects view stayed empty');
  });
});
