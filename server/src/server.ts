// Wires Kader's features to a language server connection. One composition root: everything the
// server holds is created here, per connection.

import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  WatchKind,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol';
import type { Connection } from 'vscode-languageserver';
import { localize } from './core/l10n';
import { localeOf } from './core/messages';
import { treeLevel } from './core/index/aggregate';
import { DiagnosticsPush } from './handlers/diagnosticsPush';
import { guarded, guardedNotification } from './handlers/guard';
import { REQUEST_HANDLERS } from './handlers/index';
import { IndexChangedNotifier } from './handlers/indexChanged';
import { WorkspaceTrustNotification, type KaderInitializationOptions } from './protocol';
import { clientFeatures } from './service/clientFeatures';
import { prepareUsage } from './service/codeAt';
import { COMPLETION_TRIGGERS } from './service/completion';
import type { Importer } from './service/exchange';
import { createKaderService } from './service/service';
import type { FileSystem } from './workspace/fileSystem';
import type { GitAccess } from './workspace/gitAccess';
import type { Indexer } from './workspace/indexer';
import { readSettings, sameFileSettings, sameSeverity, type KaderSettings } from './workspace/settings';
import { baseName, canonicalUri, fileUri } from './workspace/uris';
import type { FileChangeType as ChangeType } from './workspace/workspace';
import type { Folder } from './workspace/workspaceFolders';

export interface ServerDeps {
  fs: FileSystem;
  /** Absent where there is no git (the browser). */
  git?: GitAccess;
  /** Turns imported files into Markdown (in a worker of its own in Node). */
  importer: Importer;
  /** Parses the files of a scan in worker threads, cached and time-limited; else in this thread. */
  indexer?: Indexer;
  /** How long typing must pause before an open document is checked again (ms). */
  debounceMs?: number;
}

const SERVER_INFO = { name: 'kader-language-server', version: '0.1.0' };

function foldersOf(params: InitializeParams): { uri: string; name?: string }[] {
  if (params.workspaceFolders) return params.workspaceFolders.map((f: WorkspaceFolder) => ({ uri: f.uri, name: f.name }));
  if (params.rootUri) return [{ uri: params.rootUri, name: baseName(canonicalUri(params.rootUri)) }];
  if (params.rootPath) return [{ uri: fileUri(params.rootPath) }];
  return [];
}

