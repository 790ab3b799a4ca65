// Quick fixes for Kader's diagnostics: a mis-cased or undefined code becomes the nearest codebook
// code; an undefined code is added to the codebook (a new codebook.md is created from the
// framework when there is none); a duplicate code is removed; a missing `#` is added.

import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic as LspDiagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { frameworkCodebookMarkdown } from '../core/framework';
import { LineIndex, stripBom } from '../core/parse';
import { ALLOW_LIST_FILE, allowListAddition, newAllowList } from '../core/privacy/allowList';
import { CATEGORY_RULES, type PrivacyFinding } from '../core/privacy/findings';
import type { Diagnostic } from '../core/types';
import { codebookInsertion, withInsertion } from './codebookEdits';
import { checkCancelled, type Cancellation } from './errors';
import type { Snapshot } from './snapshot';
import { privacyDiagnostic, toLspDiagnostic } from './diagnostics';
import type { PrivacyService } from './privacy';
import { localize, type Translate } from '../core/l10n';
import { WorkspaceEditBuilder } from './workspaceEdit';
import { canonicalUri } from '../workspace/uris';
import type { DocumentView } from '../workspace/workspace';
import type { Folder } from '../workspace/workspaceFolders';

const SUGGESTIONS = 3;

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The codebook codes nearest to `code` (ignoring case), best first, within a typo's reach. */
export function nearestCodes(code: string, candidates: string[]): string[] {
  const limit = Math.max(2, Math.ceil(code.length / 3));
  return candidates
    .map((c, i) => ({ c, i, d: editDistance(code.toLowerCase(), c.toLowerCase()) }))
    .filter((x) => x.d <= limit && x.c !== code)
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, SUGGESTIONS)
    .map((x) => x.c);
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }): boolean =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

class QuickFixes {
  readonly actions: CodeAction[] = [];

  constructor(
    private readonly s: Snapshot,
    private readonly view: DocumentView,
    private readonly text: string,
    private readonly sent: LspDiagnostic[],
  ) {}

  private get t(): Translate {
    return localize(this.s.locale);
  }

  private builder(): WorkspaceEditBuilder {
    return new WorkspaceEditBuilder(this.s.client, this.s.workspace);
  }

  /** The client's own diagnostic object when it sent one for this finding, else ours. */
  private lspDiagnostic(d: Diagnostic): LspDiagnostic {
    const own = this.sent.find((s) => s.code === d.rule && sameRange(s.range, d.range));
    return own ?? toLspDiagnostic(d, this.view.folder.settings, this.s.locale)!;
  }

  private add(title: string, d: Diagnostic, edits: TextEdit[], preferred = false): void {
    const action: CodeAction = {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [this.lspDiagnostic(d)],
      edit: this.builder().edit(this.view.uri, this.view.version, edits).build(),
    };
    if (preferred) action.isPreferred = true;
    this.actions.push(action);
  }

  fix(d: Diagnostic): void {
    const code = d.args['code'];
    switch (d.rule) {
      case 'code-case':
        this.add(this.t('Change to #{0}', d.args['expected']!), d, [this.changeCode(d, d.args['expected']!)], true);
        break;
      case 'undefined-code':
      case 'undefined-subcode': {
        const candidates = this.view.folder.codebook.codes.map((c) => c.code);
        for (const near of nearestCodes(code!, candidates)) this.add(this.t('Change to #{0}', near), d, [this.changeCode(d, near)]);
        this.addToCodebook(code!, d);
        break;
      }
      case 'duplicate-code':
        this.add(this.t('Remove the duplicate #{0}', code!), d, [{ range: this.duplicateRange(d), newText: '' }], true);
        break;
      case 'missing-hash':
        this.add(this.t('Add the missing # (#{0})', d.args['word']!), d, [{ range: { start: d.range.start, end: d.range.start }, newText: '#' }], true);
        break;
      default:
        break;
    }
  }

  /**
   * `#code` at the diagnostic becomes `#to`; when its attribute block already holds `#to`, the
   * token goes instead, so the fix never leaves the same code twice in one block.
   */
  private changeCode(d: Diagnostic, to: string): TextEdit {
    const block = this.view.model.attributeBlocks.find((b) => b.span.start <= d.span.start && d.span.end <= b.span.end);
    const already = block?.codes.some((c) => c.code === to && c.span.start !== d.span.start);
    return already ? { range: this.duplicateRange(d), newText: '' } : { range: d.range, newText: `#${to}` };
  }

  /** The duplicate token with the separators before it. */
  private duplicateRange(d: Diagnostic): Range {
    const text = stripBom(this.text);
    let start = d.span.start;
    while (start > 0 && /[ \t,]/.test(text[start - 1]!)) start--;
    return new LineIndex(text).range({ start, end: d.span.end });
  }

