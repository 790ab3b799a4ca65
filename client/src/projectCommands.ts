// Commands that start or look at a research project: Use This Folder as a Kader Project, Create
// Codebook, New Transcript, Show Report, Open Example Project. Each takes optional arguments (used
// by tests and other extensions) and asks the user for whatever is missing.

import * as vscode from 'vscode';
import type { FrameworkOptions } from '../../server/src/core/framework';
import { codebookLocale, guideQuestions, transcriptTemplate } from '../../server/src/core/interviewGuide';
import type { Locale } from '../../server/src/core/types';
import { CodesRequest, ReportRequest, TreeRequest } from '../../server/src/protocol';
import { codebookUri, exists, writeFrameworkCodebook } from './codebookEdits';
import type { KaderServer } from './kaderServer';
import { kaderLocale } from './locale';
import { t } from './l10n';

export interface CreateCodebookArgs {
  locale?: Locale;
  folder?: vscode.Uri;
  /** Where to write, instead of the folder's `kader.codebook.path`. */
  target?: vscode.Uri;
  /** Replace an existing codebook without asking (true) or never (false). */
  replace?: boolean;
  /** Show the codebook afterwards (default true). */
  show?: boolean;
  /**
   * What the codebook holds besides the aspects: the article's distinctions as sub-codes (default
   * true) and the learning level and loop family (default false). Asked for with the language;
   * a caller that gives `locale` gets the defaults for what it leaves out.
   */
  distinctions?: boolean;
  learning?: boolean;
}

export interface NewTranscriptArgs {
  /** The language of the guide when the codebook's own does not tell (default: Kader's language). */
  locale?: Locale;
  /** A file to create, or 'untitled'. */
  target?: vscode.Uri | 'untitled';
  show?: boolean;
}

export interface OpenExampleArgs {
  /** The folder to copy the example into (a new sub-folder is made in it). */
  parent?: vscode.Uri;
  /** Open the copy as the workspace (default true). */
  open?: boolean;
}

/** What only some extension hosts know (the Node host does, the browser does not). */
export interface ProjectHost {
  /** Where the Open Example Project dialog starts. */
  homeFolder?(): vscode.Uri | undefined;
}

const baseName = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);

export async function pickFolder(given: vscode.Uri | undefined): Promise<vscode.WorkspaceFolder | undefined> {
  if (given) return vscode.workspace.getWorkspaceFolder(given);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(t('Open a folder first: Kader works on the transcripts in a workspace folder.'));
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: t('Choose the workspace folder') });
}

async function pickLocale(title: string): Promise<Locale | undefined> {
  const items: (vscode.QuickPickItem & { locale: Locale })[] = [
    { label: 'Nederlands', description: t('Dutch'), locale: 'nl' },
    { label: 'English', description: t('English'), locale: 'en' },
  ];
  const preferred = kaderLocale();
  items.sort((a, b) => Number(b.locale === preferred) - Number(a.locale === preferred));
  const choice = await vscode.window.showQuickPick(items, { title, placeHolder: t('Language of the texts') });
  return choice?.locale;
}

/** What goes into the codebook besides the seven aspects and their dialogue questions; none of it is the bare framework. */
async function pickContents(title: string): Promise<FrameworkOptions | undefined> {
  const distinctions = {
    label: t('The article’s distinctions as sub-codes'),
    detail: t('Voluntary or sent; exchanging, frame of action or changing; shared basis or far apart; power, climate, history; persons, things, events; for you, the group, colleagues, the organisation; intended or not'),
    picked: true,
  };
  const learning = {
    label: t('Learning level and loop'),
    detail: t('A second code family: individual or collective learning (#niveau/…) and the how, why and what for questions (#lus/…)'),
    picked: false,
  };
  const chosen = await vscode.window.showQuickPick([distinctions, learning], {
    title,
    canPickMany: true,
    placeHolder: t('Besides the seven aspects and their questions (choose none for the bare framework)'),
  });
  if (!chosen) return undefined;
  return { distinctions: chosen.includes(distinctions), learning: chosen.includes(learning) };
}

