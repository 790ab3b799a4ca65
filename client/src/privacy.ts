// Personal data in the editor (#14): the commands Pseudonymise Transcript / Workspace, the quick
// fixes' commands (replace a name everywhere, add a name to the key), the key file written outside
// the workspace after the user confirms, the server told when the key or allow-list changes, the
// status-bar count of certain findings, and a warning when staged transcripts hold any (never
// stopping a commit).

import * as vscode from 'vscode';
import type { TextDocumentEdit, WorkspaceEdit as LspWorkspaceEdit, CreateFile } from 'vscode-languageserver-protocol';
import {
  KeyEntryRequest,
  PrivacyCheckRequest,
  PrivacyReloadRequest,
  PrivacySummaryRequest,
  PseudonymiseRequest,
  ReplaceEverywhereRequest,
  type PrivacyLeftFinding,
  type PrivacySummaryResult,
} from '../../server/src/protocol';
import type { KaderServer } from './kaderServer';
import { t } from './l10n';

const ALLOW_LIST_GLOB = '**/kader-privacy-allow.txt';

/** What the privacy commands need of the host: the user's home folder, for `~` in the key's path. */
export interface PrivacyHost {
  homeFolder?(): vscode.Uri | undefined;
}

/** A server WorkspaceEdit as VS Code's; undefined when an open document changed since the server read it. */
export function toWorkspaceEdit(lsp: LspWorkspaceEdit): vscode.WorkspaceEdit | undefined {
  const edit = new vscode.WorkspaceEdit();
  const range = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range =>
    new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  for (const change of lsp.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind === 'create') edit.createFile(vscode.Uri.parse((change as CreateFile).uri), { ignoreIfExists: true });
      continue;
    }
    const { textDocument, edits } = change as TextDocumentEdit;
    const uri = vscode.Uri.parse(textDocument.uri);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (textDocument.version !== null && open && open.version !== textDocument.version) return undefined;
    for (const e of edits) edit.replace(uri, range(e.range), 'newText' in e ? e.newText : '');
  }
  for (const [uri, edits] of Object.entries(lsp.changes ?? {})) for (const e of edits) edit.replace(vscode.Uri.parse(uri), range(e.range), e.newText);
  return edit;
}

interface GitRepository {
  rootUri: vscode.Uri;
  state: { indexChanges: { uri: vscode.Uri }[]; onDidChange: vscode.Event<void> };
  show(ref: string, path: string): Promise<string>;
  onDidCommit?: vscode.Event<void>;
}

interface GitApi {
  repositories: GitRepository[];
  onDidOpenRepository: vscode.Event<GitRepository>;
}

