import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KaderApi } from '../../client/src/api';
import type { DecorationSnapshot } from '../../client/src/decorations';
import { kaderApi, revertAndCloseAll, showFixture, waitFor, waitForValue } from './util';

function plain(snapshot: DecorationSnapshot): unknown {
  const r = (range: vscode.Range): string => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
  return {
    fragments: snapshot.fragments.map((f) => `${f.color} ${f.style} ${r(f.range)}`),
    attributes: snapshot.attributes.map(r),
  };
}

// breda/gesprek-1.md: a section, an inline fragment, a block and a div, in document order.
const GESPREK_1 = {
  fragments: [
    '#4e79a7 lines 8:0-14:73',
    '#4e79a7 text 12:17-12:52',
    '#4e79a7 text 14:0-14:50',
    '#f28e2b lines 19:0-22:0',
  ],
  attributes: ['8:32-8:43', '12:53-12:114', '14:51-14:73', '18:4-18:40'],
};

describe('decorations and status bar', () => {
  let api: KaderApi;

  before(async () => {
    api = await kaderApi();
  });

  afterEach(async () => {
    await vscode.workspace.getConfiguration('kader').update('decorations.enabled', undefined, vscode.ConfigurationTarget.Global);
    await revertAndCloseAll();
  });

  it('tints coded text in its code colour and dims the attribute blocks', async () => {
    const editor = await showFixture('breda/gesprek-1.md');
    const snapshot = await waitForValue(() => api.decorations(editor), 'no decorations were set');
    assert.deepEqual(plain(snapshot), GESPREK_1);
  });

  it('follows edits of unsaved text', async () => {
    const editor = await showFixture('breda/gesprek-1.md');
    await waitFor(() => api.decorations(editor), 'no decorations were set');
    await editor.edit((b) => b.insert(new vscode.Position(12, 8), 'Nou, '));
    const moved = {
      fragments: GESPREK_1.fragments.map((f) => (f === '#4e79a7 text 12:17-12:52' ? '#4e79a7 text 12:22-12:57' : f)),
      attributes: GESPREK_1.attributes.map((a) => (a === '12:53-12:114' ? '12:58-12:119' : a)),
    };
    await waitFor(() => {
      const s = api.decorations(editor);
      return s && JSON.stringify(plain(s)) === JSON.stringify(moved);
    }, 'the decorations did not follow the edit');
  });

  it('takes new codebook colours from unsaved codebook edits, in the text and the views', async () => {
    const codebook = await showFixture('codebook.md');
    const at = codebook.document.getText().indexOf('#F28E2B');
    assert.ok(at > 0);
    await codebook.edit((b) => b.replace(new vscode.Range(codebook.document.positionAt(at), codebook.document.positionAt(at + 7)), '#123456'));
    const editor = await showFixture('breda/gesprek-1.md');
    await waitFor(() => api.decorations(editor)?.fragments.some((f) => f.color === '#123456' && f.style === 'lines'), 'the div did not take the new colour');
    await waitFor(async () => {
      await api.aspects.getChildren();
      const context = [...api.aspects.nodes()].find((n) => n.label === 'Context')?.node;
      return context?.kind === 'aspect' && context.color === '#123456';
    }, 'the Context aspect did not take the new colour');
  });

  it('sets no decorations when kader.decorations.enabled is false', async () => {
    const editor = await showFixture('breda/gesprek-1.md');
    await waitFor(() => api.decorations(editor)?.fragments.length, 'no decorations were set');
    await vscode.workspace.getConfiguration('kader').update('decorations.enabled', false, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.decorations(editor)?.fragments.length === 0, 'the decorations stayed');
    assert.deepEqual(api.decorations(editor)?.attributes, []);
  });

  it('shows the codes under the cursor, else the fragment count, in the status bar', async () => {
    const editor = await showFixture('breda/gesprek-1.md');
    editor.selection = new vscode.Selection(12, 30, 12, 30);
    await waitFor(() => api.statusText() === '$(tag) #intentie/gestuurd #intentie', `status bar shows ${api.statusText()}`);
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    await waitFor(() => api.statusText() === '$(tag) 4 fragments', `status bar shows ${api.statusText()}`);
  });
});
