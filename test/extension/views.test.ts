import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KaderApi } from '../../client/src/api';
import type { ViewNode } from '../../client/src/treeView';
import { TreeRequest, type TreeParams } from '../../server/src/protocol';
import { kaderApi, renderTree, revertAndCloseAll, showFixture, waitFor, waitForTree, waitForValue } from './util';

// The fixture workspace as the views show it: `label — description` (a count; for a quote, its
// speaker and first words — coder · file: two coders code this workspace).
const ASPECTS = [
  'Intentie — 5',
  '  Gestuurd — 2',
  '    Leergemeenschap Breda — 1',
  '      S1: omdat mijn leidinggevende… — anna · gesprek-1.md',
  '    Leergemeenschap Tilburg — 1',
  '      S3: omdat het moest — bram · gesprek-2.md',
  '  Intrinsiek — 1',
  '    Leergemeenschap Breda — 1',
  '      S2: Ik wilde zelf iets leren… — anna · gesprek-1.md',
  '  (no sub-code) — 2',
  '    Leergemeenschap Breda — 1',
  '      Vraag 1 — Waarom doe je mee?… — anna · gesprek-1.md',
  '    Leergemeenschap Tilburg — 1',
  '      S3: Ik kwam omdat het moest en… — bram · gesprek-2.md',
  'Context — 1',
  '  Macht — 1',
  '    Leergemeenschap Breda — 1',
  '      S1: De gemeente bepaalt de… — anna · gesprek-1.md',
  'Activiteit — 1',
  '  (no sub-code) — 1',
  '    Leergemeenschap Tilburg — 1',
  '      S3: bespreken casussen — bram · gesprek-2.md',
  'onbekend — 1',
  '  (no sub-code) — 1',
  '    Leergemeenschap Tilburg — 1',
  '      S3: in de bibliotheek — bram · gesprek-2.md',
];

