import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { HoverRequest, type Position } from 'vscode-languageserver-protocol';
import { ImportRequest } from '../../server/src/protocol';
import { importInWorker } from '../../server/src/workspace/importRunner';
import { wordBomb } from '../unit/hostileFiles';
import { openProject, range, type Project } from './client';

const pos = (line: number, character: number): Position => ({ line, character });
const hover = (project: Project): Promise<unknown> =>
  project.client.request(HoverRequest.type, { textDocument: { uri: project.uri('breda/gesprek-1.md') }, position: pos(8, 40) });
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

test('kader/import of a zip bomb answers with the refusal; hover still answers', async (t) => {
  const project = await openProject(t);
  const bomb = await wordBomb(200);
  assert.deepEqual(await project.client.request(ImportRequest, { fileName: 'bom.docx', base64: base64(bomb) }), {
    ok: false,
    message: 'This Word file unpacks to more than 50 MB; Kader does not import it.',
  });
  assert.deepEqual(await project.client.request(ImportRequest, { fileName: 'bom.docx', base64: base64(await wordBomb(200, 1000)) }), {
    ok: false,
    message: 'This Word file is damaged: its part word/document.xml unpacks to more than the file says; Kader does not import it.',
  });
  const answer = (await hover(project)) as { range: unknown };
  assert.deepEqual(answer.range, range(8, 34, 8, 52));
});

test('kader/import refuses in the client locale', async (t) => {
  const project = await openProject(t, ['project'], { locale: 'nl-NL' });
  assert.deepEqual(await project.client.request(ImportRequest, { fileName: 'bom.docx', base64: base64(await wordBomb(200)) }), {
    ok: false,
    message: 'Dit Word-bestand is uitgepakt groter dan 50 MB; Kader importeert het niet.',
  });
});

test('kader/import works off the main thread: hovers are answered one after another while a slow import runs', async (t) => {
  const project = await openProject(t);
  let done = false;
  // Two megabytes of one-word paragraphs: within the limits, some seconds of mammoth's work.
  const importing = project.client.request(ImportRequest, { fileName: 'lang.docx', base64: base64(await wordBomb(2)) }).finally(() => (done = true));
  let answered = 0;
  while (!done) {
    await hover(project);
    if (!done) answered++;
  }
  assert.equal((await importing).ok, true);
  // On the main thread mammoth holds the hovers back: a few dozen get through, not thousands.
  assert.ok(answered >= 500, `${answered} hovers answered during the import`);
});

test('an import past its time limit is stopped, with a message', async () => {
  assert.deepEqual(await importInWorker('lang.docx', await wordBomb(2), { locale: 'nl' }, { timeMs: 1, heapMb: 256 }), {
    ok: false,
    message: 'Het importeren is na 1 seconden gestopt: het bestand is te groot of te ingewikkeld om te importeren.',
  });
  assert.deepEqual(await importInWorker('x.vtt', new TextEncoder().encode('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>Hallo.</v>\n'), {}), {
    ok: true,
    markdown: '---\ntitle: x\nparticipants:\n  - Anna\n---\n\n**Anna:** Hallo.\n',
    participants: ['Anna'],
    turns: 1,
  });
});
