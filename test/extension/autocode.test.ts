import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AutocodeOutcome } from '../../client/src/autocode/command';
import type { KaderApi } from '../../client/src/api';
import type { WebviewProbe } from '../../client/src/statistics/panel';
import { fixtureUri, kaderApi, revertAndCloseAll, showFixture, waitForPage, waitForValue } from './util';

/** Each match of the page as text: its place and its context (tags removed, the marked words in «»). */
function matchesOf(html: string): string[] {
  return [...html.matchAll(/<li class="match[^"]*">([\s\S]*?)<\/li>/g)].map((m) =>
    m[1]!
      .replace(/<mark>/g, '«')
      .replace(/<\/mark>/g, '»')
      .replace(/<input[^>]*\bdisabled\b[^>]*>/g, '[-] ')
      .replace(/<input[^>]*\bchecked\b[^>]*>/g, '[x] ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

describe('Auto-code', () => {
  let api: KaderApi;

  before(async () => {
    api = await kaderApi();
  });

  afterEach(async () => {
    await revertAndCloseAll();
  });

  const start = (args: object): { outcome: Thenable<AutocodeOutcome | undefined> } => ({ outcome: vscode.commands.executeCommand<AutocodeOutcome | undefined>('kader.autocode', args) });
  const panel = async (): Promise<WebviewProbe> => {
    const probe = await waitForValue(() => api.autocodePanel(), 'the auto-coding preview opens');
    await waitForPage(() => probe.ready(), 'the auto-coding preview’s script runs');
    return probe;
  };

  it('previews every match with a checkbox, codes the chosen ones in one edit, and Undo takes it back', async () => {
    const editor = await showFixture('breda/gesprek-1.md');
    const before = editor.document.getText();
    const uri = fixtureUri('breda/gesprek-1.md').toString();
    const { outcome } = start({ kind: 'phrase', text: 'Agenda', code: '#actanten/ding', uris: [uri] });
    const preview = await panel();
    assert.deepEqual(matchesOf(preview.html()), [
      '[x] gesprek-1.md line 17 ## Vraag 2 — Wie bepaalt de «agenda»?',
      '[x] gesprek-1.md line 20 **S1:** De gemeente bepaalt de «agenda».',
    ]);
    assert.match(preview.html(), /2 matches in 1 transcript/);
    assert.equal(editor.document.getText(), before, 'nothing is written before Code is pressed');
    assert.equal(await preview.receive({ type: 'apply', chosen: [1] }), true);
    assert.deepEqual(await outcome, { coded: 1 });
    assert.equal(editor.document.getText(), before.replace('De gemeente bepaalt de agenda.', 'De gemeente bepaalt de [agenda]{#actanten/ding}.'));
    assert.equal(api.autocodePanel(), undefined, 'the preview closes once the matches are coded');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });

  it('Cancel closes the preview and writes nothing', async () => {
    const editor = await showFixture('breda/gesprek-1.md');
    const before = editor.document.getText();
    const { outcome } = start({ kind: 'speaker', text: 'interviewer', code: 'activiteit', uris: [fixtureUri('breda/gesprek-1.md').toString()] });
    // The page's script is the first test's; here the list and the answer to Cancel.
    const preview = await waitForValue(() => api.autocodePanel(), 'the auto-coding preview opens');
    assert.deepEqual(matchesOf(preview.html()), ['[x] gesprek-1.md line 11 «**Interviewer:** Waarom doe je mee aan de leergemeenschap?»']);
    await preview.receive({ type: 'cancel' });
    assert.equal(await outcome, undefined);
    assert.equal(editor.document.getText(), before);
  });
});
