// The parse worker: reads transcripts with the full parser off the main thread, so a slow file
// can be stopped (the pool terminates the worker) and many files are read in parallel. Bundled
// as dist/parseWorker.js; from source it runs under tsx.

import { parentPort } from 'node:worker_threads';
import { parseTranscript } from '../core/transcript';
import { ModelCache, toJson, type ModelJson } from './modelCache';

export interface ParseJob {
  id: number;
  text: string;
  /** Where to store the model, when the pool has a cache. */
  cache?: { dir: string; key: string };
}

export type ParseReply = { id: number; json: ModelJson } | { id: number; error: string };

parentPort?.postMessage('ready');
parentPort?.on('message', (job: ParseJob) => {
  let reply: ParseReply;
  try {
    const json = toJson(parseTranscript(job.text));
    if (job.cache) new ModelCache(job.cache.dir).writeJson(job.cache.key, json);
    reply = { id: job.id, json };
  } catch (error) {
    reply = { id: job.id, error: (error as Error).stack ?? String(error) };
  }
  parentPort!.postMessage(reply);
});
