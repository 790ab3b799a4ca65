// The persistent model cache: a transcript's model as JSON, in a folder, under the hash of its
// text and of the parser. A changed text or a changed parser gives another key, so a stale model
// is never served; a damaged entry reads as a miss.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Transcript } from '../core/types';

/**
 * Bump when the model's meaning changes without a change to the parser's code. Normally not
 * needed: the key also holds a fingerprint of the parser's code (see `parserFingerprint`).
 */
export const PARSER_VERSION = 1;

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
    const core = path.resolve(__dirname, '../core');
    files = readdirSync(core)
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => path.join(core, f));
  }
  for (const file of files) hash.update(readFileSync(file));
  fingerprint = hash.digest('hex').slice(0, 16);
  return fingerprint;
}

/** The cache key of a text: parser fingerprint and content. */
export function cacheKey(text: string): string {
  return createHash('sha1').update(parserFingerprint()).update('\0').update(text).digest('hex');
}

/**
 * The model as JSON. `codes` holds the same occurrence objects as the attribute blocks, in the
 * same order; when it does, it is written as 0 and rebuilt by `fromJson`, so the JSON is smaller
 * and the objects stay shared in memory.
 */
export function toJson(model: Transcript): string {
  const fromBlocks = model.attributeBlocks.flatMap((b) => b.codes);
  const shared = fromBlocks.length === model.codes.length && fromBlocks.every((c, i) => c === model.codes[i]);
  return JSON.stringify(shared ? { ...model, codes: 0 } : model);
}

export function fromJson(json: string): Transcript {
  const model = JSON.parse(json) as Transcript & { codes: Transcript['codes'] | 0 };
  if (model.codes === 0) model.codes = model.attributeBlocks.flatMap((b) => b.codes);
  return model;
}

export class ModelCache {
  constructor(readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The cached model's JSON, or undefined. */
  readJson(key: string): string | undefined {
    try {
      return readFileSync(this.file(key), 'utf8');
    } catch {
      return undefined;
    }
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
  writeJson(key: string, json: string): void {
    const file = this.file(key);
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(temp, json);
      renameSync(temp, file);
    } catch {
      rmSync(temp, { force: true });
    }
  }

  write(key: string, model: Transcript): void {
    this.writeJson(key, toJson(model));
  }
}
