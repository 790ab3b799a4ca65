// "Kader: Compare Coding With…": picks another file or a git branch/commit, asks the language
// server for `kader/agreement`, and shows the report (html.ts) with clickable disagreements.
// "Take B" asks `kader/agreementMerge` for the edits and applies them to A as one WorkspaceEdit
// (one undo step); "Keep A" changes nothing and marks the disagreement resolved.

import { isWorkspaceScheme } from '../documentSchemes';
import * as vscode from 'vscode';
import {
  AgreementMergeRequest,
  AgreementRequest,
  RevisionsRequest,
  type AgreementOther,
  type AgreementReport,
  type Disagreement,
} from '../../../server/src/protocol';
import { documentUri, type KaderRequest, type WebviewProbe } from '../statistics/panel';
import { createPagePanel, pageOptions } from '../webview/pagePanel';
import { isAgreementMessage, type AgreementMessage } from '../webview/scripts/agreement/messages';
import { agreementHtml } from './html';
import { kaderLocale } from '../locale';
import { t } from '../l10n';

export const AGREEMENT_COMMAND = 'kader.compareCodingWith';
export const AGREEMENT_VIEW_TYPE = 'kader.agreement';

type OtherItem = vscode.QuickPickItem & { other?: AgreementOther | 'browse' };

/** Markdown files that are never a transcript (lower case). */
const NOT_TRANSCRIPTS = new Set(['codebook.md', 'readme.md']);

/** At most this many of the workspace's other transcripts are offered in the picker. */
const MAX_FILES = 50;

/** Why an untrusted workspace offers no branches or commits (Kader runs no git there). */
function untrustedLine(): string {
  return t('This workspace is not trusted, so Kader runs no git here and compares with files only.');
}

/**
 * The workspace's other Markdown files (not the transcript itself, a codebook or a README), those in the
 * transcript's folder first: the other coder's transcript is usually one of them. Empty where the
 * workspace cannot be searched.
 */
async function otherTranscripts(uri: vscode.Uri): Promise<vscode.Uri[]> {
  let found: vscode.Uri[];
  try {
    found = await vscode.workspace.findFiles('**/*.md', '**/{node_modules,.git}/**', 1000);
  } catch {
    return [];
  }
  const folderOf = (u: vscode.Uri): string => u.path.slice(0, u.path.lastIndexOf('/'));
  const here = folderOf(uri);
  const rank = (u: vscode.Uri): number => (folderOf(u) === here ? 0 : 1);
  return found
    .filter((u) => u.toString() !== uri.toString() && !NOT_TRANSCRIPTS.has(u.path.slice(u.path.lastIndexOf('/') + 1).toLowerCase()))
    .sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path))
    .slice(0, MAX_FILES);
}

/**
 * The choice of what to compare with: another transcript of the workspace or any file, or a
 * branch, tag or commit of the file's repository (only in a trusted workspace inside a git
 * repository: the server runs no git in an untrusted one, and there is none in the browser).
 * Without revisions the placeholder says in one line why, never in git's words.
 */
