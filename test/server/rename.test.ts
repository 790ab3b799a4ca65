import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { PrepareRenameRequest, RenameRequest, ResponseError, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/core/edits';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { modelFits, renameEdits } from '../../server/src/service/rename';
import { fileUri } from '../../server/src/workspace/uris';
import { minimalCapabilities, openProject, range, type Project } from './client';

async function rename(project: Project, relative: string, line: number, character: number, newName: string): Promise<WorkspaceEdit> {
  return project.client.request(RenameRequest.type, { textDocument: { uri: project.uri(relative) }, position: { line, character }, newName }) as Promise<WorkspaceEdit>;
}

/** The texts the edit produces, by URI, applied to the open text or the file on disk. */
async function applied(project: Project, edit: WorkspaceEdit): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const change of edit.documentChanges as TextDocumentEdit[]) {
    const uri = change.textDocument.uri;
    const text = project.client.text(uri) ?? (await readFile(new URL(uri), 'utf8'));
    out[uri] = applyEdits(text, change.edits as { range: ReturnType<typeof range>; newText: string }[]);
  }
  return out;
}

test('prepareRename: the code path under the cursor; a refusal elsewhere', async (t) => {
  const project = await openProject(t);
  const uri = project.uri('breda/gesprek-1.md');
  assert.deepEqual(await project.client.request(PrepareRenameRequest.type, { textDocument: { uri }, position: { line: 8, character: 40 } }), {
    range: range(8, 35, 8, 52),
    placeholder: 'intentie/gestuurd',
  });
  await assert.rejects(project.client.request(PrepareRenameRequest.type, { textDocument: { uri }, position: { line: 8, character: 20 } }), (error: ResponseError<unknown>) => {
    assert.equal(error.code, -32803);
    assert.equal(error.message, 'Put the cursor on a code (#…) to rename it.');
    return true;
  });
});

test('rename: everywhere in the folder, open and unopened, the codebook heading, sub-codes following', async (t) => {
  const project = await openProject(t);
  const breda = project.uri('breda/gesprek-1.md');
  const tilburg = project.uri('tilburg/gesprek-2.md');
  const codebook = project.uri('codebook.md');
  await project.client.open(breda);
  const edit = await rename(project, 'breda/gesprek-1.md', 6, 14, '#bedoeling');
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
  const texts = await applied(project, edit);
  assert.equal(texts[tilburg]!.split('\n')[4], '**S3:** [Ik kwam]{#bedoeling/gestuurd} en [we praten]{#Activiteit #onbekend}.');
  assert.equal(texts[codebook]!.split('\n')[11], '## Intrinsiek {#bedoeling/intrinsiek}');
});

