// Hover, definition, references, highlights, symbols and folding, answered in-process: the
// expectations of test/server/navigation.test.ts.

import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { DocumentSymbol, Hover, Location, Position, SymbolInformation } from 'vscode-languageserver-protocol';
import { fullCapabilities, minimalCapabilities, pos, range, startService, type Harness } from './harness';

function hover(h: Harness, relative: string, position: Position): Promise<Hover | null> {
  return h.request('textDocument/hover', { textDocument: { uri: h.uri(relative) }, position });
}

test('hover: name, description and usage from the codebook; codes not in it; codebook headings', async (t) => {
  const h = await startService(t);
  assert.deepEqual(await hover(h, 'breda/gesprek-1.md', pos(8, 40)), {
    contents: {
      kind: 'markdown',
      value: '**Gestuurd** `#intentie/gestuurd`\n\nDe deelnemer doet mee omdat de organisatie dat vraagt.\n\n2 fragments in 2 practices  \nMost in: Breda (1), Tilburg (1)',
    },
    range: range(8, 34, 8, 52),
  });
  assert.deepEqual(await hover(h, 'breda/gesprek-1.md', pos(6, 12)), {
    contents: {
      kind: 'markdown',
      value: '**Intentie** `#intentie`\n\nWat is de bedoeling van de lerende praktijk?\n\n1 fragment in 1 practice (4 with sub-codes)  \nMost in: Breda (1)',
    },
    range: range(6, 12, 6, 21),
  });
  assert.deepEqual(await hover(h, 'tilburg/gesprek-2.md', pos(4, 74)), {
    contents: { kind: 'markdown', value: '`#onbekend`\n\nNot in the codebook.\n\n1 fragment in 1 practice  \nMost in: Tilburg (1)' },
    range: range(4, 65, 4, 74),
  });
  assert.deepEqual(await hover(h, 'codebook.md', pos(15, 13)), {
    contents: { kind: 'markdown', value: '**Context** `#context`\n\nIn welke omgeving speelt de praktijk zich af?\n\n1 fragment in 1 practice  \nMost in: Breda (1)' },
    range: range(15, 11, 15, 19),
  });
  assert.equal(await hover(h, 'breda/gesprek-1.md', pos(8, 20)), null);
  // The service's own method answers the same as the handler.
  assert.deepEqual(
    await h.service.hover({ textDocument: { uri: h.uri('breda/gesprek-1.md') }, position: pos(8, 40) }),
    await hover(h, 'breda/gesprek-1.md', pos(8, 40)),
  );
  assert.deepEqual(h.errors(), []);
});

test('hover: the built-in framework in the client locale, plain text for a client without Markdown', async (t) => {
  const h = await startService(t, { fixtures: ['bare'], capabilities: minimalCapabilities, locale: 'nl-NL' });
  // a.md's front matter (`coder:`) makes the folder a Kader project; the fragment is on line 3.
  assert.deepEqual(await hover(h, 'a.md', pos(3, 20)), {
    contents: {
      kind: 'plaintext',
      value:
        '**Intentie** `#intentie`\n\nWat is de bedoeling van de lerende praktijk? (volgens verschillende betrokkenen)\n\n_Ingebouwd kader_\n\n1 fragment in 1 praktijk  \nMeest in: (geen praktijk) (1)',
    },
    range: range(3, 17, 3, 26),
  });
});

