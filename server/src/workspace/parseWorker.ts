// The parse worker: reads transcripts with the full parser off the main thread, so a slow file
// can be stopped (the pool terminates the worker) and many files are read in parallel. Bundled
// as dist/parseWorker.js; from source it runs under tsx.
//
// It replies with the model's compact form (core/index/compactModel.ts: one byte array and one
// string), or as JSON when the compact form does not hold it. The bytes are copied, not moved:
// so they are the main thread's own memory (and show in its `process.memoryUsage()`).

import { parentPort } from 'node:worker_threads';
import { packModel, type PackedModel } from '../core/index/compactModel';
import { parseTranscript } from '../core/parse';
import { ModelCache, toJson, type ModelJson } from './modelCache';

export interface ParseJob {
  id: number;
  text: string;
  /** Where to store the model, when the pool has a cache. */
  cache?: { dir: string; key: string };
}

export type ParseReply = { id: number; packed: PackedModel } | { id: number; json: ModelJson } | { id: number; error: string };

parentPort?.postMessage('ready');
parentPort?.on('message', (job: ParseJob) => {
  let reply: ParseReply;
  try {
    const model = parseTranscript(job.text);
    const cache = job.cache && new ModelCache(job.cache.dir);
    const packed = packModel(model);
    if (packed) {
      cache?.writePacked(job.cache!.key, packed);
      reply = { id: job.id, packed };
    } else {
      const json = toJson(model);
      cache?.writeJson(job.cache!.key, json);
      reply = { id: job.id, json };
    }
  } catch (error) {
    reply = { id: job.id, error: (error as Error).stack ?? String(error) };
  }
  parentPort!.postMessage(reply);
});
