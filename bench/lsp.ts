// The benchmark's language client: starts the real language server as a child process over
// stdio (bench/server.ts from the sources, or the bundled dist/server.js with --dist), opens the
// corpus folder as its workspace folder, answers what the server asks of a client the way VS
// Code does (configuration, registrations, progress, diagnostic refresh), and waits until the
// initial scan has finished. Linux only for the server's CPU time and peak RSS (from /proc).

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  type Position,
  type ProtocolConnection,
  type Range,
} from 'vscode-languageserver-protocol/node';
import { CodesRequest } from '../server/src/protocol';
import { fullCapabilities } from '../test/server/client';
import { fileUri } from '../server/src/workspace/uris';

const ROOT = path.resolve(__dirname, '..');

/** What VS Code tells a server it can do, with pull diagnostics (the server tests' client's). */
const CAPABILITIES = fullCapabilities(true);

export interface ServerOptions {
  /** Workspace folders (absolute paths). */
  folders: string[];
  /** The model cache the source-run server reads (bench/server.ts); ignored with `dist`. */
  cacheDir?: string;
  /** Run the bundled dist/server.js (built first when older than the sources). */
  dist?: boolean;
  locale?: string;
  /** Extra arguments for the server's node, e.g. ['--cpu-prof']. */
  nodeArgs?: string[];
}

function newest(folder: string): number {
  let out = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    out = Math.max(out, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return out;
}

/** Builds the bundles when `bundle` (relative to the root) is missing or older than the server's sources. */
export function ensureBundle(relative = 'dist/server.js'): string {
  const bundle = path.join(ROOT, ...relative.split('/'));
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newest(path.join(ROOT, 'server', 'src'))) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  }
  return bundle;
}

export class BenchServer {
  /** Error lines the server logged (window/logMessage type 1) and wrote to stderr. */
  readonly errors: string[] = [];
  /** Wall time from spawning the process to the end of the initial scan. */
  startMs = 0;
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    readonly command: string,
  ) {}

  static async start(options: ServerOptions): Promise<BenchServer> {
    const started = performance.now();
    const args = [...(options.nodeArgs ?? []), ...(options.dist ? [ensureBundle(), '--stdio'] : ['--import', 'tsx', path.join(__dirname, 'server.ts'), '--stdio'])];
    const env = { ...process.env, KADER_BENCH_CACHE: options.dist ? '' : (options.cacheDir ?? '') };
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const server = new BenchServer(child, connection, `node ${args.map((a) => path.relative(ROOT, a) || a).join(' ')}`);
    child.stderr!.on('data', (chunk: Buffer) => server.errors.push(chunk.toString()));
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === 'kader' ? {} : null)));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(UnregistrationRequest.type, () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      if (params.type === 1) server.errors.push(params.message);
    });
    // Progress, kader/indexChanged and published diagnostics are not needed here.
    connection.onUnhandledNotification(() => undefined);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      locale: options.locale,
      capabilities: CAPABILITIES,
      workspaceFolders: options.folders.map((folder) => ({ uri: fileUri(folder), name: path.basename(folder) })),
    });
    await connection.sendNotification(InitializedNotification.type, {});
    // Every request waits for the initial scan to end (workspace.settled()).
    await connection.sendRequest(CodesRequest, {});
    server.startMs = performance.now() - started;
    return server;
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  }

  /** An incremental change, as VS Code sends one per keystroke. */
  async edit(uri: string, range: Range, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /**
   * CPU milliseconds the server process has used (every thread: main, workers, GC helpers), from
   * /proc/<pid>/task/<tid>/schedstat (nanoseconds); NaN where there is no /proc.
   */
  cpuMs(): number {
    const pid = this.child.pid;
    try {
      let ns = 0;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        try {
          ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
        } catch {
          // the thread ended meanwhile
        }
      }
      return ns / 1e6;
    } catch {
      return NaN;
    }
  }

  /** The server process's resident set: now and its high-water mark (MB), from /proc. */
  rssMB(): { now: number; peak: number } {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
      return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
    } catch {
      return { now: NaN, peak: NaN };
    }
  }

  async dispose(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // gone already
    }
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

/** The LSP position (UTF-16, like JavaScript strings) of an offset. */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, character: offset - lineStart };
}
