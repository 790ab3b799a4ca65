// Completion, quick fixes and rename, answered in-process: the expectations of
// test/server/completion.test.ts, codeActions.test.ts and rename.test.ts, each edit exact.

import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Range, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/core/edits';
import { frameworkCodebookMarkdown } from '../../server/src/core/framework';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { Refusal } from '../../server/src/service/errors';
import { renameEdits } from '../../server/src/service/rename';
import { fileUri } from '../../server/src/workspace/uris';
import { TILBURG_DIAGNOSTICS } from './expectations';
import { at, minimalCapabilities, pos, range, startService, type Harness } from './harness';

// Completion ----------------------------------------------------------------------------------------

async function complete(h: Harness, relative: string, marked: string): Promise<CompletionList | null> {
  const { text, position } = at(marked);
  const uri = h.uri(relative);
  await h.open(uri, text);
  return h.request('textDocument/completion', { textDocument: { uri }, position });
}

const summary = (list: CompletionList | null): [string, string, string | undefined][] =>
  (list?.items ?? []).map((i: CompletionItem) => [i.label, (i.textEdit as TextEdit).newText, i.sortText]);

test('completion after `#`: codebook and workspace codes by usage, with name, description and count', async (t) => {
  const h = await startService(t);
  const list = await complete(h, 'nieuw.md', 'Hier [iets]{#int|}\n');
  const edit = range(0, 12, 0, 16);
  assert.equal(list?.isIncomplete, false);
  assert.deepEqual(summary(list), [
    ['intentie/gestuurd', '#intentie/gestuurd', '00000'],
    ['activiteit', '#activiteit', '00001'],
    ['intentie', '#intentie', '00002'],
    ['intentie/intrinsiek', '#intentie/intrinsiek', '00003'],
    ['context', '#context', '00004'],
    ['Activiteit', '#Activiteit', '00005'],
    ['onbekend', '#onbekend', '00006'],
  ]);
  assert.deepEqual(list!.items[0], {
    label: 'intentie/gestuurd',
    kind: 20,
    detail: 'Gestuurd',
    documentation: { kind: 'markdown', value: 'De deelnemer doet mee omdat de organisatie dat vraagt.\n\nUsed in 2 fragments.' },
    sortText: '00000',
    filterText: '#intentie/gestuurd',
    textEdit: { range: edit, newText: '#intentie/gestuurd' },
  });
  assert.deepEqual(list!.items[6], {
    label: 'onbekend',
    kind: 12,
    detail: 'Not in the codebook.',
    documentation: { kind: 'markdown', value: 'Not in the codebook.\n\nUsed in 1 fragment.' },
    sortText: '00006',
    filterText: '#onbekend',
    textEdit: { range: edit, newText: '#onbekend' },
  });
  assert.deepEqual(await h.service.completion({ textDocument: { uri: h.uri('nieuw.md') }, position: pos(0, 16) }), list);
});

test('completion: the edit replaces the whole partial code; after `]{` at the cursor; codes in the block left out', async (t) => {
  const h = await startService(t);
  let list = await complete(h, 'nieuw.md', 'Hier [iets]{memo="x" #intentie/ge|st}\n');
  assert.deepEqual((list!.items[0]!.textEdit as TextEdit).range, range(0, 21, 0, 35));
  // Closed, a file that is not on disk leaves the index: its `#intentie/gest` is offered no more.
  await h.close(h.uri('nieuw.md'));
  list = await complete(h, 'nieuw2.md', 'Hier [iets]{|\n');
  assert.equal(list!.items.length, 7);
  assert.deepEqual((list!.items[0]!.textEdit as TextEdit).range, range(0, 12, 0, 12));
  list = await complete(h, 'nieuw3.md', 'Hier [iets]{#activiteit, #intentie/gestuurd #|}\n');
  assert.deepEqual(
    list!.items.map((i) => i.label),
    ['intentie', 'intentie/intrinsiek', 'context', 'Activiteit', 'onbekend'],
  );
});