async function pickOther(request: KaderRequest, uri: vscode.Uri): Promise<AgreementOther | undefined> {
  const trusted = vscode.workspace.isTrusted;
  const [revisions, files] = await Promise.all([trusted ? request(RevisionsRequest, { uri: uri.toString() }) : undefined, otherTranscripts(uri)]);
  const items: OtherItem[] = [];
  if (files.length > 0) {
    items.push({ label: t('Transcripts in This Workspace'), kind: vscode.QuickPickItemKind.Separator });
    for (const file of files) {
      const relative = vscode.workspace.asRelativePath(file, false);
      const slash = relative.lastIndexOf('/');
      items.push({ label: `$(file) ${relative.slice(slash + 1)}`, description: slash >= 0 ? relative.slice(0, slash) : undefined, other: { kind: 'file', uri: file.toString() } });
    }
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  }
  items.push({ label: `$(folder-opened) ${t('Another File…')}`, other: 'browse' });
  if (revisions && revisions.refs.length > 0) {
    items.push({ label: t('Branches and Tags'), kind: vscode.QuickPickItemKind.Separator });
    for (const ref of revisions.refs) {
      const icon = ref.kind === 'tag' ? '$(tag)' : ref.kind === 'remote' ? '$(cloud)' : '$(git-branch)';
      items.push({ label: `${icon} ${ref.name}`, description: ref.commit, detail: ref.subject, other: { kind: 'revision', rev: ref.name } });
    }
  }
  if (revisions && revisions.history.length > 0) {
    items.push({ label: t('Commits That Changed This File'), kind: vscode.QuickPickItemKind.Separator });
    for (const commit of revisions.history) items.push({ label: `$(git-commit) ${commit.commit}`, detail: commit.subject, other: { kind: 'revision', rev: commit.commit } });
  }
  const choice = await vscode.window.showQuickPick(items, {
    title: t('Compare Coding With…'),
    placeHolder: trusted ? (revisions?.message ?? t('Another coder\'s file, or this transcript on a branch or at a commit')) : untrustedLine(),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!choice?.other) return undefined;
  if (choice.other !== 'browse') return choice.other;
  const picked = await vscode.window.showOpenDialog({
    title: t('Choose the Other Coding of This Transcript'),
    canSelectMany: false,
    defaultUri: vscode.Uri.joinPath(uri, '..'),
    filters: { Markdown: ['md'] },
  });
  if (!picked?.[0]) return undefined;
  // The server compares files inside the workspace folders, and open documents: a file the user
  // chose elsewhere counts once it is open.
  if (!vscode.workspace.getWorkspaceFolder(picked[0])) await vscode.workspace.openTextDocument(picked[0]);
  return { kind: 'file', uri: picked[0].toString() };
}

/** The guide to agreement, kappa and alpha (docs/agreement.md, in Dutch docs/agreement.nl.md), as a Markdown preview. */
export function guideUri(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', kaderLocale() === 'nl' ? 'agreement.nl.md' : 'agreement.md');
}

async function openGuide(extensionUri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('markdown.showPreview', guideUri(extensionUri));
}

class AgreementPanel implements vscode.Disposable {
  private report: AgreementReport | undefined;
  private threshold = 90;
  /** Disagreements whose A coding was kept, by what they are (ids change after an edit). */
  private readonly kept = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Whether the page shown has said it is ready: its script runs. */
  ready = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly request: KaderRequest,
    readonly uri: vscode.Uri,
    private other: AgreementOther,
    private readonly onDispose: () => void,
    private readonly refusal: Refusal,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        this.receive(message).catch((error: unknown) => void vscode.window.showErrorMessage(String(error)));
      }),
    );
  }

  /** A message from the webview: handled only when it is one the page may send. */
  async receive(message: unknown): Promise<boolean> {
    if (!isAgreementMessage(message)) return false;
    await this.handle(message);
    return true;
  }

  /** The report shown last. */
  get current(): AgreementReport | undefined {
    return this.report;
  }

  setOther(other: AgreementOther): void {
    this.other = other;
    this.kept.clear();
  }

  private signature(d: Disagreement): string {
    return `${d.line}|${d.text}|${d.codesA.join(' ')}|${d.codesB.join(' ')}`;
  }

  async render(): Promise<boolean> {
    const report = await this.request(AgreementRequest, { uri: this.uri.toString(), other: this.other, threshold: this.threshold });
    if (!report) {
      void vscode.window.showErrorMessage(
        this.refusal(AgreementRequest.method) ?? t('The codings could not be compared. The output channel "Kader" tells why.'),
      );
      return false;
    }
    this.report = report;
    const kept = new Set(report.disagreements.filter((d) => this.kept.has(this.signature(d))).map((d) => d.id));
    this.panel.title = t('Agreement: {0} ↔ {1}', report.labelA, report.labelB);
    this.ready = false;
    this.panel.webview.html = agreementHtml(report, { kept }, pageOptions(this.panel.webview, this.extensionUri, 'agreement'));
    return true;
  }

  private async handle(message: AgreementMessage): Promise<void> {
    const report = this.report;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return;
      case 'refresh':
        await this.render();
        return;
      case 'guide':
        await openGuide(this.extensionUri);
        return;
      case 'threshold':
        this.threshold = message.value;
        await this.render();
        return;
      case 'open': {
        const d = report?.disagreements[message.id];
        if (!d) return;
        const other = message.side === 'b' && report.otherUri ? documentUri(report.otherUri) : undefined;
        const range = other ? d.rangeB : d.range;
        await vscode.window.showTextDocument(other ?? this.uri, {
          selection: new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character),
          preview: true,
          // Beside the report, which keeps its column.
          viewColumn: this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One,
        });
        return;
      }
      case 'accept': {
        const d = report?.disagreements[message.id];
        if (!d || !report) return;
        if (message.side === 'a') {
          this.kept.add(this.signature(d));
          await this.render();
          return;
        }
        await this.takeB(report, d);
        return;
      }
    }
  }

  private async takeB(report: AgreementReport, d: Disagreement): Promise<void> {
    const document = await vscode.workspace.openTextDocument(this.uri);
    const version = report.version;
    const result = await this.request(AgreementMergeRequest, {
      uri: this.uri.toString(),
      other: this.other,
      threshold: this.threshold,
      version,
      choices: [{ disagreement: d.id, accept: 'b' }],
    });
    if (!result) {
      void vscode.window.showErrorMessage(
        this.refusal(AgreementMergeRequest.method) ?? t('The Kader language server did not answer; nothing was changed.'),
      );
      return;
    }
    if (result.message) {
      void vscode.window.showWarningMessage(result.message);
      await this.render();
      return;
    }
    if (version !== null && document.version !== version) {
      void vscode.window.showWarningMessage(t('The text changed while Kader was working; nothing was changed. Try again.'));
      await this.render();
      return;
    }
    if (result.problems.length > 0) {
      void vscode.window.showWarningMessage(t('Nothing was changed: {0}', result.problems.join('; ')));
      return;
    }
    if (result.edits.length > 0) {
      const edit = new vscode.WorkspaceEdit();
      for (const e of result.edits) {
        edit.replace(this.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
      }
      if (!(await vscode.workspace.applyEdit(edit))) {
        void vscode.window.showErrorMessage(t('The edit could not be applied.'));
        return;
      }
    }
    await this.render();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDispose();
    this.panel.dispose();
  }
}

