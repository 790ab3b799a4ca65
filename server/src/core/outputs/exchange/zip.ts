// Reads a zip within limits. The central directory is read first: the number of parts and their
// stated unpacked sizes are checked before anything is unpacked. The stated sizes are not
// trusted: each part is inflated in small steps and stopped as soon as it passes its stated size
// or the limit, so a part that lies about its size costs no more than the limit.

import { Inflate } from 'fflate';

export interface ZipLimits {
  entries: number;
  /** Unpacked bytes of the parts read, together. */
  bytes: number;
}

export type ZipProblem = 'corrupt' | 'entries' | 'size' | 'mismatch';

export type ZipRead = { ok: true; files: Map<string, Uint8Array>; names: string[] } | { ok: false; problem: ZipProblem; detail?: string };

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed bytes given to the inflater per step, at most. */
const STEP = 16 * 1024;

function centralDirectory(bytes: Uint8Array, limits: ZipLimits): Entry[] | { problem: ZipProblem; detail?: string } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { problem: 'corrupt', detail: 'no zip directory' };
  const count = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  // 0xFFFF/0xFFFFFFFF mean a ZIP64 directory: a file that large is past every limit.
  if (count === 0xffff || offset === 0xffffffff) return { problem: 'size' };
  if (count > limits.entries) return { problem: 'entries' };
  const entries: Entry[] = [];
  const decoder = new TextDecoder();
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) return { problem: 'corrupt', detail: 'damaged zip directory' };
    const nameLength = view.getUint16(at + 28, true);
    const entry: Entry = {
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      localOffset: view.getUint32(at + 42, true),
    };
    entries.push(entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/**
 * Inflates raw deflate `data` into at most `limit` bytes; undefined when there is more. Throws on
 * a damaged stream. The default is fflate, in steps; the Node glue passes zlib's native inflate
 * with `maxOutputLength`, three to four times faster.
 */
export type Inflater = (data: Uint8Array, limit: number) => Uint8Array | undefined;

export function inflateAtMost(data: Uint8Array, limit: number): Uint8Array | undefined {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > limit) over = true;
    else chunks.push(chunk);
    if (final) done = true;
  });
  for (let at = 0; at < data.length && !over && !done; ) {
    // Near the limit, smaller steps: a step unpacks to at most about 1032 times its size.
    const step = Math.max(512, Math.min(STEP, Math.ceil((limit - total) / 1024)));
    inflater.push(data.subarray(at, at + step), at + step >= data.length);
    at += step;
  }
  if (over) return undefined;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Unpacks the parts `wanted` accepts (by name), within `limits`. Other parts are listed in
 * `names`, not unpacked.
 */
export function readZip(bytes: Uint8Array, wanted: (name: string) => boolean, limits: ZipLimits, inflate: Inflater = inflateAtMost): ZipRead {
  const entries = centralDirectory(bytes, limits);
  if (!Array.isArray(entries)) return { ok: false, ...entries };
  const chosen = entries.filter((e) => wanted(e.name));
  let stated = 0;
  for (const entry of chosen) stated += entry.size;
  if (stated > limits.bytes) return { ok: false, problem: 'size' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const files = new Map<string, Uint8Array>();
  let budget = limits.bytes;
  for (const entry of chosen) {
    const local = entry.localOffset;
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) return { ok: false, problem: 'corrupt', detail: `damaged part ${entry.name}` };
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + entry.compressedSize);
    let content: Uint8Array | undefined;
    if (entry.method === 0) content = data.length <= entry.size ? data : undefined;
    else if (entry.method === 8) {
      try {
        content = inflate(data, Math.min(entry.size, budget));
      } catch (error) {
        return { ok: false, problem: 'corrupt', detail: `${entry.name}: ${(error as Error).message}` };
      }
    } else return { ok: false, problem: 'corrupt', detail: `${entry.name} is packed in an unknown way` };
    // The stated sizes fit the budget (checked above), so more than stated is a part that lies.
    if (!content) return { ok: false, problem: 'mismatch', detail: entry.name };
    budget -= content.length;
    files.set(entry.name, content);
  }
  return { ok: true, files, names: entries.map((e) => e.name) };
}