test('completion: nothing outside a coding attribute block, in a fenced code block, in a non-transcript or an unopened file', async (t) => {
  const h = await startService(t);
  const cases = ['Gewone tekst #|\n', 'Hier [iets]{memo="#|"}\n', 'Code `{#|`\n', 'Hier [iets]{.cl|}\n', 'Klaar [iets]{#intentie} #|\n', 'Hier [iets](|\n'];
  for (const [i, marked] of cases.entries()) {
    assert.equal(await complete(h, `geval-${i}.md`, marked), null, marked);
    await h.close(h.uri(`geval-${i}.md`));
  }
  assert.equal(await complete(h, 'README.md', 'Hier [iets]{#|}\n'), null);
  assert.equal(await h.request('textDocument/completion', { textDocument: { uri: h.uri('breda/gesprek-1.md') }, position: pos(0, 0) }), null);
  assert.equal(await complete(h, 'fenced.md', 'Tekst.\n\n```\n[iets]{#int|}\n```\n'), null);
  assert.equal((await complete(h, 'ander.md', '```\ncode\n```\n\n[iets]{#int|}\n'))?.items[0]?.label, 'intentie/gestuurd');
});

test('completion in front matter: `practice:` and `coder:` values used elsewhere, quoted when YAML needs it', async (t) => {
  const h = await startService(t);
  await h.open(h.uri('extra.md'), '---\npractice: "Den Bosch: Noord"\n---\nTekst. {#context}\n');
  let list = await complete(h, 'nieuw.md', '---\npractice: Br|\ncoder: x\n---\n');
  assert.deepEqual(
    list!.items.map((i) => [i.label, (i.textEdit as TextEdit).newText, (i.textEdit as TextEdit).range]),
    [
      ['Breda', 'Breda', range(1, 10, 1, 12)],
      ['Den Bosch: Noord', '"Den Bosch: Noord"', range(1, 10, 1, 12)],
      ['Tilburg', 'Tilburg', range(1, 10, 1, 12)],
    ],
  );
  list = await complete(h, 'nieuw2.md', '---\ncoder: |\n');
  assert.deepEqual(
    list!.items.map((i) => i.label),
    ['anna', 'bram', 'x'],
  );
  assert.equal(await complete(h, 'nieuw3.md', '---\ntitle: |\n---\n'), null);
});

// Code actions --------------------------------------------------------------------------------------

function actions(h: Harness, relative: string, where: Range, diagnostics: Diagnostic[] = [], only?: string[]): Promise<CodeAction[]> {
  return h.request('textDocument/codeAction', { textDocument: { uri: h.uri(relative) }, range: where, context: { diagnostics, ...(only ? { only } : {}) } });
}

test('quick fixes on a transcript: case, add to codebook, duplicate, missing #; exact edits', async (t) => {
  const h = await startService(t);
  const tilburg = h.uri('tilburg/gesprek-2.md');
  const codebook = h.uri('codebook.md');
  const sent = TILBURG_DIAGNOSTICS;
  const whole = range(0, 0, 7, 0);
  const edit = (uri: string, r: Range, newText: string) => ({ documentChanges: [{ textDocument: { uri, version: null }, edits: [{ range: r, newText }] }] });
  assert.deepEqual(await actions(h, 'tilburg/gesprek-2.md', whole, sent), [
    { title: 'Change to #activiteit', kind: 'quickfix', diagnostics: [sent[0]], edit: edit(tilburg, range(4, 53, 4, 64), '#activiteit'), isPreferred: true },
    { title: 'Add #onbekend to the codebook', kind: 'quickfix', diagnostics: [sent[1]], edit: edit(codebook, range(22, 0, 22, 0), '\n# Onbekend {#onbekend}\n') },
    { title: 'Remove the duplicate #activiteit', kind: 'quickfix', diagnostics: [sent[2]], edit: edit(tilburg, range(6, 33, 6, 46), ''), isPreferred: true },
    { title: 'Add the missing # (#intentie)', kind: 'quickfix', diagnostics: [sent[3]], edit: edit(tilburg, range(6, 50, 6, 50), '#'), isPreferred: true },
  ]);
  // Without diagnostics from the client, those under the range are found; no other kinds than quick fixes.
  assert.deepEqual(await actions(h, 'tilburg/gesprek-2.md', range(6, 40, 6, 40)), [
    { title: 'Remove the duplicate #activiteit', kind: 'quickfix', diagnostics: [sent[2]], edit: edit(tilburg, range(6, 33, 6, 46), ''), isPreferred: true },
  ]);
  assert.deepEqual(await actions(h, 'tilburg/gesprek-2.md', whole, [], ['refactor']), []);
});

