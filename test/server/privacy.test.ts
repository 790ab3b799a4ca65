// Personal data in the language server (#14): findings as diagnostics with exact ranges, each
// quick fix's exact edit or command, pseudonymise, replace everywhere, the key entry, the
// workspace's count and the check of staged texts. Every person here is invented.

import * as assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  CodeActionRequest,
  DocumentDiagnosticRequest,
  type CodeAction,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
  type Range,
  type TextDocumentEdit,
} from 'vscode-languageserver-protocol';
import {
  KeyEntryRequest,
  PrivacyCheckRequest,
  PrivacyReloadRequest,
  PrivacySummaryRequest,
  PseudonymiseRequest,
  ReplaceEverywhereRequest,
  type KeyEntryResult,
  type PrivacySummaryResult,
  type PseudonymiseResult,
} from '../../server/src/protocol';
import { fileUri } from '../../server/src/workspace/uris';
import { fullCapabilities, openProject, range, type Project } from './client';

const KEY = ['Anna de Vries: Deelnemer 1', 'Jan van der Berg:', '  pseudonym: Deelnemer 2', '  variants: [Jantje]', ''].join('\n');

const GESPREK = [
  '---',
  'practice: Breda',
  'participants: [Interviewer, Noor Bakker]',
  '---',
  '',
  '**Interviewer:** Hoe ging het met Anna?',
  '',
  '**Noor Bakker:** Anna belde [Jantje]{#actanten memo="via Anna"} op 06-12345678.',
  '',
  'Daarna kwam mevrouw Smit langs, zei Noor.',
  '',
].join('\n');

const TWEEDE = ['**S1:** Anna de Vries was er niet, en Anna ook niet.', ''].join('\n');

async function privacyProject(t: Parameters<typeof openProject>[0], options: { key?: string | null; allow?: string; keyInside?: boolean } = {}): Promise<Project & { keyFile: string }> {
  let keyFile = '';
  const settings: Record<string, unknown> = {};
  const project = await openProject(
    t,
    ['bare'],
    {
      capabilities: fullCapabilities(true),
      settings,
    },
    async (root) => {
      keyFile = options.keyInside ? path.join(root, 'bare', 'sleutel.yaml') : path.join(root, 'buiten', 'sleutel.yaml');
      settings['privacy'] = { keyFile };
      await mkdir(path.dirname(keyFile), { recursive: true });
      if (options.key !== null) await writeFile(keyFile, options.key ?? KEY);
      await writeFile(path.join(root, 'bare', 'gesprek.md'), GESPREK);
      await writeFile(path.join(root, 'bare', 'tweede.md'), TWEEDE);
      if (options.allow !== undefined) await writeFile(path.join(root, 'bare', 'kader-privacy-allow.txt'), options.allow);
    },
  );
  return { ...project, keyFile };
}

async function pull(project: Project, relative: string): Promise<Diagnostic[]> {
  const report = (await project.client.request(DocumentDiagnosticRequest.type, { textDocument: { uri: project.uri(relative) } })) as FullDocumentDiagnosticReport;
  return report.items.filter((d) => String(d.code).startsWith('personal-data/'));
}

async function actions(project: Project, relative: string, at: Range): Promise<CodeAction[]> {
  const params = { textDocument: { uri: project.uri(relative) }, range: at, context: { diagnostics: [] } };
  return (await project.client.request(CodeActionRequest.type, params)) as CodeAction[];
}

