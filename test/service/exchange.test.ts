// Export, import and agreement in-process: the bytes of a CSV export, a WebVTT import, and two
// coders' files compared and merged.

import * as assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { DeletedTextRun, Document, InsertedTextRun, Packer, Paragraph, TextRun } from 'docx';
import { applyEdits } from '../../server/src/core/edits';
import type { AgreementMergeResult, AgreementReport, ExportResult, ImportResponse, RevisionsResult } from '../../server/src/protocol';
import { Refusal } from '../../server/src/service/errors';
import { range, startService } from './harness';

const decode = (result: ExportResult): string => Buffer.from(result.base64, 'base64').toString('utf8');
const base64 = (text: string): string => Buffer.from(text).toString('base64');

const CSV_HEADER = '\uFEFFfile,practice,coder,speaker,code,aspect,text,memo,line';
const CSV_ROWS = [
  'breda/gesprek-1.md,Breda,anna,,intentie,intentie,Vraag 1 S1: Ik kwam omdat het moest. S2: Ik wilde zelf leren. S1: De gemeente bepaalt.,,7',
  'breda/gesprek-1.md,Breda,anna,S1,intentie/gestuurd,intentie,omdat het moest,twijfel,9',
  'breda/gesprek-1.md,Breda,anna,S2,intentie/intrinsiek,intentie,S2: Ik wilde zelf leren.,,11',
  'breda/gesprek-1.md,Breda,anna,S1,context,context,S1: De gemeente bepaalt.,,14',
  'intro.md,,,,activiteit,activiteit,Welkom bij het project.,,1',
  'tilburg/gesprek-2.md,Tilburg,bram,S3,intentie/gestuurd,intentie,Ik kwam,,5',
  'tilburg/gesprek-2.md,Tilburg,bram,S3,Activiteit,Activiteit,we praten,,5',
  'tilburg/gesprek-2.md,Tilburg,bram,S3,onbekend,onbekend,we praten,,5',
  'tilburg/gesprek-2.md,Tilburg,bram,S3,activiteit,activiteit,lezen,,7',
];
const csv = (rows: string[], separator = ','): string => `${[CSV_HEADER, ...rows].map((r) => r.replaceAll(',', separator)).join('\r\n')}\r\n`;

test('kader/export: a CSV of every coded fragment, row by row; with `;`; the open text counts', async (t) => {
  const h = await startService(t);
  const result = await h.request<ExportResult>('kader/export', { format: 'csv' });
  assert.equal(result.suggestedName, 'project.csv');
  assert.equal(result.transcripts, 3);
  assert.equal(decode(result), csv(CSV_ROWS));
  assert.equal(decode(await h.service.exportProject({ format: 'csv', separator: ';' })), csv(CSV_ROWS, ';'));

  // An edit not yet synced is exported: the export takes a workspace snapshot.
  const intro = h.uri('intro.md');
  await h.open(intro);
  h.change(intro, 'Welkom. [Iedereen]{#context memo="eerste dag"} is er.\n', { sync: false });
  const rows = CSV_ROWS.filter((r) => !r.startsWith('intro.md'));
  rows.splice(4, 0, 'intro.md,,,,context,context,Iedereen,eerste dag,1');
  assert.equal(decode(await h.request<ExportResult>('kader/export', { format: 'csv' })), csv(rows));
});

test('kader/export: the Markdown export is the report; a codebook and a project for REFI-QDA', async (t) => {
  const h = await startService(t);
  const md = await h.request<ExportResult>('kader/export', { format: 'md' });
  assert.equal(md.suggestedName, 'project.md');
  assert.equal(decode(md), (await h.request<{ text: string }>('kader/report', { format: 'markdown' })).text);
  const qdc = await h.request<ExportResult>('kader/export', { format: 'qdc' });
  assert.equal(qdc.suggestedName, 'codebook.qdc');
  assert.ok(decode(qdc).startsWith('<?xml version="1.0" encoding="utf-8"?>\n<CodeBook '), decode(qdc).slice(0, 60));
  const qdpx = await h.request<ExportResult>('kader/export', { format: 'qdpx' });
  assert.equal(qdpx.suggestedName, 'project.qdpx');
  assert.equal(Buffer.from(qdpx.base64, 'base64').subarray(0, 4).toString('latin1'), 'PK\u0003\u0004');
});

test('kader/import: a WebVTT file becomes a transcript, with practice and time stamps when asked; refusals in the locale', async (t) => {
  const h = await startService(t);
  const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>Hallo.</v>\n\n00:00:03.000 --> 00:00:05.000\n<v Bert>Dag Anna, hoe gaat het?</v>\n';
  assert.deepEqual(await h.request<ImportResponse>('kader/import', { fileName: 'gesprek 3.vtt', base64: base64(vtt) }), {
    ok: true,
    markdown: '---\ntitle: gesprek 3\nparticipants:\n  - Anna\n  - Bert\n---\n\n**Anna:** Hallo.\n\n**Bert:** Dag Anna, hoe gaat het?\n',
    suggestedName: 'gesprek 3.md',
  });
  assert.deepEqual(await h.service.importFile({ fileName: 'gesprek 3.vtt', base64: base64(vtt), practice: 'Breda', timestamps: true }), {
    ok: true,
    markdown: '---\ntitle: gesprek 3\npractice: Breda\nparticipants:\n  - Anna\n  - Bert\n---\n\n[00:00:01] **Anna:** Hallo.\n\n[00:00:03] **Bert:** Dag Anna, hoe gaat het?\n',
    suggestedName: 'gesprek 3.md',
  });
  assert.deepEqual(await h.request('kader/import', { fileName: 'x.vtt', base64: base64('geen vtt') }), {
    ok: false,
    message: 'This is not a WebVTT file: it does not start with "WEBVTT".',
  });
  const dutch = await startService(t, { locale: 'nl-NL' });
  assert.deepEqual(await dutch.request('kader/import', { fileName: 'x.pdf', base64: base64('%PDF') }), {
    ok: false,
    message: 'alleen .vtt-, .docx-, .qdc- en .qdpx-bestanden kunnen worden geïmporteerd',
  });
});

