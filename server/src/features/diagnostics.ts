// Diagnostics, one model per client: pull (`textDocument/diagnostic` and `workspace/diagnostic`,
// with a refresh after codebook, settings and disk changes) when the client supports it, push
// (`publishDiagnostics` for every transcript, open or not) otherwise. Either way each diagnostic
// carries its rule id as `code`, `source` 'kader', the configured severity and a localised message.

import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type Diagnostic as LspDiagnostic,
  type DocumentDiagnosticReport,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { messageOf } from '../core/messages';
import type { Diagnostic, Locale, Severity } from '../core/types';
import { checkCancelled, guarded, type ServerContext } from './context';
import type { KaderSettings } from '../workspace/settings';
import { canonicalUri } from '../workspace/uris';
import type { DocumentView, WorkspaceChange } from '../workspace/workspace';
import type { Folder } from '../workspace/workspaceFolders';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(d: Diagnostic, settings: KaderSettings, locale: Locale): LspDiagnostic | undefined {
  const severity = settings.severity[d.rule] ?? d.severity;
  if (severity === 'off') return undefined;
  return { range: d.range, severity: SEVERITY[severity], code: d.rule, source: 'kader', message: messageOf(d, locale) };
}

export function lspDiagnostics(view: DocumentView, locale: Locale): LspDiagnostic[] {
  const out: LspDiagnostic[] = [];
  for (const d of view.diagnostics()) {
    const lsp = toLspDiagnostic(d, view.folder.settings, locale);
    if (lsp) out.push(lsp);
  }
  return out;
}

function sameDiagnostics(a: readonly LspDiagnostic[], b: readonly LspDiagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.range.start.line !== y.range.start.line ||
      x.range.start.character !== y.range.start.character ||
      x.range.end.line !== y.range.end.line ||
      x.range.end.character !== y.range.end.character ||
      x.severity !== y.severity ||
      x.code !== y.code ||
      x.message !== y.message
    ) {
      return false;
    }
  }
  return true;
}