/** The server's words when it refused the last request of a method (a file outside the workspace). */
export type Refusal = (method: string) => string | undefined;

/**
 * Registers `kader.compareCodingWith` (arguments, all optional: the transcript's URI, and what to
 * compare it with as an `AgreementOther`). One report panel per transcript.
 */
export function registerAgreement(
  context: vscode.ExtensionContext,
  request: KaderRequest,
  refusal: Refusal = () => undefined,
): { panel(uri: vscode.Uri): WebviewProbe | undefined } {
  const panels = new Map<string, AgreementPanel>();
  context.subscriptions.push(
    vscode.commands.registerCommand(AGREEMENT_COMMAND, async (target?: unknown, given?: unknown): Promise<AgreementReport | undefined> => {
      const uri =
        target instanceof vscode.Uri ? target : typeof target === 'string' ? documentUri(target) : vscode.window.activeTextEditor?.document.uri;
      if (!uri || !isWorkspaceScheme(uri.scheme) || uri.scheme === 'untitled' || !uri.path.toLowerCase().endsWith('.md')) {
        void vscode.window.showInformationMessage(t('Open a Markdown transcript to compare its coding.'));
        return undefined;
      }
      const other = isOther(given) ? given : await pickOther(request, uri);
      if (!other) return undefined;
      if (other.kind === 'revision' && !vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage(untrustedLine());
        return undefined;
      }
      const key = uri.toString();
      let panel = panels.get(key);
      if (panel) {
        panel.setOther(other);
        panel.panel.reveal();
      } else {
        const webview = createPagePanel(context.extensionUri, AGREEMENT_VIEW_TYPE, t('Kader Coding Comparison'), vscode.ViewColumn.Active);
        const created = new AgreementPanel(
          webview,
          context.extensionUri,
          request,
          uri,
          other,
          () => {
            if (panels.get(key) === created) panels.delete(key);
          },
          refusal,
        );
        panels.set(key, created);
        context.subscriptions.push(created);
        panel = created;
      }
      return (await panel.render()) ? panel.current : undefined;
    }),
  );
  return {
    panel: (uri) => {
      const panel = panels.get(uri.toString());
      return panel && { html: () => panel.panel.webview.html, ready: () => panel.ready, receive: (m) => panel.receive(m) };
    },
  };
}

function isOther(value: unknown): value is AgreementOther {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (v['kind'] === 'file' && typeof v['uri'] === 'string') || (v['kind'] === 'revision' && typeof v['rev'] === 'string');
}