test('quick fixes: nearest codebook codes by edit distance; a sub-code goes under its parent in the codebook', async (t) => {
  const h = await startService(t);
  const uri = h.uri('nieuw.md');
  await h.open(uri, 'Tekst [a]{#intentei} en [b]{#intentie/gestuurdd}.\n');
  const result = await h.service.codeActions({ textDocument: { uri }, range: range(0, 0, 1, 0), context: { diagnostics: [] } });
  assert.deepEqual(
    result.map((a) => [a.title, a.diagnostics![0]!.code, a.edit!.documentChanges]),
    [
      ['Change to #intentie', 'undefined-code', [{ textDocument: { uri, version: 1 }, edits: [{ range: range(0, 10, 0, 19), newText: '#intentie' }] }]],
      [
        'Add #intentei to the codebook',
        'undefined-code',
        [{ textDocument: { uri: h.uri('codebook.md'), version: null }, edits: [{ range: range(22, 0, 22, 0), newText: '\n# Intentei {#intentei}\n' }] }],
      ],
      ['Change to #intentie/gestuurd', 'undefined-subcode', [{ textDocument: { uri, version: 1 }, edits: [{ range: range(0, 28, 0, 47), newText: '#intentie/gestuurd' }] }]],
      [
        'Add #intentie/gestuurdd to the codebook',
        'undefined-subcode',
        [{ textDocument: { uri: h.uri('codebook.md'), version: null }, edits: [{ range: range(15, 0, 15, 0), newText: '## Gestuurdd {#intentie/gestuurdd}\n\n' }] }],
      ],
    ],
  );
});

test('quick fix without a codebook: create codebook.md from the framework with the new code', async (t) => {
  const h = await startService(t, { fixtures: ['bare'], settings: { project: 'always' } });
  const uri = h.uri('a.md');
  await h.open(uri, 'Hallo. [ik kwam]{#nieuw}\n');
  const codebook = h.uri('codebook.md');
  assert.deepEqual(await actions(h, 'a.md', range(0, 20, 0, 20)), [
    {
      title: 'Create codebook.md with the framework and #nieuw',
      kind: 'quickfix',
      diagnostics: [{ range: range(0, 17, 0, 23), severity: 2, code: 'undefined-code', source: 'kader', message: '#nieuw is not in the codebook.' }],
      edit: {
        documentChanges: [
          { kind: 'create', uri: codebook, options: { ignoreIfExists: true } },
          { textDocument: { uri: codebook, version: null }, edits: [{ range: range(0, 0, 0, 0), newText: `${frameworkCodebookMarkdown('en')}\n# Nieuw {#nieuw}\n` }] },
        ],
      },
    },
  ]);
});

test('quick fixes for a client without versioned edits: a `changes` map, and no codebook to create', async (t) => {
  const h = await startService(t, { fixtures: ['bare'], capabilities: minimalCapabilities, settings: { project: 'always' } });
  const uri = h.uri('a.md');
  await h.open(uri, 'Hallo. [ik kwam]{#Intentie #nieuw}\n');
  assert.deepEqual(await actions(h, 'a.md', range(0, 0, 0, 0)), []);
  assert.deepEqual(
    (await actions(h, 'a.md', range(0, 20, 0, 20))).map((a) => [a.title, a.edit]),
    [['Change to #intentie', { changes: { [uri]: [{ range: range(0, 17, 0, 26), newText: '#intentie' }] } }]],
  );
});

// Rename --------------------------------------------------------------------------------------------

function rename(h: Harness, relative: string, line: number, character: number, newName: string): Promise<WorkspaceEdit> {
  return h.request('textDocument/rename', { textDocument: { uri: h.uri(relative) }, position: pos(line, character), newName });
}

/** The texts the edit produces, by URI, applied to the open text or the file on disk. */
async function applied(h: Harness, edit: WorkspaceEdit): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const change of edit.documentChanges as TextDocumentEdit[]) {
    const uri = change.textDocument.uri;
    out[uri] = applyEdits(h.text(uri) ?? (await readFile(new URL(uri), 'utf8')), change.edits as TextEdit[]);
  }
  return out;
}

