// `kader/indexChanged`: tells the views to ask again, shortly after changes, once for a burst.

import type { Connection } from 'vscode-languageserver';
import { IndexChangedNotification } from '../protocol';
import type { Logger, Workspace, WorkspaceChange } from '../workspace/workspace';

export class IndexChangedNotifier {
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private uris: Set<string> | undefined = new Set();

  constructor(
    private readonly connection: Connection,
    private readonly workspace: Workspace,
    private readonly log: Logger,
    private readonly delay = 50,
  ) {
    workspace.onChange((change) => this.changed(change));
  }

  private changed(change: WorkspaceChange): void {
    if (change.codebooks.length > 0) this.uris = undefined;
    else for (const uri of [...change.uris, ...change.removed]) this.uris?.add(this.workspace.clientUri(uri));
    this.schedule();
  }

  /** Everything may have changed (settings, language, folders). */
  all(): void {
    this.uris = undefined;
    this.schedule();
  }

  private schedule(): void {
    this.generation++;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const params = this.uris ? { generation: this.generation, uris: [...this.uris].sort() } : { generation: this.generation };
      this.uris = new Set();
      try {
        this.connection.sendNotification(IndexChangedNotification, params).catch((error: unknown) => this.log.warn(`kader/indexChanged failed: ${String(error)}`));
      } catch {
        // the connection closed while the notification waited: nobody is listening any more
      }
    }, this.delay);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