test('kader/import: a Word file with tracked changes is imported as accepted, and the answer says so', async (t) => {
  const h = await startService(t);
  const date = '2020-01-01T00:00:00Z';
  const runs = [new TextRun('Het was '), new DeletedTextRun({ text: 'niet ', id: 1, author: 'Femke', date }), new InsertedTextRun({ text: 'heel ', id: 2, author: 'Femke', date }), new TextRun('goed.')];
  const bytes = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ children: runs })] }] }));
  assert.deepEqual(await h.request<ImportResponse>('kader/import', { fileName: 'gesprek.docx', base64: Buffer.from(bytes).toString('base64') }), {
    ok: true,
    markdown: '---\ntitle: gesprek\nparticipants: []\n---\n\nHet was heel goed.\n',
    suggestedName: 'gesprek.md',
    notes: ['The Word file has tracked changes: they were imported as accepted (insertions kept, deletions left out).'],
  });
});

const ANNA = '---\ncoder: anna\n---\nIk kwam [omdat het moest]{#intentie} en bleef.\n\nTweede alinea hier.\n';
const BERT = '---\ncoder: bert\n---\nIk kwam omdat het moest en bleef. {#intentie}\n\nTweede [alinea]{#actanten} hier.\n';

const twoCoders = async (root: string): Promise<void> => {
  await mkdir(`${root}/project/g`);
  await writeFile(`${root}/project/g/anna.md`, ANNA);
  await writeFile(`${root}/project/g/bert.md`, BERT);
  await mkdir(`${root}/elsewhere`);
  await writeFile(`${root}/elsewhere/geheim.md`, BERT);
};

test('kader/agreement between two files, then kader/agreementMerge: the edits that take B’s coding', async (t) => {
  const h = await startService(t, { prepare: twoCoders });
  const uri = h.uri('g/anna.md');
  const other = { kind: 'file', uri: h.uri('g/bert.md') };
  const report = await h.request<AgreementReport>('kader/agreement', { uri, other });
  assert.equal(report.uri, uri);
  assert.equal(report.otherUri, h.uri('g/bert.md'));
  assert.equal(report.labelA, 'anna.md');
  assert.equal(report.labelB, 'bert.md');
  assert.deepEqual(report.coders, { a: 'anna', b: 'bert' });
  assert.equal(report.version, null);
  assert.deepEqual(
    report.disagreements.map((d) => d.text),
    ['Ik kwam', 'en bleef.', 'alinea'],
  );
  const merge = await h.request<AgreementMergeResult>('kader/agreementMerge', { uri, other, choices: [{ disagreement: 2, accept: 'b' }] });
  assert.deepEqual(merge.problems, []);
  assert.deepEqual(merge.edits, [
    { range: range(5, 7, 5, 7), newText: '[' },
    { range: range(5, 13, 5, 13), newText: ']{#actanten}' },
  ]);
  assert.equal(applyEdits(ANNA, merge.edits), ANNA.replace('Tweede alinea', 'Tweede [alinea]{#actanten}'));
  assert.deepEqual((await h.request<AgreementMergeResult>('kader/agreementMerge', { uri, other, choices: [{ disagreement: 'x', accept: 'b' }, null] })).edits, []);

  // A's open text is compared, with its version; once it codes as B does, they agree.
  await h.open(uri);
  h.change(uri, BERT.replace('coder: bert', 'coder: anna'), { sync: false });
  const agreed = await h.service.agreement({ uri, other: { kind: 'file', uri: h.uri('g/bert.md') } });
  assert.equal(agreed.version, 2);
  assert.deepEqual(agreed.disagreements, []);
  await assert.rejects(h.service.agreement({ uri, other: { kind: 'file', uri: h.uri('g/bert.md') }, threshold: 500 }), Refusal);
});

test('kader/agreement: no file outside the workspace folders; no git in an untrusted workspace', async (t) => {
  const h = await startService(t, { prepare: twoCoders, trusted: false });
  const uri = h.uri('g/anna.md');
  const elsewhere = h.uri('elsewhere/geheim.md', h.root);
  await assert.rejects(h.request('kader/agreement', { uri, other: { kind: 'file', uri: elsewhere } }), (error: unknown) => {
    assert.ok(error instanceof Refusal);
    assert.equal(
      error.message,
      'geheim.md is outside the workspace folders (or a link leads outside them); Kader compares only files in the workspace and files open in the editor.',
    );
    return true;
  });
  const untrusted =
    'This workspace is not trusted, so Kader runs no git here: comparing with a branch or commit needs a trusted workspace (Manage Workspace Trust). Comparing with another file works.';
  assert.deepEqual(await h.request<RevisionsResult>('kader/revisions', { uri }), { refs: [], history: [], message: untrusted });
  await assert.rejects(h.request('kader/agreement', { uri, other: { kind: 'revision', rev: 'main' } }), (error: unknown) => error instanceof Refusal && error.message === untrusted);
  assert.deepEqual((await h.request<AgreementReport>('kader/agreement', { uri, other: { kind: 'file', uri: h.uri('g/bert.md') } })).coders, { a: 'anna', b: 'bert' });
});
