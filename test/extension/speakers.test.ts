import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KaderApi } from '../../client/src/api';
import { quotesOf } from './quotePage';
import { kaderApi, revertAndCloseAll, showFixture, waitForTree, waitForValue } from './util';

// The fixture workspace in the Speakers view: each person with the quotes they said, by aspect
// (the section "Vraag 1" is said by no one). No front matter names a person, so each label is a
// person of its own transcript, its file beside the count.
const SPEAKERS = [
  'S1 — 2 · gesprek-1',
  '  Intentie — 1',
  '    S1: omdat mijn leidinggevende… — anna · gesprek-1.md',
  '  Context — 1',
  '    S1: De gemeente bepaalt de… — anna · gesprek-1.md',
  'S2 — 1 · gesprek-1',
  '  Intentie — 1',
  '    S2: Ik wilde zelf iets leren… — anna · gesprek-1.md',
  'S3 — 4 · gesprek-2',
  '  Intentie — 2',
  '    S3: Ik kwam omdat het moest en… — bram · gesprek-2.md',
  '    S3: omdat het moest — bram · gesprek-2.md',
  '  Activiteit — 1',
  '    S3: bespreken casussen — bram · gesprek-2.md',
  '  onbekend — 1',
  '    S3: in de bibliotheek — bram · gesprek-2.md',
];

describe('Speakers view', () => {
  let api: KaderApi;

  before(async () => {
    api = await kaderApi();
  });

  after(async () => {
    await revertAndCloseAll();
  });

  it('shows person → aspect → quote, a new coding under its speaker, and undo takes it away', async () => {
    assert.equal(api.speakersView.title, 'Speakers');
    await waitForTree(api.speakers, SPEAKERS, 'the Speakers view does not show the fixture');
    const editor = await showFixture('coding/oefening.md');
    editor.selection = new vscode.Selection(2, 22, 2, 38); // "in het buurthuis", said by S1
    await vscode.commands.executeCommand('kader.codeSelection', ['activiteit']);
    const coded = [...SPEAKERS];
    coded.splice(5, 0, 'S1 — 1 · oefening', '  Activiteit — 1', '    S1: in het buurthuis — oefening.md');
    await waitForTree(api.speakers, coded, 'the new quote did not appear under its speaker');
    await vscode.commands.executeCommand('undo');
    await waitForTree(api.speakers, SPEAKERS, 'the undone quote did not disappear');
  });

  it('reads a person’s quotes in the quote reader', async () => {
    const s2 = await waitForValue(async () => (await api.speakers.getChildren()).find((n) => n.label === 'S2'), 'no S2 in the Speakers view');
    await vscode.commands.executeCommand('kader.readQuotes', s2);
    const reader = await waitForValue(() => api.quoteReaderPanel(), 'the quote reader opens');
    const html = await waitForValue(() => (reader.html().includes('Speakers · 1 quote') ? reader.html() : undefined), `the reader does not show S2's quote:\n${reader.html()}`);
    assert.match(html, /<h1>S2<\/h1>/);
    assert.deepEqual(quotesOf(html)[0]?.slice(-1), ['  S2: Ik wilde zelf iets leren over samenwerken.']);
  });
});
