// Import Transcript… and Export…: the server makes the Markdown or the export's bytes; here the
// user picks the files. An import creates new files through one undoable workspace edit and
// never replaces a file; an export goes where the save dialog says (which asks before replacing).

import * as vscode from 'vscode';
import { ExportRequest, ImportRequest, type ExportFormat, type ExportResult, type ImportResponse } from '../../server/src/protocol';
import { base64ToBytes, bytesToBase64, utf8Bytes } from './base64';
import type { KaderServer } from './kaderServer';
import { kaderLocale } from './locale';
import { t } from './l10n';

export interface ImportArgs {
  files?: vscode.Uri[];
  folder?: vscode.Uri;
  /** The practice for the front matter; '' for none. Asked when undefined. */
  practice?: string;
  timestamps?: boolean;
  /** Open the first imported transcript (default true). */
  show?: boolean;
}

export interface ExportArgs {
  format?: ExportFormat;
  target?: vscode.Uri;
  folder?: vscode.Uri;
  /** The CSV separator; by default `;` when Kader speaks Dutch (Excel there reads `,` as the decimal comma), else `,`. */
  separator?: ',' | ';';
  /** With `csv`: the document × code matrix. */
  matrix?: 'documents';
}

export interface ImportOutcome {
  created: vscode.Uri[];
  skipped: { file: vscode.Uri; reason: string }[];
  /** What an import changed, per file (tracked changes of a Word file taken as accepted). */
  notes: { file: vscode.Uri; note: string }[];
  /** The import report of each project (`.qdpx`) imported. */
  reports: { file: vscode.Uri; report: vscode.Uri }[];
}

/**
 * The files of a project import (`.qdpx`), created in `folder` by `edit`: all of them, or none
 * when one exists already. Names are plain file names (the server makes them; checked again).
 */
async function createProjectFiles(edit: vscode.WorkspaceEdit, folder: vscode.Uri, file: vscode.Uri, files: { name: string; text: string }[], notes: string[], outcome: ImportOutcome): Promise<void> {
  const bad = files.find((f) => !/^[^/\\]+$/.test(f.name) || f.name === '.' || f.name === '..');
  if (bad) {
    outcome.skipped.push({ file, reason: t('{0} is not a file name in the folder imported into', bad.name) });
    return;
  }
  const targets = files.map((f) => ({ text: f.text, target: vscode.Uri.joinPath(folder, f.name), name: f.name }));
  for (const { target, name } of targets) {
    const taken = await vscode.workspace.fs.stat(target).then(
      () => true,
      () => false,
    );
    if (taken || outcome.created.some((c) => c.toString() === target.toString())) {
      outcome.skipped.push({ file, reason: t('{0} already exists', name) });
      return;
    }
  }
  for (const { target, text } of targets) {
    edit.createFile(target, { overwrite: false, ignoreIfExists: false, contents: utf8Bytes(text) });
    outcome.created.push(target);
  }
  for (const note of notes) outcome.notes.push({ file, note });
  const report = targets[targets.length - 1];
  if (report && !report.name.endsWith('.md')) outcome.reports.push({ file, report: report.target });
}

function formats(): { format: ExportFormat; matrix?: 'documents'; label: string; detail: string; filters: Record<string, string[]> }[] {
  return [
    { format: 'qdpx', label: t('REFI-QDA project (.qdpx)'), detail: t('For ATLAS.ti, MAXQDA, NVivo and QualCoder: transcripts, codes, coding, memos'), filters: { 'REFI-QDA': ['qdpx'] } },
    { format: 'qdc', label: t('REFI-QDA codebook (.qdc)'), detail: t('The codes only, with their hierarchy, colours and descriptions'), filters: { 'REFI-QDA': ['qdc'] } },
    { format: 'csv', label: t('CSV for Excel (.csv)'), detail: t('One row per fragment and code'), filters: { CSV: ['csv'] } },
    {
      format: 'csv',
      matrix: 'documents',
      label: t('Transcripts × codes for Excel (.csv)'),
      detail: t('One row per transcript, one column per code: how many fragments have it'),
      filters: { CSV: ['csv'] },
    },
    { format: 'md', label: t('Report in Markdown (.md)'), detail: t('Quotes per aspect and practice, with a cover of counts'), filters: { Markdown: ['md'] } },
    { format: 'html', label: t('Report as a web page (.html)'), detail: t('The same report, to open in a browser or print'), filters: { HTML: ['html'] } },
  ];
}

async function pickFolder(preferred?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (preferred) return preferred;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0]!.uri;
  if (folders.length > 1) return (await vscode.window.showWorkspaceFolderPick())?.uri;
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: t('Import here') });
  return picked?.[0];
}