test('hover: usage follows the open text (a fragment with a code and its sub-code counts once); a duplicate code hovers too', async (t) => {
  const h = await startService(t);
  const breda = h.uri('breda/gesprek-1.md');
  const text = await readFile(h.path('breda/gesprek-1.md'), 'utf8');
  const intentie = async (): Promise<string> => ((await hover(h, 'breda/gesprek-1.md', pos(6, 14)))!.contents as { value: string }).value.split('\n\n').at(-1)!;
  assert.equal(await intentie(), '1 fragment in 1 practice (4 with sub-codes)  \nMost in: Breda (1)');
  await h.open(breda, `${text}\nNog een [keer]{#intentie #intentie/gestuurd} en [nog]{#intentie/gestuurd #intentie/intrinsiek}.\n`);
  assert.equal(await intentie(), '2 fragments in 1 practice (6 with sub-codes)  \nMost in: Breda (2)');
  h.change(breda, text);
  assert.equal(await intentie(), '1 fragment in 1 practice (4 with sub-codes)  \nMost in: Breda (1)');
  assert.deepEqual(await hover(h, 'tilburg/gesprek-2.md', pos(6, 40)), {
    contents: {
      kind: 'markdown',
      value: '**Activiteit** `#activiteit`\n\nWat doen de deelnemers samen?\n\n2 fragments in 2 practices  \nMost in: Tilburg (1), (no practice) (1)',
    },
    range: range(6, 35, 6, 46),
  });
});

test('definition: from a code to its codebook heading; none for a code the codebook lacks', async (t) => {
  const h = await startService(t);
  const params = (relative: string, position: Position) => ({ textDocument: { uri: h.uri(relative) }, position });
  assert.deepEqual(await h.request('textDocument/definition', params('breda/gesprek-1.md', pos(8, 34))), { uri: h.uri('codebook.md'), range: range(7, 0, 7, 32) });
  assert.deepEqual(await h.service.definition(params('breda/gesprek-1.md', pos(8, 34))), { uri: h.uri('codebook.md'), range: range(7, 0, 7, 32) });
  assert.equal(await h.request('textDocument/definition', params('tilburg/gesprek-2.md', pos(4, 70))), null);
  assert.equal(await h.request('textDocument/definition', params('tilburg/gesprek-2.md', pos(0, 0))), null);
});

test('references: every use in the folder, open or not, and the codebook heading with the declaration', async (t) => {
  const h = await startService(t);
  const breda = h.uri('breda/gesprek-1.md');
  await h.open(breda, `${await readFile(h.path('breda/gesprek-1.md'), 'utf8')}\nNog een keer [moest]{#intentie/gestuurd}.\n`);
  const request = (includeDeclaration: boolean): Promise<Location[] | null> =>
    h.request('textDocument/references', { textDocument: { uri: h.uri('tilburg/gesprek-2.md') }, position: pos(4, 25), context: { includeDeclaration } });
  assert.deepEqual(await request(true), [
    { uri: h.uri('codebook.md'), range: range(7, 13, 7, 31) },
    { uri: breda, range: range(8, 34, 8, 52) },
    { uri: breda, range: range(16, 21, 16, 39) },
    { uri: h.uri('tilburg/gesprek-2.md'), range: range(4, 18, 4, 36) },
  ]);
  assert.deepEqual(await request(false), [
    { uri: breda, range: range(8, 34, 8, 52) },
    { uri: breda, range: range(16, 21, 16, 39) },
    { uri: h.uri('tilburg/gesprek-2.md'), range: range(4, 18, 4, 36) },
  ]);
});

test('document highlight: the same code in this document, duplicates included', async (t) => {
  const h = await startService(t);
  const params = { textDocument: { uri: h.uri('tilburg/gesprek-2.md') }, position: pos(6, 40) };
  const expected = [
    { range: range(6, 22, 6, 33), kind: 1 },
    { range: range(6, 35, 6, 46), kind: 1 },
  ];
  assert.deepEqual(await h.request('textDocument/documentHighlight', params), expected);
  assert.deepEqual(await h.service.highlights(params), expected);
});

const fragmentSymbol = (name: string, detail: string, full: ReturnType<typeof range>, block: ReturnType<typeof range>): DocumentSymbol => ({
  name,
  detail,
  kind: 20,
  range: full,
  selectionRange: block,
  children: [],
});

