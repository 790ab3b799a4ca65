import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { frameworkCodebookMarkdown, FRAMEWORK } from '../../server/src/core/framework';
import { kaderApi, revertAndCloseAll, waitForValue, workspaceRoot } from './util';

describe('project commands', () => {
  let scratch: string;

  before(async () => {
    await kaderApi();
  });

  beforeEach(() => {
    // Outside the workspace, so nothing written here becomes a transcript of the fixture.
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kader-commands-'));
  });

  afterEach(async () => {
    await revertAndCloseAll();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('Create Codebook writes the framework codebook, in English and in Dutch', async () => {
    for (const locale of ['en', 'nl'] as const) {
      const target = vscode.Uri.file(path.join(scratch, locale, 'codebook.md'));
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('kader.createCodebook', { locale, target, show: false });
      assert.equal(written?.toString(), target.toString());
      assert.equal(fs.readFileSync(target.fsPath, 'utf8'), frameworkCodebookMarkdown(locale));
    }
    assert.ok(frameworkCodebookMarkdown('nl').includes('# Intentie {#intentie color="#4E79A7"}'));
  });

  it('Create Codebook never replaces an existing codebook unless told to', async () => {
    const target = vscode.Uri.file(path.join(scratch, 'codebook.md'));
    fs.writeFileSync(target.fsPath, '# Mijn codes {#mijn}\n');
    const kept = await vscode.commands.executeCommand('kader.createCodebook', { locale: 'en', target, replace: false, show: false });
    assert.equal(kept, undefined);
    assert.equal(fs.readFileSync(target.fsPath, 'utf8'), '# Mijn codes {#mijn}\n');

    await vscode.commands.executeCommand('kader.createCodebook', { locale: 'en', target, replace: true, show: false });
    assert.equal(fs.readFileSync(target.fsPath, 'utf8'), frameworkCodebookMarkdown('en'));
  });

  it('New Transcript starts from front matter and the interview guide with the seven questions', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('kader.newTranscript', { locale: 'nl', target: 'untitled' });
    assert.equal(document.languageId, 'markdown');
    assert.equal(document.uri.scheme, 'untitled');
    const text = document.getText();
    assert.match(text, /^---\npractice: Naam van de praktijk\ncoder: .+\ntitle: Reflectiegesprek\ndate: \d{4}-\d{2}-\d{2}\nparticipants: \[Interviewer, S1, S2\]\n---\n# Reflectiegesprek\n/);
    const aspects = FRAMEWORK.filter((f) => !f.code.includes('/'));
    assert.equal(aspects.length, 7);
    aspects.forEach((aspect, i) => {
      assert.ok(text.includes(`## Vraag ${i + 1} — ${aspect.name.nl}\n\n**Interviewer:** ${aspect.question.nl}\n`), aspect.code);
    });
  });

  it('an untitled transcript is checked against the workspace codebook while it is typed', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('kader.newTranscript', { locale: 'nl', target: 'untitled' });
    const editor = await vscode.window.showTextDocument(document);
    const line = document.lineCount - 1;
    await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), '**S1:** Een [stuk]{#intentie #onbekend}.\n'));
    const found = await waitForValue(() => {
      const kader = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'kader');
      return kader.length > 0 && kader;
    }, 'Kader diagnostics for the untitled transcript');
    assert.deepEqual(
      found.map((d) => [d.code, d.range.start.line, document.getText(d.range)]),
      [['undefined-code', line, '#onbekend']],
    );
  });

  it('New Transcript creates a file whose folder names the practice', async () => {
    const target = vscode.Uri.joinPath(workspaceRoot(), 'nieuw', 'gesprek.md');
    try {
      const document = await vscode.commands.executeCommand<vscode.TextDocument>('kader.newTranscript', { locale: 'en', target, show: false });
      assert.equal(document.isDirty, false);
      assert.ok(fs.readFileSync(target.fsPath, 'utf8').startsWith('---\npractice: nieuw\n'));
      assert.ok(document.getText().includes('## Question 1 — Intention\n\n**Interviewer:** What is the purpose of the learning practice?'));
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'nieuw'), { recursive: true });
    }
  });

  it('Show Report opens the report as an untitled Markdown document', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('kader.showReport', { folder: workspaceRoot(), preview: false });
    assert.equal(document.languageId, 'markdown');
    assert.equal(document.uri.scheme, 'untitled');
    const text = document.getText();
    assert.ok(text.startsWith('# Kader report\n'), text.slice(0, 200));
    assert.ok(text.includes('“omdat mijn leidinggevende het vroeg”'), text);
  });

  it('Open Example Project copies the bundled examples', async () => {
    const copy = await vscode.commands.executeCommand<vscode.Uri>('kader.openExample', { parent: vscode.Uri.file(scratch), open: false });
    assert.equal(path.basename(copy.fsPath), 'kader-example');
    assert.ok(fs.existsSync(path.join(copy.fsPath, 'codebook.md')));
    assert.ok(fs.readdirSync(path.join(copy.fsPath, 'leergemeenschap-breda')).some((f) => f.endsWith('.md')));
    const again = await vscode.commands.executeCommand<vscode.Uri>('kader.openExample', { parent: vscode.Uri.file(scratch), open: false });
    assert.equal(path.basename(again.fsPath), 'kader-example-2');
  });
});
