// Memos in a real VS Code: the Memos view lists every memo by kind (codes, fragments, the journal
// in memos/ with the codes it names and the transcripts it links); Add Memo with the memo passed
// as the argument writes the escaped attribute as one undoable edit; the memo editor shows the
// fragment's memo in a textarea and saves what is written.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KaderApi } from '../../client/src/api';
import type { CodingOutcome } from '../../client/src/codingCommands';
import type { MemoNode } from '../../client/src/memos/view';
import { kaderApi, revertAndCloseAll, showFixture, waitFor, waitForPage, waitForValue } from './util';

/** The Memos view as lines: label — description (children indented). */
async function renderMemos(api: KaderApi, nodes?: MemoNode[], depth = 0): Promise<string[]> {
  const lines: string[] = [];
  for (const node of nodes ?? (await api.memos.getChildren())) {
    const item = api.memos.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    lines.push(`${'  '.repeat(depth)}${label} — ${String(item.description ?? '')}`);
    if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None) lines.push(...(await renderMemos(api, await api.memos.getChildren(node), depth + 1)));
  }
  return lines;
}

describe('memos', () => {
  let api: KaderApi;

  before(async () => {
    api = await kaderApi();
  });

  afterEach(async () => {
    await revertAndCloseAll();
  });

  it('the Memos view lists the memos on codes, on fragments and the journal, each opening its place', async () => {
    const expected = [
      'Memos on Codes — 1',
      '  Activiteit #activiteit — Samen doen of samen praten? Bespreken met het team.',
      'Memos on Fragments — 2',
      '  twijfelt of ze vrijwillig meedoet — “omdat mijn leidinggevende het vroeg” · gesprek-1.md:13',
      '  aanbesteding — “S1: De gemeente bepaalt de agenda. S2: En wij voeren uit.” · gesprek-1.md:20',
      'Journal — 1',
      '  Na het gesprek in Breda — 2021-03-05-na-breda.md',
      '    #intentie/gestuurd — ',
      '    #context/macht — ',
      '    gesprek 1 — breda/gesprek-1.md',
      '    gesprek 2 — tilburg/gesprek-2.md',
    ];
    let lines: string[] = [];
    await waitFor(async () => {
      api.memos.invalidate();
      lines = await renderMemos(api);
      return lines.join('\n') === expected.join('\n');
    }, 'the Memos view').catch(() => assert.deepEqual(lines, expected));
    const [, fragments] = await api.memos.getChildren();
    const first = (await api.memos.getChildren(fragments))[0]!;
    const command = api.memos.getTreeItem(first).command!;
    assert.equal(command.command, 'kader.openFragment');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await waitForValue(() => vscode.window.activeTextEditor, 'the transcript opens');
    assert.match(editor.document.uri.path, /breda\/gesprek-1\.md$/);
    assert.equal(editor.document.getText(editor.selection), 'omdat mijn leidinggevende het vroeg');
  });

  it('Add Memo with the memo as argument writes memo="…" escaped, several lines as \\n; undo restores', async () => {
    const editor = await showFixture('coding/oefening.md');
    const original = editor.document.getText();
    editor.selection = new vscode.Selection(2, 22, 2, 38);
    assert.deepEqual(await vscode.commands.executeCommand<CodingOutcome>('kader.codeSelection', ['activiteit']), { applied: true, shape: 'inline' });
    const coded = editor.document.getText();
    editor.selection = new vscode.Selection(2, 25, 2, 25);
    const outcome = await vscode.commands.executeCommand<CodingOutcome>('kader.addMemo', 'Zegt "buurthuis",\nniet \\wijkcentrum\\.');
    assert.deepEqual(outcome, { applied: true, shape: 'inline' });
    assert.equal(editor.document.getText(), coded.replace('{#activiteit}', '{#activiteit memo="Zegt \\"buurthuis\\",\\nniet \\\\wijkcentrum\\\\."}'));
    await vscode.commands.executeCommand('undo');
    await waitFor(() => editor.document.getText() === coded, 'undo restores the coded text');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => editor.document.getText() === original, 'undo restores the original');
  });

  it('Edit Memo opens the memo editor with the memo; Save writes what is in the textarea, an empty one removes it', async () => {
    const editor = await showFixture('breda/gesprek-1.md');
    const original = editor.document.getText();
    const line = editor.document.lineAt(12).text;
    editor.selection = new vscode.Selection(12, line.indexOf('leidinggevende'), 12, line.indexOf('leidinggevende'));
    const pending = vscode.commands.executeCommand<CodingOutcome | undefined>('kader.editMemo');
    const panel = await waitForValue(() => api.memoEditor(), 'the memo editor opens');
    await waitForPage(() => panel.ready(), 'the memo editor page runs');
    const html = panel.html();
    assert.match(html, /<blockquote>omdat mijn leidinggevende het vroeg<\/blockquote>/);
    assert.match(html, /<textarea id="memo" spellcheck="true">twijfelt of ze vrijwillig meedoet<\/textarea>/);
    assert.match(html, /<script nonce="[^"]+" src="[^"]*\/dist\/webview\/memo\.js"><\/script>/);
    assert.equal(await panel.receive({ type: 'save', memo: '' }), true);
    assert.deepEqual(await pending, { applied: true, shape: 'inline' });
    assert.equal(editor.document.getText(), original.replace(' memo="twijfelt of ze vrijwillig meedoet"', ''));
    assert.equal(api.memoEditor(), undefined);
  });
});
