import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtureUri, kaderApi, revertAndCloseAll, showFixture, waitForValue } from './util';

function r(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

function hoverText(hover: vscode.Hover): string {
  return hover.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

describe('language features', () => {
  before(async () => {
    await kaderApi();
  });

  afterEach(async () => {
    await revertAndCloseAll();
  });

  it('reports diagnostics with the rule id as code', async () => {
    const editor = await showFixture('tilburg/gesprek-2.md');
    const diagnostics = await waitForValue(() => {
      const found = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'kader');
      return found.length > 0 && found;
    }, 'no Kader diagnostics for gesprek-2.md');
    assert.deepEqual(
      diagnostics.map((d) => ({ code: d.code, severity: d.severity, range: r(d.range), message: d.message })),
      [{ code: 'undefined-code', severity: vscode.DiagnosticSeverity.Warning, range: '12:65-12:74', message: '#onbekend is not in the codebook.' }],
    );
  });

  it('follows the kader settings: language and severity', async () => {
    const editor = await showFixture('tilburg/gesprek-2.md');
    const config = vscode.workspace.getConfiguration('kader');
    const message = (): string | undefined => vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.source === 'kader')?.message;
    try {
      await config.update('language', 'nl', vscode.ConfigurationTarget.Global);
      await waitForValue(() => message() === '#onbekend staat niet in het codeboek.', `the message stayed ${message()}`);
      await config.update('diagnostics.severity', { 'undefined-code': 'off' }, vscode.ConfigurationTarget.Global);
      await waitForValue(() => message() === undefined, 'the rule was not turned off');
    } finally {
      await config.update('language', undefined, vscode.ConfigurationTarget.Global);
      await config.update('diagnostics.severity', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForValue(() => message() === '#onbekend is not in the codebook.', `the message stayed ${message()}`);
  });

  it('one switch for Dutch: kader.language puts the views, the tree and the server in Dutch', async () => {
    const api = await kaderApi();
    const config = vscode.workspace.getConfiguration('kader');
    const titles = (): string[] => [api.aspectsView.title ?? '', api.practicesView.title ?? '', api.levelsView.title ?? ''];
    const groupTooltip = async (): Promise<string> => {
      await api.aspects.loadAll();
      const node = [...api.aspects.nodes()].find((n) => n.kind === 'direct');
      assert.ok(node, 'no "(no sub-code)" group');
      return `${node.label} | ${(api.aspects.getTreeItem(node).tooltip as vscode.MarkdownString).value}`;
    };
    assert.deepEqual(titles(), ['Aspects', 'Practices', 'Learning Level']);
    try {
      await config.update('language', 'nl', vscode.ConfigurationTarget.Global);
      await waitForValue(() => titles()[0] === 'Aspecten', `the titles stayed ${titles().join(', ')}`);
      assert.deepEqual(titles(), ['Aspecten', 'Praktijken', 'Leerniveau']);
      // The server's words (the group label) and the client's (the count in the tooltip) alike.
      const dutch = await waitForValue(async () => {
        const text = await groupTooltip();
        return text.startsWith('(geen subcode)') && text;
      }, 'the tree did not turn Dutch');
      assert.match(dutch, /\d+ fragment(en)?$/);
      assert.doesNotMatch(dutch, /fragments$/);
    } finally {
      await config.update('language', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForValue(() => titles()[0] === 'Aspects', 'the titles did not turn English again');
  });

  it('reports a diagnostic for a broken fragment typed into unsaved text', async () => {
    const editor = await showFixture('coding/oefening.md');
    await editor.edit((b) => b.insert(new vscode.Position(6, 8), 'Dat ]{#context} '));
    const diagnostic = await waitForValue(
      () => vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.source === 'kader'),
      'no diagnostic for the fragment without start',
    );
    assert.equal(diagnostic.code, 'fragment-without-start');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  });

  it('completes codes inside an attribute block', async () => {
    const editor = await showFixture('tilburg/gesprek-2.md');
    // Right after `{#` of `[bespreken casussen]{#activiteit}`.
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      editor.document.uri,
      new vscode.Position(12, 33),
    );
    const kader = list.items.filter((i) => typeof i.insertText === 'string' && i.insertText.startsWith('#'));
    const labels = kader.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).sort();
    assert.deepEqual(labels, ['activiteit', 'context', 'context/macht', 'intentie', 'intentie/gestuurd', 'intentie/intrinsiek', 'onbekend']);
    const gestuurd = kader.find((i) => i.insertText === '#intentie/gestuurd');
    assert.ok(gestuurd, 'no item for #intentie/gestuurd');
    const range = gestuurd.range instanceof vscode.Range ? gestuurd.range : gestuurd.range?.replacing;
    assert.ok(range);
    assert.equal(r(range), '12:32-12:43');
  });

  it('shows the codebook description and usage on hover', async () => {
    const editor = await showFixture('breda/gesprek-1.md');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(12, 60));
    const hover = hovers.find((h) => hoverText(h).includes('#intentie/gestuurd'));
    assert.ok(hover, `no Kader hover: ${JSON.stringify(hovers.map(hoverText))}`);
    const text = hoverText(hover);
    assert.ok(text.startsWith('**Gestuurd** `#intentie/gestuurd`'), text);
    assert.ok(text.includes('De deelnemer doet mee omdat de organisatie dat vraagt.'), text);
    assert.ok(text.includes('2 fragments in 2 practices'), text);
    assert.ok(hover.range, 'the hover has a range');
    assert.equal(r(hover.range), '12:54-12:72');
  });

  it('renames a code in every transcript and the codebook', async () => {
    const editor = await showFixture('breda/gesprek-1.md');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      editor.document.uri,
      new vscode.Position(12, 60),
      'intentie/verplicht',
    );
    const entries = edit
      .entries()
      .map(([uri, edits]) => [vscode.workspace.asRelativePath(uri), edits.map((e) => `${r(e.range)} ${e.newText}`)] as const)
      .sort((a, b) => a[0].localeCompare(b[0]));
    assert.deepEqual(entries, [
      ['breda/gesprek-1.md', ['12:55-12:72 intentie/verplicht']],
      ['codebook.md', ['6:14-6:31 intentie/verplicht']],
      ['tilburg/gesprek-2.md', ['10:36-10:53 intentie/verplicht']],
    ]);
    // Nothing was applied.
    assert.equal((await vscode.workspace.openTextDocument(fixtureUri('codebook.md'))).isDirty, false);
  });
});
