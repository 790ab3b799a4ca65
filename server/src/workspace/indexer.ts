// Indexes a list of transcript files: parallel (worker threads), cached (a persistent model cache
// keyed by content and parser), and time-limited (a parse that runs too long is stopped and the
// file is read by the linear fallback reader instead). The server and the CLI share it.

import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { packModel, unpackModel } from '../core/index/compactModel';
import { parseTranscript, parseTranscriptRoughly } from '../core/parse';
import type { Transcript } from '../core/types';
import { readText } from './files';
import { sizeProblem, type ReadProblem } from '../core/fileText';
import { cacheKey, compact, fromJson, ModelCache, toJson } from './modelCache';
import type { ParseJob, ParseReply } from './parseWorker';

export interface IndexerOptions {
  /** Worker threads for parsing; default the machine's available parallelism. */
  workers?: number;
  /** A folder for the persistent model cache; no cache when absent. */
  cacheDir?: string;
  /**
   * Milliseconds a full parse of a text of `length` UTF-16 units may take before it is stopped;
   * by default it adapts to the speed measured (see `adaptiveLimit`).
   */
  timeLimit?: (length: number) => number;
  /**
   * Milliseconds a worker may wait for work before it is stopped (a new one starts when work
   * comes): an idle worker holds its heap. Default 30 s.
   */
  idleTimeout?: number;
}

/**
 * The default time limit: three seconds, plus twenty times what the file should take at the
 * speed this pool has measured so far. It follows the machine (a loaded machine parses slower),
 * while quadratic input — a hundred times slower or worse — is still stopped.
 */
function adaptiveLimit(msPerChar: number, length: number): number {
  return 3000 + 20 * msPerChar * length;
}

/** Where a model came from: the cache, a full parse, or the fallback reader. */
export type ModelSource = 'cache' | 'parse' | 'fallback';

export interface ParsedModel {
  model: Transcript;
  from: ModelSource;
}

export interface IndexSource {
  key: string;
  /** Relative path, with `/`. */
  path: string;
  /** Absolute file name to read (unless `text` is given). */
  file: string;
  /** The text, when the caller has it already (an open document). */
  text?: string;
  /** The folder the file belongs to: a link out of it is not read. */
  within?: string;
}

export type IndexOutcome =
  | { key: string; path: string; ok: true; model: Transcript; from: ModelSource }
  | { key: string; path: string; ok: false; problem: ReadProblem; detail: string };

export interface IndexRun {
  /** Called for each file as soon as it is done (in completion order). */
  onResult?: (outcome: IndexOutcome) => void;
  onProgress?: (done: number, total: number) => void;
  /** Checked before each file is started; once true, no further file is started. */
  isCancelled?: () => boolean;
  /** Files (or given texts) larger than this many bytes are a `too-large` outcome, not parsed. */
  maxBytes?: number;
}

export interface IndexResult {
  /** In the order of the sources; files not started because of cancellation are left out. */
  outcomes: IndexOutcome[];
  cancelled: boolean;
}

interface PendingJob {
  id: number;
  text: string;
  started?: number;
  key?: string;
  resolve: (result: ParsedModel) => void;
}

interface PoolWorker {
  worker: Worker;
  ready: boolean;
  job?: PendingJob;
  timer?: NodeJS.Timeout;
  /** Runs while the worker waits for work. */
  idle?: NodeJS.Timeout;
}

/**
 * A young generation of 8 MB (V8 lets it grow to 32 MB): remark's garbage dies young (a text is
 * read chunk by chunk), and each worker stays some 25 MB smaller — the peak RSS of indexing is
 * mostly the workers' heaps. Parsing was not measurably slower (bench/memory.ts).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * The worker: the bundle's dist/parseWorker.js next to this bundle, or — running from the
 * TypeScript sources (tests, the benchmark) — parseWorker.ts loaded through tsx's require hook.
 */
