// Every code of every fragment shown in its code's colour, never as a background tint (a tint in
// a blue looks like a selection): inline fragments get a stripe per code under their words,
// stacked where fragments nest; paragraphs, sections and divs get a bar per code in the gutter
// beside each of their lines, outermost first. The attribute block is dimmed a little, and the
// overview ruler marks each code. For visible Markdown editors only, from `kader/documentFragments`.
// `kader.decorations.enabled` turns them off.

import * as vscode from 'vscode';
import type { DocumentFragment } from '../../server/src/protocol';
import { bytesToBase64, utf8Bytes } from './base64';
import { NEUTRAL_COLOR, normalizeColor, withAlpha } from './colors';
import { FragmentStore, isTranscriptDocument, toRange } from './fragmentStore';
import { fragmentColors, gutterBarsSvg, stripeShadow } from './stripes';

const RULER_ALPHA = 0.8;
/** The attribute block `{#…}`: set back from the words, still readable. */
const ATTRIBUTE_OPACITY = '0.8';
/** How long edits are gathered before the fragments of a changed document are asked again. */
const CHANGE_DEBOUNCE_MS = 100;

/** How a code is shown: a stripe under inline words, or a bar in the gutter beside whole lines. */
export type DecorationStyle = 'stripe' | 'bar';

/** What was set on an editor, for the test API. */
export interface DecorationSnapshot {
  /** Each code of each fragment, in document order: its `#rrggbb` colour, style and the fragment's range. */
  codes: { code: string; color: string; style: DecorationStyle; range: vscode.Range }[];
  /** The stripes set under inline text: each stretch with the colours of every code over it, outermost first. */
  stripes: { colors: string[]; range: vscode.Range }[];
  /** The gutter bars set: each run of lines with the colours of every code beside it, outermost first. */
  bars: { colors: string[]; range: vscode.Range }[];
  attributes: vscode.Range[];
}

export class DecorationController implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  private readonly attributeType = vscode.window.createTextEditorDecorationType({ opacity: ATTRIBUTE_OPACITY });
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

  private typeFor(key: string, make: () => vscode.DecorationRenderOptions): vscode.TextEditorDecorationType {
    let type = this.types.get(key);
    if (!type) {
      type = vscode.window.createTextEditorDecorationType(make());
      this.types.set(key, type);
    }
    return type;
  }

  private stripeType(colors: string[]): vscode.TextEditorDecorationType {
    // VS Code writes `textDecoration` into a CSS rule: the stripes are box shadows below the words.
    return this.typeFor(`stripes ${colors.join(' ')}`, () => ({
      textDecoration: `none; box-shadow: ${stripeShadow(colors)}`,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }));
  }

  private barType(colors: string[]): vscode.TextEditorDecorationType {
    return this.typeFor(`bars ${colors.join(' ')}`, () => ({
      gutterIconPath: vscode.Uri.parse(`data:image/svg+xml;base64,${bytesToBase64(utf8Bytes(gutterBarsSvg(colors)))}`),
      gutterIconSize: '100% 100%',
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }));
  }

  private rulerType(color: string): vscode.TextEditorDecorationType {
    return this.typeFor(`ruler ${color}`, () => ({
      overviewRulerColor: withAlpha(color, RULER_ALPHA),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }));
  }

  private apply(editor: vscode.TextEditor): void {
    if (!isTranscriptDocument(editor.document)) return;
    // Until the current version's fragments arrive, the editor keeps the decorations it has (VS Code
    // moves them with the edits); old ranges set again would be off.
    const fragments = this.enabled ? this.store.get(editor.document) : [];
    if (!fragments) return;
    const snapshot = snapshotOf(fragments, editor.document);
    const byType = new Map<vscode.TextEditorDecorationType, vscode.Range[]>();
    for (const type of this.types.values()) byType.set(type, []);
    const add = (type: vscode.TextEditorDecorationType, range: vscode.Range): void => {
      const ranges = byType.get(type) ?? [];
      ranges.push(range);
      byType.set(type, ranges);
    };
    for (const s of snapshot.stripes) add(this.stripeType(s.colors), s.range);
    for (const b of snapshot.bars) add(this.barType(b.colors), b.range);
    for (const c of snapshot.codes) add(this.rulerType(c.color), c.range);
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

function snapshotOf(fragments: DocumentFragment[], document: vscode.TextDocument): DecorationSnapshot {
  const snapshot: DecorationSnapshot = { codes: [], stripes: [], bars: [], attributes: [] };
  const inline: { range: vscode.Range; colors: string[] }[] = [];
  const lines = new Map<number, string[]>();
  for (const f of fragments) {
    snapshot.attributes.push(toRange(f.attributeRange));
    const range = toRange(f.range);
    if (range.isEmpty) continue;
    const style: DecorationStyle = f.kind === 'inline' ? 'stripe' : 'bar';
    const colors = fragmentColors(f).map((c) => normalizeColor(c) ?? NEUTRAL_COLOR);
    f.codes.forEach((code, i) => snapshot.codes.push({ code, color: colors[i]!, style, range }));
    if (style === 'stripe') inline.push({ range, colors });
    else {
      // A range that ends at the start of a line (a div's content) does not reach that line.
      const last = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
      for (let line = range.start.line; line <= last; line++) lines.set(line, [...(lines.get(line) ?? []), ...colors]);
    }
  }
  snapshot.stripes = stretches(inline);
  // Runs of lines with the same bars, one range each, to the end of the last line: the gutter
  // shows them beside every row a wrapped line takes.
  const sorted = [...lines.keys()].filter((line) => line < document.lineCount).sort((a, b) => a - b);
  for (const line of sorted) {
    const colors = lines.get(line)!;
    const end = document.lineAt(line).range.end;
    const previous = snapshot.bars[snapshot.bars.length - 1];
    if (previous && previous.range.end.line === line - 1 && previous.colors.join() === colors.join()) {
      previous.range = new vscode.Range(previous.range.start, end);
    } else snapshot.bars.push({ colors, range: new vscode.Range(new vscode.Position(line, 0), end) });
  }
  return snapshot;
}

/**
 * The stretches between every start and end of inline fragments, each with the colours of the
 * fragments over it in their order (outermost first). One sweep: fragments nest, so few are open.
 */
function stretches(inline: { range: vscode.Range; colors: string[] }[]): { colors: string[]; range: vscode.Range }[] {
  const events = inline.flatMap((f, index) => [
    { at: f.range.start, index, open: true },
    { at: f.range.end, index, open: false },
  ]);
  events.sort((a, b) => a.at.compareTo(b.at));
  const out: { colors: string[]; range: vscode.Range }[] = [];
  let open: number[] = [];
  for (let i = 0; i < events.length; ) {
    const at = events[i]!.at;
    for (; i < events.length && events[i]!.at.isEqual(at); i++) {
      const e = events[i]!;
      open = e.open ? [...open, e.index].sort((x, y) => x - y) : open.filter((o) => o !== e.index);
    }
    const next = events[i]?.at;
    if (next && open.length) out.push({ colors: open.flatMap((o) => inline[o]!.colors), range: new vscode.Range(at, next) });
  }
  return out;
}
