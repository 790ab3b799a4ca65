// Personal data in a real VS Code (#14): findings as diagnostics, the status-bar count, a quick
// fix, and Pseudonymise Workspace as one edit that one undo takes back in every file. The key
// lives outside the workspace (a temporary folder); every person here is invented.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fixtureUri, kaderApi, revertAndCloseAll, waitFor } from './util';

const EEN = [
  '---',
  'practice: Privacyproef',
  'participants: [Interviewer, Noor Bakker]',
  '---',
  '',
  '**Interviewer:** Hoe ging het met Anna de Vries?',
  '',
  '**Noor Bakker:** [Anna belde me]{#activiteit memo="Anna zelf"} op 06-12345678.',
  '',
].join('\n');

const TWEE = ['---', 'practice: Privacyproef', '---', '', '**S1:** Anna en Jantje kwamen, zei Noor Bakker. {#context}', ''].join('\n');

describe('Privacy: personal data in the editor', function () {
  this.timeout(60_000);
  const keyFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'kader-sleutel-'));
  const keyFile = path.join(keyFolder, 'sleutel.yaml');
  const een = fixtureUri('privacyproef/een.md');
  const twee = fixtureUri('privacyproef/twee.md');

  before(async () => {
    fs.writeFileSync(keyFile, 'Anna de Vries: Deelnemer 1\nJan van der Berg:\n  pseudonym: Deelnemer 2\n  variants: [Jantje]\n');
    fs.mkdirSync(path.dirname(een.fsPath), { recursive: true });
    fs.writeFileSync(een.fsPath, EEN);
    fs.writeFileSync(twee.fsPath, TWEE);
    await kaderApi();
    await vscode.workspace.getConfiguration('kader').update('privacy.keyFile', keyFile, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await revertAndCloseAll();
    await vscode.workspace.getConfiguration('kader').update('privacy.keyFile', undefined, vscode.ConfigurationTarget.Global);
    const removal = new vscode.WorkspaceEdit();
    removal.deleteFile(vscode.Uri.joinPath(een, '..'), { recursive: true, ignoreIfNotExists: true });
    await vscode.workspace.applyEdit(removal);
    fs.rmSync(path.dirname(een.fsPath), { recursive: true, force: true });
    fs.rmSync(keyFolder, { recursive: true, force: true });
    // The next suites count the fixture's practices: wait until the server has let these go.
    const api = await kaderApi();
    await waitFor(async () => {
      const tree = await api.server.client.sendRequest<{ roots: { label: string }[] }>('kader/tree', { view: 'practices' });
      return !tree.roots.some((r) => r.label === 'Privacyproef') || undefined;
    }, 'the test transcripts leave the index');
  });

  const findings = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => String(d.code).startsWith('personal-data/'));

  it('shows the names of the key and the participants, numbers and likely names as diagnostics, with exact ranges', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(een));
    const found = await waitFor(() => {
      const list = findings(een);
      return list.some((d) => d.message.startsWith('“Anna de Vries”')) ? list : undefined;
    }, 'the key is read and its names are found');
    assert.deepEqual(
      found!.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]),
      [
        ['personal-data/name', vscode.DiagnosticSeverity.Warning, 2, 28, 39],
        ['personal-data/name', vscode.DiagnosticSeverity.Warning, 5, 34, 47],
        ['personal-data/name', vscode.DiagnosticSeverity.Warning, 7, 2, 13],
        ['personal-data/name', vscode.DiagnosticSeverity.Warning, 7, 18, 22],
        ['personal-data/name', vscode.DiagnosticSeverity.Warning, 7, 51, 55],
        ['personal-data/phone', vscode.DiagnosticSeverity.Warning, 7, 66, 77],
      ],
    );
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', een, new vscode.Range(7, 19, 7, 19));
    assert.deepEqual(
      fixes.filter((f) => f.title.includes('pseudonym')).map((f) => [f.title, f.command?.command]),
      [['Replace "Anna" with its pseudonym "Deelnemer 1" everywhere', 'kader.privacy.replaceEverywhere']],
    );
  });

  it('Pseudonymise Workspace: one edit of every transcript, codings intact; one undo restores every file exactly', async () => {
    const documents = await Promise.all([vscode.workspace.openTextDocument(een), vscode.workspace.openTextDocument(twee)]);
    const originals = documents.map((d) => d.getText());
    const result = await vscode.commands.executeCommand<{ applied: boolean; left: { text: string }[] }>('kader.pseudonymiseWorkspace', { confirm: false });
    assert.equal(result?.applied, true);
    assert.deepEqual(
      documents.map((d) => d.getText()),
      [
        EEN.replace('Anna de Vries?', 'Deelnemer 1?').replace('[Anna belde', '[Deelnemer 1 belde').replace('memo="Anna zelf"', 'memo="Deelnemer 1 zelf"').replace('06-12345678', '[phone number]'),
        TWEE.replace('Anna en Jantje', 'Deelnemer 1 en Deelnemer 2'),
      ],
    );
    // The names the key lacks are left, and said (the fixtures' other transcripts have likely names of their own).
    const left = result?.left.map((l) => l.text) ?? [];
    assert.equal(left.filter((text) => text === 'Noor Bakker').length, 2);
    assert.ok(!left.some((text) => text.startsWith('Anna')));
    await vscode.window.showTextDocument(documents[0]!);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => documents.every((d, i) => d.getText() === originals[i]) || undefined, 'one undo restores both transcripts');
  });

  it('counts the certain findings of the workspace in the status bar', async () => {
    const summary = await waitFor(async () => {
      const s = await vscode.commands.executeCommand<{ certain: number } | undefined>('kader.privacy.summary');
      return s && s.certain > 0 ? s : undefined;
    }, 'the count is made');
    assert.ok(summary!.certain >= 7);
  });
});