/** Kader: Create Codebook. Returns the codebook written (or kept), or undefined. */
export async function createCodebook(args: CreateCodebookArgs = {}): Promise<vscode.Uri | undefined> {
  let target = args.target;
  if (!target) {
    const folder = await pickFolder(args.folder);
    if (!folder) return undefined;
    target = codebookUri(folder);
  }
  const title = t('Create a codebook from the framework for learning practices');
  const locale = args.locale ?? (await pickLocale(title));
  if (!locale) return undefined;
  let contents: FrameworkOptions = { distinctions: args.distinctions ?? true, learning: args.learning ?? false };
  if (args.locale === undefined && args.distinctions === undefined && args.learning === undefined) {
    const picked = await pickContents(title);
    if (!picked) return undefined;
    contents = picked;
  }

  let replace = args.replace;
  if (replace === undefined && (await exists(target))) {
    const replaceItem = t('Replace');
    const answer = await vscode.window.showWarningMessage(
      t('{0} already exists. Replace it with the framework codebook?', baseName(target)),
      { modal: true, detail: t('You can undo this with Undo in the codebook.') },
      replaceItem,
    );
    replace = answer === replaceItem;
    if (!replace) {
      if (args.show !== false) await vscode.window.showTextDocument(target);
      return undefined;
    }
  }
  if (!(await writeFrameworkCodebook({ locale, target, replace: replace ?? false, contents }))) return undefined;
  if (args.show !== false) await vscode.window.showTextDocument(target);
  return target;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The `coder` of new transcripts: `kader.coder`, asked once and kept in the user settings. */
async function coderName(): Promise<string | undefined> {
  const config = vscode.workspace.getConfiguration('kader');
  const saved = config.get<string>('coder')?.trim();
  if (saved) return saved;
  const name = await vscode.window.showInputBox({
    title: t('Your name as coder'),
    prompt: t('New transcripts carry it as coder in their front matter. Kader keeps it in your user settings (kader.coder), so it asks only once.'),
    placeHolder: t('For example: noor'),
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? t('Type a name, or press Escape to make no transcript.') : undefined),
  });
  if (name === undefined || name.trim() === '') return undefined;
  await config.update('coder', name.trim(), vscode.ConfigurationTarget.Global);
  return name.trim();
}

/** The questions of the guide from the codebook of the folder `target` belongs to (the first folder's for an untitled one), and its language. */
async function guideOf(server: KaderServer, target: vscode.Uri | 'untitled', fallback: Locale): Promise<{ locale: Locale; questions?: ReturnType<typeof guideQuestions> }> {
  const result = await server.request(CodesRequest, target === 'untitled' ? {} : { uri: target.toString() });
  if (!result) return { locale: fallback }; // no server: the built-in framework's questions
  return { locale: codebookLocale(result.codes) ?? fallback, questions: guideQuestions(result.codes) };
}

/** The practice a new file would belong to: the name of its folder inside the workspace folder. */
function practiceFor(target: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(target);
  if (!folder) return undefined;
  const relative = target.path.slice(folder.uri.path.length).replace(/^\/+/, '');
  const parts = relative.split('/');
  return parts.length > 1 ? parts[parts.length - 2] : undefined;
}

