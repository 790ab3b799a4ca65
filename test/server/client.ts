// A small LSP client for the server tests: the real server (startServer) on one end of two
// in-memory streams, a vscode-languageserver-protocol connection on the other. Requests are
// typed; notifications and server-to-client requests are recorded and can be awaited.

import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type FileEvent,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type RequestType,
  type RequestType0,
} from 'vscode-languageserver-protocol/node';
import { CodesRequest } from '../../server/src/protocol';
import { startServer } from '../../server/src/server';
import type { Indexer } from '../../server/src/workspace/indexer';
import { importInWorker } from '../../server/src/workspace/importRunner';
import { nodeFileSystem } from '../../server/src/workspace/nodeFileSystem';
import { nodeGitAccess } from '../../server/src/workspace/nodeGitAccess';
import { fileUri } from '../../server/src/workspace/uris';

export const FIXTURES = path.resolve(__dirname, '../fixtures/server');

/** What VS Code tells a server it can do (pull diagnostics optional). */
export function fullCapabilities(pull: boolean): ClientCapabilities {
  const capabilities: ClientCapabilities = {
    workspace: {
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceFolders: true,
      workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
      diagnostics: { refreshSupport: true },
    },
    textDocument: {
      hover: { contentFormat: ['markdown', 'plaintext'] },
      completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      rename: { prepareSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    },
    window: { workDoneProgress: true },
  };
  if (pull) capabilities.textDocument!.diagnostic = { dynamicRegistration: false };
  return capabilities;
}

/** A client that can do little: no configuration, no watching, no versioned edits, no pull. */
export const minimalCapabilities: ClientCapabilities = {};

interface Message {
  method: string;
  params: unknown;
}

export interface StartOptions {
  /** Folders (absolute paths) to open as workspace folders. */
  folders: string[];
  capabilities?: ClientCapabilities;
  /** The `kader` settings, or per folder URI (undefined key: unscoped). */
  settings?: Record<string, unknown>;
  folderSettings?: Record<string, Record<string, unknown>>;
  locale?: string;
  initializationOptions?: unknown;
  /** Parse the scan in worker threads (as the bin does). */
  indexer?: Indexer;
}

/** Copies fixture folders to a fresh temporary folder; returns its path. */
export async function copyFixtures(...names: string[]): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'kader-server-'));
  for (const name of names) await cp(path.join(FIXTURES, name), path.join(root, name), { recursive: true });
  return root;
}

export class TestClient {
  readonly messages: Message[] = [];
  readonly registrations: Registration[] = [];
  readonly logs: { type: number; message: string }[] = [];
  settings: Record<string, unknown>;
  folderSettings: Record<string, Record<string, unknown>>;
  initializeResult!: InitializeResult;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private waiters: { method: string; predicate: (params: never) => boolean; resolve: (params: unknown) => void }[] = [];
  private readonly disposers: (() => void | Promise<void>)[] = [];

  private constructor(
    readonly connection: ProtocolConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    this.folderSettings = options.folderSettings ?? {};
  }

