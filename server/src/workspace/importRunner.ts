// Runs one import in a worker thread of its own, within a time and a memory limit: the worker is
// terminated when it passes either, and the researcher is told why in plain words.

import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImportOptions, ImportResult } from '../core/outputs/exchange/transcriptWriter';
import { localize } from '../core/l10n';
import type { ImportJob, ImportReply } from './importWorker';

export interface ImportLimits {
  /** Milliseconds before the worker is stopped. */
  timeMs: number;
  /** The worker's heap. */
  heapMb: number;
}

/**
 * The largest files within the import limits take about 5 s and 500 MB (a Word file of 200,000
 * elements) or 7 s and 750 MB (19 MB of WebVTT cues) on this project's machines.
 */
export const WORKER_LIMITS: ImportLimits = { timeMs: 60_000, heapMb: 1536 };

/** The bundle's dist/importWorker.js next to this bundle, or importWorker.ts through tsx from the sources. */
function createWorker(heapMb: number): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: heapMb } };
  if (!__filename.endsWith('.ts')) return new Worker(path.join(__dirname, 'importWorker.js'), options);
  const tsx = createRequire(__filename).resolve('tsx/cjs/api');
  const source = path.join(__dirname, 'importWorker.ts');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`, { eval: true, execArgv: [], ...options });
}

export function importInWorker(fileName: string, bytes: Uint8Array, options: ImportOptions, limits: ImportLimits = WORKER_LIMITS): Promise<ImportResult> {
  const t = localize(options.locale ?? 'en');
  return new Promise((resolve) => {
    const worker = createWorker(limits.heapMb);
    let settled = false;
    const finish = (result: ImportResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, message: t('The import was stopped after {0} seconds: the file is too large or too complex to import.', Math.ceil(limits.timeMs / 1000)) }), limits.timeMs);
    worker.on('message', (reply: ImportReply) => finish('result' in reply ? reply.result : { ok: false, message: t('The import failed: {0}', reply.error.split('\n')[0]!) }));
    worker.on('error', (error: Error & { code?: string }) =>
      finish({ ok: false, message: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? t('The import was stopped: reading the file needed more memory than Kader allows.') : t('The import failed: {0}', error.message) }),
    );
    worker.on('exit', () => finish({ ok: false, message: t('The import failed: {0}', t('the import worker stopped')) }));
    const copy = bytes.slice();
    worker.postMessage({ fileName, bytes: copy, options } satisfies ImportJob, [copy.buffer]);
  });
}