export function startServer(connection: Connection, deps: ServerDeps): void {
  // Logging must never fail a handler: after the client has gone, the connection throws.
  const safely =
    (send: (message: string) => void) =>
    (message: string): void => {
      try {
        send(message);
      } catch {
        // nobody is listening any more
      }
    };
  const log = {
    info: safely((message) => connection.console.info(message)),
    warn: safely((message) => connection.console.warn(message)),
    error: safely((message) => connection.console.error(message)),
  };
  const service = createKaderService({ fileSystem: deps.fs, git: deps.git, importer: deps.importer, indexer: deps.indexer, log, locale: 'en' });
  const { workspace } = service;
  let clientLocale: string | undefined;
  /** Settings sent with `didChangeConfiguration` by clients that do not answer `workspace/configuration`. */
  let pushedSettings: unknown;
  const diagnostics = new DiagnosticsPush(connection, service, log);
  const notifier = new IndexChangedNotifier(connection, workspace, log);
  const debounceMs = deps.debounceMs ?? 150;
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  connection.onInitialize((params): InitializeResult => {
    service.client = clientFeatures(params.capabilities);
    clientLocale = params.locale;
    pushedSettings = params.initializationOptions?.settings ?? params.initializationOptions;
    service.trusted = (params.initializationOptions as KaderInitializationOptions | undefined)?.workspaceTrusted !== false;
    workspace.setLocale(localeOf(clientLocale));
    workspace.updateFolders(foldersOf(params), []);
    const prepareRename = params.capabilities.textDocument?.rename?.prepareSupport === true;
    const codeActionLiterals = params.capabilities.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: codeActionLiterals ? { codeActionKinds: [CodeActionKind.QuickFix] } : true,
        renameProvider: prepareRename ? { prepareProvider: true } : true,
        referencesProvider: true,
        definitionProvider: true,
        documentHighlightProvider: true,
        documentSymbolProvider: { label: 'Kader' },
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: SERVER_INFO,
    };
    if (service.client.pullDiagnostics) {
      result.capabilities.diagnosticProvider = { identifier: 'kader', interFileDependencies: true, workspaceDiagnostics: true };
    }
    return result;
  });

  /**
   * Reads `kader.*` for every folder; rescans folders whose file settings changed, except those
   * in `fresh` (about to be scanned anyway).
   */
  const loadSettings = async (fresh: readonly Folder[] = []): Promise<void> => {
    const folders = [...workspace.folders];
    let global: KaderSettings;
    let perFolder: KaderSettings[];
    if (service.client.configuration) {
      const items = [{ section: 'kader' }, ...folders.map((f) => ({ scopeUri: f.uri, section: 'kader' }))];
      const values = (await connection.workspace.getConfiguration(items)) as unknown[];
      global = readSettings(values[0]);
      perFolder = folders.map((_, i) => readSettings(values[i + 1] ?? values[0]));
    } else {
      global = readSettings(pushedSettings);
      perFolder = folders.map(() => global);
    }
    const locale = global.language === 'auto' ? localeOf(clientLocale) : global.language;
    let recheck = locale !== workspace.locale;
    workspace.setLocale(locale);
    const rescans: Folder[] = [];
    folders.forEach((folder, i) => {
      const next = perFolder[i]!;
      const previous = folder.settings;
      if (!sameSeverity(previous, next) || previous.maxSizeMB !== next.maxSizeMB) recheck = true;
      folder.settings = next;
      if (!sameFileSettings(previous, next) && !fresh.includes(folder)) rescans.push(folder);
    });
    if (recheck) {
      diagnostics.settingsChanged();
      notifier.all();
    }
    await Promise.all(rescans.map((folder) => workspace.scan(folder)));
  };

  const initialScan = async (): Promise<void> => {
    const progress = service.client.workDoneProgress ? await connection.window.createWorkDoneProgress() : undefined;
    const title = localize(workspace.locale)('Kader: reading transcripts');
    progress?.begin(title, 0, undefined, false);
    const folders = [...workspace.folders];
    let lastPercentage = -1;
    for (const [i, folder] of folders.entries()) {
      await workspace.scan(folder, (done, total) => {
        const percentage = Math.floor(((i + done / Math.max(1, total)) / folders.length) * 100);
        if (percentage === lastPercentage) return;
        lastPercentage = percentage;
        progress?.report(percentage, `${folder.name}: ${done}/${total}`);
      });
    }
    progress?.done();
  };

  connection.onInitialized(
    guardedNotification(log, 'initialized', async () => {
      try {
        if (service.client.configurationRegistration) {
          await connection.client.register(DidChangeConfigurationNotification.type, { section: 'kader' });
        }
        if (service.client.watchedFilesRegistration) {
          await connection.client.register(DidChangeWatchedFilesNotification.type, {
            watchers: [{ globPattern: '**/*.md' }, { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete }],
          });
        }
        if (service.client.workspaceFolders) {
          connection.workspace.onDidChangeWorkspaceFolders(
            guardedNotification(log, 'didChangeWorkspaceFolders', async (event) => {
              const { added } = workspace.updateFolders(event.added, event.removed.map((f) => f.uri));
              notifier.all();
              await loadSettings(added);
              await Promise.all(added.map((folder) => workspace.scan(folder)));
            }),
          );
        }
        // Settings first: they say which files are transcripts and where the codebook is.
        await loadSettings(workspace.folders);
        await initialScan();
      } finally {
        workspace.markReady();
        notifier.all();
      }
      // What the views and the first hover need, made while the editor is idle after the scan.
      setTimeout(() => {
        try {
          for (const folder of workspace.folders) {
            treeLevel(folder.index, folder.codebook, 'aspects', {}, workspace.locale);
            prepareUsage(folder);
          }
        } catch (error) {
          log.error(`Preparing the views failed: ${(error as Error).stack ?? String(error)}`);
        }
      }, 0);
    }),
  );

  connection.onNotification(
    WorkspaceTrustNotification,
    guardedNotification(log, WorkspaceTrustNotification.method, (params) => {
      service.trusted = params?.trusted === true;
    }),
  );

  connection.onDidChangeConfiguration(
    guardedNotification(log, 'didChangeConfiguration', async (params) => {
      if (!service.client.configuration) pushedSettings = params.settings;
      await loadSettings();
    }),
  );

  let fileChanges = Promise.resolve();
  connection.onDidChangeWatchedFiles(
    guardedNotification(log, 'didChangeWatchedFiles', (params) => {
      const seen = new Set<string>();
      const types: Record<number, ChangeType> = { [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted' };
      for (const change of params.changes) {
        const key = `${change.type}:${change.uri}`;
        const type = types[change.type];
        if (seen.has(key) || !type) continue;
        seen.add(key);
        // In order, one at a time: a delete after a create must win.
        fileChanges = fileChanges.then(() => workspace.fileChanged(change.uri, type)).catch((error: unknown) => log.error(`A file change failed: ${String(error)}`));
      }
      return fileChanges;
    }),
  );

  // Open documents: the text counts from the moment they open; typing is checked after a pause.
  const flush = (uri: string): void => {
    const timer = pending.get(uri);
    if (timer) clearTimeout(timer);
    pending.delete(uri);
    workspace.sync(uri);
    diagnostics.checked(uri);
  };
  connection.onDidOpenTextDocument(
    guardedNotification(log, 'didOpen', (params) => {
      const { uri, languageId, version, text } = params.textDocument;
      flush(workspace.documents.open(uri, languageId, version, text).uri);
    }),
  );
  connection.onDidChangeTextDocument(
    guardedNotification(log, 'didChange', (params) => {
      const open = workspace.documents.change(params.textDocument.uri, params.textDocument.version, params.contentChanges);
      if (!open) return;
      const previous = pending.get(open.uri);
      if (previous) clearTimeout(previous);
      pending.set(
        open.uri,
        setTimeout(() => {
          pending.delete(open.uri);
          try {
            workspace.sync(open.uri);
            diagnostics.checked(open.uri);
          } catch (error) {
            log.error(`Checking ${open.uri} failed: ${(error as Error).stack ?? String(error)}`);
          }
        }, debounceMs),
      );
    }),
  );
  connection.onDidSaveTextDocument(guardedNotification(log, 'didSave', (params) => flush(canonicalUri(params.textDocument.uri))));
  connection.onDidCloseTextDocument(
    guardedNotification(log, 'didClose', async (params) => {
      const loose = workspace.classify(canonicalUri(params.textDocument.uri))?.loose === true;
      const closed = workspace.documents.close(params.textDocument.uri);
      if (!closed) return;
      const timer = pending.get(closed.uri);
      if (timer) clearTimeout(timer);
      pending.delete(closed.uri);
      diagnostics.closed(closed.uri);
      await workspace.closed(closed.uri, loose);
    }),
  );

  for (const request of REQUEST_HANDLERS) {
    connection.onRequest(request.type, guarded(log, request.method, (params, token) => request.answer(service, params, token)));
  }

  connection.onShutdown(() => {
    for (const timer of pending.values()) clearTimeout(timer);
    pending.clear();
    notifier.dispose();
    diagnostics.dispose();
    // Not awaited: its workers are stopped in the background; `exit` follows anyway.
    deps.indexer?.dispose().catch((error: unknown) => log.warn(`Stopping the parse workers failed: ${String(error)}`));
  });
}
