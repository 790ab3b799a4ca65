// Coding in the editor: Code Selection, Repeat Last Code, Add Code to Fragment, Remove Code from
// Fragment, Uncode. The server computes every edit (`kader/coding`, it decides the shape: inline,
// block or div); the client applies them as one WorkspaceEdit, which is one undo step.

import * as vscode from 'vscode';
import type { FragmentKind, Position as LspPosition } from '../../server/src/core/types';
import { CodingRequest, type CodingAction, type CodingResult, type CodesResult, type DocumentFragment } from '../../server/src/protocol';
import { addCodesToCodebook } from './codebookEdits';
import { parseCode, type CodeHistory, type CodePicker } from './codePicker';
import { FragmentStore, isTranscriptDocument, toRange } from './fragmentStore';
import type { KaderServer } from './kaderServer';
import { kaderLocale } from './locale';
import type { ViewNode } from './treeView';
import { t } from './l10n';

/** What a coding command did; returned to callers (tests, other extensions). */
export interface CodingOutcome {
  applied: boolean;
  shape?: FragmentKind;
  /** Why nothing was done. */
  message?: string;
}

/** Where a fragment command acts: a document and a position in it. */
interface Target {
  document: vscode.TextDocument;
  position: vscode.Position;
}

function lsp(position: vscode.Position): LspPosition {
  return { line: position.line, character: position.character };
}

/** Codes given as an argument: `['a', '#b']`, `'a'` or `{ codes: [...] }`. */
function codesArgument(arg: unknown): string[] | undefined {
  const raw = Array.isArray(arg)
    ? arg
    : typeof arg === 'string'
      ? [arg]
      : arg && typeof arg === 'object' && Array.isArray((arg as { codes?: unknown }).codes)
        ? (arg as { codes: unknown[] }).codes
        : undefined;
  if (!raw) return undefined;
  const codes = raw.filter((c): c is string => typeof c === 'string').map(parseCode);
  return codes.every((c) => c !== undefined) && codes.length > 0 ? [...new Set(codes as string[])] : undefined;
}

export class CodingCommands {
  /** Codes the user was already offered to add to the codebook this session. */
  private readonly offered = new Set<string>();

  constructor(
    private readonly server: KaderServer,
    private readonly picker: CodePicker,
    private readonly history: CodeHistory,
    private readonly store: FragmentStore,
  ) {}

  private activeTranscript(): vscode.TextEditor | undefined {
    const editor = vscode.window.activeTextEditor;
    if (editor && isTranscriptDocument(editor.document)) return editor;
    void vscode.window.showInformationMessage(t('Open a Markdown transcript to code it.'));
    return undefined;
  }

  private info(message: string): CodingOutcome {
    void vscode.window.showInformationMessage(message);
    return { applied: false, message };
  }

  /** Sends a coding request for the document's current version and applies the edits it returns (also for the memo commands). */
  async run(document: vscode.TextDocument, action: CodingAction): Promise<CodingOutcome> {
    const version = document.version;
    const result: CodingResult | undefined = await this.server.request(CodingRequest, { ...action, uri: document.uri.toString(), version });
    if (!result) return this.info(t('The Kader language server did not answer; nothing was changed.'));
    if (result.edits.length === 0) return this.info(result.message ?? t('Nothing to change here.'));
    if (document.version !== version) return this.info(t('The text changed while Kader was working; nothing was changed. Try again.'));
    const edit = new vscode.WorkspaceEdit();
    for (const e of result.edits) edit.replace(document.uri, toRange(e.range), e.newText);
    if (!(await vscode.workspace.applyEdit(edit))) return this.info(t('The edit could not be applied.'));
    const outcome: CodingOutcome = { applied: true };
    if (result.shape) outcome.shape = result.shape;
    return outcome;
  }

  /** Kader: Code Selection… — `codes` (optional) skips the quick pick. */
  async codeSelection(arg?: unknown): Promise<CodingOutcome | undefined> {
    const editor = this.activeTranscript();
    if (!editor) return undefined;
    const { document, selection } = editor;
    if (selection.isEmpty) return this.info(t('Select the words or paragraphs to code first.'));
    let codes = codesArgument(arg);
    let known: CodesResult | undefined;
    if (!codes) {
      const picked = await this.picker.pick({ document, canPickMany: true, title: t('Code Selection') });
      if (!picked) return undefined;
      codes = picked.codes;
      known = picked.known;
    }
    const outcome = await this.run(document, {
      action: 'code',
      range: { start: lsp(selection.start), end: lsp(selection.end) },
      codes,
    });
    if (outcome.applied) {
      // Continue reading after the new markup rather than with it selected.
      if (vscode.window.activeTextEditor === editor) editor.selection = new vscode.Selection(editor.selection.end, editor.selection.end);
      await this.history.used(codes, true);
      void this.offerCodebook(document, codes, known);
    }
    return outcome;
  }

  /** Kader: Repeat Last Code — codes the selection with the codes given last. */
  async repeatLastCode(): Promise<CodingOutcome | undefined> {
    const last = this.history.last;
    if (last.length === 0) return this.info(t('No code given yet: use "Code Selection…" first.'));
    return this.codeSelection(last);
  }

