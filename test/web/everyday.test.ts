// What a researcher does every day, in both extension hosts — the web worker one (vscode.dev,
// github.dev) and Node's: code a selection (and undo it), completion, hover, references, rename,
// a report, the quote reader, a coding query, the Speakers view, auto-coding, comparing two files,
// export and import. Files are written through
// vscode.workspace.fs, never Node, so the same test runs in both.

import * as vscode from 'vscode';
import { AGREEMENT_COMMAND } from '../../client/src/agreement/panel';
import type { AgreementReport } from '../../server/src/protocol';
import { fixtureUri, kaderApi, revertAndCloseAll, showFixture, waitFor, waitForPage, waitForValue, workspaceRoot } from '../extension/util';

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const read = async (uri: vscode.Uri): Promise<string> => decoder.decode(await vscode.workspace.fs.readFile(uri));
const scratch = (name: string): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), '.kader-test', name);

describe("a researcher's everyday commands", () => {
  before(async () => {
    await kaderApi();
  });

  afterEach(async () => {
    await revertAndCloseAll();
  });

  it('codes a selection with Code Selection, and one undo restores the text', async () => {
    const editor = await showFixture('coding/oefening.md');
    const original = editor.document.getText();
    editor.selection = new vscode.Selection(2, 22, 2, 38);
    const outcome = await vscode.commands.executeCommand<{ applied: boolean; shape: string }>('kader.codeSelection', ['activiteit']);
    check(outcome?.applied === true && outcome.shape === 'inline', `outcome ${JSON.stringify(outcome)}`);
    check(editor.document.getText() === original.replace('in het buurthuis', '[in het buurthuis]{#activiteit}'), editor.document.getText());
    await vscode.commands.executeCommand('undo');
    await waitFor(() => editor.document.getText() === original, 'undo did not restore the text');
  });

  it('completes codes after {#, hovers a code, and finds its references in both transcripts', async () => {
    const editor = await showFixture('breda/gesprek-1.md');
    const line = editor.document.lineAt(12).text;
    const at = new vscode.Position(12, line.indexOf('{#intentie/gestuurd') + 3);
    const completion = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, at);
    const labels = completion.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    check(labels.includes('intentie') && labels.includes('activiteit'), `completion: ${labels.join(', ')}`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    check(hoverText.includes('#intentie/gestuurd'), `hover: ${hoverText}`);
    const heading = editor.document.getText().split('\n').findIndex((l) => l.endsWith('{#intentie}'));
    const intentie = new vscode.Position(heading, editor.document.lineAt(heading).text.indexOf('#intentie') + 2);
    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', editor.document.uri, intentie);
    const files = new Set(references.map((r) => vscode.workspace.asRelativePath(r.uri)));
    check(files.has('breda/gesprek-1.md') && files.has('tilburg/gesprek-2.md'), `references in ${[...files].join(', ')}`);
  });

  it('offers the quick fixes of a code that is not in the codebook', async () => {
    const editor = await showFixture('tilburg/gesprek-2.md');
    const kader = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'kader');
    await waitFor(() => kader().length > 0, 'no Kader diagnostics for tilburg/gesprek-2.md');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, kader()[0]!.range);
    const titles = actions.map((a) => a.title);
    check(titles.includes('Add #onbekend to the codebook'), `quick fixes: ${titles.join('; ')}`);
  });

  it('renames a code across the workspace as one edit', async () => {
    const editor = await showFixture('breda/gesprek-1.md');
    const at = new vscode.Position(12, editor.document.lineAt(12).text.indexOf('#intentie/gestuurd') + 12);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', editor.document.uri, at, 'intentie/opgelegd');
    const changed = edit.entries().map(([uri, edits]) => `${vscode.workspace.asRelativePath(uri)}: ${edits.map((e) => e.newText).join(' ')}`);
    check(changed.join('; ') === 'codebook.md: intentie/opgelegd; breda/gesprek-1.md: intentie/opgelegd; tilburg/gesprek-2.md: intentie/opgelegd', `rename edit: ${changed.join('; ')}`);
  });

  it('makes the report of the workspace', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('kader.showReport', { folder: workspaceRoot(), preview: false });
    check(document?.languageId === 'markdown' && document.getText().includes('omdat mijn leidinggevende het vroeg'), 'the report lacks a quote');
  });

  it('reads the quotes of an aspect in the quote reader, turn by turn', async () => {
    const api = await kaderApi();
    const intentie = await waitForValue(async () => (await api.aspects.getChildren()).find((n) => n.label === 'Intentie'), 'no Intentie in the Aspects view');
    await vscode.commands.executeCommand('kader.readQuotes', intentie);
    const reader = await waitForValue(() => api.quoteReaderPanel(), 'the quote reader opens');
    const html = await waitForValue(() => (reader.html().includes('Aspects · 5 quotes') ? reader.html() : undefined), 'the reader shows the five Intentie quotes');
    check(/<h1>Intentie<\/h1>/.test(html), html.slice(0, 400));
    check(html.includes('omdat mijn leidinggevende het vroeg') && html.includes('twijfelt of ze vrijwillig meedoet'), html);
    await waitForPage(() => reader.ready(), 'the page script runs in the webview');
  });

  it('filters the views by a coding query, and lists the speakers as persons', async () => {
    const api = await kaderApi();
    const outcome = await vscode.commands.executeCommand<{ count: number }>('kader.query', '#intentie/gestuurd');
    check(outcome?.count === 2, `query: ${JSON.stringify(outcome)}`);
    try {
      await waitFor(() => api.aspectsView.description === '2 fragments' || undefined, `the Aspects view counts the query: ${String(api.aspectsView.description)}`);
      const intentie = await waitForValue(async () => (await api.aspects.getChildren()).find((n) => n.label === 'Intentie' && n.count === 2), 'Intentie holds the two fragments the query finds');
      check(intentie.count === 2, `Intentie ${intentie.count}`);
    } finally {
      await vscode.commands.executeCommand('kader.clearFilter');
    }
    const speakers = await waitForValue(async () => {
      const roots = await api.speakers.getChildren();
      return roots.some((n) => n.label === 'S1') ? roots : undefined;
    }, 'the Speakers view lists S1');
    check(speakers.some((n) => n.label === 'S3'), `speakers: ${speakers.map((n) => n.label).join(', ')}`);
  });

  it('auto-codes a phrase after its preview, in one edit that one undo takes back', async () => {
    const api = await kaderApi();
    const editor = await showFixture('breda/gesprek-1.md');
    const before = editor.document.getText();
    const outcome = vscode.commands.executeCommand<{ coded: number } | undefined>('kader.autocode', {
      kind: 'phrase',
      text: 'Agenda',
      code: '#actanten/ding',
      uris: [fixtureUri('breda/gesprek-1.md').toString()],
    });
    const preview = await waitForValue(() => api.autocodePanel(), 'the auto-coding preview opens');
    await waitForPage(() => preview.ready(), 'the auto-coding preview’s script runs');
    check(/2 matches in 1 transcript/.test(preview.html()), preview.html().slice(0, 400));
    check(editor.document.getText() === before, 'nothing is written before Code is pressed');
    check(await preview.receive({ type: 'apply', chosen: [1] }), 'the preview takes the choice');
    const coded = await outcome;
    check(coded?.coded === 1, `auto-code: ${JSON.stringify(coded)}`);
    check(editor.document.getText() === before.replace('De gemeente bepaalt de agenda.', 'De gemeente bepaalt de [agenda]{#actanten/ding}.'), editor.document.getText());
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => editor.document.getText() === before, 'undo did not restore the text');
  });

  it('compares the coding of two files', async () => {
    const uri = fixtureUri('breda/gesprek-1.md');
    const report = await vscode.commands.executeCommand<AgreementReport>(AGREEMENT_COMMAND, uri, { kind: 'file', uri: fixtureUri('tilburg/gesprek-2.md').toString() });
    check(report && report.labelA === 'gesprek-1.md' && report.labelB === 'gesprek-2.md', `agreement: ${JSON.stringify(report)?.slice(0, 200)}`);
  });

  it('exports CSV through vscode.workspace.fs and imports a WebVTT file', async () => {
    const csv = scratch('fragmenten.csv');
    await vscode.commands.executeCommand('kader.export', { format: 'csv', target: csv, separator: ';' });
    const rows = (await read(csv)).split('\r\n');
    check(rows[0] === '\uFEFFfile;practice;coder;speaker;code;aspect;text;memo;line', `header ${rows[0]}`);
    check(rows.includes('breda/gesprek-1.md;Leergemeenschap Breda;anna;S1;intentie/gestuurd;intentie;omdat mijn leidinggevende het vroeg;twijfelt of ze vrijwillig meedoet;13'), rows.join('\n'));

    const vtt = scratch('2021-03-04-gesprek.vtt');
    await vscode.workspace.fs.writeFile(vtt, new TextEncoder().encode('WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Anna>Goedemorgen.</v>\n'));
    const folder = scratch('transcripten');
    await vscode.workspace.fs.createDirectory(folder);
    const outcome = await vscode.commands.executeCommand<{ created: vscode.Uri[] }>('kader.importTranscript', { files: [vscode.Uri.joinPath(folder, '..', '2021-03-04-gesprek.vtt')], folder, practice: 'Breda', show: false });
    check(outcome?.created.length === 1, `import: ${JSON.stringify(outcome)}`);
    const text = await read(outcome.created[0]!);
    check(text.includes('**Anna:** Goedemorgen.'), text);
  });
});