const PRACTICES = [
  'Leergemeenschap Breda — 4',
  '  Intentie — 3',
  '    Gestuurd — 1',
  '      S1: omdat mijn leidinggevende… — anna · gesprek-1.md',
  '    Intrinsiek — 1',
  '      S2: Ik wilde zelf iets leren… — anna · gesprek-1.md',
  '    (no sub-code) — 1',
  '      Vraag 1 — Waarom doe je mee?… — anna · gesprek-1.md',
  '  Context — 1',
  '    Macht — 1',
  '      S1: De gemeente bepaalt de… — anna · gesprek-1.md',
  'Leergemeenschap Tilburg — 4',
  '  Intentie — 2',
  '    Gestuurd — 1',
  '      S3: omdat het moest — bram · gesprek-2.md',
  '    (no sub-code) — 1',
  '      S3: Ik kwam omdat het moest en… — bram · gesprek-2.md',
  '  Activiteit — 1',
  '    (no sub-code) — 1',
  '      S3: bespreken casussen — bram · gesprek-2.md',
  '  onbekend — 1',
  '    (no sub-code) — 1',
  '      S3: in de bibliotheek — bram · gesprek-2.md',
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

  it('shows aspect → sub-code (or "no sub-code") → practice → fragment with counts in the Aspects view', async () => {
    await waitForTree(api.aspects, ASPECTS, 'the Aspects view does not show the fixture');
  });

  it('shows practice → aspect → sub-code (or "no sub-code") → fragment with counts in the Practices view', async () => {
    await waitForTree(api.practices, PRACTICES, 'the Practices view does not show the fixture');
  });

  it('asks again for the levels under an expanded node when the index changes, not under a collapsed one', async () => {
    await waitForTree(api.aspects, ASPECTS, 'the Aspects view does not show the fixture');
    const intentie = (await api.aspects.getChildren()).find((node) => node.label === 'Intentie')!;
    const asked: string[] = [];
    const { server } = api;
    const request = server.request.bind(server);
    server.request = ((type, params, token) => {
      if (type.method === TreeRequest.method) asked.push(JSON.stringify((params as TreeParams).parent ?? null));
      return request(type, params, token);
    }) as typeof server.request;
    try {
      await api.aspects.refresh();
      assert.ok(asked.some((parent) => parent.includes('"aspect":"intentie"')), asked.join('\n'));
      asked.length = 0;
      api.aspects.setCollapsed(intentie, true);
      await api.aspects.refresh();
      assert.ok(asked.length > 1, 'the other expanded nodes are asked again');
      assert.deepEqual(asked.filter((parent) => parent.includes('"aspect":"intentie"')), []);
      api.aspects.setCollapsed(intentie, false);
    } finally {
      delete (server as { request?: unknown }).request;
    }
    await waitForTree(api.aspects, ASPECTS, 'expanded again, its levels are asked for again');
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
    assert.ok(tooltip.includes('S1 · Leergemeenschap Breda · anna · breda/gesprek-1.md:13'), tooltip);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.ok(item.command, 'a fragment opens on click');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = await waitForValue(() => vscode.window.activeTextEditor?.document.uri.path.endsWith('breda/gesprek-1.md') && vscode.window.activeTextEditor, 'the transcript did not open');
    assert.ok(editor.selection.isEqual(new vscode.Range(12, 17, 12, 52)), `selection ${JSON.stringify(editor.selection)}`);
  });

  it('gives every node a stable id and a parent', async () => {
    await waitForTree(api.aspects, ASPECTS, 'the Aspects view does not show the fixture');
    const nodes = [...api.aspects.nodes()];
    assert.equal(nodes.length, ASPECTS.length, 'every level is loaded');
    assert.equal(new Set(nodes.map((n) => n.id)).size, nodes.length, 'ids are unique');
    for (const node of nodes) {
      assert.equal(api.aspects.getTreeItem(node).collapsibleState === vscode.TreeItemCollapsibleState.None, node.kind === 'fragment', node.id);
      for (const child of await api.aspects.getChildren(node)) assert.equal(api.aspects.getParent(child), node);
    }
    assert.deepEqual(
      nodes.filter((n) => n.kind === 'direct').map((n) => [n.id, n.label, n.count]),
      [
        ['a:intentie/direct', '(no sub-code)', 2],
        ['a:activiteit/direct', '(no sub-code)', 1],
        ['a:onbekend/direct', '(no sub-code)', 1],
      ],
    );
    const before = nodes.map((n) => n.id);
    await api.aspects.refresh();
    assert.deepEqual([...api.aspects.nodes()].map((n) => n.id), before);
  });

  it('asks again for the levels it has, and fires a change only for a level that differs', async () => {
    await waitForTree(api.aspects, ASPECTS, 'the Aspects view does not show the fixture');
    const fired: (ViewNode | ViewNode[] | undefined | void)[] = [];
    const listener = api.aspects.onDidChangeTreeData((e) => fired.push(e));
    try {
      await api.aspects.refresh();
      assert.deepEqual(fired, [], 'an unchanged tree fires nothing');
      // A memo of the same length: only the fragments of one practice under one sub-code differ.
      const editor = await showFixture('breda/gesprek-1.md');
      const at = editor.document.lineAt(12).text.indexOf('twijfelt');
      assert.ok(at > 0);
      await editor.edit((b) => b.replace(new vscode.Range(12, at, 12, at + 8), 'twijfels'));
      await waitFor(async () => {
        await api.aspects.refresh();
        return fired.length > 0;
      }, 'no change was fired');
      assert.equal(fired.length, 1, JSON.stringify(fired));
      const elements = fired[0];
      assert.ok(Array.isArray(elements), 'a change of a level below the roots names its parent');
      assert.deepEqual(
        (elements as ViewNode[]).map((n) => n.id),
        ['a:intentie/c:intentie/gestuurd/p:Leergemeenschap Breda'],
      );
      const fragment = [...api.aspects.nodes()].find((n) => n.label === 'omdat mijn leidinggevende het vroeg');
      assert.equal(fragment?.node.kind === 'fragment' && fragment.node.fragment?.memo, 'twijfels of ze vrijwillig meedoet');
    } finally {
      listener.dispose();
    }
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
        '      S3: omdat het moest — bram · gesprek-2.md',
        '  (no sub-code) — 1',
        '    Leergemeenschap Tilburg — 1',
        '      S3: Ik kwam omdat het moest en… — bram · gesprek-2.md',
        'Context — 0',
        'Activiteit — 0',
        'onbekend — 0',
      ],
      'the text filter did not apply',
    );

    await vscode.commands.executeCommand('kader.filterByText', '');
    await vscode.commands.executeCommand('kader.filterByCoder', 'anna');
    assert.equal(api.practicesView.description, 'Filter: coder: anna');
    await waitForTree(api.practices, PRACTICES.slice(0, 11), 'the coder filter did not apply');

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
    assert.deepEqual(coded.slice(18, 20), ['Activiteit — 1', '  (no sub-code) — 1']);
    coded.splice(18, 2, 'Activiteit — 2', '  (no sub-code) — 2', '    coding — 1', '      S1: in het buurthuis — oefening.md');
    await waitForTree(api.aspects, coded, 'the new fragment did not appear');
    await vscode.commands.executeCommand('undo');
    await waitForTree(api.aspects, ASPECTS, 'the undone fragment did not disappear');
  });

  it('shows level → aspect → practice → quote in the Learning Level view once a level is coded', async () => {
    // No level coded in the fixture: the view is empty and shows its welcome text.
    await waitForTree(api.levels, [], 'the Learning Level view is not empty');
    const editor = await showFixture('breda/gesprek-1.md');
    const text = editor.document.getText();
    const at = text.indexOf('#intentie/gestuurd') + '#intentie/gestuurd'.length;
    assert.ok(at > 0);
    await editor.edit((edit) => edit.insert(editor.document.positionAt(at), ' #niveau/individueel'));
    await waitForTree(
      api.levels,
      [
        // The section coded #intentie around the fragment counts at the level coded inside it.
        'niveau/individueel — 2',
        '  Intentie — 2',
        '    Leergemeenschap Breda — 2',
        '      Vraag 1 — Waarom doe je mee?… — anna · gesprek-1.md',
        '      S1: omdat mijn leidinggevende… — anna · gesprek-1.md',
      ],
      'the Learning Level view does not show the coded level',
    );
    await vscode.commands.executeCommand('undo');
    await waitForTree(api.levels, [], 'the undone level did not disappear');
  });

  it('recovers after the language server restarts', async () => {
    await waitForTree(api.aspects, ASPECTS, 'the Aspects view does not show the fixture');
    await vscode.commands.executeCommand('kader.restartServer');
    await waitFor(() => api.server.running, 'the server did not run again');
    const editor = await showFixture('coding/oefening.md');
    editor.selection = new vscode.Selection(2, 22, 2, 38);
    await vscode.commands.executeCommand('kader.codeSelection', ['activiteit']);
    await waitFor(async () => (await renderTree(api.aspects)).includes('      S1: in het buurthuis — oefening.md'), 'the view did not update after the restart');
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

  it('reveals a fragment whose levels were not loaded yet, loading them', async () => {
    // A filter that hides everything drops every level below the roots.
    await vscode.commands.executeCommand('kader.filterByText', 'geen enkel fragment zegt dit');
    await waitForTree(api.aspects, [], 'the filter did not apply');
    await vscode.commands.executeCommand('kader.clearFilter');
    await waitFor(async () => (await api.aspects.getChildren()).length === 4, 'the roots did not come back');
    // (The view, when shown, may load what it shows expanded; "onbekend" never was.)
    const loaded = (): string[] => [...api.aspects.nodes()].map((n) => n.id).filter((id) => id.startsWith('a:onbekend'));
    assert.deepEqual(loaded(), ['a:onbekend'], 'below "onbekend" nothing is loaded');

    const editor = await showFixture('tilburg/gesprek-2.md');
    editor.selection = new vscode.Selection(12, 50, 12, 50);
    const node = await vscode.commands.executeCommand<ViewNode | undefined>('kader.revealInKader');
    assert.ok(node, 'nothing was revealed');
    assert.equal(node.label, 'in de bibliotheek');
    const path: string[] = [];
    for (let at: ViewNode | undefined = node; at; at = api.aspects.getParent(at)) path.unshift(at.id);
    assert.deepEqual(path, [
      'a:onbekend',
      'a:onbekend/direct',
      'a:onbekend/direct/p:Leergemeenschap Tilburg',
      `a:onbekend/direct/p:Leergemeenschap Tilburg/f:${node.node.kind === 'fragment' ? node.node.fragment?.key : ''}#${editor.document.offsetAt(new vscode.Position(12, 45))}`,
    ]);
    await waitFor(() => api.aspectsView.selection[0]?.id === node.id, 'the fragment is not selected in the view');
    assert.deepEqual(loaded(), path, 'the levels on the way were loaded');
  });
});

