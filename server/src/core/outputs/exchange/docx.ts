// Import of Word transcripts (`.docx`, as Teams exports them) through mammoth's document model:
// paragraphs with speakers recognised (a bold label, a name of the participant list, a Teams or
// Zoom header line `Name   12:03`), headings as headings, lists as lists, tables as GFM tables,
// comments as a note after their paragraph, tracked changes as accepted (and said so).

import { zipSync } from 'fflate';
import mammoth from 'mammoth';
import { localize } from '../../l10n';
import type { Locale } from '../../types';
import { escapeHeading, escapeText, foldWhitespace, printable } from './escape';
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
/** `Anna: text` within a paragraph: a speaker only when Anna is known (see utterancesFromParagraphs). */
const NAME_COLON = /^([^:\n]{1,40}?):\s+(.+)$/s;
/** A participant list: `Deelnemers: Anna de Vries, Bram Jansen` (or Participants, Aanwezig, Present, Attendees). */
const PARTICIPANT_LIST = /^(?:deelnemers|aanwezig|aanwezigen|participants|present|attendees|sprekers|speakers)\s*:\s*(.+)$/i;

/** The parts mammoth reads for text; pictures and other media are not unpacked. */
const isXmlPart = (name: string): boolean => /\.(?:xml|rels)$/i.test(name);

/**
 * The Word file unpacked within the limits and packed again without compression, with only its
 * XML parts (media as empty parts), so mammoth (which unzips again and reads XML recursively)
 * does bounded work: bounded bytes, nesting and elements. Or why not.
 */
function boundedDocx(bytes: Uint8Array, locale: Locale, inflate?: Inflater): { ok: true; zip: Uint8Array; documentXml: string } | { ok: false; message: string } {
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
  const main = parts['word/document.xml'];
  return { ok: true, zip: zipSync(parts, { level: 0 }), documentXml: main ? decoder.decode(main) : '' };
}

/** A paragraph of the Word file: its text, a bold label it opens with, or a Markdown block already written. */
export interface WordParagraph {
  text: string;
  /** The bold words the paragraph opens with (`Anna:` or `Anna` before a `:`). */
  bold?: string;
  /** A heading, list item, table or note, written as Markdown: it ends the turn's paragraph. */
  block?: string;
}

/** The speaker of a bold label: `**Anna:**` or `**Anna**:`, and the words after it. */
function boldLabel(paragraph: WordParagraph): { speaker: string; text: string } | undefined {
  if (!paragraph.bold) return undefined;
  const bold = paragraph.bold.trim();
  const rest = paragraph.text.trimStart().slice(paragraph.bold.trimStart().length);
  const name = bold.endsWith(':') ? bold.slice(0, -1).trim() : rest.trimStart().startsWith(':') ? bold : '';
  if (!name || name.length > 60 || name.includes(':')) return undefined;
  return { speaker: name, text: bold.endsWith(':') ? rest : rest.trimStart().slice(1) };
}

/**
 * Reads the paragraphs of a transcript exported to Word into utterances. A `Name: words`
 * paragraph is a turn of Name only when Name is known: from the participant list, a bold label
 * or a header line, or because two paragraphs or more open with it; otherwise (`En ik zei toen:
 * …`) it is words.
 */
export function utterancesFromParagraphs(input: (string | WordParagraph)[]): Utterance[] {
  const paragraphs = input.map((p) => (typeof p === 'string' ? { text: p } : p));
  const known = new Set<string>();
  const opened = new Map<string, number>();
  for (const p of paragraphs) {
    if (p.block !== undefined) continue;
    const list = PARTICIPANT_LIST.exec(p.text.trim());
    if (list) for (const name of list[1]!.split(/[,;]|\s+(?:en|and|&)\s+/)) if (name.trim()) known.add(name.trim());
    const bold = boldLabel(p);
    if (bold) known.add(bold.speaker);
    const header = NAME_THEN_TIME.exec(p.text.trim()) ?? undefined;
    if (header) known.add(header[1]!.trim());
    const colon = NAME_COLON.exec(p.text.trim());
    if (colon) opened.set(colon[1]!.trim(), (opened.get(colon[1]!.trim()) ?? 0) + 1);
  }
  for (const [name, count] of opened) if (count >= 2) known.add(name);
  const out: Utterance[] = [];
  let speaker: string | undefined;
  let start: number | undefined;
  let pending = false; // a speaker line was read; its words follow
  for (const paragraph of paragraphs) {
    if (paragraph.block !== undefined) {
      out.push({ speaker, start, text: '', block: paragraph.block });
      pending = false;
      continue;
    }
    const line = paragraph.text.trim();
    if (!line) continue;
    const bold = boldLabel(paragraph);
    if (bold) {
      speaker = bold.speaker;
      out.push({ speaker, start, text: bold.text });
      pending = false;
      continue;
    }
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
    if (!pending && colon && known.has(colon[1]!.trim())) {
      out.push({ speaker: colon[1]!.trim(), start, text: colon[2]! });
      continue;
    }
    out.push({ speaker, start, text: line });
    pending = false;
  }
  return out;
}

/** The parts of mammoth's document model that Kader reads (mammoth/lib/documents.js). */
interface WordNode {
  type: string;
  children?: WordNode[];
  value?: string;
  styleName?: string | null;
  styleId?: string | null;
  numbering?: { level?: string | number; isOrdered?: boolean } | null;
  isBold?: boolean;
  commentId?: string;
  body?: WordNode[];
  authorName?: string;
}

const HEADING_STYLE = /^(?:heading|kop)\s*([1-6])$/i;