export class DiagnosticsFeature {
  /** Push: the URIs that have diagnostics on the client. */
  private readonly published = new Set<string>();
  /** Pull: a number per model or codebook object, for result ids. */
  private readonly stamps = new WeakMap<object, number>();
  private nextStamp = 1;
  /** Grows when settings or the language change every report. */
  private generation = 0;
  /** Pull: the last full report sent per document, to answer "unchanged" when an edit left its findings as they were. */
  private readonly reported = new Map<string, { resultId: string; items: LspDiagnostic[] }>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly context: ServerContext) {}

  get pull(): boolean {
    return this.context.client.pullDiagnostics;
  }

  register(): void {
    const { connection, workspace } = this.context;
    workspace.onChange((change) => this.changed(change));
    // Registered always; only announced (and so only asked for) when the client can pull.
    connection.languages.diagnostics.on(
      guarded(this.context, 'textDocument/diagnostic', async (params, token): Promise<DocumentDiagnosticReport> => {
        await workspace.settled();
        checkCancelled(token);
        const view = workspace.view(canonicalUri(params.textDocument.uri));
        if (!view) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
        const resultId = this.resultId(view);
        if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
        const items = lspDiagnostics(view, this.context.locale());
        // Typing within a line leaves the findings of a long transcript where they were: the
        // client keeps what it has, instead of receiving (and parsing) every finding again.
        const last = this.reported.get(view.uri);
        if (last && params.previousResultId === last.resultId && sameDiagnostics(last.items, items)) {
          return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
        }
        this.reported.set(view.uri, { resultId, items });
        return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
      }),
    );
    connection.languages.diagnostics.onWorkspace(
      guarded(this.context, 'workspace/diagnostic', async (params, token): Promise<WorkspaceDiagnosticReport> => {
        await workspace.settled();
        workspace.syncAll();
        const previous = new Map(params.previousResultIds.map((p) => [canonicalUri(p.uri), p.value]));
        const items: WorkspaceDocumentDiagnosticReport[] = [];
        const reported = new Set<string>();
        for (const view of this.allViews()) {
          checkCancelled(token);
          reported.add(view.uri);
          const resultId = this.resultId(view);
          if (previous.get(view.uri) === resultId) {
            items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri: view.uri, version: view.version, resultId });
          } else {
            items.push({ kind: DocumentDiagnosticReportKind.Full, uri: view.uri, version: view.version, resultId, items: lspDiagnostics(view, this.context.locale()) });
          }
        }
        // Documents the client still shows that are gone: an empty report clears them.
        for (const uri of previous.keys()) {
          if (!reported.has(uri)) items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
        }
        return { items };
      }),
    );
  }

  /** Every transcript and codebook file of every folder, in folder and path order. */
  private *allViews(): Generator<DocumentView> {
    const { workspace } = this.context;
    for (const folder of workspace.folders) {
      if (folder.codebookSource) {
        const view = workspace.view(folder.codebookUri);
        if (view) yield view;
      }
      for (const document of folder.index.all()) {
        const view = workspace.view(document.key);
        if (view) yield view;
      }
    }
  }

  private stamp(object: object): number {
    let stamp = this.stamps.get(object);
    if (stamp === undefined) this.stamps.set(object, (stamp = this.nextStamp++));
    return stamp;
  }

  private resultId(view: DocumentView): string {
    const codebook = this.stamp(view.folder.codebook);
    return view.kind === 'codebook' ? `${this.generation}:${codebook}` : `${this.generation}:${codebook}:${this.stamp(view.source)}`;
  }

  /** A document closed in the editor: its next pull starts afresh. */
  closed(uri: string): void {
    this.reported.delete(uri);
  }

  /** After settings or the language changed: every diagnostic may read differently. */
  settingsChanged(): void {
    this.generation++;
    if (this.pull) this.refresh();
    else this.publishAll();
  }

  private changed(change: WorkspaceChange): void {
    for (const uri of change.removed) this.reported.delete(uri);
    if (this.pull) {
      // Open documents are pulled by the client as they change; anything else needs a refresh.
      const { documents } = this.context.workspace;
      if (change.codebooks.length > 0 || change.removed.length > 0 || change.uris.some((u) => !documents.has(u))) this.refresh();
      return;
    }
    for (const uri of change.removed) this.clear(uri);
    for (const uri of change.uris) this.publish(uri);
    for (const folder of change.codebooks) this.publishFolder(folder);
  }

  private refresh(): void {
    // Before the initial scan ends the client has not pulled yet: nothing to refresh.
    if (!this.context.client.diagnosticRefresh || this.refreshTimer || !this.context.workspace.scanned) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.context.connection.languages.diagnostics.refresh().catch((error: unknown) => this.context.log.warn(`Diagnostic refresh failed: ${String(error)}`));
    }, 20);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  private publishFolder(folder: Folder): void {
    // A former codebook (the path setting changed) or transcript that is no longer one.
    for (const uri of [...this.published]) if (!this.context.workspace.classify(uri)) this.clear(uri);
    this.publish(folder.codebookUri);
    for (const document of folder.index.all()) this.publish(document.key);
  }

  private publishAll(): void {
    for (const folder of this.context.workspace.folders) this.publishFolder(folder);
  }

  private publish(uri: string): void {
    const view = this.context.workspace.view(uri);
    if (!view || (view.kind === 'codebook' && !view.folder.codebookSource)) {
      this.clear(uri);
      return;
    }
    const diagnostics = lspDiagnostics(view, this.context.locale());
    const open = this.context.workspace.documents.get(uri);
    // Unopened files without findings are not sent; an open document always hears its state.
    if (diagnostics.length === 0 && !this.published.has(uri) && !open) return;
    if (diagnostics.length > 0) this.published.add(uri);
    else this.published.delete(uri);
    this.send(open?.clientUri ?? uri, diagnostics, view.version ?? undefined);
  }

  private clear(uri: string): void {
    if (!this.published.delete(uri)) return;
    this.send(this.context.workspace.documents.get(uri)?.clientUri ?? uri, []);
  }

  private send(uri: string, diagnostics: LspDiagnostic[], version?: number): void {
    try {
      this.context.connection.sendDiagnostics({ uri, diagnostics, version }).catch((error: unknown) => this.context.log.warn(`Publishing diagnostics failed: ${String(error)}`));
    } catch {
      // the connection has closed (debounced work finishing after shutdown)
    }
  }
}
