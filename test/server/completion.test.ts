import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompletionRequest, type CompletionItem, type CompletionList, type Position, type TextEdit } from 'vscode-languageserver-protocol';
import { at, openProject, range, type Project } from './client';

async function complete(project: Project, relative: string, marked: string): Promise<CompletionList | null> {
  const { text, position } = at(marked);
  const uri = project.uri(relative);
  await project.client.open(uri, text);
  return (await project.client.request(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionList | null;
}

const summary = (list: CompletionList | null): [string, string, string | undefined][] =>
  (list?.items ?? []).map((i: CompletionItem) => [i.label, (i.textEdit as TextEdit).newText, i.sortText]);

test('codes after `#`: codebook and workspace codes by usage, with name, description and count', async (t) => {
  const project = await openProject(t);
  const list = await complete(project, 'nieuw.md', 'Hier [iets]{#int|}\n');
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
});

test('the edit replaces the whole partial code, `/` part and text after the cursor included', async (t) => {
  const project = await openProject(t);
  const list = await complete(project, 'nieuw.md', 'Hier [iets]{memo="x" #intentie/ge|st}\n');
  assert.deepEqual((list!.items[0]!.textEdit as TextEdit).range, range(0, 21, 0, 35));
});

test('right after `]{` codes are offered at the cursor; codes already in the block are left out', async (t) => {
  const project = await openProject(t);
  let list = await complete(project, 'nieuw.md', 'Hier [iets]{|\n');
  assert.equal(list!.items.length, 7);
  assert.deepEqual((list!.items[0]!.textEdit as TextEdit).range, range(0, 12, 0, 12));
  list = await complete(project, 'nieuw2.md', 'Hier [iets]{#activiteit, #intentie/gestuurd #|}\n');
  assert.deepEqual(
    list!.items.map((i) => i.label),
    ['intentie', 'intentie/intrinsiek', 'context', 'Activiteit', 'onbekend'],
  );
});

test('no code completion outside a coding attribute block', async (t) => {
  const project = await openProject(t);
  const cases = ['Gewone tekst #|\n', 'Hier [iets]{memo="#|"}\n', 'Code `{#|`\n', 'Hier [iets]{.cl|}\n', 'Klaar [iets]{#intentie} #|\n', 'Hier [iets]{|\n'.replace('{', '(')];
  for (const [i, marked] of cases.entries()) {
    assert.equal(await complete(project, `geval-${i}.md`, marked), null, marked);
  }
  // Not a transcript (README.md), and not open at all.
  assert.equal(await complete(project, 'README.md', 'Hier [iets]{#|}\n'), null);
  const position: Position = { line: 0, character: 0 };
  assert.equal(await project.client.request(CompletionRequest.type, { textDocument: { uri: project.uri('breda/gesprek-1.md') }, position }), null);
});

test('front matter: `practice:` and `coder:` values used elsewhere, quoted when YAML needs it', async (t) => {
  const project = await openProject(t);
  await project.client.open(project.uri('extra.md'), '---\npractice: "Den Bosch: Noord"\n---\nTekst. {#context}\n');
  let list = await complete(project, 'nieuw.md', '---\npractice: Br|\ncoder: x\n---\n');
  assert.deepEqual(
    list!.items.map((i) => [i.label, (i.textEdit as TextEdit).newText, (i.textEdit as TextEdit).range]),
    [
      ['Breda', 'Breda', range(1, 10, 1, 12)],
      ['Den Bosch: Noord', '"Den Bosch: Noord"', range(1, 10, 1, 12)],
      ['Tilburg', 'Tilburg', range(1, 10, 1, 12)],
    ],
  );
  // nieuw.md, still open, counts as elsewhere now.
  list = await complete(project, 'nieuw2.md', '---\ncoder: |\n');
  assert.deepEqual(
    list!.items.map((i) => i.label),
    ['anna', 'bram', 'x'],
  );
  assert.equal(await complete(project, 'nieuw3.md', '---\ntitle: |\n---\n'), null);
});

test('nothing is offered inside a fenced code block, where codes are not codes (SYNTAX.md §4)', async (t) => {
  const project = await openProject(t);
  assert.equal(await complete(project, 'nieuw.md', 'Tekst.\n\n```\n[iets]{#int|}\n```\n'), null);
  const after = await complete(project, 'ander.md', '```\ncode\n```\n\n[iets]{#int|}\n');
  assert.equal(after?.items[0]?.label, 'intentie/gestuurd');
});
