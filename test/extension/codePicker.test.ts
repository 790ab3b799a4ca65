import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KaderApi } from '../../client/src/api';
import type { CodingOutcome } from '../../client/src/codingCommands';
import { kaderApi, revertAndCloseAll, showFixture, waitFor } from './util';

const ORIGINAL = [
  '# Oefengesprek',
  '',
  '**S1:** We spraken af in het buurthuis om de week te bespreken.',
  '',
  '**S2:** Niemand wist precies wie de agenda maakte.',
  '',
  '**S1:** Dat bepaalde de coördinator.',
  '',
].join('\n');

/** Added to the fixture codebook unsaved (reverted after each test). */
const NORMATIVITEIT = '\n# Normativiteit {#normativiteit color="#E15759"}\nWelke normen gelden?\n\n## Schuring {#normativiteit/schuring}\nNormen botsen.\n';

type Pick = vscode.QuickPick<vscode.QuickPickItem>;

const labels = (pick: Pick): string[] => pick.items.map((i) => i.label);

/**
 * The extension host sends a quick pick's changes on its next macrotask; this lets that happen,
 * so a command sent to the workbench afterwards finds them there.
 */
async function flushQuickInput(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('code picker', () => {
  let api: KaderApi;
  let editor: vscode.TextEditor;

  /** The next quick pick the code picker shows. */
  function nextPick(): Promise<Pick> {
    return new Promise((resolve) => {
      const listener = api.onDidShowCodePick((pick) => {
        listener.dispose();
        resolve(pick);
      });
    });
  }

  /** Types `value` into the shown picker and waits until its items are `expected`. */
  async function type(pick: Pick, value: string, expected: string[]): Promise<void> {
    await waitFor(() => !pick.busy, 'the codes did not load');
    pick.value = value;
    await waitFor(() => JSON.stringify(labels(pick)) === JSON.stringify(expected), `the items for “${value}” are ${JSON.stringify(labels(pick))}`);
    await flushQuickInput();
  }

  async function accept(): Promise<void> {
    await flushQuickInput();
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }

  before(async () => {
    api = await kaderApi();
  });

  beforeEach(async () => {
    const codebook = await showFixture('codebook.md');
    await codebook.edit((b) => b.insert(codebook.document.lineAt(codebook.document.lineCount - 1).range.end, NORMATIVITEIT));
    await waitFor(async () => {
      await api.aspects.getChildren();
      return [...api.aspects.nodes()].some((n) => n.label === 'Normativiteit');
    }, 'the server did not read the unsaved codebook');
    editor = await showFixture('coding/oefening.md');
    assert.equal(editor.document.getText(), ORIGINAL);
    editor.selection = new vscode.Selection(2, 22, 2, 38);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await revertAndCloseAll();
  });

  it('Enter takes the best existing match of what is typed: normativ codes #normativiteit', async () => {
    const shown = nextPick();
    const done = vscode.commands.executeCommand<CodingOutcome | undefined>('kader.codeSelection');
    const pick = await shown;
    await type(pick, 'normativ', ['#normativiteit', '#normativiteit/schuring', 'New code “#normativ”']);
    assert.deepEqual(pick.activeItems.map((i) => i.label), ['#normativiteit']);
    await accept();
    assert.deepEqual(await done, { applied: true, shape: 'inline' });
    assert.equal(editor.document.getText(), ORIGINAL.replace('in het buurthuis', '[in het buurthuis]{#normativiteit}'));
  });

  it('finds a code by its English name and by a typing error', async () => {
    const shown = nextPick();
    const done = vscode.commands.executeCommand<CodingOutcome | undefined>('kader.codeSelection');
    const pick = await shown;
    await type(pick, 'normativity', ['#normativiteit', 'New code “#normativity”']);
    await type(pick, 'contxt', ['#context', '#context/macht', 'New code “#contxt”']);
    await accept();
    assert.deepEqual(await done, { applied: true, shape: 'inline' });
    assert.equal(editor.document.getText(), ORIGINAL.replace('in het buurthuis', '[in het buurthuis]{#context}'));
  });

  it('asks first when the new-code item names a code close to an existing one; Enter then takes the existing code', async () => {
    const shown = nextPick();
    const done = vscode.commands.executeCommand<CodingOutcome | undefined>('kader.codeSelection');
    const pick = await shown;
    await type(pick, 'normativ', ['#normativiteit', '#normativiteit/schuring', 'New code “#normativ”']);
    const asked = nextPick();
    pick.activeItems = [pick.items[2]!];
    await accept();
    const question = await asked;
    assert.equal(question.title, 'Did you mean #normativiteit?');
    assert.deepEqual(labels(question), ['#normativiteit', '#normativiteit/schuring', 'New code “#normativ”']);
    assert.deepEqual(question.activeItems.map((i) => i.label), ['#normativiteit']);
    await accept();
    assert.deepEqual(await done, { applied: true, shape: 'inline' });
    assert.equal(editor.document.getText(), ORIGINAL.replace('in het buurthuis', '[in het buurthuis]{#normativiteit}'));
  });

  it('makes the new code when the question is answered with it', async () => {
    const shown = nextPick();
    const done = vscode.commands.executeCommand<CodingOutcome | undefined>('kader.codeSelection');
    const pick = await shown;
    await type(pick, 'normativ', ['#normativiteit', '#normativiteit/schuring', 'New code “#normativ”']);
    const asked = nextPick();
    pick.activeItems = [pick.items[2]!];
    await accept();
    const question = await asked;
    question.activeItems = [question.items[2]!];
    await accept();
    assert.deepEqual(await done, { applied: true, shape: 'inline' });
    assert.equal(editor.document.getText(), ORIGINAL.replace('in het buurthuis', '[in het buurthuis]{#normativ}'));
  });

  it('makes a new code far from every code without asking', async () => {
    const shown = nextPick();
    const done = vscode.commands.executeCommand<CodingOutcome | undefined>('kader.codeSelection');
    const pick = await shown;
    await type(pick, 'vertrouwen', ['New code “#vertrouwen”']);
    assert.deepEqual(pick.activeItems.map((i) => i.label), ['New code “#vertrouwen”']);
    await accept();
    assert.deepEqual(await done, { applied: true, shape: 'inline' });
    assert.equal(editor.document.getText(), ORIGINAL.replace('in het buurthuis', '[in het buurthuis]{#vertrouwen}'));
  });
});
