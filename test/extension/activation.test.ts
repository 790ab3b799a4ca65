import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtureUri, waitFor } from './util';

describe('activation', () => {
  it('runs in the code-server extension host', () => {
    assert.ok(vscode.env.remoteName, 'vscode.env.remoteName is not set');
  });

  it('activates kader.kader when a Markdown transcript is opened', async () => {
    const ext = vscode.extensions.getExtension('kader.kader');
    assert.ok(ext, 'extension kader.kader is not installed');

    const document = await vscode.workspace.openTextDocument(fixtureUri('breda/gesprek-1.md'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'markdown');

    await waitFor(() => ext.isActive, 'kader.kader did not activate');
    await ext.activate();
    assert.equal(ext.isActive, true);
  });
});
