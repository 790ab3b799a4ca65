// The language client and the typed custom requests of protocol.ts. Everything else in the client
// talks to the server through this class, which hides restarts: views and decorations listen to
// `onDidChangeIndex`, which also fires when a (re)started server is running again. How the server
// runs (a Node process, a Web Worker) is the launcher's business (extension.ts, browser.ts).

import * as vscode from 'vscode';
import {
  CloseAction,
  LSPErrorCodes,
  State,
  type BaseLanguageClient,
  type CloseHandlerResult,
  type ErrorHandler,
  type LanguageClientOptions,
  type RequestParam,
  type RequestType,
} from 'vscode-languageclient';
import {
  IndexChangedNotification,
  WorkspaceTrustNotification,
  type IndexChangedParams,
  type KaderInitializationOptions,
} from '../../server/src/protocol';
import { registerFileAccess } from './fileAccess';
import { kaderLocale } from './locale';
import { t } from './l10n';

/** How long `kader/indexChanged` notifications are gathered before the views ask again. */
const INDEX_DEBOUNCE_MS = 120;
/** ...but never longer than this while changes keep coming (typing). */
const INDEX_MAX_WAIT_MS = 600;

export interface IndexChange {
  /** The documents whose fragments changed; undefined when anything may have changed. */
  uris?: string[];
}

/** Starts the server one way: as a Node process (extension.ts) or as a Web Worker (browser.ts). */
export interface ServerLauncher {
  /** The schemes of the Markdown documents the server is told about. */
  documentSchemes: readonly string[];
  createClient(name: string, options: LanguageClientOptions): BaseLanguageClient;
}

