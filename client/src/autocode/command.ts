// Kader: Auto-code…: choose what to code (words, a speaker's turns, the paragraphs under a
// heading, or a query's matches), type it, pick the code, look at every match in the preview and
// tick those to code; then one workspace edit codes them all, undone at once with Undo. The
// matches and the edit are the server's (kader/autocode/preview and apply). Arguments
// `{ kind, text, code }` skip the questions (for keybindings and tests).

import * as vscode from 'vscode';
import { AutocodeApplyRequest, AutocodePreviewRequest, type AutocodeTarget } from '../../../server/src/protocol';
import type { CodePicker } from '../codePicker';
import type { KaderServer } from '../kaderServer';
import { t } from '../l10n';
import { toWorkspaceEdit } from '../privacy';
import type { WebviewProbe } from '../statistics/panel';
import { AutocodePanel } from './panel';

export const AUTOCODE_COMMAND = 'kader.autocode';

type Kind = AutocodeTarget['kind'];

export interface AutocodeArgs {
  kind?: Kind;
  text?: string;
  code?: string;
  /** Only these transcripts (URIs). */
  uris?: string[];
}

/** What the command did: how many codings it wrote (undefined: cancelled or nothing to do). */
export interface AutocodeOutcome {
  coded: number;
}

const KINDS: readonly Kind[] = ['phrase', 'speaker', 'heading', 'query'];

function kindItems(): (vscode.QuickPickItem & { targetKind: Kind })[] {
  return [
    { targetKind: 'phrase', label: t('Words'), detail: t('Every place where these words occur (whole words; case and accents do not matter)') },
    { targetKind: 'speaker', label: t('Speaker'), detail: t("Each paragraph of a speaker's turns, e.g. all the interviewer's questions") },
    { targetKind: 'heading', label: t('Heading'), detail: t('Each paragraph under the headings with these words, e.g. a question of the interview guide') },
    { targetKind: 'query', label: t('Query'), detail: t('Every fragment a coding query matches: the code is added to it') },
  ];
}

function prompt(kind: Kind): string {
  switch (kind) {
    case 'phrase':
      return t('The words to code wherever they occur');
    case 'speaker':
      return t('The speaker, as in the transcripts (e.g. Interviewer or S1)');
    case 'heading':
      return t('Words of the heading (e.g. Vraag 3)');
    case 'query':
      return t('A coding query, e.g. #intentie AND speaker:S1');
  }
}

async function askTarget(args: AutocodeArgs): Promise<AutocodeTarget | undefined> {
  let kind = args.kind && KINDS.includes(args.kind) ? args.kind : undefined;
  if (!kind) {
    const item = await vscode.window.showQuickPick(kindItems(), { title: t('Auto-code: what to code'), placeHolder: t('Choose what to look for') });
    if (!item) return undefined;
    kind = item.targetKind;
  }
  let text = typeof args.text === 'string' ? args.text : undefined;
  if (text === undefined) {
    text = await vscode.window.showInputBox({ title: t('Auto-code: what to code'), prompt: prompt(kind), validateInput: (v) => (v.trim() ? undefined : t('Type something to look for.')) });
    if (text === undefined) return undefined;
  }
  return { kind, text: text.trim() };
}

export function registerAutocode(context: vscode.ExtensionContext, server: KaderServer, picker: CodePicker): { current(): WebviewProbe | undefined } {
  let current: AutocodePanel | undefined;

  const run = async (args: AutocodeArgs): Promise<AutocodeOutcome | undefined> => {
    const target = await askTarget(args);
    if (!target) return undefined;
    let code = typeof args.code === 'string' ? args.code : undefined;
    if (code === undefined) {
      const picked = await picker.pick({ canPickMany: false, title: t('Auto-code: choose the code'), document: vscode.window.activeTextEditor?.document });
      code = picked?.codes[0];
      if (code === undefined) return undefined;
    }
    const preview = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('Looking for matches…'), cancellable: true },
      (_progress, token) => server.request(AutocodePreviewRequest, { target, code, uris: args.uris }, token),
    );
    if (!preview) return undefined;
    if (preview.message !== undefined) {
      void vscode.window.showInformationMessage(preview.message);
      return undefined;
    }
    if (preview.matches.length === 0) {
      void vscode.window.showInformationMessage(t('Nothing matches “{0}”.', target.text));
      return undefined;
    }
    current?.dispose();
    const panel = new AutocodePanel(context.extensionUri, { target, code: preview.code, matches: preview.matches, skipped: preview.skipped }, () => {
      if (current === panel) current = undefined;
    });
    current = panel;
    const chosen = await panel.choice;
    if (!chosen || chosen.length === 0) {
      panel.dispose();
      return undefined;
    }
    panel.working();
    try {
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Coding {0} matches…', chosen.length) }, () =>
        server.request(AutocodeApplyRequest, { target, code, matches: chosen.map((m) => ({ uri: m.uri, range: m.range })) }),
      );
      if (!result) {
        void vscode.window.showErrorMessage(t('The Kader language server did not answer; nothing was changed.'));
        return undefined;
      }
      const edit = toWorkspaceEdit(result.edit);
      if (!edit || result.missing > 0) {
        void vscode.window.showWarningMessage(t('The text changed since the preview; nothing was changed. Run Auto-code again.'));
        return undefined;
      }
      if (result.coded > 0 && !(await vscode.workspace.applyEdit(edit))) {
        void vscode.window.showErrorMessage(t('The edit could not be applied.'));
        return undefined;
      }
      void vscode.window.showInformationMessage(result.coded === 1 ? t('Coded 1 match with #{0}.', preview.code) : t('Coded {0} matches with #{1}.', result.coded, preview.code));
      return { coded: result.coded };
    } finally {
      panel.dispose();
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(AUTOCODE_COMMAND, (args?: unknown) => run(args && typeof args === 'object' && !(args instanceof vscode.Uri) ? (args as AutocodeArgs) : {})),
    { dispose: () => current?.dispose() },
  );
  return { current: () => current };
}
