import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { frameworkCodebookMarkdown } from '../../server/src/core/framework';
import { CLOSING_PROMPTS, FOLLOW_UPS } from '../../server/src/core/frameworkDistinctions';
import { kaderApi, renderTree, revertAndCloseAll, waitFor, waitForValue, workspaceRoot } from './util';

type Window = typeof vscode.window;

/** Answers Kader's input boxes with `answer`, recording what they asked. */
async function withInputBox<T>(answer: string | undefined, body: (asked: (vscode.InputBoxOptions | undefined)[]) => Promise<T>): Promise<T> {
  const window = vscode.window as { -readonly [K in keyof Window]: Window[K] };
  const saved = window.showInputBox;
  const asked: (vscode.InputBoxOptions | undefined)[] = [];
  window.showInputBox = ((options?: vscode.InputBoxOptions) => {
    asked.push(options);
    return Promise.resolve(answer);
  }) as Window['showInputBox'];
  try {
    return await body(asked);
  } finally {
    window.showInputBox = saved;
  }
}

/** The guide of the fixture's codebook (Intentie, Context, Activiteit, in Dutch) for coder noor; the date as `<today>`. */
const FIXTURE_GUIDE = [
  '---',
  'practice: Naam van de praktijk',
  'coder: noor',
  'title: Reflectiegesprek',
  'date: <today>',
  'participants: [Interviewer, S1, S2]',
  '---',
  '# Reflectiegesprek',
  '',
  '<!-- Codeer tekst: selecteer woorden en druk op Ctrl+Alt+K (Cmd+Alt+K op een Mac). -->',
  '',
  '## Vraag 1 — Intentie {#intentie}',
  '',
  '**Interviewer:** Wat is de bedoeling van de lerende praktijk?',
  '',
  `<!-- Doorvragen: ${FOLLOW_UPS['intentie']!.nl} -->`,
  '',
  '**S1:** ',
  '',
  '## Vraag 2 — Context {#context}',
  '',
  '**Interviewer:** In welke omgeving speelt de praktijk zich af?',
  '',
  `<!-- Doorvragen: ${FOLLOW_UPS['context']!.nl} -->`,
  '',
  '**S1:** ',
  '',
  '## Vraag 3 — Activiteit {#activiteit}',
  '',
  '**Interviewer:** Wat doen de deelnemers samen?',
  '',
  `<!-- Doorvragen: ${FOLLOW_UPS['activiteit']!.nl} -->`,
  '',
  '**S1:** ',
  '',
  '## Afsluiting — wat is er geleerd?',
  '',
  `**Interviewer:** ${CLOSING_PROMPTS.nl}`,
  '',
  '**S1:** ',
  '',
].join('\n');

const withoutDate = (text: string): string => text.replace(/^date: \d{4}-\d{2}-\d{2}$/m, 'date: <today>');

describe('project commands', () => {
  let scratch: string;

  before(async () => {
    await kaderApi();
    await vscode.workspace.getConfiguration('kader').update('coder', 'noor', vscode.ConfigurationTarget.Global);
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

  it('New Transcript asks the coder once, keeps it in the user settings, and writes the guide of the project’s codebook', async () => {
    const kader = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('kader');
    await kader().update('coder', undefined, vscode.ConfigurationTarget.Global);
    await withInputBox('  noor ', async (asked) => {
      const first = await vscode.commands.executeCommand<vscode.TextDocument>('kader.newTranscript', { locale: 'en', target: 'untitled' });
      assert.deepEqual(
        asked.map((options) => [options?.title, options?.value]),
        [['Your name as coder', undefined]],
      );
      assert.equal(kader().inspect<string>('coder')?.globalValue, 'noor');
      assert.equal(first.languageId, 'markdown');
      assert.equal(first.uri.scheme, 'untitled');
      // The fixture's codebook is Dutch: the guide is too, though English was asked for.
      assert.equal(withoutDate(first.getText()), FIXTURE_GUIDE);

      const second = await vscode.commands.executeCommand<vscode.TextDocument>('kader.newTranscript', { locale: 'en', target: 'untitled', show: false });
      assert.equal(asked.length, 1, 'asked once');
      assert.equal(withoutDate(second.getText()), FIXTURE_GUIDE);
    });
  });

  it('New Transcript makes nothing when the coder is not given', async () => {
    await vscode.workspace.getConfiguration('kader').update('coder', undefined, vscode.ConfigurationTarget.Global);
    try {
      await withInputBox(undefined, async (asked) => {
        const before = vscode.workspace.textDocuments.length;
        assert.equal(await vscode.commands.executeCommand('kader.newTranscript', { target: 'untitled' }), undefined);
        assert.equal(asked.length, 1);
        assert.equal(vscode.workspace.textDocuments.length, before);
        assert.equal(vscode.workspace.getConfiguration('kader').inspect<string>('coder')?.globalValue, undefined);
      });
    } finally {
      await vscode.workspace.getConfiguration('kader').update('coder', 'noor', vscode.ConfigurationTarget.Global);
    }
  });

  it('the welcome view’s Use This Folder as a Kader Project makes the folder a project', async () => {
    const api = await kaderApi();
    const kader = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('kader', workspaceRoot());
    const nls = JSON.parse(fs.readFileSync(path.join(vscode.extensions.getExtension('kader.kader')!.extensionPath, 'package.nls.json'), 'utf8')) as Record<string, string>;
    assert.ok(nls['welcome.noProject']!.includes('[Use This Folder as a Kader Project](command:kader.useAsProject)'));
    const aspects = await renderTree(api.aspects);
    assert.ok(aspects.length > 0);
    try {
      await kader().update('project', 'never', vscode.ConfigurationTarget.Workspace);
      await waitFor(async () => (await renderTree(api.aspects)).length === 0, 'the Aspects view empties: the welcome text shows');
      assert.equal(await vscode.commands.executeCommand<vscode.Uri>('kader.useAsProject').then((uri) => uri?.toString()), workspaceRoot().toString());
      assert.equal(kader().inspect<string>('project')?.workspaceValue, 'always');
      await waitFor(async () => JSON.stringify(await renderTree(api.aspects)) === JSON.stringify(aspects), 'the Aspects view as before');
    } finally {
      await kader().update('project', undefined, vscode.ConfigurationTarget.Workspace);
    }
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
      assert.equal(withoutDate(document.getText()), FIXTURE_GUIDE.replace('practice: Naam van de praktijk', 'practice: nieuw'));
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
