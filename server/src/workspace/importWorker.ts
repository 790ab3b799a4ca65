// The import worker: turns the bytes of a .vtt, .docx or .qdc into Markdown off the server's main
// thread, so a hostile file cannot stall diagnostics or hover, and can be stopped (importRunner.ts
// terminates it at its time limit). Bundled as dist/importWorker.js; from source it runs under tsx.

import { parentPort } from 'node:worker_threads';
import type { ImportOptions, ImportResult } from '../core/outputs/exchange/transcriptWriter';
import { importBytes } from '../core/outputs/exchange/exchange';
import { inflateWithZlib } from './zlibInflate';

export interface ImportJob {
  fileName: string;
  bytes: Uint8Array;
  options: ImportOptions;
}

export type ImportReply = { result: ImportResult } | { error: string };

parentPort?.once('message', (job: ImportJob) => {
  importBytes(job.fileName, job.bytes, job.options, inflateWithZlib).then(
    (result) => parentPort!.postMessage({ result } satisfies ImportReply),
    (error: unknown) => parentPort!.postMessage({ error: (error as Error)?.stack ?? String(error) } satisfies ImportReply),
  );
});
