// The persistent model cache: a transcript's model in its compact form (core/index/compactModel.ts),
// or as JSON when the compact form does not hold it, in a folder, under the hash of its text and
// of the parser. A changed text or a changed parser gives another key, so a stale model is never
// served; a damaged entry (its checksum) reads as a miss.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMPACT_FORMAT, packModel, unpackModel, type PackedModel } from '../core/index/compactModel';
import type { CodeOccurrence, Transcript } from '../core/types';

/**
 * Bump when the model's meaning changes without a change to the parser's code. Normally not
 * needed: the key also holds a fingerprint of the parser's code (see `parserFingerprint`).
 */
export const PARSER_VERSION = 3;

// A constant of the process, computed on first use (a parse worker that only writes never needs
// it): it describes the code this process runs, which no workspace event changes. Computed again
// later, it could describe sources edited since, not the parser that made the models.
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
    // The parser's sources (the compact form's too), and this file and the worker (they write
    // the cache format).
    const core = path.resolve(__dirname, '../core');
    files = readdirSync(core, { recursive: true, encoding: 'utf8' })
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

/** A model as the index keeps it: compact when the compact form holds it, else as it is. */
export function compact(model: Transcript): Transcript {
  const packed = packModel(model);
  return packed ? unpackModel(packed) : model;
}

/** One JSON cache file: the core JSON, and the lazy JSON after a line break (JSON has none). */
function joinParts(json: ModelJson): string {
  return json.lazy === undefined ? json.core : `${json.core}\n${json.lazy}`;
}

/**
 * A compact cache file: a header of four little-endian uint32 — magic, format, byte lengths of
 * the bytes and of the head — and 8 bytes of the SHA-1 of both, then the bytes, then the head
 * (UTF-8). Another format or damaged content: the magic, the format or the checksum differ (a
 * miss).
 */
const MAGIC = 0x4d52444b; // "KDRM"
/** The layout of the file and of the compact form; part of the parser fingerprint through this file. */
const COMPACT_FILE_FORMAT = 1 + 1000 * COMPACT_FORMAT;
const HEADER_BYTES = 24;

function checksum(bytes: Uint8Array, head: Uint8Array): Buffer {
  return createHash('sha1').update(bytes).update(head).digest().subarray(0, 8);
}

function packedFile(packed: PackedModel): Buffer {
  const head = Buffer.from(packed.head, 'utf8');
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(COMPACT_FILE_FORMAT, 4);
  header.writeUInt32LE(packed.bytes.byteLength, 8);
  header.writeUInt32LE(head.byteLength, 12);
  checksum(packed.bytes, head).copy(header, 16);
  return Buffer.concat([header, packed.bytes, head]);
}

function readPackedFile(file: Buffer): PackedModel | undefined {
  if (file.length < HEADER_BYTES || file.readUInt32LE(0) !== MAGIC || file.readUInt32LE(4) !== COMPACT_FILE_FORMAT) return undefined;
  const size = file.readUInt32LE(8);
  if (HEADER_BYTES + size + file.readUInt32LE(12) !== file.length) return undefined;
  const bytes = file.subarray(HEADER_BYTES, HEADER_BYTES + size);
  const head = file.subarray(HEADER_BYTES + size);
  if (!checksum(bytes, head).equals(file.subarray(16, HEADER_BYTES))) return undefined;
  // A copy of its own: the file's buffer can go.
  return { bytes: new Uint8Array(bytes), head: head.toString('utf8') };
}

export class ModelCache {
  constructor(readonly dir: string) {}

  /** The entry of a key (named `.json` whichever form it holds: the name predates the compact form). */
  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  private readBytes(key: string): Buffer | undefined {
    try {
      return readFileSync(this.file(key));
    } catch {
      return undefined;
    }
  }

  /** The cached model (compact, or from JSON), or undefined for a missing or damaged entry. */
  read(key: string): Transcript | undefined {
    const bytes = this.readBytes(key);
    if (bytes === undefined) return undefined;
    try {
      const packed = readPackedFile(bytes);
      if (packed) return unpackModel(packed);
      const json = jsonOf(bytes);
      return json && fromJson(json);
    } catch {
      return undefined;
    }
  }

  /** Writes atomically (a reader never sees half a file); failures are ignored: it is a cache. */
  private writeFile(key: string, content: string | Buffer): void {
    const file = this.file(key);
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(temp, content);
      renameSync(temp, file);
    } catch {
      rmSync(temp, { force: true });
    }
  }

  writeJson(key: string, json: ModelJson): void {
    this.writeFile(key, joinParts(json));
  }

  writePacked(key: string, packed: PackedModel): void {
    this.writeFile(key, packedFile(packed));
  }

  /** The compact form when it holds the model, else JSON. */
  write(key: string, model: Transcript): void {
    const packed = packModel(model);
    if (packed) this.writePacked(key, packed);
    else this.writeJson(key, toJson(model));
  }
}

/** A JSON entry's parts (each its own string); undefined when it is not one. */
function jsonOf(bytes: Buffer): ModelJson | undefined {
  if (bytes[0] !== 0x7b /* { */) return undefined;
  const newline = bytes.indexOf(10);
  if (newline < 0) return { core: bytes.toString('utf8') };
  // The lazy part is parsed later: a cheap check that it was written whole.
  if (bytes[newline + 1] !== 0x7b /* { */ || bytes[bytes.length - 1] !== 0x7d /* } */) return undefined;
  return { core: bytes.toString('utf8', 0, newline), lazy: bytes.toString('utf8', newline + 1) };
}