/** Kader: New Transcript. Returns the new document. */
export async function newTranscript(server: KaderServer, args: NewTranscriptArgs = {}): Promise<vscode.TextDocument | undefined> {
  let target = args.target;
  if (!target) {
    const untitled = { label: t('$(new-file) Untitled transcript'), detail: t('Save it later where you like.') };
    const file = { label: t('$(save-as) New file…'), detail: t('Choose where to save it now (the folder names the practice).') };
    const choice = await vscode.window.showQuickPick([untitled, file], { title: t('New transcript') });
    if (!choice) return undefined;
    if (choice === untitled) target = 'untitled';
    else {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const picked = await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, t('conversation.md')) : undefined,
        filters: { Markdown: ['md'] },
        title: t('New transcript'),
      });
      if (!picked) return undefined;
      target = picked;
    }
  }

  if (target !== 'untitled' && (await exists(target))) {
    void vscode.window.showWarningMessage(t('{0} already exists; it was left as it is.', baseName(target)));
    if (args.show !== false) await vscode.window.showTextDocument(target);
    return undefined;
  }
  const coder = await coderName();
  if (coder === undefined) return undefined;
  // The guide speaks the codebook's language when its aspects' names tell it.
  const { locale, questions } = await guideOf(server, target, args.locale ?? kaderLocale());

  let document: vscode.TextDocument;
  if (target === 'untitled') {
    document = await vscode.workspace.openTextDocument({ language: 'markdown', content: transcriptTemplate(locale, undefined, coder, today(), questions) });
  } else {
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(target, { ignoreIfExists: false });
    edit.insert(target, new vscode.Position(0, 0), transcriptTemplate(locale, practiceFor(target), coder, today(), questions));
    if (!(await vscode.workspace.applyEdit(edit))) return undefined;
    document = await vscode.workspace.openTextDocument(target);
    await document.save();
  }
  if (args.show !== false) {
    const editor = await vscode.window.showTextDocument(document);
    // The cursor on the first answer.
    const line = document.getText().split('\n').findIndex((l) => l === '**S1:** ');
    if (line >= 0) {
      const at = new vscode.Position(line, '**S1:** '.length);
      editor.selection = new vscode.Selection(at, at);
    }
  }
  return document;
}

/** Kader: Use This Folder as a Kader Project. Sets `kader.project` to `always` for the folder; returns the folder. */
export async function useAsProject(args: { folder?: vscode.Uri } = {}): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder(args.folder);
  if (!folder) return undefined;
  // One folder: the workspace's settings are the folder's (.vscode/settings.json); several: the folder's own.
  const target = (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
  await vscode.workspace.getConfiguration('kader', folder.uri).update('project', 'always', target);
  return folder.uri;
}

/**
 * Keeps the context key `kader.noProject` (folders open, none a Kader project) up to date, for the
 * views' welcome text that offers Use This Folder as a Kader Project.
 */
export function trackProjectStatus(server: KaderServer): vscode.Disposable {
  let asked = 0;
  const update = async (): Promise<void> => {
    const generation = ++asked;
    const result = await server.request(TreeRequest, { view: 'aspects' });
    if (generation !== asked || !result) return;
    await vscode.commands.executeCommand('setContext', 'kader.noProject', result.noProject === true);
  };
  return server.onDidChangeIndex(() => void update());
}

/** Kader: Show Report. Returns the report document. */
export async function showReport(server: KaderServer, args: { folder?: vscode.Uri; preview?: boolean } = {}): Promise<vscode.TextDocument | undefined> {
  const folder = await pickFolder(args.folder);
  if (!folder) return undefined;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: t('Kader: making the report') },
    () => server.request(ReportRequest, { format: 'markdown', folderUri: folder.uri.toString() }),
  );
  if (!result) {
    void vscode.window.showErrorMessage(t('The report could not be made: the Kader language server did not answer.'));
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.text });
  await vscode.window.showTextDocument(document, { preview: false });
  if (args.preview !== false) await vscode.commands.executeCommand('markdown.showPreview', document.uri);
  return document;
}

/** Kader: Open Example Project. Copies the bundled examples/ and opens the copy. */
export async function openExample(extensionUri: vscode.Uri, args: OpenExampleArgs = {}, host: ProjectHost = {}): Promise<vscode.Uri | undefined> {
  let parent = args.parent;
  if (!parent) {
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      openLabel: t('Copy the Example Here'),
      title: t('Choose a folder for a copy of the example project'),
      defaultUri: host.homeFolder?.(),
    });
    if (!picked?.[0]) return undefined;
    parent = picked[0];
  }
  const name = t('kader-example');
  let destination = vscode.Uri.joinPath(parent, name);
  for (let n = 2; await exists(destination); n++) destination = vscode.Uri.joinPath(parent, `${name}-${n}`);
  await vscode.workspace.fs.copy(vscode.Uri.joinPath(extensionUri, 'examples'), destination, { overwrite: false });
  if (args.open !== false) {
    await vscode.commands.executeCommand('vscode.openFolder', destination, { forceNewWindow: (vscode.workspace.workspaceFolders?.length ?? 0) > 0 });
  }
  return destination;
}