export class PrivacyFeatures implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kader.privacy', vscode.StatusBarAlignment.Right, 99);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private keyWatcher: vscode.Disposable | undefined;
  private summaryTimer: ReturnType<typeof setTimeout> | undefined;
  private summaryValue: PrivacySummaryResult | undefined;
  /** Per repository: the staged transcripts with certain findings, as last checked. */
  private readonly staged = new Map<string, { files: string[]; certain: number }>();
  private readonly stagedTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly emitter = new vscode.EventEmitter<PrivacySummaryResult>();
  /** Fires with each new count (for tests). */
  readonly onDidUpdate = this.emitter.event;

  constructor(
    private readonly server: KaderServer,
    private readonly host: PrivacyHost,
  ) {
    this.item.name = t('Kader: Personal Data');
    this.item.command = 'kader.privacy.showFindings';
    const allowList = vscode.workspace.createFileSystemWatcher(ALLOW_LIST_GLOB);
    this.disposables.push(
      this.emitter,
      allowList,
      allowList.onDidChange(() => void this.reload()),
      allowList.onDidCreate(() => void this.reload()),
      allowList.onDidDelete(() => void this.reload()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kader.privacy.keyFile')) {
          this.watchKey();
          this.scheduleSummary();
        }
      }),
      vscode.languages.onDidChangeDiagnostics(() => this.scheduleSummary()),
      server.onDidChangeIndex(() => this.scheduleSummary()),
      vscode.commands.registerCommand('kader.pseudonymiseTranscript', (uri?: unknown) => {
        const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
        if (target) return this.pseudonymise(target);
        void vscode.window.showInformationMessage(t('Open a Markdown transcript to pseudonymise it.'));
        return undefined;
      }),
      // `{ confirm: false }` skips the question (tests, and tasks that confirmed already).
      vscode.commands.registerCommand('kader.pseudonymiseWorkspace', (options?: unknown) => this.pseudonymise(undefined, !(options && typeof options === 'object' && (options as { confirm?: unknown }).confirm === false))),
      vscode.commands.registerCommand('kader.privacy.replaceEverywhere', (args: unknown) => this.replaceEverywhere(args)),
      vscode.commands.registerCommand('kader.privacy.addToKey', (args: unknown) => this.addToKey(args)),
      vscode.commands.registerCommand('kader.privacy.showFindings', () => this.showFindings()),
      vscode.commands.registerCommand('kader.privacy.reload', () => this.reload()),
      vscode.commands.registerCommand('kader.privacy.summary', () => this.updateSummary()),
    );
    this.watchKey();
    this.watchGit();
  }

  /** Tells the server where home is and that the key and allow-lists are to be read again. */
  async reload(): Promise<void> {
    await this.server.request(PrivacyReloadRequest, { home: this.host.homeFolder?.()?.fsPath });
    this.scheduleSummary();
  }

  /** The key file as configured (the first folder's), as a URI; undefined when there is none or it is not absolute. */
  private keyUri(): vscode.Uri | undefined {
    const setting = vscode.workspace.getConfiguration('kader', vscode.workspace.workspaceFolders?.[0]).get<string>('privacy.keyFile')?.trim();
    if (!setting) return undefined;
    if (/^[a-zA-Z][a-zA-Z0-9+.-]+:\/\//.test(setting)) return vscode.Uri.parse(setting);
    const home = this.host.homeFolder?.();
    if (/^~(?:[/\\]|$)/.test(setting)) return home ? vscode.Uri.joinPath(home, setting.slice(2)) : undefined;
    return setting.startsWith('/') || /^[a-zA-Z]:[/\\]/.test(setting) ? vscode.Uri.file(setting) : undefined;
  }

  private watchKey(): void {
    this.keyWatcher?.dispose();
    this.keyWatcher = undefined;
    const key = this.keyUri();
    if (!key || key.scheme !== 'file') return;
    const folder = vscode.Uri.joinPath(key, '..');
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, key.path.split('/').pop()!));
    this.keyWatcher = vscode.Disposable.from(watcher, watcher.onDidChange(() => void this.reload()), watcher.onDidCreate(() => void this.reload()), watcher.onDidDelete(() => void this.reload()));
  }

  // The count ----------------------------------------------------------------------------------

  /** The last count (for tests). */
  get summary(): PrivacySummaryResult | undefined {
    return this.summaryValue;
  }

  /** The status bar item's text (for tests). */
  get text(): string | undefined {
    return this.item.text || undefined;
  }

  private scheduleSummary(): void {
    if (this.summaryTimer) clearTimeout(this.summaryTimer);
    this.summaryTimer = setTimeout(() => {
      this.summaryTimer = undefined;
      void this.updateSummary();
    }, 750);
  }

  async updateSummary(): Promise<PrivacySummaryResult | undefined> {
    const summary = await this.server.request(PrivacySummaryRequest, {});
    if (!summary) return undefined;
    this.summaryValue = summary;
    if (summary.certain === 0 && summary.keyProblems.length === 0) {
      this.item.text = `$(shield) 0`;
      this.item.backgroundColor = undefined;
      this.item.tooltip = t('No certain findings of personal data in the workspace.');
    } else {
      this.item.text = summary.keyProblems.length > 0 ? `$(warning) ${summary.certain}` : `$(shield) ${summary.certain}`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      const lines = [t('{0} certain findings of personal data in {1} transcripts. Click to see them.', summary.certain, summary.files.length)];
      for (const problem of summary.keyProblems) lines.push(problem);
      this.item.tooltip = lines.join('\n\n');
    }
    this.item.accessibilityInformation = { label: t('{0} certain findings of personal data', summary.certain) };
    this.item.show();
    this.emitter.fire(summary);
    return summary;
  }

  private async showFindings(): Promise<void> {
    const summary = this.summaryValue ?? (await this.updateSummary());
    if (!summary || summary.files.length === 0) {
      void vscode.window.showInformationMessage(summary?.keyProblems[0] ?? t('No certain findings of personal data in the workspace.'));
      return;
    }
    const pick = await vscode.window.showQuickPick(
      summary.files.map((f) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.parse(f.uri)), description: t('{0} certain findings', f.certain), uri: f.uri })),
      { title: t('Transcripts with personal data'), placeHolder: summary.keyProblems[0] },
    );
    if (!pick) return;
    await vscode.window.showTextDocument(vscode.Uri.parse(pick.uri));
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  }

  // Commands -----------------------------------------------------------------------------------

  /** Pseudonymises one transcript (a URI) or the workspace (undefined): one undoable edit, then what was left alone. */
  async pseudonymise(uri: vscode.Uri | undefined, confirm = true): Promise<{ applied: boolean; left: PrivacyLeftFinding[] }> {
    const method = PseudonymiseRequest.method;
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Kader: pseudonymising…'), cancellable: true }, (_, token) =>
      this.server.request(PseudonymiseRequest, uri ? { uri: uri.toString() } : {}, token),
    );
    if (!result) {
      const refusal = this.server.refusal(method);
      if (refusal) {
        const open = t('Open Settings');
        void vscode.window.showWarningMessage(refusal, open).then((answer) => {
          if (answer === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'kader.privacy.keyFile');
        });
      }
      return { applied: false, left: [] };
    }
    if (result.files > 0) {
      if (confirm && !uri) {
        const go = t('Pseudonymise');
        const answer = await vscode.window.showWarningMessage(
          t('Replace {0} names and numbers in {1} transcripts? One undo (Ctrl+Z in each changed file, or Edit > Undo) takes it back.', result.replacements, result.files),
          { modal: true },
          go,
        );
        if (answer !== go) return { applied: false, left: result.left };
      }
      const edit = toWorkspaceEdit(result.edit);
      if (!edit || !(await vscode.workspace.applyEdit(edit, { isRefactoring: true }))) {
        void vscode.window.showWarningMessage(t('A transcript changed while Kader was working; nothing was changed. Try again.'));
        return { applied: false, left: result.left };
      }
    }
    const done = result.files > 0 ? t('Pseudonymised: {0} replacements in {1} transcripts.', result.replacements, result.files) : t('Nothing to pseudonymise: no name of the key and no number or address was found.');
    if (result.left.length === 0) void vscode.window.showInformationMessage(done);
    else {
      const show = t('Show Them');
      void vscode.window
        .showInformationMessage(`${done} ${t('{0} findings were left alone (likely names, and names the key lacks): look at them yourself.', result.left.length)}`, show)
        .then((answer) => (answer === show ? this.showLeft(result.left) : undefined));
    }
    return { applied: result.files > 0, left: result.left };
  }

  private async showLeft(left: PrivacyLeftFinding[]): Promise<void> {
    const pick = await vscode.window.showQuickPick(
      left.map((f) => ({ label: f.text, description: `${vscode.workspace.asRelativePath(vscode.Uri.parse(f.uri))}:${f.range.start.line + 1}`, detail: f.message, finding: f })),
      { title: t('Left alone by pseudonymisation'), matchOnDescription: true },
    );
    if (!pick) return;
    const r = pick.finding.range;
    await vscode.window.showTextDocument(vscode.Uri.parse(pick.finding.uri), { selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) });
  }

  private async replaceEverywhere(args: unknown): Promise<boolean> {
    const { uri, name } = (args ?? {}) as { uri?: string; name?: string };
    if (typeof uri !== 'string' || typeof name !== 'string') return false;
    const result = await this.server.request(ReplaceEverywhereRequest, { uri, name });
    const edit = result && toWorkspaceEdit(result);
    if (!edit) {
      void vscode.window.showWarningMessage(this.server.refusal(ReplaceEverywhereRequest.method) ?? t('A transcript changed while Kader was working; nothing was changed. Try again.'));
      return false;
    }
    return vscode.workspace.applyEdit(edit, { isRefactoring: true });
  }

  /**
   * Adds a name to the key: asks for the pseudonym (proposing the next free one), confirms, and
   * writes the key file (outside the workspace) itself. `answers` stand in for the user in tests.
   */
  async addToKey(args: unknown, answers?: { pseudonym?: string; confirm?: boolean }): Promise<boolean> {
    const { uri, name, kind } = (args ?? {}) as { uri?: string; name?: string; kind?: 'participant' | 'place' | 'organisation' };
    if (typeof uri !== 'string' || typeof name !== 'string') return false;
    const asked = await this.server.request(KeyEntryRequest, { uri, name, kind });
    if (!asked) return false;
    if (!asked.ok) {
      void vscode.window.showWarningMessage(asked.message);
      return false;
    }
    const validate = async (value: string): Promise<string | undefined> => {
      const checked = await this.server.request(KeyEntryRequest, { uri, name, kind, pseudonym: value });
      if (!checked) return t('The Kader language server did not answer.');
      return checked.ok ? checked.problem : checked.message;
    };
    const pseudonym =
      answers?.pseudonym ??
      (await vscode.window.showInputBox({
        title: t('Add "{0}" to the Key', name),
        prompt: t('The pseudonym that replaces "{0}" in every transcript.', name),
        value: asked.proposed,
        validateInput: validate,
      }));
    if (pseudonym === undefined) return false;
    const chosen = await this.server.request(KeyEntryRequest, { uri, name, kind, pseudonym });
    if (!chosen?.ok || !chosen.keyText) {
      void vscode.window.showWarningMessage(chosen ? (chosen.ok ? (chosen.problem ?? '') : chosen.message) : t('The Kader language server did not answer.'));
      return false;
    }
    const keyUri = vscode.Uri.parse(chosen.keyUri);
    const add = t('Add to Key');
    const confirmed =
      answers?.confirm ??
      (await vscode.window.showInformationMessage(t('Add "{0}: {1}" to the key {2}?', name, pseudonym.trim(), keyUri.fsPath), { modal: true }, add)) === add;
    if (!confirmed) return false;
    await vscode.workspace.fs.writeFile(keyUri, new TextEncoder().encode(chosen.keyText));
    await this.reload();
    return true;
  }

  // The commit warning -------------------------------------------------------------------------

  private watchGit(): void {
    const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
    if (!extension) return;
    const start = (): void => {
      let api: GitApi;
      try {
        api = extension.exports.getAPI(1);
      } catch {
        return;
      }
      for (const repository of api.repositories) this.watchRepository(repository);
      this.disposables.push(api.onDidOpenRepository((repository) => this.watchRepository(repository)));
    };
    if (extension.isActive) start();
    else extension.activate().then(start, () => undefined);
  }

  private watchRepository(repository: GitRepository): void {
    const key = repository.rootUri.toString();
    this.disposables.push(repository.state.onDidChange(() => this.scheduleStagedCheck(repository)));
    if (repository.onDidCommit) {
      this.disposables.push(
        repository.onDidCommit(() => {
          const found = this.staged.get(key);
          if (found && found.certain > 0) {
            void vscode.window.showWarningMessage(
              t('The commit holds {0} certain findings of personal data in {1}. Undo it (git reset --soft HEAD~1) or pseudonymise and amend it before you push.', found.certain, found.files.join(', ')),
            );
          }
          this.staged.delete(key);
        }),
      );
    }
    this.scheduleStagedCheck(repository);
  }

  private scheduleStagedCheck(repository: GitRepository): void {
    const key = repository.rootUri.toString();
    const timer = this.stagedTimers.get(key);
    if (timer) clearTimeout(timer);
    this.stagedTimers.set(
      key,
      setTimeout(() => {
        this.stagedTimers.delete(key);
        void this.checkStaged(repository);
      }, 500),
    );
  }

  /** Checks the staged version of each staged transcript; warns once for each new set of them that holds certain findings. */
  async checkStaged(repository: GitRepository): Promise<{ files: string[]; certain: number }> {
    const key = repository.rootUri.toString();
    const documents: { uri: string; text: string }[] = [];
    for (const change of repository.state.indexChanges) {
      if (!/\.md$/i.test(change.uri.path)) continue;
      try {
        documents.push({ uri: change.uri.toString(), text: await repository.show('', change.uri.fsPath) });
      } catch {
        // deleted from the index, or not readable: nothing to check
      }
    }
    const checked = documents.length === 0 ? { documents: [] } : await this.server.request(PrivacyCheckRequest, { documents });
    const withFindings = (checked?.documents ?? []).filter((d) => d.certain > 0);
    const found = { files: withFindings.map((d) => vscode.workspace.asRelativePath(vscode.Uri.parse(d.uri))), certain: withFindings.reduce((n, d) => n + d.certain, 0) };
    const before = this.staged.get(key);
    this.staged.set(key, found);
    if (found.certain > 0 && before?.files.join('\n') !== found.files.join('\n')) {
      void vscode.window.showWarningMessage(
        t('Staged transcripts hold {0} certain findings of personal data: {1}. Pseudonymise them before you commit (Kader: Pseudonymise Transcript).', found.certain, found.files.join(', ')),
      );
    }
    return found;
  }

  dispose(): void {
    if (this.summaryTimer) clearTimeout(this.summaryTimer);
    for (const timer of this.stagedTimers.values()) clearTimeout(timer);
    this.keyWatcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
