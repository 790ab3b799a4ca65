import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KaderApi } from '../../client/src/api';
import type { WebviewProbe } from '../../client/src/statistics/panel';
import { quotesOf } from './quotePage';
import { kaderApi, revertAndCloseAll, waitFor, waitForValue } from './util';

/** The matrix section's cells as the page shows them: each cell's aria label (row, column, number). */
function matrixCells(html: string): string[] {
  const section = /<section id="crosstab"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return [...section.matchAll(/data-cell="x:\d+:\d+" aria-label="([^"]+)"/g)].map((m) => m[1]!.replace(/&#39;/g, "'"));
}

describe('statistics matrix', () => {
  let api: KaderApi;
  let panel: WebviewProbe;

  before(async () => {
    api = await kaderApi();
    await vscode.commands.executeCommand('kader.showStatistics');
    panel = await waitForValue(() => api.statisticsPanel(), 'the statistics panel opens');
    // The tests send the page's messages themselves: the page need only be drawn.
    await waitFor(() => panel.html().includes('<section id="crosstab"') || undefined, 'the page is drawn with its matrix');
  });

  after(async () => {
    await revertAndCloseAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the Statistics page shows a matrix of the rows and columns chosen, with percentages, and code relations', async () => {
    const first = panel.html();
    assert.match(first, /<select id="matrix-rows">/);
    assert.match(first, /<table class="heatmap" aria-label="Matrix">/);

    assert.equal(await panel.receive({ type: 'matrix', rows: 'code', columns: 'coder', measure: 'fragments', percent: 'none', relation: 'fragment' }), true);
    const counts = panel.html();
    assert.match(counts, /<p class="summary">Codes × Coder · Fragments<\/p>/);
    assert.match(counts, /<option value="coder" selected>Coder<\/option>/);
    assert.deepEqual(matrixCells(counts), [
      'Intentie and anna: 3. Show the quotes.',
      'Intentie and bram: 2. Show the quotes.',
      'Gestuurd and anna: 1. Show the quotes.',
      'Gestuurd and bram: 1. Show the quotes.',
      'Intrinsiek and anna: 1. Show the quotes.',
      'Intrinsiek and bram: 0. Show the quotes.',
      'Context and anna: 1. Show the quotes.',
      'Context and bram: 0. Show the quotes.',
      'Macht and anna: 1. Show the quotes.',
      'Macht and bram: 0. Show the quotes.',
      'Activiteit and anna: 0. Show the quotes.',
      'Activiteit and bram: 1. Show the quotes.',
      'onbekend and anna: 0. Show the quotes.',
      'onbekend and bram: 1. Show the quotes.',
    ]);
    // A sub-code's row is indented under its aspect.
    assert.match(counts, /<th scope="row" class="row depth-1" title="Gestuurd">/);

    assert.equal(await panel.receive({ type: 'matrix', rows: 'aspect', columns: 'coder', measure: 'documents', percent: 'column', relation: 'fragment' }), true);
    const shares = panel.html();
    assert.match(shares, /<p class="summary">Aspects × Coder · Transcripts · % of the column<\/p>/);
    assert.deepEqual(matrixCells(shares), [
      'Intentie and anna: 100.0 %. Show the quotes.',
      'Intentie and bram: 100.0 %. Show the quotes.',
      'Context and anna: 100.0 %. Show the quotes.',
      'Context and bram: 0.0 %. Show the quotes.',
      'Activiteit and anna: 0.0 %. Show the quotes.',
      'Activiteit and bram: 100.0 %. Show the quotes.',
      'onbekend and anna: 0.0 %. Show the quotes.',
      'onbekend and bram: 100.0 %. Show the quotes.',
    ]);

    // Codes × codes: how the codes meet is chosen too; a code with itself is no relation.
    assert.equal(await panel.receive({ type: 'matrix', rows: 'aspect', columns: 'aspect', measure: 'fragments', percent: 'none', relation: 'near/1' }), true);
    const near = panel.html();
    assert.match(near, /<option value="near\/1" selected>Within 1 turn<\/option>/);
    assert.match(near, /<p class="summary">Aspects × Aspects · Fragments · within 1 turn \(1 line without speakers\)<\/p>/);
    assert.deepEqual(matrixCells(near), [
      'Intentie and Context: 1. Show the quotes.',
      'Intentie and Activiteit: 2. Show the quotes.',
      'Intentie and onbekend: 2. Show the quotes.',
      'Context and Intentie: 1. Show the quotes.',
      'Context and Activiteit: 0. Show the quotes.',
      'Context and onbekend: 0. Show the quotes.',
      'Activiteit and Intentie: 1. Show the quotes.',
      'Activiteit and Context: 0. Show the quotes.',
      'Activiteit and onbekend: 1. Show the quotes.',
      'onbekend and Intentie: 1. Show the quotes.',
      'onbekend and Context: 0. Show the quotes.',
      'onbekend and Activiteit: 1. Show the quotes.',
    ]);
  });

  it('a matrix cell opens its quotes in the quote reader', async () => {
    assert.equal(await panel.receive({ type: 'matrix', rows: 'code', columns: 'coder', measure: 'fragments', percent: 'none', relation: 'fragment' }), true);
    // Gestuurd and bram: "omdat het moest" in tilburg/gesprek-2.md.
    assert.equal(await panel.receive({ type: 'cell', id: 'x:1:1' }), true);
    const reader = await waitForValue(() => api.quoteReaderPanel(), 'the quote reader opens');
    const quotes = await waitForValue(() => {
      const found = quotesOf(reader.html());
      return found.length === 1 ? found : undefined;
    }, `the reader shows the cell's one quote:\n${reader.html()}`);
    assert.equal(quotes[0]![0], 'gesprek-2.md line 11 · Leergemeenschap Tilburg · bram');
  });
});
