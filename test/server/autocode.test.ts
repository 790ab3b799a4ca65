import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import { AutocodeApplyRequest, AutocodePreviewRequest } from '../../server/src/protocol';
import { openProject, range } from './client';

const TEXT = [
  '---',
  'practice: Wijkteam Oost',
  '---',
  '**Interviewer:** Hoe werken jullie met bewoners?',
  '',
  '**S1:** Met `bewoners` in code en [bewoners]{#actanten} gecodeerd. Bewoners!',
  '',
].join('\n');

async function project(t: { after(fn: () => Promise<void>): void }, locale?: string) {
  return openProject(t, ['project'], locale ? { locale } : {}, async (root) => {
    await writeFile(path.join(root, 'project', 'oost.md'), TEXT);
  });
}

test('kader/autocode/preview: every match of a phrase in the workspace, with its context and whether it is coded', async (t) => {
  const p = await project(t);
  const uri = p.uri('oost.md');
  const result = await p.client.request(AutocodePreviewRequest, { target: { kind: 'phrase', text: 'Bewoners' }, code: '#actanten', uris: [uri] });
  assert.deepEqual(result, {
    code: 'actanten',
    skipped: 1,
    matches: [
      { uri, path: 'oost.md', range: range(3, 39, 3, 47), context: { before: '**Interviewer:** Hoe werken jullie met ', text: 'bewoners', after: '?' }, shape: 'inline', alreadyCoded: false },
      { uri, path: 'oost.md', range: range(5, 35, 5, 43), context: { before: '**S1:** Met `bewoners` in code en [', text: 'bewoners', after: ']{#actanten} gecodeerd. Bewoners!' }, shape: 'inline', alreadyCoded: true },
      { uri, path: 'oost.md', range: range(5, 67, 5, 75), context: { before: '…in code en [bewoners]{#actanten} gecodeerd. ', text: 'Bewoners', after: '!' }, shape: 'inline', alreadyCoded: false },
    ],
  });
});

test('kader/autocode/apply: the chosen matches as one workspace edit; nothing is written', async (t) => {
  const p = await project(t);
  const uri = p.uri('oost.md');
  const target = { kind: 'phrase' as const, text: 'bewoners' };
  const result = await p.client.request(AutocodeApplyRequest, { target, code: 'actanten/persoon', matches: [{ uri, range: range(5, 67, 5, 75) }, { uri, range: range(5, 35, 5, 43) }, { uri, range: range(9, 0, 9, 3) }] });
  assert.deepEqual(result, {
    coded: 2,
    missing: 1,
    edit: {
      documentChanges: [
        {
          textDocument: { uri, version: null },
          edits: [
            // [bewoners]{#actanten} is exactly the match: the code is added to its attribute block.
            { range: range(5, 54, 5, 54), newText: ' #actanten/persoon' },
            { range: range(5, 67, 5, 67), newText: '[' },
            { range: range(5, 75, 5, 75), newText: ']{#actanten/persoon}' },
          ],
        },
      ],
    },
  });
  assert.equal(await readFile(p.path('oost.md'), 'utf8'), TEXT);
});

test('kader/autocode: a speaker’s turns; a query’s fragments get the code added; an invalid code and a malformed query are refused with a message', async (t) => {
  const p = await project(t, 'nl');
  const uri = p.uri('oost.md');
  const turns = await p.client.request(AutocodePreviewRequest, { target: { kind: 'speaker', text: 'interviewer' }, code: 'activiteit', uris: [uri] });
  assert.deepEqual(turns.matches.map((m) => [m.range, m.shape, m.alreadyCoded]), [[range(3, 0, 3, 48), 'block', false]]);
  const apply = await p.client.request(AutocodeApplyRequest, { target: { kind: 'speaker', text: 'Interviewer' }, code: 'activiteit', matches: [{ uri, range: range(3, 0, 3, 48) }] });
  assert.deepEqual(apply.edit, { documentChanges: [{ textDocument: { uri, version: null }, edits: [{ range: range(3, 48, 3, 48), newText: ' {#activiteit}' }] }] });
  assert.deepEqual(await p.client.request(AutocodePreviewRequest, { target: { kind: 'phrase', text: 'x' }, code: 'geen code!' }), {
    code: 'geen code!',
    matches: [],
    skipped: 0,
    message: '"geen code!" is geen geldige code: gebruik letters, cijfers, - en _, met / tussen niveaus.',
  });
  const query = await p.client.request(AutocodePreviewRequest, { target: { kind: 'query', text: '#actanten' }, code: 'outcome', uris: [uri] });
  assert.deepEqual(query.matches.map((m) => [m.range, m.shape, m.alreadyCoded, m.context.text]), [[range(5, 35, 5, 43), 'addCode', false, 'bewoners']]);
  const coded = await p.client.request(AutocodeApplyRequest, { target: { kind: 'query', text: '#actanten' }, code: 'outcome', matches: [{ uri, range: range(5, 35, 5, 43) }] });
  assert.deepEqual(coded.edit, { documentChanges: [{ textDocument: { uri, version: null }, edits: [{ range: range(5, 54, 5, 54), newText: ' #outcome' }] }] });
  const malformed = await p.client.request(AutocodePreviewRequest, { target: { kind: 'query', text: '#actanten EN (' }, code: 'outcome' });
  assert.deepEqual(malformed, { code: 'outcome', matches: [], skipped: 0, message: 'De zoekvraag is niet te lezen bij teken 14: Schrijf iets tussen de haakjes.' });
});