const refusal = (message: string) => (error: unknown) => {
  assert.ok(error instanceof Refusal, String(error));
  assert.equal(error.message, message);
  return true;
};

test('prepareRename: the code path under the cursor; a refusal elsewhere', async (t) => {
  const h = await startService(t);
  const uri = h.uri('breda/gesprek-1.md');
  assert.deepEqual(await h.request('textDocument/prepareRename', { textDocument: { uri }, position: pos(8, 40) }), { range: range(8, 35, 8, 52), placeholder: 'intentie/gestuurd' });
  await assert.rejects(h.service.prepareRename({ textDocument: { uri }, position: pos(8, 20) }), refusal('Put the cursor on a code (#…) to rename it.'));
});

test('rename: everywhere in the folder, open and unopened, the codebook heading, sub-codes following', async (t) => {
  const h = await startService(t);
  const breda = h.uri('breda/gesprek-1.md');
  const tilburg = h.uri('tilburg/gesprek-2.md');
  const codebook = h.uri('codebook.md');
  await h.open(breda);
  const edit = await rename(h, 'breda/gesprek-1.md', 6, 14, '#bedoeling');
  assert.deepEqual(edit, {
    documentChanges: [
      {
        textDocument: { uri: codebook, version: null },
        edits: [
          { range: range(3, 13, 3, 21), newText: 'bedoeling' },
          { range: range(7, 14, 7, 31), newText: 'bedoeling/gestuurd' },
          { range: range(11, 16, 11, 35), newText: 'bedoeling/intrinsiek' },
        ],
      },
      {
        textDocument: { uri: breda, version: 1 },
        edits: [
          { range: range(6, 13, 6, 21), newText: 'bedoeling' },
          { range: range(8, 35, 8, 52), newText: 'bedoeling/gestuurd' },
          { range: range(10, 31, 10, 50), newText: 'bedoeling/intrinsiek' },
        ],
      },
      { textDocument: { uri: tilburg, version: null }, edits: [{ range: range(4, 19, 4, 36), newText: 'bedoeling/gestuurd' }] },
    ],
  });
  const texts = await applied(h, edit);
  assert.equal(texts[tilburg]!.split('\n')[4], '**S3:** [Ik kwam]{#bedoeling/gestuurd} en [we praten]{#Activiteit #onbekend}.');
  assert.equal(texts[codebook]!.split('\n')[11], '## Intrinsiek {#bedoeling/intrinsiek}');
  assert.equal(texts[breda]!.split('\n')[8], '**S1:** Ik kwam [omdat het moest]{#bedoeling/gestuurd memo="twijfel"}.');
});

test('rename onto an existing code merges: no duplicate in a block, one definition in the codebook', async (t) => {
  const h = await startService(t);
  const nieuw = h.uri('nieuw.md');
  const codebook = h.uri('codebook.md');
  await h.open(nieuw, 'A [x]{#intentie/gestuurd #intentie/intrinsiek} B [y]{#intentie/intrinsiek, #intentie/gestuurd memo="m"}.\n');
  const edit = await h.service.rename({ textDocument: { uri: codebook }, position: pos(11, 20), newName: 'intentie/gestuurd' });
  assert.deepEqual(edit, {
    documentChanges: [
      { textDocument: { uri: codebook, version: null }, edits: [{ range: range(11, 0, 15, 0), newText: '' }] },
      { textDocument: { uri: h.uri('breda/gesprek-1.md'), version: null }, edits: [{ range: range(10, 31, 10, 50), newText: 'intentie/gestuurd' }] },
      {
        textDocument: { uri: nieuw, version: 1 },
        edits: [
          { range: range(0, 24, 0, 45), newText: '' },
          { range: range(0, 54, 0, 73), newText: 'intentie/gestuurd' },
          { range: range(0, 73, 0, 93), newText: '' },
        ],
      },
    ],
  });
  const texts = await applied(h, edit);
  assert.equal(texts[nieuw], 'A [x]{#intentie/gestuurd} B [y]{#intentie/gestuurd memo="m"}.\n');
  assert.equal(
    texts[codebook]!.split('\n').slice(7, 12).join('\n'),
    '## Gestuurd {#intentie/gestuurd}\n\nDe deelnemer doet mee omdat de organisatie dat vraagt.\n\n# Context {#context color="#F28E2B"}',
  );
});

