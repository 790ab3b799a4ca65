import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KaderApi } from '../../client/src/api';
import { kaderApi, renderTree, revertAndCloseAll, showFixture, waitFor, waitForTree, waitForValue } from './util';

// The fixture workspace as the views show it: `label — description` (count, or speaker · file).
const ASPECTS = [
  'Intentie — 5',
  '  Gestuurd — 2',
  '    Leergemeenschap Breda — 1',
  '      omdat mijn leidinggevende het vroeg — S1 · gesprek-1.md',
  '    Leergemeenschap Tilburg — 1',
  '      omdat het moest — S3 · gesprek-2.md',
  '  Intrinsiek — 1',
  '    Leergemeenschap Breda — 1',
  '      S2: Ik wilde zelf iets leren over samenwerken. — S2 · gesprek-1.md',
  '  Leergemeenschap Breda — 1',
  '    Vraag 1 — Waarom doe je mee? Interviewer: Waarom doe je mee aan de… — gesprek-1.md',
  '  Leergemeenschap Tilburg — 1',
  '    Ik kwam omdat het moest en bleef — S3 · gesprek-2.md',
  'Context — 1',
  '  Macht — 1',
  '    Leergemeenschap Breda — 1',
  '      S1: De gemeente bepaalt de agenda. S2: En wij voeren uit. — S1 · gesprek-1.md',
  'Activiteit — 1',
  '  Leergemeenschap Tilburg — 1',
  '    bespreken casussen — S3 · gesprek-2.md',
  'onbekend — 1',
  '  Leergemeenschap Tilburg — 1',
  '    in de bibliotheek — S3 · gesprek-2.md',
];

const PRACTICES = [
  'Leergemeenschap Breda — 4',
  '  Intentie — 3',
  '    Gestuurd — 1',
  '      omdat mijn leidinggevende het vroeg — S1 · gesprek-1.md',
  '    Intrinsiek — 1',
  '      S2: Ik wilde zelf iets leren over samenwerken. — S2 · gesprek-1.md',
  '    Vraag 1 — Waarom doe je mee? Interviewer: Waarom doe je mee aan de… — gesprek-1.md',
  '  Context — 1',
  '    Macht — 1',
  '      S1: De gemeente bepaalt de agenda. S2: En wij voeren uit. — S1 · gesprek-1.md',
  'Leergemeenschap Tilburg — 4',
  '  Intentie — 2',
  '    Gestuurd — 1',
  '      omdat het moest — S3 · gesprek-2.md',
  '    Ik kwam omdat het moest en bleef — S3 · gesprek-2.md',
  '  Activiteit — 1',
  '    bespreken casussen — S3 · gesprek-2.md',
  '  onbekend — 1',
  '    in de bibliotheek — S3 · gesprek-2.md',
];