test('rename onto an existing code merges: no duplicate in a block, one definition in the codebook', async (t) => {
  const project = await openProject(t);
  const nieuw = project.uri('nieuw.md');
  const codebook = project.uri('codebook.md');
  await project.client.open(nieuw, 'A [x]{#intentie/gestuurd #intentie/intrinsiek} B [y]{#intentie/intrinsiek, #intentie/gestuurd memo="m"}.\n');
  // From the codebook heading, the new name without `#`.
  const edit = await rename(project, 'codebook.md', 11, 20, 'intentie/gestuurd');
  assert.deepEqual(edit, {
    documentChanges: [
      { textDocument: { uri: codebook, version: null }, edits: [{ range: range(11, 0, 15, 0), newText: '' }] },
      { textDocument: { uri: project.uri('breda/gesprek-1.md'), version: null }, edits: [{ range: range(10, 31, 10, 50), newText: 'intentie/gestuurd' }] },
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
  const texts = await applied(project, edit);
  assert.equal(texts[nieuw], 'A [x]{#intentie/gestuurd} B [y]{#intentie/gestuurd memo="m"}.\n');
  assert.equal(
    texts[codebook]!.split('\n').slice(7, 12).join('\n'),
    '## Gestuurd {#intentie/gestuurd}\n\nDe deelnemer doet mee omdat de organisatie dat vraagt.\n\n# Context {#context color="#F28E2B"}',
  );
});

test('rename: files changed on disk unseen get edits that fit their text (a new code of the same length too)', async (t) => {
  const project = await openProject(t);
  const breda = project.path('breda/gesprek-1.md');
  const tilburg = project.path('tilburg/gesprek-2.md');
  // No watcher event: the index still holds the old models. Breda keeps its length and every
  // code where it was, but ` memo="twijfel"` became a code the index does not know.
  const bredaText = (await readFile(breda, 'utf8')).replace(' memo="twijfel"', ' #intentie/abcd');
  const tilburgText = (await readFile(tilburg, 'utf8')).replace('---\n**S3:**', '---\nEen nieuwe regel.\n\n**S3:**');
  await writeFile(breda, bredaText);
  await writeFile(tilburg, tilburgText);
  const edit = await rename(project, 'codebook.md', 3, 15, 'bedoeling');
  const changes = edit.documentChanges as TextDocumentEdit[];
  assert.deepEqual(
    changes.filter((c) => c.textDocument.uri !== project.uri('codebook.md')),
    [
      {
        textDocument: { uri: project.uri('breda/gesprek-1.md'), version: null },
        edits: [
          { range: range(6, 13, 6, 21), newText: 'bedoeling' },
          { range: range(8, 35, 8, 52), newText: 'bedoeling/gestuurd' },
          { range: range(8, 54, 8, 67), newText: 'bedoeling/abcd' },
          { range: range(10, 31, 10, 50), newText: 'bedoeling/intrinsiek' },
        ],
      },
      { textDocument: { uri: project.uri('tilburg/gesprek-2.md'), version: null }, edits: [{ range: range(6, 19, 6, 36), newText: 'bedoeling/gestuurd' }] },
    ],
  );
  // The same edits as for a fresh parse of each text.
  for (const [file, text] of [
    [breda, bredaText],
    [tilburg, tilburgText],
  ] as const) {
    const change = changes.find((c) => c.textDocument.uri === fileUri(file))!;
    assert.deepEqual(change.edits, renameEdits(text, parseTranscript(text), 'intentie', 'bedoeling'));
  }
  assert.equal((await applied(project, edit))[project.uri('breda/gesprek-1.md')]!.split('\n')[8], '**S1:** Ik kwam [omdat het moest]{#bedoeling/gestuurd #bedoeling/abcd}.');
});

test('modelFits: the model in the index is used only while it fits the text of the file', () => {
  const text = '# A {#intentie}\n\n[x]{#intentie/a #b memo="mm"} [y]{#b, #b}\n';
  const model = parseTranscript(text);
  assert.equal(modelFits(text, model, 'intentie'), true);
  assert.equal(modelFits(`\uFEFF${text}`, model, 'intentie'), true);
  assert.equal(modelFits(`${text}z`, model, 'intentie'), false, 'another length');
  assert.equal(modelFits(text.replace('#intentie/a', '#intentie/b'), model, 'intentie'), false, 'a code changed');
  assert.equal(modelFits(text.replace('{#b, #b}', '{#b, #c}'), model, 'intentie'), false, 'a duplicate changed');
  assert.equal(modelFits(text.replace('{#b, #b}', '(#b, #b)'), model, 'intentie'), false, 'a block gone');
  assert.equal(modelFits(text.replace('memo="mm"', '#intentie'), model, 'intentie'), false, 'a new code');
  assert.equal(modelFits(text.replace('memo="mm"', '#intentie'), model, 'b'), true, 'a new code that is not renamed');
  assert.equal(modelFits(text.replace('# A', '#in'), model, 'intentie'), true, 'text that is no code');
});

test('rename: an invalid new name is refused; the same name changes nothing', async (t) => {
  const project = await openProject(t);
  await assert.rejects(rename(project, 'breda/gesprek-1.md', 6, 14, 'twee woorden'), (error: ResponseError<unknown>) => {
    assert.equal(error.code, -32803);
    assert.equal(error.message, '“#twee woorden” is not a valid code: use letters, digits, “-” and “_”, with “/” between levels.');
    return true;
  });
  await assert.rejects(rename(project, 'breda/gesprek-1.md', 6, 14, '#'));
  assert.deepEqual(await rename(project, 'breda/gesprek-1.md', 6, 14, '#intentie'), { documentChanges: [] });
});

test('rename for a client without versioned edits: a `changes` map', async (t) => {
  const project = await openProject(t, ['project'], { capabilities: minimalCapabilities });
  const edit = await rename(project, 'tilburg/gesprek-2.md', 4, 70, 'onbekend-nieuw');
  assert.deepEqual(edit, { changes: { [project.uri('tilburg/gesprek-2.md')]: [{ range: range(4, 66, 4, 74), newText: 'onbekend-nieuw' }] } });
});