  static async start(options: StartOptions): Promise<TestClient> {
    const up = new PassThrough();
    const down = new PassThrough();
    const serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(up), new StreamMessageWriter(down));
    startServer(serverConnection, { fs: nodeFileSystem, git: nodeGitAccess, importer: importInWorker, indexer: options.indexer });
    serverConnection.listen();
    const connection = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
    const client = new TestClient(connection, options);
    client.disposers.push(() => serverConnection.dispose());
    client.listen();
    connection.listen();
    const capabilities = options.capabilities ?? fullCapabilities(false);
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: null,
      locale: options.locale,
      capabilities,
      initializationOptions: options.initializationOptions,
      workspaceFolders: options.folders.map((folder) => ({ uri: fileUri(folder), name: path.basename(folder) })),
    });
    await connection.sendNotification(InitializedNotification.type, {});
    // Every request waits for the initial scan; the views hear of it once, right after.
    await connection.sendRequest(CodesRequest, {});
    // It may have come before the answer.
    if (client.all('kader/indexChanged').length === 0) await client.waitFor('kader/indexChanged');
    return client;
  }

  private record(method: string, params: unknown): void {
    this.messages.push({ method, params });
    const matched = this.waiters.filter((w) => w.method === method && w.predicate(params as never));
    this.waiters = this.waiters.filter((w) => !matched.includes(w));
    for (const w of matched) w.resolve(params);
  }

  private listen(): void {
    const c = this.connection;
    c.onUnhandledNotification((message) => {
      if (message.method === 'window/logMessage') this.logs.push(message.params as { type: number; message: string });
      this.record(message.method, message.params);
    });
    c.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => {
        const scoped = item.scopeUri !== undefined ? this.folderSettings[item.scopeUri] : undefined;
        return item.section === 'kader' ? (scoped ?? this.settings) : null;
      }),
    );
    c.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      this.record(RegistrationRequest.method, params);
    });
    c.onRequest(UnregistrationRequest.type, () => undefined);
    c.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      c.onProgress(WorkDoneProgress.type, params.token, (value) => this.record('$/progress', { token: params.token, value }));
      this.record(WorkDoneProgressCreateRequest.method, params);
    });
    c.onRequest('workspace/diagnostic/refresh', () => {
      this.record('workspace/diagnostic/refresh', null);
      return null;
    });
  }

  /** Every recorded message of a method. */
  all<T>(method: string): T[] {
    return this.messages.filter((m) => m.method === method).map((m) => m.params as T);
  }

  /** Resolves with the next message of `method` (from now on) that matches `predicate`. */
  waitFor<T>(method: string, predicate: (params: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        method,
        predicate: predicate as (params: never) => boolean,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params as T);
        },
      });
    });
  }

  /** The latest diagnostics published for `uri`, or undefined. */
  published(uri: string): PublishDiagnosticsParams | undefined {
    return this.all<PublishDiagnosticsParams>('textDocument/publishDiagnostics')
      .filter((p) => p.uri === uri)
      .at(-1);
  }

  request<P, R>(type: RequestType<P, R, unknown>, params: P): Promise<R>;
  request<R>(type: RequestType0<R, unknown>): Promise<R>;
  request(type: RequestType<unknown, unknown, unknown> | RequestType0<unknown, unknown>, params?: unknown): Promise<unknown> {
    return params === undefined
      ? this.connection.sendRequest(type as RequestType0<unknown, unknown>)
      : this.connection.sendRequest(type as RequestType<unknown, unknown, unknown>, params);
  }

  /** Sends a raw request (for malformed input). */
  raw(method: string, params: unknown): Promise<unknown> {
    return this.connection.sendRequest(method, params);
  }

  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  /** Opens a document with its text (read from disk when not given). */
  async open(uri: string, text?: string, languageId = 'markdown'): Promise<void> {
    const content = text ?? (await readFile(new URL(uri), 'utf8'));
    this.versions.set(uri, 1);
    this.texts.set(uri, content);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text: content } });
  }

  /** Replaces the whole text of an open document. */
  async change(uri: string, text: string): Promise<number> {
    const version = this.version(uri) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** An incremental edit of an open document. */
  async edit(uri: string, range: Range, text: string): Promise<number> {
    const version = this.version(uri) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    this.texts.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async configurationChanged(settings?: unknown): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: settings ?? null });
  }

  /** The generation of the latest `kader/indexChanged` seen. */
  get generation(): number {
    return this.all<{ generation: number }>('kader/indexChanged').at(-1)?.generation ?? 0;
  }

  /** Waits for a `kader/indexChanged` newer than the one seen when this was called. */
  indexChanged(): Promise<{ generation: number; uris?: string[] }> {
    const after = this.generation;
    return this.waitFor<{ generation: number; uris?: string[] }>('kader/indexChanged', (p) => p.generation > after);
  }

  /** Server log lines of type error (1). */
  errors(): string[] {
    return this.logs.filter((l) => l.type === 1).map((l) => l.message);
  }

  onDispose(disposer: () => void | Promise<void>): void {
    this.disposers.push(disposer);
  }

  /** Shuts the server down (without `exit`, which would end this process) and cleans up. */
  async dispose(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    this.connection.dispose();
    for (const dispose of this.disposers.reverse()) await dispose();
  }
}

/** Removes a temporary folder made by copyFixtures. */
export async function removeFolder(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
}

export { ExitNotification };

export interface Project {
  client: TestClient;
  /** The temporary folder holding the copied fixtures. */
  root: string;
  /** The first workspace folder. */
  folder: string;
  /** The canonical URI of a file relative to the first workspace folder (or to `root`). */
  uri(relative: string, base?: string): string;
  path(relative: string, base?: string): string;
}

/**
 * Copies fixture folders, starts a client with them as workspace folders, and disposes both
 * when the test ends. `prepare` may change the copies before the server starts.
 */
export async function openProject(
  t: { after(fn: () => Promise<void>): void },
  fixtures: string[] = ['project'],
  options: Partial<StartOptions> = {},
  prepare?: (root: string) => Promise<void>,
): Promise<Project> {
  const root = await copyFixtures(...fixtures);
  await prepare?.(root);
  const folders = fixtures.map((name) => path.join(root, name));
  const client = await TestClient.start({ folders, ...options });
  t.after(async () => {
    await client.dispose();
    await removeFolder(root);
  });
  const folder = folders[0]!;
  return {
    client,
    root,
    folder,
    path: (relative, base = folder) => path.join(base, ...relative.split('/')),
    uri: (relative, base = folder) => fileUri(path.join(base, ...relative.split('/'))),
  };
}

/** A position from a marker: the line and character of the first `|` in `text`. */
export function at(text: string, marker = '|'): { text: string; position: { line: number; character: number } } {
  const offset = text.indexOf(marker);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return { text: text.slice(0, offset) + text.slice(offset + marker.length), position: { line, character } };
}

/** A range from two numbers each side, for short assertions. */
export function range(line: number, start: number, endLine: number, end: number): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}
