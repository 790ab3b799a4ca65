import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeActionRequest, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-protocol';
import { frameworkCodebookMarkdown } from '../../server/src/core/framework';
import { minimalCapabilities, openProject, range, type Project } from './client';

async function actions(project: Project, relative: string, at: Range, diagnostics: Diagnostic[] = [], only?: string[]): Promise<CodeAction[]> {
  const params = { textDocument: { uri: project.uri(relative) }, range: at, context: { diagnostics, ...(only ? { only } : {}) } };
  return (await project.client.request(CodeActionRequest.type, params)) as CodeAction[];
}

test('quick fixes on a transcript: case, add to codebook, duplicate, missing #; exact edits', async (t) => {
  const project = await openProject(t);
  const tilburg = project.uri('tilburg/gesprek-2.md');
  const codebook = project.uri('codebook.md');
  const sent = project.client.published(tilburg)!.diagnostics;
  const whole = range(0, 0, 7, 0);
  const result = await actions(project, 'tilburg/gesprek-2.md', whole, sent);
  const edit = (uri: string, r: Range, newText: string) => ({ documentChanges: [{ textDocument: { uri, version: null }, edits: [{ range: r, newText }] }] });
  assert.deepEqual(result, [
    { title: 'Change to #activiteit', kind: 'quickfix', diagnostics: [sent[0]], edit: edit(tilburg, range(4, 53, 4, 64), '#activiteit'), isPreferred: true },
    { title: 'Add #onbekend to the codebook', kind: 'quickfix', diagnostics: [sent[1]], edit: edit(codebook, range(22, 0, 22, 0), '\n# Onbekend {#onbekend}\n') },
    { title: 'Remove the duplicate #activiteit', kind: 'quickfix', diagnostics: [sent[2]], edit: edit(tilburg, range(6, 33, 6, 46), ''), isPreferred: true },
    { title: 'Add the missing # (#intentie)', kind: 'quickfix', diagnostics: [sent[3]], edit: edit(tilburg, range(6, 50, 6, 50), '#'), isPreferred: true },
  ]);
  // Only the diagnostics under the range count; other kinds than quick fixes are not offered.
  assert.deepEqual(
    (await actions(project, 'tilburg/gesprek-2.md', range(6, 40, 6, 40))).map((a) => a.title),
    ['Remove the duplicate #activiteit'],
  );
  assert.deepEqual(await actions(project, 'tilburg/gesprek-2.md', whole, [], ['refactor']), []);
});

test('quick fixes: nearest codebook codes by edit distance; a sub-code goes under its parent in the codebook', async (t) => {
  const project = await openProject(t);
  const uri = project.uri('nieuw.md');
  await project.client.open(uri, 'Tekst [a]{#intentei} en [b]{#intentie/gestuurdd}.\n');
  const result = await actions(project, 'nieuw.md', range(0, 0, 1, 0));
  assert.deepEqual(
    result.map((a) => [a.title, a.diagnostics![0]!.code, a.edit!.documentChanges]),
    [
      ['Change to #intentie', 'undefined-code', [{ textDocument: { uri, version: 1 }, edits: [{ range: range(0, 10, 0, 19), newText: '#intentie' }] }]],
      [
        'Add #intentei to the codebook',
        'undefined-code',
        [{ textDocument: { uri: project.uri('codebook.md'), version: null }, edits: [{ range: range(22, 0, 22, 0), newText: '\n# Intentei {#intentei}\n' }] }],
      ],
      ['Change to #intentie/gestuurd', 'undefined-subcode', [{ textDocument: { uri, version: 1 }, edits: [{ range: range(0, 28, 0, 47), newText: '#intentie/gestuurd' }] }]],
      [
        'Add #intentie/gestuurdd to the codebook',
        'undefined-subcode',
        [
          {
            textDocument: { uri: project.uri('codebook.md'), version: null },
            edits: [{ range: range(15, 0, 15, 0), newText: '## Gestuurdd {#intentie/gestuurdd}\n\n' }],
          },
        ],
      ],
    ],
  );
});

test('quick fix without a codebook: create codebook.md from the framework with the new code', async (t) => {
  const project = await openProject(t, ['bare'], { settings: { project: 'always' } });
  const uri = project.uri('a.md');
  await project.client.open(uri, 'Hallo. [ik kwam]{#nieuw}\n');
  const codebook = project.uri('codebook.md');
  assert.deepEqual(await actions(project, 'a.md', range(0, 20, 0, 20)), [
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
  const project = await openProject(t, ['bare'], { capabilities: minimalCapabilities, initializationOptions: { project: 'always' } });
  const uri = project.uri('a.md');
  await project.client.open(uri, 'Hallo. [ik kwam]{#Intentie #nieuw}\n');
  assert.deepEqual(await actions(project, 'a.md', range(0, 0, 0, 0)), []);
  assert.deepEqual(
    (await actions(project, 'a.md', range(0, 20, 0, 20))).map((a) => [a.title, a.edit]),
    [['Change to #intentie', { changes: { [uri]: [{ range: range(0, 17, 0, 26), newText: '#intentie' }] } }]],
  );
});