test('findings of personal data are diagnostics: exact ranges, warnings and information, the key and the participants counted', async (t) => {
  const project = await privacyProject(t);
  await project.client.open(project.uri('gesprek.md'), GESPREK);
  const found = await pull(project, 'gesprek.md');
  assert.deepEqual(
    found.map((d) => [d.code, d.severity, d.range, d.message]),
    [
      ['personal-data/name', 2, range(2, 28, 2, 39), '“Noor Bakker” is the name of Noor Bakker: replace it with a pseudonym before the file is shared.'],
      ['personal-data/name', 2, range(5, 34, 5, 38), '“Anna” is the name of Anna de Vries: replace it with a pseudonym before the file is shared.'],
      ['personal-data/name', 2, range(7, 2, 7, 13), '“Noor Bakker” is the name of Noor Bakker: replace it with a pseudonym before the file is shared.'],
      ['personal-data/name', 2, range(7, 17, 7, 21), '“Anna” is the name of Anna de Vries: replace it with a pseudonym before the file is shared.'],
      ['personal-data/name', 2, range(7, 29, 7, 35), '“Jantje” is the name of Jan van der Berg: replace it with a pseudonym before the file is shared.'],
      ['personal-data/name', 2, range(7, 57, 7, 61), '“Anna” is the name of Anna de Vries: replace it with a pseudonym before the file is shared.'],
      ['personal-data/phone', 2, range(7, 67, 7, 78), '“06-12345678” is a phone number.'],
      ['personal-data/title-name', 3, range(9, 20, 9, 24), '“Smit” may be someone\'s name (it follows a title or role).'],
      ['personal-data/name', 2, range(9, 36, 9, 40), '“Noor” is the name of Noor Bakker: replace it with a pseudonym before the file is shared.'],
    ],
  );
  // Typing keeps them where they belong; the severity settings count.
  await project.client.edit(project.uri('gesprek.md'), range(9, 0, 9, 0), 'Toen ');
  assert.deepEqual((await pull(project, 'gesprek.md')).at(-1)!.range, range(9, 41, 9, 45));
  project.client.settings = { privacy: { keyFile: project.keyFile }, diagnostics: { severity: { 'personal-data/title-name': 'off', 'personal-data/phone': 'error' } } };
  const refreshed = project.client.waitFor('workspace/diagnostic/refresh');
  await project.client.configurationChanged();
  await refreshed;
  const after = await pull(project, 'gesprek.md');
  assert.equal(after.filter((d) => d.code === 'personal-data/title-name').length, 0);
  assert.equal(after.find((d) => d.code === 'personal-data/phone')!.severity, 1);
});

test('without a key the participants are still found; a key with an error is not used and says why', async (t) => {
  const project = await privacyProject(t, { key: 'Anna: \n' });
  await project.client.open(project.uri('gesprek.md'), GESPREK);
  const found = await pull(project, 'gesprek.md');
  assert.ok(found.some((d) => String(d.message).startsWith('“Noor Bakker”')));
  assert.ok(!found.some((d) => d.code === 'personal-data/name' && String(d.message).startsWith('“Anna”')));
  const summary = (await project.client.request(PrivacySummaryRequest, {})) as PrivacySummaryResult;
  assert.equal(summary.keyConfigured, true);
  assert.deepEqual(summary.keyProblems, [`The key "${project.keyFile}" is not used until it is corrected: Line 1: “Anna” has no pseudonym.`]);
  await assert.rejects(project.client.request(PseudonymiseRequest, {}), /not used until it is corrected/);
});

test('quick fixes: replace everywhere (a command), add to the key (a command), not personal data (the allow-list, exact edits)', async (t) => {
  const project = await privacyProject(t);
  const uri = project.uri('gesprek.md');
  await project.client.open(uri, GESPREK);
  await pull(project, 'gesprek.md');
  const anna = await actions(project, 'gesprek.md', range(5, 35, 5, 35));
  assert.deepEqual(
    anna.map((a) => [a.title, a.command, a.isPreferred]),
    [['Replace "Anna" with its pseudonym "Deelnemer 1" everywhere', { title: 'Replace "Anna" with its pseudonym "Deelnemer 1" everywhere', command: 'kader.privacy.replaceEverywhere', arguments: [{ uri, name: 'Anna de Vries' }] }, true]],
  );
  const noor = await actions(project, 'gesprek.md', range(9, 37, 9, 37));
  assert.deepEqual(
    noor.map((a) => [a.title, a.command?.arguments]),
    [['Add "Noor Bakker" to the key as…', [{ uri, name: 'Noor Bakker', kind: 'participant' }]]],
  );
  const smit = await actions(project, 'gesprek.md', range(9, 20, 9, 20));
  const allow = project.uri('kader-privacy-allow.txt');
  assert.deepEqual(
    smit.map((a) => [a.title, a.command?.arguments, a.edit]),
    [
      ['Add "Smit" to the key as…', [{ uri, name: 'Smit', kind: 'participant' }], undefined],
      [
        'Not personal data: allow "Smit" in this project',
        undefined,
        {
          documentChanges: [
            { kind: 'create', uri: allow, options: { ignoreIfExists: true } },
            {
              textDocument: { uri: allow, version: null },
              edits: [{ range: range(0, 0, 0, 0), newText: '# Words that are not personal data in this project, one per line: Kader does not report them. This file holds no personal data.\nSmit\n' }],
            },
          ],
        },
      ],
    ],
  );
  const phone = await actions(project, 'gesprek.md', range(7, 70, 7, 70));
  assert.deepEqual(phone.map((a) => a.title), ['Not personal data: allow "06-12345678" in this project']);
});

