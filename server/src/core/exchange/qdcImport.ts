// Import of a REFI-QDA codebook (`.qdc`) into a Kader `codebook.md`: names, hierarchy, colours
// and descriptions. Code ids are made from the names (lower case, words joined by `-`).

import { XMLParser } from 'fast-xml-parser';
import { isCodePath } from '../codes';
import type { Locale } from '../types';

interface QdcCode {
  name?: string;
  color?: string;
  Description?: string;
  Code?: QdcCode[];
}

export type CodebookImport = { ok: true; markdown: string; codes: number } | { ok: false; message: string };

const PROBLEMS = {
  notQdc: { en: 'This is not a REFI-QDA codebook: it has no <CodeBook> with <Codes>.', nl: 'Dit is geen REFI-QDA-codeboek: er is geen <CodeBook> met <Codes>.' },
  xml: { en: (d: string) => `This file is not valid XML: ${d}`, nl: (d: string) => `Dit bestand is geen geldige XML: ${d}` },
} as const;

/** A code path segment from a display name: `Space & place` → `space-place`. */
export function segmentOf(name: string): string {
  const segment = name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/-+/g, '-')
    .replace(/^[-_]+|-+$/g, '');
  return segment || 'code';
}

export function importQdc(xml: string, locale: Locale = 'en', title?: string): CodebookImport {
  let parsed: { CodeBook?: { Codes?: { Code?: QdcCode[] } } };
  try {
    parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      removeNSPrefix: true,
      isArray: (name) => name === 'Code',
      processEntities: true,
    }).parse(xml, true);
  } catch (error) {
    return { ok: false, message: PROBLEMS.xml[locale]((error as Error).message.split('\n')[0]!) };
  }
  const roots = parsed.CodeBook?.Codes?.Code;
  if (!roots) return { ok: false, message: PROBLEMS.notQdc[locale] };
  const lines: string[] = [];
  if (title) lines.push('---', `title: ${JSON.stringify(title)}`, '---', '');
  let count = 0;
  const taken = new Set<string>();
  const walk = (codes: QdcCode[], parent: string | undefined, depth: number): void => {
    for (const code of codes) {
      const name = (code.name ?? '').replace(/\s+/g, ' ').trim() || 'code';
      let path = parent ? `${parent}/${segmentOf(name)}` : segmentOf(name);
      for (let n = 2; taken.has(path) || !isCodePath(path); n++) path = `${parent ? `${parent}/` : ''}${segmentOf(name)}-${n}`;
      taken.add(path);
      count++;
      const color = code.color && /^#(?:[0-9a-fA-F]{3}){1,2}$/.test(code.color) ? ` color="${code.color}"` : '';
      lines.push(`${'#'.repeat(Math.min(depth, 6))} ${name.replace(/[{}]/g, '')} {#${path}${color}}`, '');
      const description = typeof code.Description === 'string' ? code.Description.trim() : '';
      if (description) lines.push(description, '');
      walk(code.Code ?? [], path, depth + 1);
    }
  };
  walk(roots, undefined, 1);
  return { ok: true, markdown: lines.join('\n'), codes: count };
}
