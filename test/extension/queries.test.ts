import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { KaderApi } from '../../client/src/api';
import { quotesOf } from './quotePage';
import { fixtureUri, kaderApi, revertAndCloseAll, waitFor, waitForTree, waitForValue } from './util';

const GESTUURD_ASPECTS = [
  'Intentie — 2',
  '  Gestuurd — 2',
  '    Leergemeenschap Breda — 1',
  '      S1: omdat mijn leidinggevende… — anna · gesprek-1.md',
  '    Leergemeenschap Tilburg — 1',
  '      S3: omdat het moest — bram · gesprek-2.md',
  'Context — 0',
  'Activiteit — 0',
  'onbekend — 0',
];

const GESTUURD_PRACTICES = [
  'Leergemeenschap Breda — 1',
  '  Intentie — 1',
  '    Gestuurd — 1',
  '      S1: omdat mijn leidinggevende… — anna · gesprek-1.md',
  'Leergemeenschap Tilburg — 1',
  '  Intentie — 1',
  '    Gestuurd — 1',
  '      S3: omdat het moest — bram · gesprek-2.md',
];

describe('queries', () => {
  let api: KaderApi;
  const queriesFile = (): vscode.Uri => fixtureUri('queries.md');

  before(async () => {
    api = await kaderApi();
    await vscode.commands.executeCommand('kader.aspects.focus');
  });

  afterEach(async () => {
    api.filter.clear();
    await revertAndCloseAll();
    fs.rmSync(queriesFile().fsPath, { force: true });
  });

  const viewsShow = (description: string | undefined, message: string | undefined): Promise<unknown> =>
    waitFor(
      () =>
        [api.aspectsView, api.practicesView, api.levelsView, api.speakersView].every((view) => view.description === description && view.message === message) || undefined,
      `the views show ${String(description)} and ${String(message)}; the Aspects view shows ${String(api.aspectsView.description)} and ${String(api.aspectsView.message)}`,
    );

  it('Query… filters every view by a query, with its count in the description and the query as the message; Clear Filter clears it', async () => {
    assert.deepEqual(await vscode.commands.executeCommand('kader.query', '#intentie/gestuurd'), { count: 2 });
    await viewsShow('2 fragments', 'Query: #intentie/gestuurd (2 fragments)');
    await waitForTree(api.aspects, GESTUURD_ASPECTS, 'the query did not filter the Aspects view');
    await waitForTree(api.practices, GESTUURD_PRACTICES, 'the query did not filter the Practices view');

    // With the text filter as well the views' own counts say it: no count of the query alone.
    await vscode.commands.executeCommand('kader.filterByText', 'moest');
    await viewsShow('Filter: “moest”', 'Query: #intentie/gestuurd');
    await waitForTree(
      api.aspects,
      ['Intentie — 1', '  Gestuurd — 1', '    Leergemeenschap Tilburg — 1', '      S3: omdat het moest — bram · gesprek-2.md', 'Context — 0', 'Activiteit — 0', 'onbekend — 0'],
      'the query and the text filter together',
    );

    await vscode.commands.executeCommand('kader.clearFilter');
    await viewsShow(undefined, undefined);
    assert.deepEqual(api.filter.filter, {});
    await waitFor(async () => (await api.aspects.getChildren()).find((n) => n.label === 'Intentie')?.count === 5 || undefined, 'every fragment is back');
  });

  it('a malformed query is refused with the place of the mistake, and the views stay as they were', async () => {
    const outcome = await vscode.commands.executeCommand<{ error: string }>('kader.query', '#intentie AND (practice:"Leergemeenschap Breda"');
    assert.deepEqual(outcome, { error: 'At 15: This bracket is not closed.' });
    assert.deepEqual(api.filter.filter, {});
    await viewsShow(undefined, undefined);
  });

  it('Save Query… writes queries.md as one undoable edit; Run Saved Query… runs it; a malformed query is not saved', async () => {
    const before = '# Onze zoekvragen\n\n## Macht\n\n```kader-query\n#context/macht\n```\n';
    fs.writeFileSync(queriesFile().fsPath, before);
    const saved = await vscode.commands.executeCommand<vscode.Uri>('kader.saveQuery', '#intentie/gestuurd', 'Gestuurd');
    assert.equal(saved?.toString(), queriesFile().toString());
    const after = '# Onze zoekvragen\n\n## Macht\n\n```kader-query\n#context/macht\n```\n\n## Gestuurd\n\n```kader-query\n#intentie/gestuurd\n```\n';
    assert.equal(fs.readFileSync(queriesFile().fsPath, 'utf8'), after, 'saved to disk');
    const document = await vscode.workspace.openTextDocument(queriesFile());
    assert.equal(document.getText(), after);

    assert.deepEqual(await vscode.commands.executeCommand('kader.runSavedQuery', 'Gestuurd'), { count: 2 });
    await viewsShow('2 fragments', 'Query: #intentie/gestuurd (2 fragments)');
    await waitForTree(api.aspects, GESTUURD_ASPECTS, 'the saved query did not filter the Aspects view');

    assert.equal(await vscode.commands.executeCommand('kader.saveQuery', '#intentie AND', 'Kapot'), undefined);
    assert.equal(document.getText(), after, 'a malformed query is not saved');

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => document.getText() === before || undefined, `undo restores queries.md:\n${document.getText()}`);
  });

  it('Save Query… starts queries.md when there is none, and saves the views’ query when given none', async () => {
    assert.deepEqual(await vscode.commands.executeCommand('kader.query', 'practice:"Leergemeenschap Breda" AND NOT #context'), { count: 3 });
    await vscode.commands.executeCommand('kader.saveQuery', undefined, 'Breda zonder context');
    assert.equal(
      fs.readFileSync(queriesFile().fsPath, 'utf8'),
      '# Saved queries\n\n## Breda zonder context\n\n```kader-query\npractice:"Leergemeenschap Breda" AND NOT #context\n```\n',
    );
  });

  it('kader.readQuotesForQuery opens the quote reader on a query’s quotes, and its query box filters them', async () => {
    assert.deepEqual(await vscode.commands.executeCommand('kader.readQuotesForQuery', '#intentie/gestuurd OR #context', 'Gestuurd of context'), { count: 3 });
    const reader = await waitForValue(() => api.quoteReaderPanel(), 'the quote reader opens');
    const pageWith = (needle: string): Promise<string> =>
      waitForValue(() => (reader.html().includes(needle) ? reader.html() : undefined), `the reader does not show “${needle}”:\n${reader.html()}`);
    let html = await pageWith('<p class="summary">Query · 3 quotes</p>');
    assert.match(html, /<h1>Gestuurd of context<\/h1>/);
    assert.match(html, /<input id="query" type="text" value=""/);
    assert.deepEqual(quotesOf(html), [
      [
        'gesprek-1.md line 13 · Leergemeenschap Breda · anna',
        'Before: S1: Ik kwam',
        '  S1: omdat mijn leidinggevende het vroeg',
        'Memo: twijfelt of ze vrijwillig meedoet',
      ],
      [
        'gesprek-1.md line 20 · Leergemeenschap Breda · anna',
        'Before: Vraag 2 — Wie bepaalt de agenda?',
        '  S1: De gemeente bepaalt de agenda.',
        '  S2: En wij voeren uit.',
        'Memo: aanbesteding',
      ],
      ['gesprek-2.md line 11 · Leergemeenschap Tilburg · bram', 'Before: S3: Ik kwam', '  S3: omdat het moest'],
    ]);

    assert.equal(await reader.receive({ type: 'query', query: 'coder:bram' }), true);
    html = await pageWith('<p class="summary">Query · 1 quote</p>');
    assert.match(html, /<input id="query" type="text" value="coder:bram"/);
    assert.deepEqual(quotesOf(html), [['gesprek-2.md line 11 · Leergemeenschap Tilburg · bram', 'Before: S3: Ik kwam', '  S3: omdat het moest']]);

    assert.equal(await reader.receive({ type: 'query', query: 'coder:bram AND' }), true);
    html = await pageWith('aria-invalid="true"');
    assert.match(html, /<p id="query-status" class="query-status error" role="status">At 12: AND needs a term after it.<\/p>/);
    assert.equal(quotesOf(html).length, 1, 'the quotes stay as they were');

    assert.deepEqual(await vscode.commands.executeCommand('kader.readQuotesForQuery', '#intentie AND AND'), { error: 'At 11: AND needs a term after it.' });
  });

  it('the quote reader’s query box narrows the quotes of a node of a view, under the views’ query', async () => {
    await vscode.commands.executeCommand('kader.query', '#intentie');
    const intentie = await waitForValue(async () => (await api.aspects.getChildren()).find((n) => n.label === 'Intentie' && n.count === 5), 'the Aspects view has Intentie');
    await vscode.commands.executeCommand('kader.readQuotes', intentie);
    const reader = await waitForValue(() => api.quoteReaderPanel(), 'the quote reader opens');
    const pageWith = (needle: string): Promise<string> =>
      waitForValue(() => (reader.html().includes(needle) ? reader.html() : undefined), `the reader does not show “${needle}”:\n${reader.html()}`);
    await pageWith('<p class="summary">Aspects · 5 quotes</p>');
    assert.equal(await reader.receive({ type: 'query', query: 'speaker:S3' }), true);
    const html = await pageWith('<p class="summary">Aspects · 2 quotes</p>');
    assert.match(html, /<h1>Intentie<\/h1>/);
    assert.deepEqual(quotesOf(html), [
      ['gesprek-2.md line 11 · Leergemeenschap Tilburg · bram', 'Before: Interviewer: Hoe ben je begonnen?', '  S3: Ik kwam omdat het moest en bleef'],
      ['gesprek-2.md line 11 · Leergemeenschap Tilburg · bram', 'Before: S3: Ik kwam', '  S3: omdat het moest'],
    ]);
    assert.equal(await reader.receive({ type: 'query', query: '' }), true);
    await pageWith('<p class="summary">Aspects · 5 quotes</p>');
  });
});