  /** The fixes of a finding of personal data (`lsp`: how it is shown). */
  privacy(f: PrivacyFinding, lsp: LspDiagnostic, privacy: PrivacyService | undefined): void {
    const own = this.sent.find((s) => s.code === f.rule && sameRange(s.range, f.range)) ?? lsp;
    const text = f.args['text'] ?? '';
    const uri = this.s.workspace.clientUri(this.view.uri);
    const command = (title: string, id: string, argument: object, preferred = false): void => {
      const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [own], command: { title, command: id, arguments: [argument] } };
      if (preferred) action.isPreferred = true;
      this.actions.push(action);
    };
    if (f.rule === 'personal-data/name') {
      const name = f.args['name'] ?? text;
      if (f.args['pseudonym'] !== undefined && f.args['ambiguous'] === undefined) {
        command(this.t('Replace "{0}" with its pseudonym "{1}" everywhere', text, f.args['pseudonym']), 'kader.privacy.replaceEverywhere', { uri, name }, true);
      } else if (f.args['pseudonym'] === undefined && f.args['ambiguous'] === undefined) {
        command(this.t('Add "{0}" to the key as…', name), 'kader.privacy.addToKey', { uri, name, kind: f.args['kind'] ?? 'participant' });
      }
      return;
    }
    if (f.rule === 'personal-data/title-name' || f.rule === 'personal-data/capitalised') command(this.t('Add "{0}" to the key as…', text), 'kader.privacy.addToKey', { uri, name: text, kind: 'participant' });
    if (f.level === 'likely' || (CATEGORY_RULES as readonly string[]).includes(f.rule)) this.allow(text, own, privacy);
  }

  /** Not personal data: the words go into the project's allow-list (made when there is none). */
  private allow(text: string, d: LspDiagnostic, privacy: PrivacyService | undefined): void {
    const folder = this.view.folder;
    if (!folder.hasFiles || text.trim() === '' || /[\r\n]/.test(text)) return;
    const state = privacy?.state(folder);
    if (!state) return;
    const uri = folder.uriOf(ALLOW_LIST_FILE);
    const builder = this.builder();
    const existing = state.allowListText;
    if (existing === undefined) {
      if (!builder.canCreate) return;
      const header = newAllowList(this.t('Words that are not personal data in this project, one per line: Kader does not report them. This file holds no personal data.'));
      builder.create(uri).edit(uri, null, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `${header}${text}\n` }]);
    } else {
      const addition = allowListAddition(existing, text);
      const at = new LineIndex(stripBom(existing)).position(stripBom(existing).length);
      builder.edit(uri, null, [{ range: { start: at, end: at }, newText: addition.newText }]);
    }
    this.actions.push({ title: this.t('Not personal data: allow "{0}" in this project', text), kind: CodeActionKind.QuickFix, diagnostics: [d], edit: builder.build() });
  }

  private addToCodebook(code: string, d: Diagnostic): void {
    const folder: Folder = this.view.folder;
    const source = folder.codebookSource;
    const builder = this.builder();
    if (source) {
      const insertion = codebookInsertion(source.text, code);
      const at = new LineIndex(stripBom(source.text)).position(insertion.offset);
      builder.edit(folder.codebookUri, source.version, [{ range: { start: at, end: at }, newText: insertion.newText }]);
      this.actions.push({ title: this.t('Add #{0} to the codebook', code), kind: CodeActionKind.QuickFix, diagnostics: [this.lspDiagnostic(d)], edit: builder.build() });
      return;
    }
    if (!builder.canCreate || !folder.hasFiles) return;
    const base = frameworkCodebookMarkdown(this.s.locale);
    const text = withInsertion(base, codebookInsertion(base, code));
    builder.create(folder.codebookUri).edit(folder.codebookUri, null, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }]);
    this.actions.push({
      title: this.t('Create {0} with the framework and #{1}', folder.settings.codebookPath, code),
      kind: CodeActionKind.QuickFix,
      diagnostics: [this.lspDiagnostic(d)],
      edit: builder.build(),
    });
  }
}

/** Quick fixes for Kader's findings in the range. */
export async function provideCodeActions(s: Snapshot, params: CodeActionParams, token?: Cancellation, privacy?: PrivacyService): Promise<CodeAction[]> {
  const only = params.context.only;
  if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`) || kind === CodeActionKind.Empty)) return [];
  const uri = canonicalUri(params.textDocument.uri);
  const view = s.workspace.view(uri);
  if (!view || view.kind !== 'transcript') return [];
  const text = await s.workspace.textOf(uri);
  checkCancelled(token);
  if (!text) return [];
  const fixes = new QuickFixes(s, view, text.text, params.context.diagnostics.filter((d) => d.source === 'kader'));
  for (const d of view.diagnostics()) {
    if (view.folder.settings.severity[d.rule] === 'off' || !overlaps(d.range, params.range)) continue;
    fixes.fix(d);
  }
  for (const f of view.privacy()) {
    if (!overlaps(f.range, params.range)) continue;
    const lsp = privacyDiagnostic(f, view.folder.settings, s.locale);
    if (lsp) fixes.privacy(f, lsp, privacy);
  }
  return fixes.actions;
}
