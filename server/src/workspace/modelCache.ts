// The persistent model cache: a transcript's model as JSON, in a folder, under the hash of its
// text and of the parser. A changed text or a changed parser gives another key, so a stale model
// is never served; a damaged entry reads as a miss.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeOccurrence, Transcript } from '../core/types';

/**
 * Bump when the model's meaning changes without a change to the parser's code. Normally not
 * needed: the key also holds a fingerprint of the parser's code (see `parserFingerprint`).
 */
export const PARSER_VERSION = 2;

let fingerprint: string | undefined;

/**
 * A hash of the code that makes models: the bundled worker (dist/parseWorker.js) when running
 * from the bundle, else the sources of server/src/core. Any change to the parser changes it.
 */
export function parserFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const hash = createHash('sha1');
  hash.update(`kader-parser-${PARSER_VERSION}\0`);
  const bundled = path.join(__dirname, 'parseWorker.js');
  let files: string[];
  try {
    statSync(bundled);
    files = [bundled];
  } catch {
    // The parser's sources, and this file and the worker (they write the cache format).
    const core = path.resolve(__dirname, '../core');
    files = readdirSync(core)
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => path.join(core, f));
    files.push(path.join(__dirname, 'modelCache.ts'), path.join(__dirname, 'parseWorker.ts'));
  }
  for (const file of files) hash.update(readFileSync(file));
  fingerprint = hash.digest('hex').slice(0, 16);
  return fingerprint;
}

/** The cache key of a text: parser fingerprint and content. */
export function cacheKey(text: string): string {
  return createHash('sha1').update(parserFingerprint()).update('\0').update(text).digest('hex');
}

/** Parts of a model that few requests need: kept as JSON and parsed on first access. */
const LAZY_KEYS = ['headings', 'turns', 'attributeBlocks'] as const;
type LazyPart = Pick<Transcript, (typeof LAZY_KEYS)[number]>;

/**
 * A model as JSON, in two parts. `core` is the model with the lazy keys as 0; `lazy` holds
 * those, with each attribute block's `codes` written as their number: they are the same
 * occurrence objects as the model's `codes`, in the same order, and are shared again on reading.
 * When that does not hold, the whole model is in `core`.
 */
export interface ModelJson {
  core: string;
  lazy?: string;
}

export function toJson(model: Transcript): ModelJson {
  const fromBlocks = model.attributeBlocks.flatMap((b) => b.codes);
  const shared = fromBlocks.length === model.codes.length && fromBlocks.every((c, i) => c === model.codes[i]);
  if (!shared) return { core: JSON.stringify(model) };
  const lazy: LazyPart = {
    headings: model.headings,
    turns: model.turns,
    attributeBlocks: model.attributeBlocks.map((b) => ({ ...b, codes: b.codes.length as unknown as CodeOccurrence[] })),
  };
  return { core: JSON.stringify({ ...model, headings: 0, turns: 0, attributeBlocks: 0 }), lazy: JSON.stringify(lazy) };
}

/**
 * The model of `toJson`'s parts. The lazy keys are accessors until first read, then plain data
 * properties (in the same key order): JSON.stringify and deepEqual see an ordinary model.
 */
export function fromJson(json: ModelJson): Transcript {
  const model = JSON.parse(json.core) as Transcript;
  const lazy = json.lazy;
  if (lazy === undefined) return model;
  let part: LazyPart | undefined;
  const load = (): LazyPart => {
    if (!part) {
      part = JSON.parse(lazy) as LazyPart;
      let at = 0;
      for (const block of part.attributeBlocks) {
        const count = block.codes as unknown as number;
        block.codes = model.codes.slice(at, at + count);
        at += count;
      }
    }
    return part;
  };
  for (const key of LAZY_KEYS) {
    const settle = (value: unknown): void => {
      Object.defineProperty(model, key, { value, writable: true, enumerable: true, configurable: true });
    };
    Object.defineProperty(model, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = load()[key];
        settle(value);
        return value;
      },
      set: settle,
    });
  }
  return model;
}

/** One cache file: the core JSON, and the lazy JSON after a line break (JSON has none). */
function joinParts(json: ModelJson): string {
  return json.lazy === undefined ? json.core : `${json.core}\n${json.lazy}`;
}

export class ModelCache {
  constructor(readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The cached model's JSON parts, or undefined. Each part is its own string (no slices). */
  readJson(key: string): ModelJson | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.file(key));
    } catch {
      return undefined;
    }
    const newline = bytes.indexOf(10);
    if (newline < 0) return { core: bytes.toString('utf8') };
    // The lazy part is parsed later: a cheap check that it was written whole.
    if (bytes[newline + 1] !== 0x7b /* { */ || bytes[bytes.length - 1] !== 0x7d /* } */) return undefined;
    return { core: bytes.toString('utf8', 0, newline), lazy: bytes.toString('utf8', newline + 1) };
  }

  read(key: string): Transcript | undefined {
    const json = this.readJson(key);
    if (json === undefined) return undefined;
    try {
      return fromJson(json);
    } catch {
      return undefined;
    }
  }

  /** Writes atomically (a reader never sees half a file); failures are ignored: it is a cache. */
  writeJson(key: string, json: ModelJson): void {
    const file = this.file(key);
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(temp, joinParts(json));
      renameSync(temp, file);
    } catch {
      rmSync(temp, { force: true });
    }
  }

  write(key: string, model: Transcript): void {
    this.writeJson(key, toJson(model));
  }
}
