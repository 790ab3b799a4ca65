// Compare Coding With… in a workspace that is no git repository (the fixture workspace is copied
// into a temporary folder): the picker offers files only, says why in one plain line, and no
// error is shown; the report opens full width in the active column.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtureUri, kaderApi, revertAndCloseAll, showFixture, waitForValue } from './util';

type Window = typeof vscode.window;
type Shown = { kind: 'error' | 'warning' | 'information'; message: string };

/**
 * Replaces `showQuickPick` and the notifications of the extension's `vscode.window` (the same API
 * object the extension holds) for the length of `body`: the picker answers with `choose(items)`.
 */
async function withWindow<T>(
  choose: (items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined,
  body: (seen: { items: vscode.QuickPickItem[]; options: vscode.QuickPickOptions | undefined; shown: Shown[] }) => Promise<T>,
): Promise<T> {
  const window = vscode.window as { -readonly [K in keyof Window]: Window[K] };
  const saved = { showQuickPick: window.showQuickPick, showErrorMessage: window.showErrorMessage, showWarningMessage: window.showWarningMessage, showInformationMessage: window.showInformationMessage };
  const seen = { items: [] as vscode.QuickPickItem[], options: undefined as vscode.QuickPickOptions | undefined, shown: [] as Shown[] };
  const notify = (kind: Shown['kind']) => (message: string) => {
    seen.shown.push({ kind, message });
    return Promise.resolve(undefined);
  };
  window.showQuickPick = (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions) => {
    seen.items = [...(await items)];
    seen.options = options;
    return choose(seen.items);
  }) as unknown as Window['showQuickPick'];
  window.showErrorMessage = notify('error') as Window['showErrorMessage'];
  window.showWarningMessage = notify('warning') as Window['showWarningMessage'];
  window.showInformationMessage = notify('information') as Window['showInformationMessage'];
  try {
    return await body(seen);
  } finally {
    Object.assign(window, saved);
  }
}

describe('Compare Coding With… outside git', () => {
  afterEach(revertAndCloseAll);

  it('Compare Coding With… outside a git repository offers the other transcripts only, in a plain line, and opens the report full width', async () => {
    const api = await kaderApi();
    assert.equal(vscode.workspace.isTrusted, true, 'trusted: Kader would run git if there were a repository');
    const uri = fixtureUri('breda/gesprek-1.md');
    await showFixture('breda/gesprek-1.md');

    // Cancelled: nothing opens, nothing is shown.
    await withWindow(
      () => undefined,
      async (seen) => {
        assert.equal(await vscode.commands.executeCommand('kader.compareCodingWith'), undefined);
        assert.equal(
          seen.options?.placeHolder,
          'Comparing with a branch or commit needs a git repository: choose a file instead.',
        );
        assert.doesNotMatch(JSON.stringify(seen.items), /fatal|git repository/i);
        const separators = seen.items.filter((i) => i.kind === vscode.QuickPickItemKind.Separator).map((i) => i.label);
        assert.deepEqual(separators, ['Transcripts in This Workspace', ''], 'no branches, tags or commits');
        const choices = seen.items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator).map((i) => `${i.label} — ${i.description ?? ''}`);
        // The transcript itself, the codebook and a README are not offered; "Another File…" comes last.
        assert.ok(choices.includes('$(file) oefening.md — coding'), choices.join('\n'));
        assert.ok(choices.includes('$(file) gesprek-2.md — tilburg'), choices.join('\n'));
        assert.ok(!choices.some((c) => /gesprek-1\.md|codebook\.md|README\.md/i.test(c)), choices.join('\n'));
        assert.equal(choices.at(-1), '$(folder-opened) Another File… — ');
        assert.deepEqual(seen.shown, []);
        assert.equal(api.agreementPanel(uri), undefined);
      },
    );

    // The other coder's transcript, chosen in the picker: the report, and still no message.
    const report = await withWindow(
      (items) => items.find((i) => i.label === '$(file) gesprek-2.md'),
      async (seen) => {
        const result = await vscode.commands.executeCommand<{ labelA: string; labelB: string } | undefined>('kader.compareCodingWith', uri);
        assert.deepEqual(seen.shown, []);
        return result;
      },
    );
    assert.deepEqual([report?.labelA, report?.labelB], ['gesprek-1.md', 'gesprek-2.md']);
    await waitForValue(() => api.agreementPanel(uri), 'the comparison panel opens');
    // Full width: in the transcript's own column, no second editor group beside it.
    const tabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const tab = await waitForValue(
      () => tabs().find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('kader.agreement')),
      `the report is a tab: ${JSON.stringify(tabs().map((t) => [t.label, t.group.viewColumn, t.input]))}`,
    );
    assert.equal(tab.group.viewColumn, vscode.ViewColumn.One);
    assert.equal(vscode.window.tabGroups.all.length, 1);

    // "Read more" opens the guide (docs/agreement.md) as a Markdown preview.
    const panel = await waitForValue(() => api.agreementPanel(uri), 'the comparison panel');
    assert.match(panel.html(), /<button type="button" class="link" data-action="guide">Read more: agreement, kappa and alpha, with a worked example<\/button>/);
    assert.equal(await panel.receive({ type: 'guide' }), true);
    await waitForValue(() => tabs().find((t) => t.label.includes('agreement.md')), `the guide opens: ${JSON.stringify(tabs().map((t) => t.label))}`);
  });
});
