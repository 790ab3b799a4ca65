// Issue 20 in the extension host: Create Codebook writes the framework with or without the
// article's distinctions and the learning family, and New Transcript carries the follow-up prompts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { frameworkCodebookMarkdown } from '../../server/src/core/framework';
import { CLOSING_PROMPTS, FOLLOW_UPS } from '../../server/src/core/frameworkDistinctions';
import { kaderApi, revertAndCloseAll } from './util';

describe('the framework as the article describes it', () => {
  let scratch: string;

  before(async () => {
    await kaderApi();
  });

  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kader-framework-'));
  });

  afterEach(async () => {
    await revertAndCloseAll();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('Create Codebook writes the bare framework, the distinctions and the learning family as asked', async () => {
    const variants = [
      { distinctions: false, learning: false },
      { distinctions: true, learning: true },
      { distinctions: false, learning: true },
    ];
    for (const [i, variant] of variants.entries()) {
      const target = vscode.Uri.file(path.join(scratch, String(i), 'codebook.md'));
      await vscode.commands.executeCommand('kader.createCodebook', { locale: 'nl', target, show: false, ...variant });
      const text = fs.readFileSync(target.fsPath, 'utf8');
      assert.equal(text, frameworkCodebookMarkdown('nl', variant));
      assert.equal(text.includes('{#intentie/gestuurd}'), variant.distinctions);
      assert.equal(text.includes('{#niveau/collectief}'), variant.learning);
    }
  });

  it('New Transcript asks the article’s follow-up questions of the codebook’s aspects and closes on the learning level and loop', async () => {
    await vscode.workspace.getConfiguration('kader').update('coder', 'noor', vscode.ConfigurationTarget.Global);
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('kader.newTranscript', { locale: 'en', target: 'untitled', show: false });
    const text = document.getText();
    // The fixture's codebook (Dutch) has three of the aspects.
    assert.deepEqual(
      text.split('\n').filter((line) => line.startsWith('<!-- Doorvragen: ')),
      ['intentie', 'context', 'activiteit'].map((aspect) => `<!-- Doorvragen: ${FOLLOW_UPS[aspect]!.nl} -->`),
    );
    assert.ok(text.includes(`**Interviewer:** ${CLOSING_PROMPTS.nl}\n`));
  });
});