test('the allow-list is honoured, and an entry is added at its end; read again on reload', async (t) => {
  const project = await privacyProject(t, { allow: '# woorden\nNoor # een woord hier' });
  const uri = project.uri('gesprek.md');
  await project.client.open(uri, GESPREK);
  const found = await pull(project, 'gesprek.md');
  assert.ok(!found.some((d) => String(d.message).startsWith('“Noor”')), 'Noor allowed');
  const smit = await actions(project, 'gesprek.md', range(9, 20, 9, 20));
  assert.deepEqual(smit[1]!.edit, {
    documentChanges: [{ textDocument: { uri: project.uri('kader-privacy-allow.txt'), version: null }, edits: [{ range: range(1, 21, 1, 21), newText: '\nSmit\n' }] }],
  });
  await writeFile(project.path('kader-privacy-allow.txt'), 'Smit\n');
  await project.client.request(PrivacyReloadRequest, {});
  const again = await pull(project, 'gesprek.md');
  assert.ok(again.some((d) => String(d.message).startsWith('“Noor”')), 'Noor found again');
  assert.ok(!again.some((d) => d.code === 'personal-data/title-name'), 'Smit allowed');
});

test('replace everywhere: every form of one name in every transcript, one edit', async (t) => {
  const project = await privacyProject(t);
  const uri = project.uri('gesprek.md');
  await project.client.open(uri, GESPREK);
  const edit = await project.client.request(ReplaceEverywhereRequest, { uri, name: 'Anna de Vries' });
  assert.deepEqual(edit, {
    documentChanges: [
      {
        textDocument: { uri, version: 1 },
        edits: [
          { range: range(5, 34, 5, 38), newText: 'Deelnemer 1' },
          { range: range(7, 17, 7, 21), newText: 'Deelnemer 1' },
          { range: range(7, 57, 7, 61), newText: 'Deelnemer 1' },
        ],
      },
      {
        textDocument: { uri: project.uri('tweede.md'), version: null },
        edits: [
          { range: range(0, 8, 0, 21), newText: 'Deelnemer 1' },
          { range: range(0, 38, 0, 42), newText: 'Deelnemer 1' },
        ],
      },
    ],
  });
  await assert.rejects(project.client.request(ReplaceEverywhereRequest, { uri, name: 'Noor Bakker' }), /"Noor Bakker" is not in the key/);
});

test('pseudonymise a transcript or the workspace: one edit, codings intact, the likely findings listed', async (t) => {
  const project = await privacyProject(t);
  const uri = project.uri('gesprek.md');
  await project.client.open(uri, GESPREK);
  const one = (await project.client.request(PseudonymiseRequest, { uri })) as PseudonymiseResult;
  assert.equal(one.files, 1);
  assert.equal(one.replacements, 5);
  assert.deepEqual((one.edit.documentChanges![0] as TextDocumentEdit).edits.at(-1), { range: range(7, 67, 7, 78), newText: '[phone number]' });
  assert.deepEqual(
    one.left.map((l) => [l.rule, l.text, l.range]),
    [
      ['personal-data/name', 'Noor Bakker', range(2, 28, 2, 39)],
      ['personal-data/name', 'Noor Bakker', range(7, 2, 7, 13)],
      ['personal-data/title-name', 'Smit', range(9, 20, 9, 24)],
      ['personal-data/name', 'Noor', range(9, 36, 9, 40)],
    ],
  );
  const all = (await project.client.request(PseudonymiseRequest, {})) as PseudonymiseResult;
  assert.deepEqual(
    all.edit.documentChanges!.map((c) => (c as TextDocumentEdit).textDocument),
    [
      { uri: project.uri('a.md'), version: null },
      { uri, version: 1 },
      { uri: project.uri('tweede.md'), version: null },
    ].filter((d) => d.uri !== project.uri('a.md') || all.files === 3),
  );
  assert.equal((all.edit.documentChanges!.find((c) => (c as TextDocumentEdit).textDocument.uri === uri) as TextDocumentEdit).edits.length, 5);
});

