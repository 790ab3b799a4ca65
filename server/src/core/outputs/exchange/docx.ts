// Import of Word transcripts (`.docx`, as Teams exports them) through mammoth: the document's
// paragraphs as plain text, with speaker lines and timestamps recognised.

import { zipSync } from 'fflate';
import mammoth from 'mammoth';
import { localize } from '../../l10n';
import type { Locale } from '../../types';
import { printable } from './escape';
import { IMPORT_LIMITS, tooDeep, tooLargeUnpacked, tooManyElements, tooManyParts, tooMuchText, xmlShape } from './importLimits';
import { parseClock, writeTranscript, type ImportOptions, type ImportResult, type Utterance } from './transcriptWriter';
import { readZip, type Inflater } from './zip';

const CLOCK = String.raw`\d{1,2}:\d{1,2}(?::\d{1,2})?(?:[.,]\d+)?`;
/** Teams: `Anna de Vries   0:03` (name, then the time) on a line of its own. */
const NAME_THEN_TIME = new RegExp(`^(.{1,60}?)\\s+(${CLOCK})$`);
/** `00:00:03 Anna de Vries` or `[00:00:03] Anna:` on a line of its own. */
const TIME_THEN_NAME = new RegExp(`^\\[?(${CLOCK})\\]?\\s+([^:]{1,60}?):?$`);
/** Older Teams: `0:0:0.0 --> 0:0:3.740` before the name line. */
const CUE_TIMING = new RegExp(`^(${CLOCK})\\s*-->\\s*${CLOCK}$`);
/** `Anna: text` within a paragraph. */
const NAME_COLON = /^([^:\n]{1,40}?):\s+(.+)$/s;

/** The parts mammoth reads for text; pictures and other media are not unpacked. */
const isXmlPart = (name: string): boolean => /\.(?:xml|rels)$/i.test(name);

/**
 * The Word file unpacked within the limits and packed again without compression, with only its
 * XML parts (media as empty parts), so mammoth (which unzips again and reads XML recursively)
 * does bounded work: bounded bytes, nesting and elements. Or why not.
 */
function boundedDocx(bytes: Uint8Array, locale: Locale, inflate?: Inflater): { ok: true; zip: Uint8Array } | { ok: false; message: string } {
  const read = readZip(bytes, isXmlPart, { entries: IMPORT_LIMITS.zipEntries, bytes: IMPORT_LIMITS.unpackedBytes }, inflate);
  if (!read.ok) {
    if (read.problem === 'entries') return { ok: false, message: tooManyParts('docx', locale) };
    if (read.problem === 'size') return { ok: false, message: tooLargeUnpacked('docx', locale) };
    if (read.problem === 'mismatch') return { ok: false, message: localize(locale)('This Word file is damaged: its part {0} unpacks to more than the file says; Kader does not import it.', printable(read.detail ?? '')) };
    return { ok: false, message: localize(locale)('This Word file cannot be read ({0}).', printable(read.detail ?? 'zip')) };
  }
  const parts: Record<string, Uint8Array> = {};
  const decoder = new TextDecoder();
  let elements = 0;
  for (const name of read.names) {
    const content = read.files.get(name);
    if (content) {
      const shape = xmlShape(decoder.decode(content), IMPORT_LIMITS, elements);
      if (shape.problem) return { ok: false, message: shape.problem === 'depth' ? tooDeep('docx', locale) : tooManyElements('docx', locale) };
      elements = shape.elements;
    }
    parts[name] = content ?? new Uint8Array(0);
  }
  return { ok: true, zip: zipSync(parts, { level: 0 }) };
}

/** Reads the paragraphs of a transcript exported to Word into utterances. */
export function utterancesFromParagraphs(paragraphs: string[]): Utterance[] {
  const out: Utterance[] = [];
  let speaker: string | undefined;
  let start: number | undefined;
  let pending = false; // a speaker line was read; its words follow
  for (const raw of paragraphs) {
    const line = raw.trim();
    if (!line) continue;
    const timing = CUE_TIMING.exec(line);
    if (timing) {
      start = parseClock(timing[1]!);
      speaker = undefined;
      pending = true;
      continue;
    }
    const nameTime = NAME_THEN_TIME.exec(line) ?? undefined;
    const timeName = nameTime ? undefined : TIME_THEN_NAME.exec(line);
    if (nameTime || timeName) {
      speaker = (nameTime ? nameTime[1] : timeName![2])!.trim();
      start = parseClock((nameTime ? nameTime[2] : timeName![1])!.replace(',', '.'));
      pending = true;
      continue;
    }
    if (pending && speaker === undefined && line.length <= 60 && !/[.!?]$/.test(line)) {
      speaker = line; // the name line after a cue timing
      continue;
    }
    const colon = NAME_COLON.exec(line);
    if (!pending && colon) {
      out.push({ speaker: colon[1]!.trim(), start, text: colon[2]! });
      continue;
    }
    out.push({ speaker, start, text: line });
    pending = false;
  }
  return out;
}

/** `inflate`: how zip parts are unpacked within a limit (default fflate; see zip.ts). */
export async function importDocx(bytes: Uint8Array, options: ImportOptions = {}, inflate?: Inflater): Promise<ImportResult> {
  const locale = options.locale ?? 'en';
  const bounded = boundedDocx(bytes, locale, inflate);
  if (!bounded.ok) return bounded;
  let text: string;
  try {
    // mammoth reads `buffer` in Node and `arrayBuffer` in its browser build; both take the bytes.
    const input = { buffer: bounded.zip, arrayBuffer: bounded.zip } as unknown as { buffer: Buffer };
    text = (await mammoth.extractRawText(input)).value;
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0]!;
    return { ok: false, message: localize(locale)('This Word file cannot be read ({0}).', printable(detail)) };
  }
  if (text.length > IMPORT_LIMITS.textChars) return { ok: false, message: tooMuchText('docx', locale) };
  return writeTranscript(utterancesFromParagraphs(text.split(/\r?\n/)), options, 'docx');
}
