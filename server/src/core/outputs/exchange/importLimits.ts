// What an import may expand to. A small file must not become an unbounded amount of work: a Word
// file is a zip (98 kB can unpack to 100 MB), XML and cue text can nest without end. Each limit
// is checked before the work it bounds, and a refusal says which limit, in the researcher's words.

import { localize, type Translate } from '../../l10n';
import type { Locale } from '../../types';
import { formatNumber } from '../../numbers';

const MB = 1024 * 1024;

export const IMPORT_LIMITS = {
  /** Parts in a zip (a Word file has a few dozen). */
  zipEntries: 5000,
  /** Bytes unpacked from a zip, all parts together. */
  unpackedBytes: 50 * MB,
  /** Characters of text read (a .vtt or .qdc file, the text of a Word file) and of the Markdown written. */
  textChars: 20 * MB,
  /** Elements inside elements: XML, and tags in a WebVTT cue. */
  depth: 256,
  /**
   * XML elements, all parts together. mammoth takes some 33 µs and 1.7 kB per element (8 MB of
   * one-word paragraphs: 22 s, 1.2 GB); a long Teams transcript has a few tens of thousands.
   */
  elements: 200_000,
} as const;

export type ImportKind = 'docx' | 'vtt' | 'qdc' | 'qdpx' | 'transcript';

/** "This Word file" and the like: the subject of every limit's message. */
function subject(kind: ImportKind, t: Translate): string {
  switch (kind) {
    case 'docx':
      return t('This Word file');
    case 'vtt':
      return t('This WebVTT file');
    case 'qdc':
      return t('This codebook');
    case 'qdpx':
      return t('This project');
    case 'transcript':
      return t('This file');
  }
}

const mb = (bytes: number): number => Math.round(bytes / MB);

export function tooMuchText(kind: ImportKind, locale: Locale): string {
  const t = localize(locale);
  return t('{0} holds more than {1} MB of text; Kader imports up to {1} MB.', subject(kind, t), mb(IMPORT_LIMITS.textChars));
}

export function tooLargeUnpacked(kind: ImportKind, locale: Locale): string {
  const t = localize(locale);
  return t('{0} unpacks to more than {1} MB; Kader does not import it.', subject(kind, t), mb(IMPORT_LIMITS.unpackedBytes));
}

export function tooManyParts(kind: ImportKind, locale: Locale): string {
  const t = localize(locale);
  return t('{0} holds more than {1} parts; Kader does not import it.', subject(kind, t), IMPORT_LIMITS.zipEntries);
}

export function tooDeep(kind: ImportKind, locale: Locale): string {
  const t = localize(locale);
  return t('{0} nests elements more than {1} levels deep; Kader does not import it.', subject(kind, t), IMPORT_LIMITS.depth);
}

export function tooManyElements(kind: ImportKind, locale: Locale): string {
  const t = localize(locale);
  return t('{0} holds more than {1} XML elements; Kader does not import it.', subject(kind, t), formatNumber(IMPORT_LIMITS.elements, locale));
}

/**
 * What is wrong with the shape of the XML in `text`, if anything: elements nested deeper than
 * `limits.depth`, or more than `limits.elements` of them (counted on from `counted`, for several
 * parts). One pass, no tree: a start tag goes one level down (unless `/>`), an end tag one up;
 * comments, CDATA, processing instructions and declarations are skipped. It may overcount
 * malformed XML, never undercount well-formed XML.
 */
export function xmlShape(text: string, limits: { depth: number; elements: number }, counted = 0): { problem?: 'depth' | 'elements'; elements: number } {
  let depth = 0;
  let elements = counted;
  let i = text.indexOf('<');
  while (i !== -1 && i < text.length) {
    const next = text[i + 1];
    if (next === '/') {
      if (depth > 0) depth--;
      i = text.indexOf('>', i);
    } else if (next === '!' || next === '?') {
      const close = text.startsWith('<!--', i) ? '-->' : text.startsWith('<![CDATA[', i) ? ']]>' : next === '?' ? '?>' : '>';
      const end = text.indexOf(close, i + 2);
      i = end === -1 ? -1 : end + close.length - 1;
    } else {
      let j = i + 1;
      let quote: string | undefined;
      for (; j < text.length; j++) {
        const c = text[j];
        if (quote) {
          if (c === quote) quote = undefined;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
      }
      if (++elements > limits.elements) return { problem: 'elements', elements };
      if (text[j - 1] !== '/' && ++depth > limits.depth) return { problem: 'depth', elements };
      i = j;
    }
    if (i === -1) break;
    i = text.indexOf('<', i + 1);
  }
  return { elements };
}