function createWorker(): Worker {
  const options = { resourceLimits: WORKER_LIMITS };
  if (!__filename.endsWith('.ts')) return new Worker(path.join(__dirname, 'parseWorker.js'), options);
  const tsx = createRequire(__filename).resolve('tsx/cjs/api');
  const source = path.join(__dirname, 'parseWorker.ts');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`, { eval: true, execArgv: [], ...options });
}

const READY = 'ready';
const STARTUP_LIMIT_MS = 60_000;
const IDLE_TIMEOUT_MS = 30_000;

export class Indexer {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: PendingJob[] = [];
  private readonly maxWorkers: number;
  private readonly timeLimit: (length: number) => number;
  private readonly idleTimeout: number;
  /** Measured parse speed (a moving average); starts at a slow machine's 500 characters per ms. */
  private msPerChar = 1 / 500;
  readonly cache: ModelCache | undefined;
  private nextId = 1;
  private disposed = false;
  /** Workers that died before they were ready, in a row; at 3 the pool stops trying. */
  private failedStarts = 0;
  private broken = false;
  /** Files read by the fallback reader since the indexer was made. */
  fallbacks = 0;

  constructor(options: IndexerOptions = {}) {
    this.maxWorkers = Math.max(1, options.workers ?? availableParallelism());
    this.timeLimit = options.timeLimit ?? ((length) => adaptiveLimit(this.msPerChar, length));
    this.idleTimeout = options.idleTimeout ?? IDLE_TIMEOUT_MS;
    this.cache = options.cacheDir ? new ModelCache(options.cacheDir) : undefined;
  }

  /** The model of `text`: from the cache, else parsed in a worker within the time limit. */
  parse(text: string): Promise<ParsedModel> {
    const key = this.cache ? cacheKey(text) : undefined;
    if (key !== undefined) {
      const cached = this.cache!.read(key);
      if (cached) return Promise.resolve({ model: cached, from: 'cache' });
    }
    return this.parseInWorker(text, key);
  }

  private parseInWorker(text: string, key: string | undefined): Promise<ParsedModel> {
    if (this.disposed) return Promise.resolve(this.fallback(text));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, text, key, resolve });
      this.pump();
    });
  }

  private parseHere(job: PendingJob): ParsedModel {
    try {
      const model = parseTranscript(job.text);
      const packed = packModel(model);
      if (job.key !== undefined) {
        if (packed) this.cache?.writePacked(job.key, packed);
        else this.cache?.writeJson(job.key, toJson(model));
      }
      return { model: packed ? unpackModel(packed) : model, from: 'parse' };
    } catch {
      return this.fallback(job.text);
    }
  }

  private fallback(text: string): ParsedModel {
    this.fallbacks++;
    return { model: compact(parseTranscriptRoughly(text)), from: 'fallback' };
  }

  private pump(): void {
    while (this.queue.length > 0) {
      if (this.disposed) return;
      if (this.broken) {
        // Worker threads cannot start here: parse in this thread, without a time limit.
        const job = this.queue.shift()!;
        job.resolve(this.parseHere(job));
        continue;
      }
      const idle = this.workers.find((w) => w.ready && !w.job);
      if (!idle) {
        if (this.workers.length < this.maxWorkers) this.spawn();
        return;
      }
      this.start(idle, this.queue.shift()!);
    }
  }

  private spawn(): void {
    const worker = createWorker();
    const entry: PoolWorker = { worker, ready: false };
    this.workers.push(entry);
    // A worker that never gets ready counts as one that failed to start.
    const startup = setTimeout(() => void worker.terminate(), STARTUP_LIMIT_MS);
    startup.unref();
    worker.on('message', (message: ParseReply | typeof READY) => {
      // After dispose a late "ready" must not unref a worker that is being terminated.
      if (this.disposed) return;
      if (message === READY) {
        clearTimeout(startup);
        entry.ready = true;
        this.failedStarts = 0;
        worker.unref();
        this.pump();
        this.waitForWork(entry);
        return;
      }
      const job = entry.job;
      if (!job || job.id !== message.id) return;
      this.finish(entry);
      let model: Transcript | undefined;
      try {
        if ('packed' in message) model = unpackModel(message.packed);
        else if ('json' in message) model = fromJson(message.json);
      } catch {
        model = undefined;
      }
      if (model && job.text.length > 5000 && job.started !== undefined) {
        this.msPerChar = 0.8 * this.msPerChar + 0.2 * ((performance.now() - job.started) / job.text.length);
      }
      if (model) job.resolve({ model, from: 'parse' });
      else job.resolve(this.fallback(job.text));
      this.pump();
      this.waitForWork(entry);
    });
    const lost = (): void => {
      if (!entry.ready && this.workers.includes(entry) && ++this.failedStarts >= 3) this.broken = true;
      const job = entry.job;
      this.finish(entry);
      this.drop(entry);
      if (job) job.resolve(this.fallback(job.text));
      this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
  }

  /** A worker without a job is stopped when none comes within the idle timeout. */
  private waitForWork(entry: PoolWorker): void {
    if (entry.job || !this.workers.includes(entry)) return;
    clearTimeout(entry.idle);
    entry.idle = setTimeout(() => {
      if (entry.job || !this.workers.includes(entry)) return;
      this.drop(entry);
      void entry.worker.terminate();
    }, this.idleTimeout);
    entry.idle.unref();
  }

  /** Workers running (or starting). */
  get workerCount(): number {
    return this.workers.length;
  }

  private start(entry: PoolWorker, job: PendingJob): void {
    clearTimeout(entry.idle);
    entry.idle = undefined;
    entry.job = job;
    job.started = performance.now();
    entry.worker.ref();
    entry.timer = setTimeout(() => {
      // Too slow (remark is quadratic on some inputs): stop it, read the file roughly.
      const stuck = entry.job;
      this.finish(entry);
      this.drop(entry);
      void entry.worker.terminate();
      if (stuck) stuck.resolve(this.fallback(stuck.text));
      this.pump();
    }, this.timeLimit(job.text.length));
    const message: ParseJob = { id: job.id, text: job.text };
    if (job.key !== undefined && this.cache) message.cache = { dir: this.cache.dir, key: job.key };
    entry.worker.postMessage(message);
  }

  private finish(entry: PoolWorker): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.job = undefined;
    entry.worker.unref();
  }

  private drop(entry: PoolWorker): void {
    const at = this.workers.indexOf(entry);
    if (at >= 0) this.workers.splice(at, 1);
  }

  /**
   * Reads and indexes `sources`, at most a few files in flight at a time. Read problems are
   * outcomes, not errors.
   */
  async indexFiles(sources: IndexSource[], run: IndexRun = {}): Promise<IndexResult> {
    const outcomes: (IndexOutcome | undefined)[] = new Array(sources.length);
    let next = 0;
    let done = 0;
    let cancelled = false;
    const one = async (source: IndexSource): Promise<IndexOutcome> => {
      let text = source.text;
      if (text === undefined) {
        const read = await readText(source.file, run.maxBytes, source.within);
        if (!read.ok) return { key: source.key, path: source.path, ok: false, problem: read.problem, detail: read.detail };
        text = read.text;
      } else if (run.maxBytes !== undefined) {
        const tooLarge = sizeProblem(Buffer.byteLength(text), run.maxBytes);
        if (tooLarge) return { key: source.key, path: source.path, ok: false, problem: tooLarge.problem, detail: tooLarge.detail };
      }
      const { model, from } = await this.parse(text);
      return { key: source.key, path: source.path, ok: true, model, from };
    };
    const lane = async (): Promise<void> => {
      while (next < sources.length) {
        if (run.isCancelled?.()) {
          cancelled = true;
          return;
        }
        const at = next++;
        const outcome = await one(sources[at]!);
        outcomes[at] = outcome;
        done++;
        run.onResult?.(outcome);
        run.onProgress?.(done, sources.length);
      }
    };
    // Enough lanes to keep every worker busy while others read files and the cache.
    await Promise.all(Array.from({ length: Math.min(sources.length, this.maxWorkers * 2 + 2) }, lane));
    return { outcomes: outcomes.filter((o): o is IndexOutcome => o !== undefined), cancelled };
  }

  /** Stops the workers. Pending parses are finished by the fallback reader. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const workers = this.workers.splice(0);
    for (const job of this.queue.splice(0)) job.resolve(this.fallback(job.text));
    for (const entry of workers) {
      clearTimeout(entry.idle);
      const job = entry.job;
      this.finish(entry);
      if (job) job.resolve(this.fallback(job.text));
    }
    // An idle worker is unref'd: ref it again, or the event loop may end before it has exited
    // and leave this promise (and the CLI's run) pending.
    await Promise.all(
      workers.map((entry) => {
        entry.worker.ref();
        return entry.worker.terminate();
      }),
    );
  }
}
