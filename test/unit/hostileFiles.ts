// Hostile import files made at test time: zip bombs (honest and lying about their size), zips of
// many parts, deeply nested XML inside a real Word file. Nothing large is kept on disk.

import { constants, crc32, deflateRawSync } from 'node:zlib';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { strToU8, unzipSync } from 'fflate';

export interface RawEntry {
  name: string;
  /** The bytes as stored: deflated (method 8) or not (method 0). */
  data: Uint8Array;
  method: 0 | 8;
  /** The unpacked size the zip states. */
  size: number;
  crc?: number;
}

/** A zip from entries, written by hand so that sizes can be stated falsely. */
export function rawZip(entries: RawEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc ?? 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.crc ?? 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(entry.data));
    centrals.push(central, name);
    offset += 30 + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/**
 * Raw deflate of `prefix + unit × times + suffix` without ever holding it: `unit` is deflated
 * once against its own tail as the dictionary, and that block repeated (each copy sees the same
 * 32 kB before it). `unit` must repeat with a period that divides its length.
 */
export function deflatedRepeat(prefix: string, unit: string, times: number, suffix: string): { data: Uint8Array; size: number } {
  const unitBytes = Buffer.from(unit);
  const dictionary = unitBytes.subarray(Math.max(0, unitBytes.length - 32768));
  const head = deflateRawSync(Buffer.from(prefix + unit), { finishFlush: constants.Z_SYNC_FLUSH, level: 9 });
  const block = deflateRawSync(unitBytes, { dictionary, finishFlush: constants.Z_SYNC_FLUSH, level: 9 });
  const tail = deflateRawSync(Buffer.from(suffix), { dictionary });
  const data = Buffer.concat([head, ...Array<Buffer>(times - 1).fill(block), tail]);
  return { data: new Uint8Array(data), size: Buffer.byteLength(prefix) + unitBytes.length * times + Buffer.byteLength(suffix) };
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const PARAGRAPH = '<w:p><w:r><w:t>aaaa</w:t></w:r></w:p>';

/** The parts of a real Word file (made with the docx package) holding `paragraphs`. */
export async function wordParts(paragraphs: string[]): Promise<Record<string, Uint8Array>> {
  const doc = new Document({ sections: [{ children: paragraphs.map((t) => new Paragraph({ children: [new TextRun(t)] })) }] });
  return unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
}

/** A real Word file whose word/document.xml is replaced by `document` (deflated, its size stated as `statedSize`). */
export async function wordFileWith(document: { data: Uint8Array; size: number; method?: 0 | 8 }, statedSize = document.size): Promise<Uint8Array> {
  const parts = await wordParts(['Anna   0:01', 'Hallo.']);
  const entries: RawEntry[] = Object.entries(parts).map(([name, content]) =>
    name === 'word/document.xml'
      ? { name, data: document.data, method: document.method ?? 8, size: statedSize }
      : { name, data: new Uint8Array(deflateRawSync(content)), method: 8, size: content.length, crc: crc32(content) },
  );
  return rawZip(entries);
}

/** A Word file whose document.xml unpacks to about `megabytes` MB of paragraphs (200 MB: a 600 kB file). */
export function wordBomb(megabytes: number, statedSize?: number): Promise<Uint8Array> {
  const unit = PARAGRAPH.repeat(Math.ceil((1024 * 1024) / PARAGRAPH.length));
  const document = deflatedRepeat(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>`, unit, megabytes, '</w:body></w:document>');
  return wordFileWith(document, statedSize);
}

/** A Word file whose text is inside `pairs` nested `<w:sdt><w:sdtContent>` pairs (twice as many levels). */
export function deepWordFile(pairs: number): Promise<Uint8Array> {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${'<w:sdt><w:sdtContent>'.repeat(pairs)}<w:p><w:r><w:t>diep</w:t></w:r></w:p>${'</w:sdtContent></w:sdt>'.repeat(pairs)}</w:body></w:document>`;
  const bytes = strToU8(xml);
  return wordFileWith({ data: new Uint8Array(deflateRawSync(bytes)), size: bytes.length });
}

/** A zip of `count` empty parts. */
export function manyParts(count: number): Uint8Array {
  return rawZip(Array.from({ length: count }, (_, i) => ({ name: `p${i}.xml`, data: new Uint8Array(0), method: 0 as const, size: 0 })));
}
