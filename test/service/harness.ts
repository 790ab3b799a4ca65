// The language service in-process, as server.ts drives it but without a connection: a service over
// a temporary copy of fixture folders (test/fixtures/server), documents opened and changed the way
// the server's notifications do it, and requests answered through the server's handler table
// (the JSON-RPC tests' method names and params) or through the service's own methods.

import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CancellationToken, type ClientCapabilities, type Range, type TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { localeOf } from '../../server/src/core/messages';
import { REQUEST_HANDLERS } from '../../server/src/handlers/index';
import { clientFeatures } from '../../server/src/service/clientFeatures';
import { createKaderService, type KaderService } from '../../server/src/service/service';
import { importInWorker } from '../../server/src/workspace/importRunner';
import type { Indexer } from '../../server/src/workspace/indexer';
import { nodeFileSystem } from '../../server/src/workspace/nodeFileSystem';
import { nodeGitAccess } from '../../server/src/workspace/nodeGitAccess';
import { readSettings, sameFileSettings, sameSeverity } from '../../server/src/workspace/settings';
import { canonicalUri, fileUri } from '../../server/src/workspace/uris';
import type { FileChangeType, Workspace } from '../../server/src/workspace/workspace';
import { FIXTURES, fullCapabilities } from '../server/client';

export { FIXTURES, fullCapabilities };

export const minimalCapabilities: ClientCapabilities = {};

export interface HarnessOptions {
  /** Fixture folders to copy, each a workspace folder; default ['project']. */
  fixtures?: string[];
  capabilities?: ClientCapabilities;
  /** The client's locale (`initialize`'s), e.g. 'nl-NL'. */
  locale?: string;
  /** The `kader` settings of every folder. */
  settings?: unknown;
  trusted?: boolean;
  /** Parses the scan in worker threads; disposed with the harness. */
  indexer?: Indexer;
  /** Changes the copies before the service scans them. */
  prepare?: (root: string) => Promise<void>;
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
}