  private async cursorTarget(): Promise<Target | undefined> {
    const editor = this.activeTranscript();
    return editor && { document: editor.document, position: editor.selection.active };
  }

  /**
   * A position that names exactly this fragment: inside its attribute block, which belongs to no
   * other fragment (its content may start where a nested fragment starts).
   */
  private async treeTarget(node: ViewNode): Promise<Target | undefined> {
    const summary = node.node.kind === 'fragment' ? node.node.fragment : undefined;
    if (!summary) return undefined;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(summary.key));
    const fragments = (await this.store.fetch(document)) ?? [];
    const same = (a: DocumentFragment['range'], b: DocumentFragment['range']): boolean => toRange(a).isEqual(toRange(b));
    const fragment = fragments.find((f) => same(f.fullRange, summary.fullRange));
    const position = fragment ? toRange(fragment.attributeRange).start.translate(0, 1) : toRange(summary.fullRange).start;
    return { document, position };
  }

  private async fragmentAt(target: Target): Promise<DocumentFragment | undefined> {
    const fragments = (await this.store.fetch(target.document)) ?? [];
    return FragmentStore.at(fragments, target.position)[0];
  }

  /** Kader: Add Code to Fragment… */
  async addCode(arg?: unknown): Promise<CodingOutcome | undefined> {
    const target = await this.cursorTarget();
    if (!target) return undefined;
    const fragment = await this.fragmentAt(target);
    if (!fragment) return this.info(t('No coded fragment here: put the cursor in a fragment.'));
    let code = codesArgument(arg)?.[0];
    let known: CodesResult | undefined;
    if (!code) {
      const picked = await this.picker.pick({
        document: target.document,
        canPickMany: false,
        title: t('Add Code to Fragment'),
        exclude: fragment.codes,
      });
      if (!picked) return undefined;
      code = picked.codes[0]!;
      known = picked.known;
    }
    const outcome = await this.run(target.document, { action: 'addCode', position: lsp(target.position), code });
    if (outcome.applied) {
      await this.history.used([code], false);
      void this.offerCodebook(target.document, [code], known);
    }
    return outcome;
  }

  /** Kader: Remove Code from Fragment… */
  async removeCode(arg?: unknown): Promise<CodingOutcome | undefined> {
    const target = await this.cursorTarget();
    if (!target) return undefined;
    // The server removes the code from the innermost fragment here that has it, so the codes of
    // every enclosing fragment are offered.
    const fragments = FragmentStore.at((await this.store.fetch(target.document)) ?? [], target.position);
    if (fragments.length === 0) return this.info(t('No coded fragment here: put the cursor in a fragment.'));
    const codes = [...new Set(fragments.flatMap((f) => f.codes))];
    let code = codesArgument(arg)?.[0];
    if (!code) {
      if (codes.length === 1) code = codes[0]!;
      else {
        const choice = await vscode.window.showQuickPick(
          codes.map((c) => `#${c}`),
          { title: t('Remove Code from Fragment'), placeHolder: t('The code to remove') },
        );
        if (!choice) return undefined;
        code = choice.slice(1);
      }
    }
    return this.run(target.document, { action: 'removeCode', position: lsp(target.position), code });
  }

  /** Kader: Uncode — removes the coding markup of the fragment, keeps its text. */
  async uncode(arg?: unknown): Promise<CodingOutcome | undefined> {
    const node = arg && typeof arg === 'object' && 'node' in arg ? (arg as ViewNode) : undefined;
    const target = node ? await this.treeTarget(node) : await this.cursorTarget();
    if (!target) return undefined;
    return this.run(target.document, { action: 'uncode', position: lsp(target.position) });
  }

  /** Offers once per session to add codes the codebook lacks to it (not awaited by the commands). */
  private async offerCodebook(document: vscode.TextDocument, codes: string[], known: CodesResult | undefined): Promise<void> {
    const candidates = codes.filter((c) => !this.offered.has(c));
    if (candidates.length === 0) return;
    known ??= await this.picker.codes(document);
    if (!known) return;
    const missing = candidates.filter((c) => !known.codes.some((k) => k.code === c && k.defined));
    if (missing.length === 0) return;
    for (const c of missing) this.offered.add(c);
    const folder = vscode.workspace.getWorkspaceFolder(document.uri) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) return;
    const add = t('Add to Codebook');
    const list = missing.map((c) => `#${c}`).join(', ');
    const answer = await vscode.window.showInformationMessage(
      missing.length === 1 ? t('{0} is not in the codebook yet.', list) : t('{0} are not in the codebook yet.', list),
      add,
    );
    if (answer !== add) return;
    const codebook = await addCodesToCodebook(folder, missing, kaderLocale(), known.codebookUri ? vscode.Uri.parse(known.codebookUri) : undefined);
    if (!codebook) return;
    const open = t('Open Codebook');
    const next = await vscode.window.showInformationMessage(t('Added {0} to the codebook. Describe it there.', list), open);
    if (next === open) await vscode.window.showTextDocument(codebook, { preview: false });
  }
}