export class KaderServer implements vscode.Disposable {
  readonly client: BaseLanguageClient;
  private readonly indexEmitter = new vscode.EventEmitter<IndexChange>();
  /** Debounced `kader/indexChanged`, and a change of everything when the server (re)starts. */
  readonly onDidChangeIndex = this.indexEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.indexEmitter];
  private pending: IndexChange | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pendingSince = 0;
  private readonly reported = new Set<string>();
  /** The last refusal (a message for the user) per request method, until it succeeds again. */
  private readonly refusals = new Map<string, string>();
  /** The trust the running server was started with. */
  private startedTrusted = false;

  constructor(
    launcher: ServerLauncher,
    readonly output: vscode.LogOutputChannel,
  ) {
    const clientOptions: LanguageClientOptions = {
      documentSelector: launcher.documentSchemes.map((scheme) => ({ scheme, language: 'markdown' })),
      // `kader.*` settings changes reach the server; files are watched through the server's own
      // dynamic registration (transcripts, and folders created or deleted).
      synchronize: { configurationSection: 'kader' },
      // A function, so a restart sends the locale and trust of that moment. The server also reads
      // `kader.language` from the synchronized settings, so a change needs no restart; trust
      // granted later is notified (an untrusted server runs no git).
      initializationOptions: (): KaderInitializationOptions => {
        this.startedTrusted = vscode.workspace.isTrusted;
        return { locale: kaderLocale(), workspaceTrusted: this.startedTrusted };
      },
      outputChannel: output,
      errorHandler: this.errorHandler(),
    };
    this.client = launcher.createClient(t('Kader Language Server'), clientOptions);
    this.client.onNotification(IndexChangedNotification, (params) => this.indexChanged(params));
    this.disposables.push(
      ...registerFileAccess(this.client),
      this.client.onDidChangeState((e) => {
        if (e.newState !== State.Running) return;
        this.fire({});
        // Trust granted while the server was starting.
        if (vscode.workspace.isTrusted && !this.startedTrusted) this.notifyTrust();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        if (this.client.state === State.Running) this.notifyTrust();
      }),
    );
  }

  /**
   * The library's restart policy (its DefaultErrorHandler with maxRestartCount 4): a crashed server
   * is restarted, up to 4 times within 3 minutes; the 5th crash in 3 minutes stops it for good and
   * shows a message, which we only translate.
   */
  private errorHandler(): ErrorHandler {
    let fallback: ErrorHandler | undefined;
    const library = (): ErrorHandler => (fallback ??= this.client.createDefaultErrorHandler(4));
    return {
      error: (error, message, count) => library().error(error, message, count),
      closed: async (): Promise<CloseHandlerResult> => {
        const result = await library().closed();
        if (result.action === CloseAction.DoNotRestart) {
          return {
            action: CloseAction.DoNotRestart,
            message: t(
              'The Kader language server crashed 5 times in the last 3 minutes and will not be restarted. Run "Kader: Restart Language Server" to try again; the output channel "Kader" tells more.',
            ),
          };
        }
        return result;
      },
    };
  }

  async start(): Promise<void> {
    try {
      await this.client.start();
    } catch (error) {
      this.output.error(`The Kader language server did not start: ${String(error)}`);
      void vscode.window.showErrorMessage(t('The Kader language server did not start. See the output channel "Kader".'));
    }
  }

  async restart(): Promise<void> {
    if (this.client.state === State.Stopped && !this.client.needsStart()) {
      await this.start();
      return;
    }
    try {
      await this.client.stop();
      await this.client.start();
    } catch (error) {
      this.output.error(`Restarting the Kader language server failed: ${String(error)}`);
    }
  }

  private notifyTrust(): void {
    this.startedTrusted = true;
    this.client.sendNotification(WorkspaceTrustNotification, { trusted: true }).catch((error: unknown) => {
      this.output.warn(`Telling the server the workspace is trusted failed: ${String(error)}`);
    });
  }

  /** Whether the running server was told the workspace is trusted. */
  get serverTrusted(): boolean {
    return this.running && this.startedTrusted;
  }

  /** Why the server refused the last request of `method` (its words, for the user), if it did. */
  refusal(method: string): string | undefined {
    return this.refusals.get(method);
  }

  get running(): boolean {
    return this.client.state === State.Running;
  }

  /**
   * A custom request; undefined when the server is not running or the request fails (logged once
   * per method and kind of failure, so a server without a feature does not flood the log).
   */
  async request<P, R>(type: RequestType<P, R, void>, params: P, token?: vscode.CancellationToken): Promise<R | undefined> {
    if (this.client.state === State.Stopped && !this.client.needsStart()) return undefined;
    try {
      // RequestParam<P> is P for the object parameters protocol.ts uses.
      const result = await this.client.sendRequest(type, params as RequestParam<P>, token);
      this.refusals.delete(type.method);
      return result;
    } catch (error) {
      if (token?.isCancellationRequested) return undefined;
      const refused = error instanceof Error && (error as Error & { code?: unknown }).code === LSPErrorCodes.RequestFailed;
      if (refused) this.refusals.set(type.method, error.message);
      else this.refusals.delete(type.method);
      const key = `${type.method}: ${error instanceof Error ? error.message : String(error)}`;
      if (!this.reported.has(key)) {
        this.reported.add(key);
        this.output.warn(`${type.method} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      return undefined;
    }
  }

  private indexChanged(params: IndexChangedParams): void {
    this.fire(params.uris ? { uris: params.uris } : {});
  }

  /** Gathers changes for INDEX_DEBOUNCE_MS (at most INDEX_MAX_WAIT_MS), then fires once with their union. */
  private fire(change: IndexChange): void {
    if (!this.pending) {
      this.pending = change;
      this.pendingSince = Date.now();
    } else if (!this.pending.uris || !change.uris) this.pending = {};
    else this.pending = { uris: [...new Set([...this.pending.uris, ...change.uris])] };
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(INDEX_DEBOUNCE_MS, this.pendingSince + INDEX_MAX_WAIT_MS - Date.now()));
    this.timer = setTimeout(() => {
      const pending = this.pending ?? {};
      this.pending = undefined;
      this.timer = undefined;
      this.indexEmitter.fire(pending);
    }, wait);
  }

  async dispose(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    await this.client.dispose().catch(() => undefined);
  }
}