test('pseudonymise without a key is refused, saying how to set one', async (t) => {
  const project = await privacyProject(t);
  project.client.settings = {};
  await project.client.configurationChanged();
  await assert.rejects(project.client.request(PseudonymiseRequest, {}), /No key is set: set "kader.privacy.keyFile"/);
});

test('the key entry: the next pseudonym, the new text, a pseudonym the key cannot take, and never a key inside the project', async (t) => {
  const project = await privacyProject(t);
  const uri = project.uri('gesprek.md');
  const asked = (await project.client.request(KeyEntryRequest, { uri, name: 'Noor Bakker' })) as KeyEntryResult;
  assert.deepEqual(asked, { ok: true, keyUri: fileUri(project.keyFile), proposed: 'Participant 3' });
  const chosen = (await project.client.request(KeyEntryRequest, { uri, name: 'Noor Bakker', pseudonym: 'Deelnemer 3' })) as KeyEntryResult;
  assert.deepEqual(chosen, { ok: true, keyUri: fileUri(project.keyFile), proposed: 'Participant 3', keyText: `${KEY}Noor Bakker: Deelnemer 3\n` });
  const taken = (await project.client.request(KeyEntryRequest, { uri, name: 'Noor Bakker', pseudonym: 'Deelnemer 1' })) as KeyEntryResult;
  assert.equal(taken.ok && taken.problem, 'The pseudonym “Deelnemer 1” of “Noor Bakker” is already given to “Anna de Vries” on line 1.');
  const place = (await project.client.request(KeyEntryRequest, { uri, name: 'De Linde', kind: 'place', pseudonym: 'Plaats 1' })) as KeyEntryResult;
  assert.equal(place.ok && place.keyText, `${KEY}De Linde: { pseudonym: Plaats 1, kind: place }\n`);
  const known = (await project.client.request(KeyEntryRequest, { uri, name: 'Jantje' })) as KeyEntryResult;
  assert.deepEqual(known, { ok: false, message: '"Jantje" is already in the key.' });
});

test('the key entry is refused for a key inside the workspace, and inside a git working tree', async (t) => {
  const inside = await privacyProject(t, { keyInside: true });
  const refused = (await inside.client.request(KeyEntryRequest, { uri: inside.uri('gesprek.md'), name: 'Noor Bakker' })) as KeyEntryResult;
  assert.equal(refused.ok, false);
  assert.match(!refused.ok ? refused.message : '', /inside the workspace folder "bare": Kader writes no key there/);
  const summary = (await inside.client.request(PrivacySummaryRequest, {})) as PrivacySummaryResult;
  assert.match(summary.keyProblems[0]!, /The key lies inside the workspace folder "bare"/);

  const git = await privacyProject(t);
  await mkdir(path.join(path.dirname(git.keyFile), '.git'));
  const tree = (await git.client.request(KeyEntryRequest, { uri: git.uri('gesprek.md'), name: 'Noor Bakker' })) as KeyEntryResult;
  assert.match(!tree.ok ? tree.message : '', /inside a git working tree/);
});

test('the workspace count (open transcripts as typed) and the check of staged texts', async (t) => {
  const project = await privacyProject(t);
  const before = (await project.client.request(PrivacySummaryRequest, {})) as PrivacySummaryResult;
  assert.deepEqual(
    { certain: before.certain, likely: before.likely, files: before.files },
    { certain: 10, likely: 1, files: [{ uri: project.uri('gesprek.md'), certain: 8 }, { uri: project.uri('tweede.md'), certain: 2 }] },
  );
  await project.client.open(project.uri('tweede.md'), 'Niemand.\n');
  const after = (await project.client.request(PrivacySummaryRequest, {})) as PrivacySummaryResult;
  assert.equal(after.certain, 8);
  const checked = await project.client.request(PrivacyCheckRequest, { documents: [{ uri: project.uri('tweede.md'), text: TWEEDE }, { uri: project.uri('notities.txt'), text: 'Anna' }] });
  assert.deepEqual(checked, { documents: [{ uri: project.uri('tweede.md'), certain: 2, likely: 0 }] });
});
