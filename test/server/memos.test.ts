// Memos over JSON-RPC: `kader/memos` lists every memo of the project (codes, transcripts,
// fragments, the journal in memos/) with the URIs to open them; hover shows a code's memo; a
// journal file is not a transcript (no diagnostics); `kader/coding` with the memo action writes
// the escaped attribute. Invented names only.

import * as assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import { DocumentDiagnosticRequest, HoverRequest, ReferencesRequest } from 'vscode-languageserver-protocol';
import { CodingRequest, MemosRequest } from '../../server/src/protocol';
import { openProject, range } from './client';

async function prepare(root: string): Promise<void> {
  const codebook = path.join(root, 'project', 'codebook.md');
  await writeFile(
    codebook,
    (await readFile(codebook, 'utf8')).replace(
      'De deelnemer doet mee omdat de organisatie dat vraagt.\n',
      'De deelnemer doet mee omdat de organisatie dat vraagt.\n\n### Memo\n\nNog bespreken: ook *verplichte* scholing?\n',
    ),
  );
  const tilburg = path.join(root, 'project', 'tilburg', 'gesprek-2.md');
  await writeFile(tilburg, (await readFile(tilburg, 'utf8')).replace('---\n', '---\nmemo: |\n  Opname viel weg.\n  Deel uit het geheugen.\n'));
  await mkdir(path.join(root, 'project', 'memos'));
  await writeFile(path.join(root, 'project', 'memos', '2021-03-05 na breda.md'), '# Na Breda\n\nVeel #intentie/gestuurd in [gesprek 1](../breda/gesprek-1.md) {#onbekend}.\n');
}

test('kader/memos: codes, transcripts, fragments and the journal, each with its place', async (t) => {
  const project = await openProject(t, ['project'], {}, prepare);
  const uri = (relative: string): string => project.uri(relative);
  assert.deepEqual(await project.client.request(MemosRequest, {}), {
    memos: [
      { kind: 'code', path: 'codebook.md', label: 'Gestuurd', text: 'Nog bespreken: ook *verplichte* scholing?', range: range(7, 0, 7, 32), codes: ['intentie/gestuurd'], uri: uri('codebook.md') },
      { kind: 'transcript', path: 'tilburg/gesprek-2.md', label: 'tilburg/gesprek-2.md', text: 'Opname viel weg.\nDeel uit het geheugen.', range: range(0, 0, 0, 0), codes: [], practice: 'Tilburg', uri: uri('tilburg/gesprek-2.md') },
      { kind: 'fragment', path: 'breda/gesprek-1.md', label: 'omdat het moest', text: 'twijfel', range: range(8, 17, 8, 32), codes: ['intentie/gestuurd'], practice: 'Breda', speaker: 'S1', uri: uri('breda/gesprek-1.md') },
      {
        kind: 'journal',
        path: 'memos/2021-03-05 na breda.md',
        label: 'Na Breda',
        text: '# Na Breda\n\nVeel #intentie/gestuurd in [gesprek 1](../breda/gesprek-1.md) {#onbekend}.',
        range: range(0, 0, 0, 0),
        codes: ['intentie/gestuurd', 'onbekend'],
        links: [{ label: 'gesprek 1', path: 'breda/gesprek-1.md', known: true, uri: uri('breda/gesprek-1.md') }],
        uri: uri('memos/2021-03-05 na breda.md'),
      },
    ],
  });
});

test('hover on a code shows its memo from the codebook', async (t) => {
  const project = await openProject(t, ['project'], {}, prepare);
  const hover = await project.client.request(HoverRequest.type, { textDocument: { uri: project.uri('breda/gesprek-1.md') }, position: { line: 8, character: 40 } });
  assert.deepEqual(hover, {
    contents: {
      kind: 'markdown',
      value:
        '**Gestuurd** `#intentie/gestuurd`\n\nDe deelnemer doet mee omdat de organisatie dat vraagt.\n\n**Memo:** Nog bespreken: ook *verplichte* scholing?\n\n2 fragments in 2 practices  \nMost in: Breda (1), Tilburg (1)',
    },
    range: range(8, 34, 8, 52),
  });
});

test('references to a code include the places the journal names it', async (t) => {
  const project = await openProject(t, ['project'], {}, prepare);
  const references = await project.client.request(ReferencesRequest.type, {
    textDocument: { uri: project.uri('breda/gesprek-1.md') },
    position: { line: 8, character: 40 },
    context: { includeDeclaration: false },
  });
  assert.deepEqual(references, [
    { uri: project.uri('breda/gesprek-1.md'), range: range(8, 34, 8, 52) },
    { uri: project.uri('tilburg/gesprek-2.md'), range: range(7, 18, 7, 36) },
    { uri: project.uri('memos/2021-03-05 na breda.md'), range: range(2, 5, 2, 23) },
  ]);
});

test('a journal file is not a transcript: no diagnostics for its {#onbekend}', async (t) => {
  const project = await openProject(t, ['project'], {}, prepare);
  const journal = project.uri('memos/2021-03-05 na breda.md');
  await project.client.open(journal);
  const report = await project.client.request(DocumentDiagnosticRequest.type, { textDocument: { uri: journal } });
  assert.deepEqual(report, { kind: 'full', items: [] });
});

test('kader/coding memo: the escaped memo="…" on the fragment at the cursor; an empty memo removes it', async (t) => {
  const project = await openProject(t, ['project'], {}, prepare);
  const uri = project.uri('breda/gesprek-1.md');
  const edit = await project.client.request(CodingRequest, { uri, action: 'memo', position: { line: 8, character: 22 }, memo: 'Zegt "moeten".\nLater vragen.' });
  assert.deepEqual(edit, { edits: [{ range: range(8, 53, 8, 67), newText: 'memo="Zegt \\"moeten\\".\\nLater vragen."' }], shape: 'inline' });
  const removed = await project.client.request(CodingRequest, { uri, action: 'memo', position: { line: 8, character: 22 }, memo: '' });
  assert.deepEqual(removed, { edits: [{ range: range(8, 52, 8, 67), newText: '' }], shape: 'inline' });
});
