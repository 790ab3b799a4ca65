// An empty `practice:` in a transcript's front matter is underlined in the editor as a warning.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { kaderApi, revertAndCloseAll, showFixture, waitForValue } from './util';

describe('front matter: an empty practice', () => {
  before(async () => {
    await kaderApi();
  });

  afterEach(async () => {
    await revertAndCloseAll();
  });

  it('warns about an empty practice: at the key, and the warning goes once the name is written', async () => {
    const editor = await showFixture('coding/oefening.md');
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '---\npractice:\n---\n'));
    const found = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'kader');
    const warning = await waitForValue(() => found().find((d) => d.code === 'front-matter'), 'no warning for the empty practice');
    assert.deepEqual(
      { severity: warning.severity, range: [warning.range.start.line, warning.range.start.character, warning.range.end.line, warning.range.end.character], message: warning.message },
      {
        severity: vscode.DiagnosticSeverity.Warning,
        range: [1, 0, 1, 8],
        message: '“practice” is empty, so the transcript counts under its folder’s name (or under “(no practice)”): write the name of the practice after “practice:”, or remove the line.',
      },
    );
    await editor.edit((b) => b.insert(new vscode.Position(1, 9), ' Buurthuis Oost'));
    await waitForValue(() => !found().some((d) => d.code === 'front-matter'), 'the warning stayed after the practice was named');
  });
});
