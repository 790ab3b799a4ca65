import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addCodesToCodebook, codeHeading } from '../../client/src/codebookEdits';
import { CodePicker, parseCode } from '../../client/src/codePicker';
import type { CodingOutcome } from '../../client/src/codingCommands';
import type { CodeInfo } from '../../server/src/protocol';
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

/** Selects, runs Code Selection with `codes` (no quick pick), and returns the outcome. */
async function code(editor: vscode.TextEditor, selection: vscode.Selection, codes: string[]): Promise<CodingOutcome | undefined> {
  editor.selection = selection;
  return vscode.commands.executeCommand<CodingOutcome | undefined>('kader.codeSelection', codes);
}

async function undoTo(editor: vscode.TextEditor, text: string): Promise<void> {
  await vscode.commands.executeCommand('undo');
  await waitFor(() => editor.document.getText() === text, 'undo did not restore the text');
}

describe('coding commands', () => {
  let editor: vscode.TextEditor;

  before(async () => {
    await kaderApi();
  });

  beforeEach(async () => {
    editor = await showFixture('coding/oefening.md');
    assert.equal(editor.document.getText(), ORIGINAL);
  });

  afterEach(async () => {
    await revertAndCloseAll();
  });

  it('codes words inside a paragraph as an inline fragment, and undo restores the text', async () => {
    const outcome = await code(editor, new vscode.Selection(2, 22, 2, 38), ['activiteit']);
    assert.deepEqual(outcome, { applied: true, shape: 'inline' });
    assert.equal(
      editor.document.getText(),
      ORIGINAL.replace('in het buurthuis', '[in het buurthuis]{#activiteit}'),
    );
    await undoTo(editor, ORIGINAL);
  });

  it('codes a whole paragraph at its end with several codes, and undo restores the text', async () => {
    const line = editor.document.lineAt(4);
    const outcome = await code(editor, new vscode.Selection(line.range.start, line.range.end), ['context/macht', '#intentie']);
    assert.deepEqual(outcome, { applied: true, shape: 'block' });
    assert.equal(
      editor.document.getText(),
      ORIGINAL.replace('wie de agenda maakte.', 'wie de agenda maakte. {#context/macht #intentie}'),
    );
    await undoTo(editor, ORIGINAL);
  });

  it('codes several paragraphs as a div, and undo restores the text', async () => {
    const outcome = await code(editor, new vscode.Selection(2, 8, 4, 15), ['context']);
    assert.deepEqual(outcome, { applied: true, shape: 'div' });
    assert.equal(
      editor.document.getText(),
      [
        '# Oefengesprek',
        '',
        '::: {#context}',
        '**S1:** We spraken af in het buurthuis om de week te bespreken.',
        '',
        '**S2:** Niemand wist precies wie de agenda maakte.',
        ':::',
        '',
        '**S1:** Dat bepaalde de coördinator.',
        '',
      ].join('\n'),
    );
    await undoTo(editor, ORIGINAL);
  });

  it('adds and removes a code, uncodes, and repeats the last code', async () => {
    await code(editor, new vscode.Selection(2, 22, 2, 38), ['activiteit']);
    const coded = ORIGINAL.replace('in het buurthuis', '[in het buurthuis]{#activiteit}');
    assert.equal(editor.document.getText(), coded);

    editor.selection = new vscode.Selection(2, 30, 2, 30);
    assert.deepEqual(await vscode.commands.executeCommand('kader.addCode', 'context'), { applied: true, shape: 'inline' });
    const twoCodes = ORIGINAL.replace('in het buurthuis', '[in het buurthuis]{#activiteit #context}');
    assert.equal(editor.document.getText(), twoCodes);

    assert.deepEqual(await vscode.commands.executeCommand('kader.removeCode', 'activiteit'), { applied: true, shape: 'inline' });
    assert.equal(editor.document.getText(), ORIGINAL.replace('in het buurthuis', '[in het buurthuis]{#context}'));

    assert.deepEqual(await vscode.commands.executeCommand('kader.uncode'), { applied: true, shape: 'inline' });
    assert.equal(editor.document.getText(), ORIGINAL);

    // Repeat Last Code uses the codes of the last Code Selection.
    editor.selection = new vscode.Selection(6, 8, 6, 12);
    assert.deepEqual(await vscode.commands.executeCommand('kader.repeatLastCode'), { applied: true, shape: 'inline' });
    assert.equal(editor.document.getText(), ORIGINAL.replace('Dat bepaalde', '[Dat]{#activiteit} bepaalde'));
  });

  it('uncodes a fragment from its item in the Aspects view', async () => {
    const api = await kaderApi();
    await code(editor, new vscode.Selection(2, 22, 2, 38), ['activiteit']);
    const node = await waitFor(async () => {
      await api.aspects.loadAll();
      return [...api.aspects.nodes()].find((n) => n.kind === 'fragment' && n.label === 'in het buurthuis');
    }, 'the new fragment is not in the view');
    editor.selection = new vscode.Selection(6, 0, 6, 0); // the cursor elsewhere: the item says which fragment
    assert.deepEqual(await vscode.commands.executeCommand('kader.uncode', node), { applied: true, shape: 'inline' });
    assert.equal(editor.document.getText(), ORIGINAL);
  });

  it('shows the server message and changes nothing when there is nothing to do', async () => {
    editor.selection = new vscode.Selection(4, 10, 4, 10);
    const outcome = await vscode.commands.executeCommand<CodingOutcome>('kader.uncode');
    assert.equal(outcome.applied, false);
    assert.equal(outcome.message, 'There is no coded fragment here.');
    assert.equal(editor.document.getText(), ORIGINAL);
  });
});

describe('choosing codes', () => {
  it('reads a typed code with or without #', () => {
    assert.equal(parseCode(' #intentie/gestuurd '), 'intentie/gestuurd');
    assert.equal(parseCode('space-en-place/plek'), 'space-en-place/plek');
    assert.equal(parseCode('beïnvloeding'), 'beïnvloeding');
    assert.equal(parseCode('#intentie/'), undefined);
    assert.equal(parseCode('twee woorden'), undefined);
  });

  it('orders codes as the codebook does, sub-codes under their aspect, codes in use last', () => {
    const info = (code: string, defined: boolean): CodeInfo => ({ code, name: code, count: 0, defined });
    const ordered = CodePicker.order([
      info('intentie', true),
      info('context/corona', false),
      info('context', true),
      info('intentie/gestuurd', true),
      info('onbekend', false),
      info('context/macht', true),
      info('activiteit/excursie', false),
      info('activiteit', true),
    ]);
    assert.deepEqual(
      ordered.map((c) => c.code),
      ['intentie', 'intentie/gestuurd', 'context', 'context/macht', 'context/corona', 'activiteit', 'activiteit/excursie', 'onbekend'],
    );
  });

  it('adds headings for new codes to the codebook as one edit', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kader-codebook-'));
    try {
      const codebook = vscode.Uri.file(path.join(dir, 'codebook.md'));
      fs.writeFileSync(codebook.fsPath, '# Intentie {#intentie}\nWaarom?\n');
      assert.equal(codeHeading('space-en-place/plek-en-tijd'), '## Plek en tijd {#space-en-place/plek-en-tijd}\n');
      await addCodesToCodebook(folder, ['intentie/verplicht', 'ruimte'], 'nl', codebook);
      assert.equal(fs.readFileSync(codebook.fsPath, 'utf8'), '# Intentie {#intentie}\nWaarom?\n\n## Verplicht {#intentie/verplicht}\n\n# Ruimte {#ruimte}\n');
    } finally {
      await revertAndCloseAll();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
