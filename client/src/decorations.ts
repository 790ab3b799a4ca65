// Coded text tinted in its code's colour, the attribute block dimmed, and marks in the overview
// ruler; for visible Markdown editors only, from `kader/documentFragments`. The tints have a low
// alpha, so the text stays readable in light and dark themes and nested fragments (which add up)
// stay readable too. `kader.decorations.enabled` turns them off.

import * as vscode from 'vscode';
import type { DocumentFragment } from '../../server/src/protocol';
import { NEUTRAL_COLOR, normalizeColor, withAlpha } from './colors';
import { FragmentStore, isTranscriptDocument, toRange } from './fragmentStore';

/** Inline and block fragments: the coded words themselves. */
const TEXT_ALPHA = 0.2;
/** Sections and divs cover many lines: a lighter, whole-line tint. */
const BLOCK_ALPHA = 0.08;
const RULER_ALPHA = 0.8;
/** How long edits are gathered before the fragments of a changed document are asked again. */
const CHANGE_DEBOUNCE_MS = 100;

/** What was set on an editor, for the test API. */
export interface DecorationSnapshot {
  /** Tinted ranges by `#rrggbb` colour and style (`text` or `lines`). */
  fragments: { color: string; style: 'text' | 'lines'; range: vscode.Range }[];
  attributes: vscode.Range[];
}

export class DecorationController implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  private readonly attributeType = vscode.window.createTextEditorDecorationType({ opacity: '0.55' });
  private readonly snapshots = new WeakMap<vscode.TextEditor, DecorationSnapshot>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly emitter = new vscode.EventEmitter<vscode.TextEditor>();
  /** Fires after an editor's decorations were set (for tests). */
  readonly onDidDecorate = this.emitter.event;

  constructor(private readonly store: FragmentStore) {
    this.disposables.push(
      this.emitter,
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshVisible()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0 || !this.isVisible(e.document)) return;
        this.schedule(e.document);
      }),
      store.onDidChange((document) => {
        for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.apply(editor);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kader.decorations.enabled')) this.refreshVisible();
      }),
    );
  }

  private get enabled(): boolean {
    return vscode.workspace.getConfiguration('kader').get<boolean>('decorations.enabled', true);
  }

  private isVisible(document: vscode.TextDocument): boolean {
    return vscode.window.visibleTextEditors.some((editor) => editor.document === document);
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.store.fetch(document);
      }, CHANGE_DEBOUNCE_MS),
    );
  }

  /** Sets what is known on every visible transcript and asks for what is not (FragmentStore.invalidate). */
  refreshVisible(): void {
    const seen = new Set<vscode.TextDocument>();
    for (const editor of vscode.window.visibleTextEditors) {
      if (!isTranscriptDocument(editor.document)) continue;
      this.apply(editor);
      if (seen.has(editor.document)) continue;
      seen.add(editor.document);
      // Fetched also without decorations: the status bar and the fragment commands use them.
      void this.store.fetch(editor.document);
    }
  }

  private typeFor(color: string, style: 'text' | 'lines'): vscode.TextEditorDecorationType {
    const key = `${color}/${style}`;
    let type = this.types.get(key);
    if (!type) {
      type = vscode.window.createTextEditorDecorationType({
        backgroundColor: withAlpha(color, style === 'text' ? TEXT_ALPHA : BLOCK_ALPHA),
        isWholeLine: style === 'lines',
        overviewRulerColor: withAlpha(color, RULER_ALPHA),
        overviewRulerLane: vscode.OverviewRulerLane.Right,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      });
      this.types.set(key, type);
    }
    return type;
  }

  private apply(editor: vscode.TextEditor): void {
    if (!isTranscriptDocument(editor.document)) return;
    // Until the current version's fragments arrive, the editor keeps the decorations it has (VS Code
    // moves them with the edits); old ranges set again would be off.
    const fragments = this.enabled ? this.store.get(editor.document) : [];
    if (!fragments) return;
    const snapshot = snapshotOf(fragments);
    const byType = new Map<vscode.TextEditorDecorationType, vscode.Range[]>();
    for (const type of this.types.values()) byType.set(type, []);
    for (const f of snapshot.fragments) {
      const type = this.typeFor(f.color, f.style);
      const ranges = byType.get(type) ?? [];
      ranges.push(f.range);
      byType.set(type, ranges);
    }
    for (const [type, ranges] of byType) editor.setDecorations(type, ranges);
    editor.setDecorations(this.attributeType, snapshot.attributes);
    this.snapshots.set(editor, snapshot);
    this.emitter.fire(editor);
  }

  /** The decorations last set on `editor`. */
  snapshot(editor: vscode.TextEditor): DecorationSnapshot | undefined {
    return this.snapshots.get(editor);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const type of this.types.values()) type.dispose();
    this.attributeType.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function snapshotOf(fragments: DocumentFragment[]): DecorationSnapshot {
  const snapshot: DecorationSnapshot = { fragments: [], attributes: [] };
  for (const f of fragments) {
    const color = normalizeColor(f.color) ?? NEUTRAL_COLOR;
    const style = f.kind === 'section' || f.kind === 'div' ? 'lines' : 'text';
    const range = toRange(f.range);
    if (!range.isEmpty) snapshot.fragments.push({ color, style, range });
    snapshot.attributes.push(toRange(f.attributeRange));
  }
  return snapshot;
}