test('rename: closed files changed on disk unseen get edits that fit their text', async (t) => {
  const h = await startService(t);
  const breda = h.path('breda/gesprek-1.md');
  const tilburg = h.path('tilburg/gesprek-2.md');
  const bredaText = (await readFile(breda, 'utf8')).replace(' memo="twijfel"', ' #intentie/abcd');
  const tilburgText = (await readFile(tilburg, 'utf8')).replace('---\n**S3:**', '---\nEen nieuwe regel.\n\n**S3:**');
  await writeFile(breda, bredaText);
  await writeFile(tilburg, tilburgText);
  const edit = await rename(h, 'codebook.md', 3, 15, 'bedoeling');
  const changes = edit.documentChanges as TextDocumentEdit[];
  assert.deepEqual(
    changes.filter((c) => c.textDocument.uri !== h.uri('codebook.md')),
    [
      {
        textDocument: { uri: h.uri('breda/gesprek-1.md'), version: null },
        edits: [
          { range: range(6, 13, 6, 21), newText: 'bedoeling' },
          { range: range(8, 35, 8, 52), newText: 'bedoeling/gestuurd' },
          { range: range(8, 54, 8, 67), newText: 'bedoeling/abcd' },
          { range: range(10, 31, 10, 50), newText: 'bedoeling/intrinsiek' },
        ],
      },
      { textDocument: { uri: h.uri('tilburg/gesprek-2.md'), version: null }, edits: [{ range: range(6, 19, 6, 36), newText: 'bedoeling/gestuurd' }] },
    ],
  );
  for (const [file, text] of [
    [breda, bredaText],
    [tilburg, tilburgText],
  ] as const) {
    const change = changes.find((c) => c.textDocument.uri === fileUri(file))!;
    assert.deepEqual(change.edits, renameEdits(text, parseTranscript(text), 'intentie', 'bedoeling'));
  }
  assert.equal((await applied(h, edit))[h.uri('breda/gesprek-1.md')]!.split('\n')[8], '**S1:** Ik kwam [omdat het moest]{#bedoeling/gestuurd #bedoeling/abcd}.');
});

test('rename: a document closed after an edit is renamed from its file again', async (t) => {
  const h = await startService(t);
  const breda = h.uri('breda/gesprek-1.md');
  await h.open(breda, 'Alleen open: [dit]{#intentie}.\n');
  const open = await rename(h, 'codebook.md', 3, 15, 'bedoeling');
  assert.deepEqual((open.documentChanges as TextDocumentEdit[]).find((c) => c.textDocument.uri === breda), {
    textDocument: { uri: breda, version: 1 },
    edits: [{ range: range(0, 20, 0, 28), newText: 'bedoeling' }],
  });
  await h.close(breda);
  const closed = await rename(h, 'codebook.md', 3, 15, 'bedoeling');
  assert.deepEqual((closed.documentChanges as TextDocumentEdit[]).find((c) => c.textDocument.uri === breda), {
    textDocument: { uri: breda, version: null },
    edits: [
      { range: range(6, 13, 6, 21), newText: 'bedoeling' },
      { range: range(8, 35, 8, 52), newText: 'bedoeling/gestuurd' },
      { range: range(10, 31, 10, 50), newText: 'bedoeling/intrinsiek' },
    ],
  });
});

test('rename: an invalid new name is refused; the same name changes nothing; a `changes` map for a client without versioned edits', async (t) => {
  const h = await startService(t);
  await assert.rejects(
    rename(h, 'breda/gesprek-1.md', 6, 14, 'twee woorden'),
    refusal('“#twee woorden” is not a valid code: use letters, digits, “-” and “_”, with “/” between levels.'),
  );
  await assert.rejects(rename(h, 'breda/gesprek-1.md', 6, 14, '#'), Refusal);
  assert.deepEqual(await rename(h, 'breda/gesprek-1.md', 6, 14, '#intentie'), { documentChanges: [] });

  const minimal = await startService(t, { capabilities: minimalCapabilities });
  assert.deepEqual(await rename(minimal, 'tilburg/gesprek-2.md', 4, 70, 'onbekend-nieuw'), {
    changes: { [minimal.uri('tilburg/gesprek-2.md')]: [{ range: range(4, 66, 4, 74), newText: 'onbekend-nieuw' }] },
  });
});