async function importCommand(server: KaderServer, args: ImportArgs = {}): Promise<ImportOutcome | undefined> {
  const files =
    args.files ??
    (await vscode.window.showOpenDialog({
      canSelectMany: true,
      openLabel: t('Import'),
      filters: { [t('Transcripts, codebooks and projects')]: ['vtt', 'docx', 'qdc', 'qdpx'] },
    }));
  if (!files || files.length === 0) return undefined;
  const folder = await pickFolder(args.folder);
  if (!folder) return undefined;
  const practice =
    args.practice ??
    (await vscode.window.showInputBox({
      title: t('Practice'),
      prompt: t('The learning practice these conversations belong to (empty: the folder name)'),
    }));
  if (practice === undefined) return undefined;

  const outcome: ImportOutcome = { created: [], skipped: [], notes: [], reports: [] };
  const edit = new vscode.WorkspaceEdit();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Importing transcripts'), cancellable: true },
    async (progress, token) => {
      for (const file of files) {
        if (token.isCancellationRequested) break;
        progress.report({ message: file.path.split('/').pop(), increment: 100 / files.length });
        const bytes = await vscode.workspace.fs.readFile(file);
        let response: ImportResponse;
        try {
          response = await server.client.sendRequest(ImportRequest, {
            fileName: file.path,
            base64: bytesToBase64(bytes),
            practice: practice || undefined,
            timestamps: args.timestamps ?? true,
          });
        } catch (error) {
          response = { ok: false, message: (error as Error).message };
        }
        if (!response.ok) {
          outcome.skipped.push({ file, reason: response.message });
          continue;
        }
        if (response.files) {
          await createProjectFiles(edit, folder, file, response.files, response.notes ?? [], outcome);
          continue;
        }
        const target = vscode.Uri.joinPath(folder, response.suggestedName);
        const taken = await vscode.workspace.fs.stat(target).then(
          () => true,
          () => false,
        );
        if (taken || outcome.created.some((c) => c.toString() === target.toString())) {
          outcome.skipped.push({ file, reason: t('{0} already exists', response.suggestedName) });
          continue;
        }
        edit.createFile(target, { overwrite: false, ignoreIfExists: false, contents: utf8Bytes(response.markdown) });
        outcome.created.push(target);
        for (const note of response.notes ?? []) outcome.notes.push({ file, note });
      }
    },
  );
  if (outcome.created.length > 0 && !(await vscode.workspace.applyEdit(edit, { isRefactoring: false }))) {
    void vscode.window.showErrorMessage(t('The transcripts could not be created.'));
    return { created: [], skipped: outcome.skipped, notes: [], reports: [] };
  }
  for (const { file, reason } of outcome.skipped) {
    void vscode.window.showWarningMessage(t('{0} was not imported: {1}', file.path.split('/').pop() ?? '', reason));
  }
  const projects = new Set(outcome.reports.map((r) => r.file.toString()));
  for (const { file, note } of outcome.notes) if (!projects.has(file.toString())) void vscode.window.showInformationMessage(`${file.path.split('/').pop() ?? ''}: ${note}`);
  // A project's notes in one message, with its report at hand.
  for (const report of outcome.reports) {
    const name = report.file.path.split('/').pop() ?? '';
    const notes = outcome.notes.filter((n) => n.file.toString() === report.file.toString()).map((n) => n.note);
    const open = t('Open Import Report');
    const message = notes.length > 0 ? t('{0} imported. Not represented exactly: {1}.', name, notes.join('; ')) : t('{0} imported; everything was represented.', name);
    void vscode.window.showInformationMessage(message, open).then((answer) => {
      if (answer === open) void vscode.window.showTextDocument(report.report);
    });
  }
  // A project import opens its first transcript, not its codebook.
  const first = outcome.created.find((uri) => uri.path.endsWith('.md') && !uri.path.endsWith('/codebook.md')) ?? outcome.created[0];
  if (first && args.show !== false) await vscode.window.showTextDocument(first);
  return outcome;
}

async function exportCommand(server: KaderServer, args: ExportArgs = {}): Promise<vscode.Uri | undefined> {
  const choices = formats();
  const choice = args.format
    ? choices.find((c) => c.format === args.format && c.matrix === (args.format === 'csv' ? args.matrix : undefined))
    : await vscode.window.showQuickPick(choices, { title: t('Export'), placeHolder: t('What do you want to export?') });
  if (!choice) return undefined;
  const folder = args.folder ?? (vscode.workspace.workspaceFolders?.length === 1 ? vscode.workspace.workspaceFolders[0]!.uri : (await vscode.window.showWorkspaceFolderPick())?.uri);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Exporting {0}', choice.label) },
    async (): Promise<ExportResult | string> => {
      try {
        const separator = args.separator ?? (kaderLocale() === 'nl' ? ';' : ',');
        return await server.client.sendRequest(ExportRequest, { format: choice.format, folderUri: folder?.toString(), separator, matrix: choice.matrix });
      } catch (error) {
        return (error as Error).message;
      }
    },
  );
  if (typeof result === 'string') {
    void vscode.window.showErrorMessage(t('The export failed: {0}', result));
    return undefined;
  }
  const target =
    args.target ??
    (await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, result.suggestedName) : undefined,
      filters: choice.filters,
      saveLabel: t('Export'),
    }));
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, base64ToBytes(result.base64));
  if (!args.target) {
    const open = t('Show in folder');
    void vscode.window.showInformationMessage(t('Exported {0} transcripts to {1}.', String(result.transcripts), target.path.split('/').pop() ?? ''), open).then((answer) => {
      if (answer === open) void vscode.commands.executeCommand('revealFileInOS', target);
    });
  }
  return target;
}

export function registerExchangeCommands(context: vscode.ExtensionContext, server: KaderServer): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('kader.importTranscript', (args?: ImportArgs) => importCommand(server, args)),
    vscode.commands.registerCommand('kader.export', (args?: ExportArgs) => exportCommand(server, args)),
  );
}
