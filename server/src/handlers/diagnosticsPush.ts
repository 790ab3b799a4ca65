// How diagnostics reach the client after a change. A client that pulls (`textDocument/diagnostic`,
// `workspace/diagnostic`: documentDiagnostic.ts, workspaceDiagnostic.ts) is asked to pull again
// after codebook, settings and disk changes; any other gets `publishDiagnostics` for every
// transcript, open or not.

import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-protocol';
import type { Connection } from 'vscode-languageserver';
import { lspDiagnostics } from '../service/diagnostics';
import type { KaderService } from '../service/service';
import type { Logger, WorkspaceChange } from '../workspace/workspace';
import type { Folder } from '../workspace/workspaceFolders';

export class DiagnosticsPush {
  /** Push: the URIs that have diagnostics on the client. */
  private readonly published = new Set<string>();
  /** Push: the version of each open document whose diagnostics were last sent. */
  private readonly sentVersions = new Map<string, number>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly service: KaderService,
    private readonly log: Logger,
  ) {
    service.workspace.onChange((change) => this.changed(change));
  }

  private get pull(): boolean {
    return this.service.client.pullDiagnostics;
  }

  /** A document closed in the editor: its next pull starts afresh. */
  closed(uri: string): void {
    this.service.diagnostics.forget(uri);
    this.sentVersions.delete(uri);
  }

  /**
   * After a change of an open document was checked: a push client hears every version, also one
   * whose text did not change (its model, and so the workspace, stayed the same).
   */
  checked(uri: string): void {
    if (this.pull) return;
    const open = this.service.workspace.documents.get(uri);
    if (open && this.sentVersions.get(uri) !== open.document.version) this.publish(uri, open.document.version);
  }

  /** After settings or the language changed: every diagnostic may read differently. */
  settingsChanged(): void {
    this.service.diagnostics.settingsChanged();
    if (this.pull) this.refresh();
    else this.publishAll();
  }

  private changed(change: WorkspaceChange): void {
    for (const uri of change.removed) this.service.diagnostics.forget(uri);
    if (this.pull) {
      // Open documents are pulled by the client as they change; anything else needs a refresh.
      const { documents } = this.service.workspace;
      if (change.codebooks.length > 0 || change.removed.length > 0 || change.uris.some((u) => !documents.has(u))) this.refresh();
      return;
    }
    for (const uri of change.removed) this.clear(uri);
    for (const uri of change.uris) this.publish(uri);
    for (const folder of change.codebooks) this.publishFolder(folder);
  }

  private refresh(): void {
    // Before the initial scan ends the client has not pulled yet: nothing to refresh.
    if (!this.service.client.diagnosticRefresh || this.refreshTimer || !this.service.workspace.scanned) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.connection.languages.diagnostics.refresh().catch((error: unknown) => this.log.warn(`Diagnostic refresh failed: ${String(error)}`));
    }, 20);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  private publishFolder(folder: Folder): void {
    // A former codebook (the path setting changed) or transcript that is no longer one.
    for (const uri of [...this.published]) if (!this.service.workspace.classify(uri)) this.clear(uri);
    this.publish(folder.codebookUri);
    for (const document of folder.index.all()) this.publish(document.key);
  }

  private publishAll(): void {
    for (const folder of this.service.workspace.folders) this.publishFolder(folder);
  }

  private publish(uri: string, version?: number): void {
    const { workspace } = this.service;
    const view = workspace.view(uri);
    if (!view || (view.kind === 'codebook' && !view.folder.codebookSource)) {
      this.clear(uri);
      return;
    }
    const diagnostics = lspDiagnostics(view, workspace.locale);
    const open = workspace.documents.get(uri);
    // Unopened files without findings are not sent; an open document always hears its state.
    if (diagnostics.length === 0 && !this.published.has(uri) && !open) return;
    if (diagnostics.length > 0) this.published.add(uri);
    else this.published.delete(uri);
    const sent = version ?? view.version ?? undefined;
    if (open && sent !== undefined) this.sentVersions.set(uri, sent);
    this.send(open?.clientUri ?? uri, diagnostics, sent);
  }

  private clear(uri: string): void {
    if (!this.published.delete(uri)) return;
    this.send(this.service.workspace.documents.get(uri)?.clientUri ?? uri, []);
  }

  private send(uri: string, diagnostics: LspDiagnostic[], version?: number): void {
    try {
      this.connection.sendDiagnostics({ uri, diagnostics, version }).catch((error: unknown) => this.log.warn(`Publishing diagnostics failed: ${String(error)}`));
    } catch {
      // the connection has closed (debounced work finishing after shutdown)
    }
  }
}