describe('tree views', () => {
  let api: KaderApi;

  before(async () => {
    api = await kaderApi();
  });

  afterEach(async () => {
    api.filter.clear();
    await revertAndCloseAll();
  });

  it('shows aspect → sub-code → practice → fragment with counts in the Aspects view', async () => {
    await waitForTree(api.aspects, ASPECTS, 'the Aspects view does not show the fixture');
  });

  it('shows practice → aspect → sub-code → fragment with counts in the Practices view', async () => {
    await waitForTree(api.practices, PRACTICES, 'the Practices view does not show the fixture');
  });

  it('gives fragments a tooltip with the full text, memo and location, and opens them', async () => {
    await waitForTree(api.aspects, ASPECTS, 'the Aspects view does not show the fixture');
    const node = [...api.aspects.nodes()].find((n) => n.kind === 'fragment' && n.label === 'omdat mijn leidinggevende het vroeg');
    assert.ok(node, 'fragment node not found');
    const item = api.aspects.getTreeItem(node);
    // The transcript's text is escaped in the Markdown tooltip.
    const tooltip = (item.tooltip as vscode.MarkdownString).value.replace(/\\/g, '');
    assert.ok(tooltip.includes('> omdat mijn leidinggevende het vroeg'), tooltip);
    assert.ok(tooltip.includes('twijfelt of ze vrijwillig meedoet'), tooltip);
    assert.ok(tooltip.includes('S1 · Leergemeenschap Breda · breda/gesprek-1.md:13'), tooltip);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.ok(item.command, 'a fragment opens on click');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = await waitForValue(() => vscode.window.activeTextEditor?.document.uri.path.endsWith('breda/gesprek-1.md') && vscode.window.activeTextEditor, 'the transcript did not open');
    assert.ok(editor.selection.isEqual(new vscode.Range(12, 17, 12, 52)), `selection ${JSON.stringify(editor.selection)}`);
  });

  it('gives every node a stable id and a parent', async () => {
    await waitForTree(api.aspects, ASPECTS, 'the Aspects view does not show the fixture');
    const nodes = [...api.aspects.nodes()];
    assert.equal(new Set(nodes.map((n) => n.id)).size, nodes.length, 'ids are unique');
    for (const node of nodes) {
      for (const child of node.children) assert.equal(api.aspects.getParent(child), node);
    }
    const before = nodes.map((n) => n.id);
    await api.aspects.refresh();
    assert.deepEqual([...api.aspects.nodes()].map((n) => n.id), before);
  });

  it('filters by text and by coder, shown in the view description', async () => {
    await vscode.commands.executeCommand('kader.filterByText', 'moest');
    assert.equal(api.aspectsView.description, 'Filter: “moest”');
    await waitForTree(
      api.aspects,
      [
        'Intentie — 2',
        '  Gestuurd — 1',
        '    Leergemeenschap Tilburg — 1',
        '      omdat het moest — S3 · gesprek-2.md',
        '  Leergemeenschap Tilburg — 1',
        '    Ik kwam omdat het moest en bleef — S3 · gesprek-2.md',
        'Context — 0',
        'Activiteit — 0',
        'onbekend — 0',
      ],
      'the text filter did not apply',
    );

    await vscode.commands.executeCommand('kader.filterByText', '');
    await vscode.commands.executeCommand('kader.filterByCoder', 'anna');
    assert.equal(api.practicesView.description, 'Filter: coder: anna');
    await waitForTree(api.practices, PRACTICES.slice(0, 10), 'the coder filter did not apply');

    await vscode.commands.executeCommand('kader.filterByText', 'geen enkel fragment zegt dit');
    await waitForTree(api.aspects, [], 'a filter without matches leaves the view empty (its welcome text shows)');

    await vscode.commands.executeCommand('kader.clearFilter');
    assert.equal(api.aspectsView.description, undefined);
    await waitForTree(api.aspects, ASPECTS, 'clearing the filter did not bring everything back');
  });

  it('updates live when a transcript is coded and the code is undone (unsaved)', async () => {
    await waitForTree(api.aspects, ASPECTS, 'the Aspects view does not show the fixture');
    const editor = await showFixture('coding/oefening.md');
    editor.selection = new vscode.Selection(2, 22, 2, 38); // "in het buurthuis"
    await vscode.commands.executeCommand('kader.codeSelection', ['activiteit']);
    const coded = [...ASPECTS];
    coded.splice(18, 0, '  coding — 1', '    in het buurthuis — S1 · oefening.md');
    coded[17] = 'Activiteit — 2';
    await waitForTree(api.aspects, coded, 'the new fragment did not appear');
    await vscode.commands.executeCommand('undo');
    await waitForTree(api.aspects, ASPECTS, 'the undone fragment did not disappear');
  });

  it('recovers after the language server restarts', async () => {
    await waitForTree(api.aspects, ASPECTS, 'the Aspects view does not show the fixture');
    await vscode.commands.executeCommand('kader.restartServer');
    await waitFor(() => api.server.running, 'the server did not run again');
    const editor = await showFixture('coding/oefening.md');
    editor.selection = new vscode.Selection(2, 22, 2, 38);
    await vscode.commands.executeCommand('kader.codeSelection', ['activiteit']);
    await waitFor(async () => (await renderTree(api.aspects)).includes('    in het buurthuis — S1 · oefening.md'), 'the view did not update after the restart');
    await vscode.commands.executeCommand('undo');
    await waitForTree(api.aspects, ASPECTS, 'the undone fragment did not disappear');
  });

  it('reveals the fragment under the cursor in the Aspects view', async () => {
    await waitForTree(api.aspects, ASPECTS, 'the Aspects view does not show the fixture');
    const editor = await showFixture('breda/gesprek-1.md');
    editor.selection = new vscode.Selection(12, 30, 12, 30);
    const node = await vscode.commands.executeCommand<{ id: string; label: string } | undefined>('kader.revealInKader');
    assert.ok(node, 'nothing was revealed');
    assert.equal(node.label, 'omdat mijn leidinggevende het vroeg');
    await waitFor(() => api.aspectsView.selection[0]?.id === node.id, 'the fragment is not selected in the view');
  });
});