export class Harness {
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly service: KaderService,
    /** Everything the service logged. */
    readonly logs: LogLine[],
    private readonly clientLocale: string | undefined,
    /** The temporary folder holding the copies. */
    readonly root: string,
    /** The first workspace folder. */
    readonly folder: string,
    private readonly indexer: Indexer | undefined,
  ) {}

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const fixtures = options.fixtures ?? ['project'];
    const root = await mkdtemp(path.join(tmpdir(), 'kader-service-'));
    for (const name of fixtures) await cp(path.join(FIXTURES, name), path.join(root, name), { recursive: true });
    await options.prepare?.(root);
    const logs: LogLine[] = [];
    const log = {
      info: (message: string) => void logs.push({ level: 'info', message }),
      warn: (message: string) => void logs.push({ level: 'warn', message }),
      error: (message: string) => void logs.push({ level: 'error', message }),
    };
    const service = createKaderService({ fileSystem: nodeFileSystem, git: nodeGitAccess, importer: importInWorker, indexer: options.indexer, log, locale: 'en' });
    // What server.ts does at `initialize` and `initialized`: capabilities, locale, folders, settings, the scan.
    service.client = clientFeatures(options.capabilities ?? fullCapabilities(false));
    service.trusted = options.trusted !== false;
    const { workspace } = service;
    const folders = fixtures.map((name) => path.join(root, name));
    const settings = readSettings(options.settings);
    workspace.setLocale(settings.language === 'auto' ? localeOf(options.locale) : settings.language);
    const { added } = workspace.updateFolders(
      folders.map((folder) => ({ uri: fileUri(folder), name: path.basename(folder) })),
      [],
    );
    for (const folder of added) folder.settings = settings;
    try {
      for (const folder of added) await workspace.scan(folder);
    } finally {
      workspace.markReady();
    }
    return new Harness(service, logs, options.locale, root, folders[0]!, options.indexer);
  }

  get workspace(): Workspace {
    return this.service.workspace;
  }

  /** The URI of a file relative to the first workspace folder (or to `base`). */
  uri(relative: string, base = this.folder): string {
    return fileUri(this.path(relative, base));
  }

  path(relative: string, base = this.folder): string {
    return path.join(base, ...relative.split('/'));
  }

  /** A request by its JSON-RPC method, answered by the handler the server registers for it. */
  async request<R>(method: string, params?: unknown): Promise<R> {
    const handler = REQUEST_HANDLERS.find((h) => h.method === method);
    if (!handler) throw new Error(`no handler for ${method}`);
    return (await handler.answer(this.service, params, CancellationToken.None)) as R;
  }

  version(uri: string): number {
    return this.versions.get(canonicalUri(uri)) ?? 0;
  }

  /** The open text of a document, or undefined when it is not open. */
  text(uri: string): string | undefined {
    return this.workspace.documents.get(canonicalUri(uri))?.document.getText();
  }

  /** `didOpen`: the document opens (read from disk when no text is given) and its text counts at once. */
  async open(uri: string, text?: string, languageId = 'markdown'): Promise<void> {
    const content = text ?? (await readFile(new URL(uri), 'utf8'));
    this.versions.set(canonicalUri(uri), 1);
    this.workspace.sync(this.workspace.documents.open(uri, languageId, 1, content).uri);
  }

  /**
   * `didChange` with the whole text, then the sync that ends the server's pause in typing.
   * With `sync: false` the change is left as the server leaves it during that pause.
   */
  change(uri: string, text: string, options: { sync?: boolean } = {}): number {
    return this.changed(uri, [{ text }], options.sync !== false);
  }

  /** `didChange` with one incremental edit; synced unless `sync` is false (as `change`). */
  edit(uri: string, range: Range, text: string, options: { sync?: boolean } = {}): number {
    return this.changed(uri, [{ range, text }], options.sync !== false);
  }

  private changed(uri: string, changes: TextDocumentContentChangeEvent[], sync: boolean): number {
    const version = this.version(uri) + 1;
    this.versions.set(canonicalUri(uri), version);
    const open = this.workspace.documents.change(uri, version, changes);
    if (!open) throw new Error(`${uri} is not open`);
    if (sync) this.workspace.sync(open.uri);
    return version;
  }

  /** `didClose`: what is on disk counts again. */
  async close(uri: string): Promise<void> {
    const { workspace } = this;
    const canonical = canonicalUri(uri);
    const loose = workspace.classify(canonical)?.loose === true;
    const closed = workspace.documents.close(uri);
    this.versions.delete(canonical);
    if (!closed) return;
    this.service.diagnostics.forget(closed.uri);
    await workspace.closed(closed.uri, loose);
  }

  /** `didChangeWatchedFiles`, one change. */
  async fileChanged(uri: string, type: FileChangeType): Promise<void> {
    await this.workspace.fileChanged(uri, type);
  }

  /**
   * `didChangeConfiguration` with new `kader` settings for every folder, as server.ts's
   * loadSettings takes them: the language, every report's result id after a severity change, a
   * rescan after a change of which files are read.
   */
  async configure(raw: unknown): Promise<void> {
    const { workspace } = this;
    const settings = readSettings(raw);
    const locale = settings.language === 'auto' ? localeOf(this.clientLocale) : settings.language;
    let recheck = locale !== workspace.locale;
    workspace.setLocale(locale);
    const rescans = [];
    for (const folder of workspace.folders) {
      const previous = folder.settings;
      if (!sameSeverity(previous, settings) || previous.maxSizeMB !== settings.maxSizeMB) recheck = true;
      folder.settings = settings;
      if (!sameFileSettings(previous, settings)) rescans.push(folder);
    }
    if (recheck) this.service.diagnostics.settingsChanged();
    await Promise.all(rescans.map((folder) => workspace.scan(folder)));
  }

  /** Log lines of level error. */
  errors(): string[] {
    return this.logs.filter((l) => l.level === 'error').map((l) => l.message);
  }

  async dispose(): Promise<void> {
    await this.indexer?.dispose();
    await rm(this.root, { recursive: true, force: true });
  }
}

/** A harness disposed when the test ends. */
export async function startService(t: { after(fn: () => Promise<void>): void }, options: HarnessOptions = {}): Promise<Harness> {
  const harness = await Harness.start(options);
  t.after(() => harness.dispose());
  return harness;
}

/** A position from a marker: the line and character of the first `|` in `text`, and the text without it. */
export function at(text: string, marker = '|'): { text: string; position: { line: number; character: number } } {
  const offset = text.indexOf(marker);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return { text: text.slice(0, offset) + text.slice(offset + marker.length), position: { line, character } };
}

export function range(line: number, start: number, endLine: number, end: number): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

export const pos = (line: number, character: number): { line: number; character: number } => ({ line, character });