test('document symbols: headings as sections with fragments inside, hierarchical', async (t) => {
  const h = await startService(t);
  assert.deepEqual(await h.request('textDocument/documentSymbol', { textDocument: { uri: h.uri('breda/gesprek-1.md') } }), [
    {
      name: 'Gesprek 1',
      kind: 15,
      range: range(4, 0, 14, 3),
      selectionRange: range(4, 0, 4, 11),
      children: [
        {
          name: 'Vraag 1',
          detail: '#intentie',
          kind: 15,
          range: range(6, 0, 14, 3),
          selectionRange: range(6, 0, 6, 22),
          children: [
            fragmentSymbol('#intentie/gestuurd', 'omdat het moest', range(8, 16, 8, 68), range(8, 33, 8, 68)),
            fragmentSymbol('#intentie/intrinsiek', 'S2: Ik wilde zelf leren.', range(10, 0, 10, 51), range(10, 29, 10, 51)),
            fragmentSymbol('#context', 'S1: De gemeente bepaalt.', range(12, 0, 14, 3), range(12, 4, 12, 14)),
          ],
        },
      ],
    },
  ]);
});

test('document symbols: flat symbol information for a client without hierarchy', async (t) => {
  const h = await startService(t, { capabilities: minimalCapabilities });
  const symbols = (await h.service.documentSymbols({ textDocument: { uri: h.uri('breda/gesprek-1.md') } })) as SymbolInformation[];
  assert.deepEqual(
    symbols.map((s) => [s.name, s.containerName, s.location.range]),
    [
      ['Gesprek 1', undefined, range(4, 0, 14, 3)],
      ['Vraag 1', 'Gesprek 1', range(6, 0, 14, 3)],
      ['#intentie/gestuurd', 'Vraag 1', range(8, 16, 8, 68)],
      ['#intentie/intrinsiek', 'Vraag 1', range(10, 0, 10, 51)],
      ['#context', 'Vraag 1', range(12, 0, 14, 3)],
    ],
  );
});

test('workspace symbols: the codes, at their codebook heading or first use', async (t) => {
  const h = await startService(t, { capabilities: fullCapabilities(false) });
  const codebook = h.uri('codebook.md');
  const tilburg = h.uri('tilburg/gesprek-2.md');
  assert.deepEqual(await h.request('workspace/symbol', { query: '' }), [
    { name: '#intentie', kind: 22, location: { uri: codebook, range: range(3, 12, 3, 21) }, containerName: 'Intentie' },
    { name: '#intentie/gestuurd', kind: 22, location: { uri: codebook, range: range(7, 13, 7, 31) }, containerName: 'Gestuurd' },
    { name: '#intentie/intrinsiek', kind: 22, location: { uri: codebook, range: range(11, 15, 11, 35) }, containerName: 'Intrinsiek' },
    { name: '#context', kind: 22, location: { uri: codebook, range: range(15, 11, 15, 19) }, containerName: 'Context' },
    { name: '#activiteit', kind: 22, location: { uri: codebook, range: range(19, 14, 19, 25) }, containerName: 'Activiteit' },
    { name: '#Activiteit', kind: 22, location: { uri: tilburg, range: range(4, 53, 4, 64) } },
    { name: '#onbekend', kind: 22, location: { uri: tilburg, range: range(4, 65, 4, 74) } },
  ]);
  assert.deepEqual(await h.service.workspaceSymbols({ query: 'gest' }), [
    { name: '#intentie/gestuurd', kind: 22, location: { uri: codebook, range: range(7, 13, 7, 31) }, containerName: 'Gestuurd' },
  ]);
});

test('folding: coded sections and divs', async (t) => {
  const h = await startService(t);
  const expected = [
    { startLine: 6, endLine: 14 },
    { startLine: 12, endLine: 14 },
  ];
  assert.deepEqual(await h.request('textDocument/foldingRange', { textDocument: { uri: h.uri('breda/gesprek-1.md') } }), expected);
  assert.deepEqual(await h.service.foldingRanges({ textDocument: { uri: h.uri('breda/gesprek-1.md') } }), expected);
});
