import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import * as vscode from 'vscode';
import { fixtureUri, kaderApi, revertAndCloseAll, waitFor, waitForPage, waitForValue } from './util';
import { CODEBOOK, USERS, project, qdpx, selection, textSource } from '../fixtures/qdpx/build';

describe('import and export', () => {
  let scratch: string;

  before(async () => {
    await kaderApi();
  });

  beforeEach(() => {
    // Outside the workspace, so nothing written here changes the fixture's counts.
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kader-exchange-'));
  });

  afterEach(async () => {
    await revertAndCloseAll();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('Import Transcript makes a transcript from a Teams WebVTT file, and never replaces one', async () => {
    const vtt = path.join(scratch, '2021-03-04-gesprek.vtt');
    fs.writeFileSync(vtt, 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Anna>Goedemorgen.</v>\n\n00:00:04.000 --> 00:00:05.000\n<v Bram>Dag Anna.</v>\n');
    const folder = vscode.Uri.file(path.join(scratch, 'transcripten'));
    fs.mkdirSync(folder.fsPath);
    const args = { files: [vscode.Uri.file(vtt)], folder, practice: 'Breda', timestamps: true, show: false };
    const first = await vscode.commands.executeCommand<{ created: vscode.Uri[]; skipped: unknown[] }>('kader.importTranscript', args);
    const target = path.join(folder.fsPath, '2021-03-04-gesprek.md');
    assert.deepEqual(first?.created.map((u) => u.fsPath), [target]);
    const expected =
      '---\ntitle: 2021-03-04-gesprek\npractice: Breda\ndate: 2021-03-04\nparticipants:\n  - Anna\n  - Bram\n---\n\n' +
      '[00:00:01] **Anna:** Goedemorgen.\n\n[00:00:04] **Bram:** Dag Anna.\n';
    assert.equal(fs.readFileSync(target, 'utf8'), expected);

    fs.writeFileSync(target, 'mijn eigen werk\n');
    const second = await vscode.commands.executeCommand<{ created: vscode.Uri[]; skipped: { reason: string }[] }>('kader.importTranscript', args);
    assert.deepEqual(second?.created, []);
    assert.equal(second?.skipped.length, 1);
    assert.equal(fs.readFileSync(target, 'utf8'), 'mijn eigen werk\n');
  });

  it('Import Transcript takes a REFI-QDA project (.qdpx): a transcript per source and coder, codebook.md and the import report; never over an existing file', async () => {
    const file = path.join(scratch, 'project.qdpx');
    fs.writeFileSync(
      file,
      qdpx({
        qde: project(`${USERS}${CODEBOOK}<Sources>${textSource('S1', 'Gesprek 1.txt', selection('A', 0, 5, ['C1']) + selection('B', 6, 10, ['C3'], 'U2'))}<PictureSource guid="P" name="foto.jpg"/></Sources>`),
        entries: { 'sources/S1.txt': 'Eerst twee.' },
      }),
    );
    const folder = vscode.Uri.file(path.join(scratch, 'project'));
    fs.mkdirSync(folder.fsPath);
    const args = { files: [vscode.Uri.file(file)], folder, practice: '', show: false };
    const first = await vscode.commands.executeCommand<{ created: vscode.Uri[]; skipped: unknown[]; notes: { note: string }[] }>('kader.importTranscript', args);
    assert.deepEqual(
      first?.created.map((u) => path.basename(u.fsPath)),
      ['codebook.md', 'gesprek-1-anna.md', 'gesprek-1-bram.md', 'import-report.txt'],
    );
    assert.deepEqual(first?.notes.map((n) => n.note), ['pictures (and their codings): 1']);
    assert.equal(fs.readFileSync(path.join(folder.fsPath, 'gesprek-1-anna.md'), 'utf8'), '---\ntitle: Gesprek 1.txt\ncoder: anna\n---\n\n[Eerst]{#intentie} twee.\n');
    assert.equal(fs.readFileSync(path.join(folder.fsPath, 'gesprek-1-bram.md'), 'utf8'), '---\ntitle: Gesprek 1.txt\ncoder: bram\n---\n\nEerst [twee]{#actanten}.\n');
    assert.match(fs.readFileSync(path.join(folder.fsPath, 'import-report.txt'), 'utf8'), /\nNot represented exactly:\n- pictures \(and their codings\): 1\n/);

    fs.writeFileSync(path.join(folder.fsPath, 'gesprek-1-anna.md'), 'mijn eigen werk\n');
    fs.rmSync(path.join(folder.fsPath, 'codebook.md'));
    const second = await vscode.commands.executeCommand<{ created: vscode.Uri[]; skipped: { reason: string }[] }>('kader.importTranscript', args);
    assert.deepEqual(second?.created, []);
    assert.deepEqual(second?.skipped.map((s) => s.reason), ['gesprek-1-anna.md already exists']);
    assert.equal(fs.readFileSync(path.join(folder.fsPath, 'gesprek-1-anna.md'), 'utf8'), 'mijn eigen werk\n');
    assert.ok(!fs.existsSync(path.join(folder.fsPath, 'codebook.md')), 'nothing of the project is written when one file exists');
  });

  it('Import Transcript says why a file cannot be imported, and creates nothing', async () => {
    const bad = path.join(scratch, 'kapot.vtt');
    fs.writeFileSync(bad, 'dit is geen webvtt');
    const outcome = await vscode.commands.executeCommand<{ created: vscode.Uri[]; skipped: { reason: string }[] }>('kader.importTranscript', {
      files: [vscode.Uri.file(bad)],
      folder: vscode.Uri.file(scratch),
      practice: '',
      show: false,
    });
    assert.deepEqual(outcome?.created, []);
    assert.match(outcome?.skipped[0]?.reason ?? '', /not a WebVTT file/);
    assert.deepEqual(fs.readdirSync(scratch), ['kapot.vtt']);
  });

  it('Export writes CSV (one row per fragment and code) and a REFI-QDA project', async () => {
    const csv = vscode.Uri.file(path.join(scratch, 'fragmenten.csv'));
    assert.equal((await vscode.commands.executeCommand<vscode.Uri>('kader.export', { format: 'csv', target: csv, separator: ';' }))?.fsPath, csv.fsPath);
    const rows = fs.readFileSync(csv.fsPath, 'utf8').split('\r\n').filter(Boolean);
    assert.equal(rows[0], '\uFEFFfile;practice;coder;speaker;code;aspect;text;memo;line');
    assert.ok(rows.includes('breda/gesprek-1.md;Leergemeenschap Breda;anna;S1;intentie/gestuurd;intentie;omdat mijn leidinggevende het vroeg;twijfelt of ze vrijwillig meedoet;13'), rows.join('\n'));

    const qdpx = vscode.Uri.file(path.join(scratch, 'project.qdpx'));
    await vscode.commands.executeCommand('kader.export', { format: 'qdpx', target: qdpx });
    const bytes = fs.readFileSync(qdpx.fsPath);
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip file');
    const files = unzipSync(bytes);
    assert.ok(files['project.qde']);
    // The words a reader sees for other tools; the Markdown itself for Kader.
    const plain = Object.keys(files).filter((name) => name.startsWith('sources/')).map((name) => strFromU8(files[name]!));
    const conversation = plain.find((text) => text.startsWith('Reflectiegesprek groep 1\n\nVraag 1 — Waarom doe je mee?\n\nInterviewer: Waarom doe je mee aan de leergemeenschap?\n\nS1: Ik kwam omdat mijn leidinggevende het vroeg.\n'));
    assert.ok(conversation, plain.join('\n----\n'));
    const markdown = Object.keys(files).filter((name) => name.startsWith('kader/')).map((name) => strFromU8(files[name]!));
    assert.ok(markdown.includes(fs.readFileSync(fixtureUri('breda/gesprek-1.md').fsPath, 'utf8')));
  });

  it('Export offers the transcripts × codes matrix, and writes CSV with ; when Kader speaks Dutch', async () => {
    const matrix = vscode.Uri.file(path.join(scratch, 'matrix.csv'));
    assert.equal((await vscode.commands.executeCommand<vscode.Uri>('kader.export', { format: 'csv', matrix: 'documents', target: matrix }))?.fsPath, matrix.fsPath);
    const rows = fs.readFileSync(matrix.fsPath, 'utf8').split('\r\n').filter(Boolean);
    assert.equal(rows[0], '\uFEFFfile,practice,coder,intentie,intentie/gestuurd,intentie/intrinsiek,context,context/macht,activiteit,onbekend');
    assert.ok(rows.includes('breda/gesprek-1.md,Leergemeenschap Breda,anna,1,1,1,0,1,0,0'), rows.join('\n'));

    const config = vscode.workspace.getConfiguration('kader');
    await config.update('language', 'nl', vscode.ConfigurationTarget.Global);
    try {
      const csv = vscode.Uri.file(path.join(scratch, 'fragmenten.csv'));
      await vscode.commands.executeCommand('kader.export', { format: 'csv', target: csv });
      assert.equal(fs.readFileSync(csv.fsPath, 'utf8').split('\r\n')[0], '\uFEFFfile;practice;coder;speaker;code;aspect;text;memo;line');
      const dutchMatrix = vscode.Uri.file(path.join(scratch, 'matrix-nl.csv'));
      await vscode.commands.executeCommand('kader.export', { format: 'csv', matrix: 'documents', target: dutchMatrix });
      assert.ok(fs.readFileSync(dutchMatrix.fsPath, 'utf8').includes('\r\nbreda/gesprek-1.md;Leergemeenschap Breda;anna;1;1;1;0;1;0;0\r\n'));
    } finally {
      await config.update('language', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

describe('team analysis', () => {
  let scratch: string;

  before(async () => {
    await kaderApi();
  });

  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kader-team-'));
  });

  afterEach(async () => {
    await revertAndCloseAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('Kader Statistics shows a page with a strict policy and a nonce on every script, and validates its messages', async () => {
    const api = await kaderApi();
    await vscode.commands.executeCommand('kader.showStatistics');
    const panel = await waitForValue(() => api.statisticsPanel(), 'the statistics panel opens');
    const html = await waitForValue(() => (panel.html().includes('Content-Security-Policy') ? panel.html() : undefined), 'the page is rendered');
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(policy, /default-src 'none'/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(policy)?.[1];
    assert.ok(nonce, policy);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.ok(scripts.length > 0);
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    assert.deepEqual(
      scripts.map((tag) => /src="([^"]+)"/.exec(tag)?.[1]?.replace(/^.*\/(dist\/webview\/)/, '$1')),
      ['dist/webview/statistics.js'],
      'the page loads the bundled script from the extension',
    );
    await waitForPage(() => panel.ready(), 'the page script runs in the webview');
    assert.ok(html.includes('Leergemeenschap Breda'));
    assert.ok(!/ on[a-z]+=/i.test(html), 'no inline event handlers');
    // The aspects × practices heatmap: a table, its rows tinted in the aspects' colours, heads horizontal.
    assert.match(html, /<table class="heatmap" aria-label="Aspects × practices">/);
    assert.match(html, /<rect class="tint-light" x="0" y="0" width="1" height="1" fill="#[0-9A-Fa-f]{6}" fill-opacity="0\.\d+"\/>/);
    assert.ok(!html.includes('rotate('), 'no rotated text');

    assert.equal(await panel.receive({ type: 'open', index: -1 }), false);
    assert.equal(await panel.receive({ type: 'evil', html: '<script>' }), false);
    assert.equal(await panel.receive('ready'), false);
    assert.equal(await panel.receive({ type: 'filter', coder: 'anna', attribute: null, measure: 'share', cooccurrence: 'code' }), true);
    const shares = await waitForValue(() => (panel.html() !== html ? panel.html() : undefined), 'the page is rendered again for the filter');
    assert.match(shares, /data-cell="m:0:0" aria-label="[^"]+: \d+\.\d %\. Show the fragments\.">/, 'a share with one decimal');
  });

  it('Compare Coding With… reports the disagreements, and taking B edits A in one undoable step', async () => {
    const api = await kaderApi();
    const uri = fixtureUri('breda/gesprek-1.md');
    const original = fs.readFileSync(uri.fsPath, 'utf8');
    const other = path.join(scratch, 'gesprek-1-bram.md');
    const without = original.replace('[omdat mijn leidinggevende het vroeg]{#intentie/gestuurd memo="twijfelt of ze vrijwillig meedoet"}', 'omdat mijn leidinggevende het vroeg');
    assert.notEqual(without, original);
    fs.writeFileSync(other, without.replace('coder: anna', 'coder: bram'));
    // Outside the workspace, the other coding counts once it is open (as when chosen in the dialog).
    await vscode.workspace.openTextDocument(vscode.Uri.file(other));

    const report = await vscode.commands.executeCommand<{ disagreements: { id: number; codesA: string[]; codesB: string[]; text: string }[] }>(
      'kader.compareCodingWith',
      uri,
      { kind: 'file', uri: vscode.Uri.file(other).toString() },
    );
    assert.deepEqual(
      report?.disagreements.map((d) => [d.text, d.codesA, d.codesB]),
      [['omdat mijn leidinggevende het vroeg', ['intentie', 'intentie/gestuurd'], ['intentie']]],
    );
    const panel = await waitForValue(() => api.agreementPanel(uri), 'the comparison panel opens');
    const html = panel.html();
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    assert.match(html, /<script nonce="[^"]+" src="[^"]*\/dist\/webview\/agreement\.js"><\/script>/);
    await waitForPage(() => panel.ready(), 'the page script runs in the webview');
    assert.equal(await panel.receive({ type: 'accept', id: 'x', side: 'b' }), false);

    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(await panel.receive({ type: 'accept', id: report!.disagreements[0]!.id, side: 'b' }), true);
    await waitFor(() => document.getText() === without || undefined, 'A takes B’s coding');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => document.getText() === original || undefined, 'undo restores A');
  });

  it('Compare Coding With… refuses a file outside the workspace that is not open, and may use git in a trusted workspace', async () => {
    const api = await kaderApi();
    assert.equal(vscode.workspace.isTrusted, true);
    assert.equal(api.server.serverTrusted, true, 'the server is told the workspace is trusted');
    const uri = fixtureUri('breda/gesprek-1.md');
    // By method name: a RequestType of this bundle is not the client's.
    const revisions = await api.server.client.sendRequest<{ message?: string }>('kader/revisions', { uri: uri.toString() });
    assert.doesNotMatch(revisions.message ?? '', /not trusted/);

    const hidden = path.join(scratch, 'niet-open.md');
    fs.writeFileSync(hidden, fs.readFileSync(uri.fsPath, 'utf8'));
    const outside = { kind: 'file', uri: vscode.Uri.file(hidden).toString() };
    const refusal =
      'niet-open.md is outside the workspace folders (or a link leads outside them); Kader compares only files in the workspace and files open in the editor.';
    await assert.rejects(api.server.client.sendRequest('kader/agreement', { uri: uri.toString(), other: outside }), (error: Error) => error.message === refusal);
    assert.equal(await vscode.commands.executeCommand('kader.compareCodingWith', uri, outside), undefined);
    assert.equal(api.server.refusal('kader/agreement'), refusal, 'the refusal is what the user is shown');
  });
});
