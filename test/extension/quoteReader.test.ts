import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KaderApi } from '../../client/src/api';
import type { WebviewProbe } from '../../client/src/statistics/panel';
import type { KaderTreeProvider, ViewNode } from '../../client/src/treeView';
import { quotesOf } from './quotePage';
import { fixtureUri, kaderApi, revertAndCloseAll, waitFor, waitForPage, waitForValue } from './util';

async function nodeAt(provider: KaderTreeProvider, labels: string[]): Promise<ViewNode> {
  let level = await provider.getChildren();
  let node: ViewNode | undefined;
  for (const label of labels) {
    node = await waitForValue(async () => {
      level = node ? await provider.getChildren(node) : await provider.getChildren();
      return level.find((n) => n.label === label);
    }, `no node ${labels.join(' › ')}`);
  }
  return node!;
}

describe('quote reader', () => {
  let api: KaderApi;
  let reader: WebviewProbe;

  before(async () => {
    api = await kaderApi();
    await vscode.commands.executeCommand('kader.aspects.focus');
    await vscode.commands.executeCommand('kader.readQuotes');
    reader = await waitForValue(() => api.quoteReaderPanel(), 'the quote reader opens');
  });

  after(async () => {
    await revertAndCloseAll();
  });

  const pageWith = (needle: string): Promise<string> =>
    waitForValue(() => (reader.html().includes(needle) ? reader.html() : undefined), `the reader does not show “${needle}”:\n${reader.html()}`);

  it('shows the quotes of the node selected in the Aspects view, in reading order, a section turn by turn', async () => {
    const intentie = await nodeAt(api.aspects, ['Intentie']);
    await api.aspectsView.reveal(intentie, { select: true, focus: false, expand: false });
    const html = await pageWith('Aspects · 5 quotes');
    assert.match(html, /<h1>Intentie<\/h1>/);
    assert.match(html, /<script nonce="[^"]+" src="[^"]*\/dist\/webview\/quoteReader\.js"><\/script>/);
    assert.deepEqual(quotesOf(html), [
      [
        'gesprek-1.md line 9 · Leergemeenschap Breda · anna',
        'Before: Reflectiegesprek groep 1',
        '  Vraag 1 — Waarom doe je mee?',
        '  Interviewer: Waarom doe je mee aan de leergemeenschap?',
        '  S1: Ik kwam omdat mijn leidinggevende het vroeg.',
        '  S2: Ik wilde zelf iets leren over samenwerken.',
      ],
      [
        'gesprek-1.md line 13 · Leergemeenschap Breda · anna',
        'Before: S1: Ik kwam',
        '  S1: omdat mijn leidinggevende het vroeg',
        'Memo: twijfelt of ze vrijwillig meedoet',
      ],
      [
        'gesprek-1.md line 15 · Leergemeenschap Breda · anna',
        'Before: S1: Ik kwam omdat mijn leidinggevende het vroeg.',
        '  S2: Ik wilde zelf iets leren over samenwerken.',
      ],
      ['gesprek-2.md line 11 · Leergemeenschap Tilburg · bram', 'Before: Interviewer: Hoe ben je begonnen?', '  S3: Ik kwam omdat het moest en bleef'],
      ['gesprek-2.md line 11 · Leergemeenschap Tilburg · bram', 'Before: S3: Ik kwam', '  S3: omdat het moest'],
    ]);
    await waitForPage(() => reader.ready(), 'the page script runs in the webview');
  });

  it('keeps the turns of a coded block apart, follows the Practices view, and opens a quote in its transcript', async () => {
    const macht = await nodeAt(api.practices, ['Leergemeenschap Breda', 'Context', 'Macht']);
    await api.practicesView.reveal(macht, { select: true, focus: false, expand: false });
    const html = await pageWith('Practices · 1 quote');
    assert.match(html, /<h1>Leergemeenschap Breda › Context › Macht<\/h1>/);
    assert.deepEqual(quotesOf(html), [
      [
        'gesprek-1.md line 20 · Leergemeenschap Breda · anna',
        'Before: Vraag 2 — Wie bepaalt de agenda?',
        '  S1: De gemeente bepaalt de agenda.',
        '  S2: En wij voeren uit.',
        'Memo: aanbesteding',
      ],
    ]);

    assert.equal(await reader.receive({ type: 'open', index: 1 }), true, 'a quote not on the page is a message, but opens nothing');
    assert.equal(await reader.receive({ type: 'open', index: -1 }), false);
    assert.equal(await reader.receive({ type: 'items', html: '<script>' }), false);
    assert.equal(await reader.receive({ type: 'open', index: 0 }), true);
    const editor = await waitForValue(
      () => vscode.window.activeTextEditor?.document.uri.path.endsWith('breda/gesprek-1.md') && vscode.window.activeTextEditor,
      'the transcript did not open',
    );
    assert.ok(editor.selection.isEqual(new vscode.Range(19, 0, 22, 0)), `selection ${JSON.stringify(editor.selection)}`);
  });

  it('opens on a node from its context menu command, and reads a node of 1,200 quotes a page at a time', async () => {
    const file = fixtureUri('veel/citaten.md');
    const turns = Array.from({ length: 1200 }, (_, i) => `**S${(i % 3) + 1}:** Zin ${i + 1} over [woord ${i + 1}]{#veelcitaten}.\n`);
    fs.mkdirSync(path.dirname(file.fsPath), { recursive: true });
    fs.writeFileSync(file.fsPath, `---\npractice: Veelproef\n---\n\n${turns.join('\n')}`);
    try {
      const node = await nodeAt(api.aspects, ['veelcitaten']);
      await waitFor(async () => (await api.aspects.getChildren()).find((n) => n.label === 'veelcitaten')?.count === 1200 || undefined, 'the index has every quote');
      await vscode.commands.executeCommand('kader.readQuotes', (await api.aspects.getChildren()).find((n) => n.id === node.id));
      const html = await pageWith('Aspects · 1,200 quotes');
      const quotes = quotesOf(html);
      assert.equal(quotes.length, 100, 'the first page');
      assert.deepEqual(quotes[0], ['citaten.md line 5 · Veelproef', 'Before: S1: Zin 1 over', '  S1: woord 1']);
      assert.deepEqual(quotes[99], ['citaten.md line 203 · Veelproef', 'Before: S1: Zin 100 over', '  S1: woord 100']);
      assert.ok(html.includes('<button type="button" class="more" data-action="more">Show more (100 of 1,200 shown)</button>'));
      assert.equal(await reader.receive({ type: 'more' }), true);
    } finally {
      const removal = new vscode.WorkspaceEdit();
      removal.deleteFile(vscode.Uri.joinPath(file, '..'), { recursive: true, ignoreIfNotExists: true });
      await vscode.workspace.applyEdit(removal);
      fs.rmSync(path.dirname(file.fsPath), { recursive: true, force: true });
      // The next suites count the fixture's aspects: wait until the server has let it go.
      await waitFor(async () => !(await api.aspects.getChildren()).some((n) => n.label === 'veelcitaten') || undefined, 'the test transcript leaves the index');
    }
  });
});
