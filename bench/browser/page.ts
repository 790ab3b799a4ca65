// The benchmark's page in headless Chromium: starts the browser server bundle in a Web Worker, is
// its client (the workspace's files from memory, through kader/fs/*), and times the initial
// index and keystroke → diagnostics, as bench/browser.ts asks.

import {
  BrowserMessageReader,
  BrowserMessageWriter,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  InitializedNotification,
  InitializeRequest,
  RegistrationRequest,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type Range,
} from 'vscode-languageserver-protocol/browser';
import { base64Of } from '../../server/src/service/base64';
import { CodesRequest, FsReadDirectoryRequest, FsReadFileRequest, FsStatRequest, type FsEntryType } from '../../server/src/protocol';

export interface PageInput {
  serverSource: string;
  capabilities: ClientCapabilities;
  /** Relative path → text of every file of the workspace folder. */
  files: Record<string, string>;
  large: { relative: string; text: string };
  edits: { range: Range; text: string }[];
}

export interface PageResult {
  indexMs: number;
  transcripts: number;
  openMs: number;
  /** Diagnostics of the large transcript when opened: the same as the Node server's. */
  openDiagnostics: number;
  keystrokeMs: number[];
  /** Errors the server logged (window/logMessage, type Error). */
  errors: string[];
}

const FOLDER = 'memfs:/corpus';

// The DOM's Worker, as far as it is used here; the benchmark is type-checked without the DOM library.
interface WebWorker {
  terminate(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => WebWorker;

async function run(input: PageInput): Promise<PageResult> {
  const encoder = new TextEncoder();
  const files = new Map(Object.entries(input.files).map(([relative, text]) => [relative, encoder.encode(text)]));
  const folders = new Set<string>(['']);
  for (const relative of files.keys()) {
    const parts = relative.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  const relativeOf = (uri: string): string => (uri === FOLDER ? '' : uri.slice(FOLDER.length + 1));

  const started = performance.now();
  const url = URL.createObjectURL(new Blob([input.serverSource], { type: 'application/javascript' }));
  const worker = new Worker(url, { name: 'Kader Language Server' });
  const connection = createProtocolConnection(new BrowserMessageReader(worker as never), new BrowserMessageWriter(worker as never));
  connection.onRequest(FsStatRequest, ({ uri }) => {
    const relative = relativeOf(uri);
    const file = files.get(relative);
    if (file) return { type: 'file', size: file.length };
    return folders.has(relative) ? { type: 'directory', size: 0 } : { type: 'missing', size: 0 };
  });
  connection.onRequest(FsReadFileRequest, ({ uri, maxBytes }) => {
    const file = files.get(relativeOf(uri));
    if (!file) return { ok: false, problem: 'missing', detail: 'does not exist' };
    if (file.length > maxBytes) return { ok: false, problem: 'too-large', detail: `is larger than ${maxBytes} bytes` };
    return { ok: true, base64: base64Of(file) };
  });
  connection.onRequest(FsReadDirectoryRequest, ({ uri }) => {
    const prefix = relativeOf(uri);
    const entries = new Map<string, FsEntryType>();
    for (const path of [...files.keys(), ...folders]) {
      if (path === '' || (prefix !== '' && !path.startsWith(`${prefix}/`))) continue;
      const rest = prefix === '' ? path : path.slice(prefix.length + 1);
      const [name, ...deeper] = rest.split('/');
      entries.set(name!, deeper.length > 0 || folders.has(path) ? 'directory' : 'file');
    }
    return { entries: [...entries] };
  });
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === 'kader' ? {} : null)));
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  const errors: string[] = [];
  connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
    if (params.type === 1) errors.push(params.message);
  });
  connection.onUnhandledNotification(() => undefined);
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, locale: 'nl', capabilities: input.capabilities, workspaceFolders: [{ uri: FOLDER, name: 'corpus' }] });
  await connection.sendNotification(InitializedNotification.type, {});
  // Every request waits for the initial scan.
  await connection.sendRequest(CodesRequest, {});
  const indexMs = performance.now() - started;

  const uri = `${FOLDER}/${input.large.relative}`;
  let resultId: string | undefined;
  const pull = async (): Promise<number> => {
    const report = await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, ...(resultId ? { previousResultId: resultId } : {}) });
    if (report.kind !== 'full') return -1;
    if (report.resultId) resultId = report.resultId;
    return report.items.length;
  };
  const openStarted = performance.now();
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: input.large.text } });
  const openDiagnostics = await pull();
  const openMs = performance.now() - openStarted;
  const keystrokeMs: number[] = [];
  let version = 1;
  for (const edit of input.edits) {
    const at = performance.now();
    await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++version }, contentChanges: [edit] });
    await pull();
    keystrokeMs.push(performance.now() - at);
  }
  const transcripts = files.size;
  connection.dispose();
  worker.terminate();
  URL.revokeObjectURL(url);
  return { indexMs, transcripts, openMs, openDiagnostics, keystrokeMs, errors };
}

(globalThis as unknown as { kaderBench: typeof run }).kaderBench = run;