/** A node's words, and the bold words it opens with; with an explicit stack (the nesting is foreign input). */
function wordsOf(node: WordNode, comments?: string[]): { text: string; bold: string } {
  let text = '';
  let bold = '';
  let opening = true; // still in the bold words the paragraph opens with
  const stack: { node: WordNode; bold: boolean }[] = [{ node, bold: false }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node: n } = item;
    const isBold = item.bold || n.isBold === true;
    if (n.type === 'text' || n.type === 'tab' || n.type === 'break') {
      const words = n.type === 'text' ? (n.value ?? '') : ' ';
      text += words;
      if (opening && isBold) bold += words;
      else if (words.trim()) opening = false;
    }
    if (n.type === 'commentReference' && n.commentId !== undefined) comments?.push(n.commentId);
    for (let i = (n.children?.length ?? 0) - 1; i >= 0; i--) stack.push({ node: n.children![i]!, bold: isBold });
  }
  return { text, bold: bold.trim() ? bold : '' };
}

/** A table cell's words in a GFM table: on one line, escaped, `|` too. */
function cellText(cell: WordNode): string {
  return escapeText(wordsOf(cell).text, false).replace(/\|/g, '\\|');
}

/**
 * The Word document as paragraphs for utterancesFromParagraphs: headings, list items, tables and
 * comments as Markdown blocks with their words escaped, other paragraphs as text.
 */
function paragraphsOfDocument(document: WordNode, locale: Locale): WordParagraph[] {
  const t = localize(locale);
  const comments = new Map<string, WordNode>();
  for (const comment of (document as { comments?: WordNode[] }).comments ?? []) if (comment.commentId !== undefined) comments.set(comment.commentId, comment);
  const out: WordParagraph[] = [];
  const stack: WordNode[] = [...(document.children ?? [])].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'table') {
      const rows = (node.children ?? []).filter((r) => r.type === 'tableRow').map((r) => (r.children ?? []).filter((c) => c.type === 'tableCell').map(cellText));
      const width = Math.max(0, ...rows.map((r) => r.length));
      if (width === 0) continue;
      const line = (cells: string[]): string => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
      out.push({ text: '', block: [line(rows[0]!), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)].join('\n') });
      continue;
    }
    if (node.type !== 'paragraph') {
      for (let i = (node.children?.length ?? 0) - 1; i >= 0; i--) stack.push(node.children![i]!);
      continue;
    }
    const referenced: string[] = [];
    const { text, bold } = wordsOf(node, referenced);
    const style = HEADING_STYLE.exec(node.styleName ?? node.styleId ?? '') ?? (/^title$/i.test(node.styleName ?? '') ? [, '1'] : null);
    if (style && foldWhitespace(text)) out.push({ text: '', block: `${'#'.repeat(Number(style[1]))} ${escapeHeading(text)}` });
    else if (node.numbering && foldWhitespace(text)) {
      const level = Math.min(Math.max(Number(node.numbering.level) || 0, 0), 8);
      out.push({ text: '', block: `${'   '.repeat(level)}${node.numbering.isOrdered ? '1.' : '-'} ${escapeText(text, false)}` });
    } else out.push({ text, bold: bold || undefined });
    for (const id of referenced) {
      const comment = comments.get(id);
      const words = comment ? foldWhitespace((comment.body ?? []).map((b) => wordsOf(b).text).join(' ')) : '';
      if (!words) continue;
      const who = comment?.authorName ? foldWhitespace(comment.authorName) : '';
      const note = who ? t('Comment by {0}: {1}', who, words) : t('Comment: {0}', words);
      out.push({ text: '', block: `*${escapeText(note, false)}*` });
    }
  }
  return out;
}

/** Whether the document holds tracked changes (`<w:ins>` or `<w:del>`): mammoth reads them as accepted. */
function hasTrackedChanges(documentXml: string): boolean {
  return /<w:(?:ins|del|moveFrom|moveTo)\b/.test(documentXml);
}

/** `inflate`: how zip parts are unpacked within a limit (default fflate; see zip.ts). */
export async function importDocx(bytes: Uint8Array, options: ImportOptions = {}, inflate?: Inflater): Promise<ImportResult> {
  const locale = options.locale ?? 'en';
  const bounded = boundedDocx(bytes, locale, inflate);
  if (!bounded.ok) return bounded;
  let document: WordNode | undefined;
  try {
    // mammoth reads `buffer` in Node and `arrayBuffer` in its browser build; both take the bytes.
    // Its document model is taken as it is read; the HTML it makes of it is not used.
    const input = { buffer: bounded.zip, arrayBuffer: bounded.zip } as unknown as { buffer: Buffer };
    await mammoth.convertToHtml(input, {
      transformDocument: (read: WordNode) => {
        document = read;
        return { type: 'document', children: [] };
      },
    });
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0]!;
    return { ok: false, message: localize(locale)('This Word file cannot be read ({0}).', printable(detail)) };
  }
  if (!document) return { ok: false, message: localize(locale)('This Word file cannot be read ({0}).', 'document') };
  const paragraphs = paragraphsOfDocument(document, locale);
  if (paragraphs.reduce((n, p) => n + p.text.length + (p.block?.length ?? 0), 0) > IMPORT_LIMITS.textChars) return { ok: false, message: tooMuchText('docx', locale) };
  const result = writeTranscript(utterancesFromParagraphs(paragraphs), options, 'docx');
  if (result.ok && hasTrackedChanges(bounded.documentXml)) {
    result.notes = [localize(locale)('The Word file has tracked changes: they were imported as accepted (insertions kept, deletions left out).')];
  }
  return result;
}
