// Import of a REFI-QDA codebook (`.qdc`) into a Kader `codebook.md`: names, hierarchy, colours
// and descriptions. Code ids are made from the names (lower case, words joined by `-`).

import { XMLParser } from 'fast-xml-parser';
import { isCodePath } from '../../codes';
import { localize } from '../../l10n';
import type { Locale } from '../../types';
import { escapeAttributeValue, escapeHeading, escapeText, foldWhitespace, printable } from './escape';
import { IMPORT_LIMITS, tooDeep, tooManyElements, tooMuchText, xmlShape } from './importLimits';

interface QdcCode {
  name?: unknown;
  color?: unknown;
  Description?: unknown;
  Code?: QdcCode[];
}

/** The text of a parsed value (`#text` of an element with attributes). */
function textValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object' && '#text' in value) return textValue((value as { '#text': unknown })['#text']);
  return '';
}

export type CodebookImport = { ok: true; markdown: string; codes: number } | { ok: false; message: string };

/** A declared entity: REFI-QDA needs none, and expanding them is how XML bombs work. */
const ENTITY_DECLARATION = /<!ENTITY/i;

/**
 * A description as codebook Markdown: its paragraphs (split at blank lines) each folded to one
 * line and escaped, so every line reads as text and none as a heading, fence or attribute block.
 */
function descriptionMarkdown(description: string): string[] {
  return description
    .split(/\r?\n[ \t]*\r?\n|\r[ \t]*\r/)
    .map((paragraph) => escapeText(paragraph))
    .filter((paragraph) => paragraph !== '');
}

/**
 * A code's colour as the codebook writes it (`#RGB` or `#RRGGBB`), from `#RGB`, `#RRGGBB` or
 * `#AARRGGBB` (alpha first, as some programs write it; the alpha is left out); else none.
 */
function colourOf(value: string): string | undefined {
  const colour = value.trim();
  if (/^#(?:[0-9a-fA-F]{3}){1,2}$/.test(colour)) return colour;
  if (/^#[0-9a-fA-F]{8}$/.test(colour)) return `#${colour.slice(3)}`;
  return undefined;
}

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
  if (xml.length > IMPORT_LIMITS.textChars) return { ok: false, message: tooMuchText('qdc', locale) };
  if (ENTITY_DECLARATION.test(xml)) return { ok: false, message: localize(locale)('This codebook declares its own XML entities (<!ENTITY …>), which Kader does not read. Export the codebook again without them.') };
  const shape = xmlShape(xml, IMPORT_LIMITS);
  if (shape.problem) return { ok: false, message: shape.problem === 'depth' ? tooDeep('qdc', locale) : tooManyElements('qdc', locale) };
  let parsed: { CodeBook?: { Codes?: { Code?: QdcCode[] } } };
  try {
    parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      removeNSPrefix: true,
      isArray: (name) => name === 'Code',
      // Text stays text: `1.` or `+1` in a description is not the number 1.
      parseTagValue: false,
      parseAttributeValue: false,
      // XML's own entities and character references (the parser reads these under htmlEntities,
      // with a fixed table of HTML names); declared entities are refused above.
      htmlEntities: true,
      processEntities: { enabled: true, maxEntityCount: 0, maxEntitySize: 0, maxTotalExpansions: IMPORT_LIMITS.textChars, maxExpandedLength: IMPORT_LIMITS.textChars },
      maxNestedTags: IMPORT_LIMITS.depth,
    }).parse(xml, true);
  } catch (error) {
    return { ok: false, message: localize(locale)('This file is not valid XML: {0}', printable((error as Error).message.split('\n')[0]!)) };
  }
  const roots = parsed.CodeBook?.Codes?.Code;
  if (!Array.isArray(roots)) return { ok: false, message: localize(locale)('This is not a REFI-QDA codebook: it has no <CodeBook> with <Codes>.') };
  const lines: string[] = [];
  // JSON's string is a YAML double-quoted scalar on one line.
  if (title) lines.push('---', `title: ${JSON.stringify(foldWhitespace(title))}`, '---', '');
  let count = 0;
  const taken = new Set<string>();
  // Depth first, in document order, with an explicit stack: the nesting is foreign input.
  const stack: { code: QdcCode; parent: string | undefined; depth: number }[] = roots.map((code) => ({ code, parent: undefined, depth: 1 })).reverse();
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { code, parent, depth } = item;
    const name = foldWhitespace(textValue(code.name)) || 'code';
    let path = parent ? `${parent}/${segmentOf(name)}` : segmentOf(name);
    for (let n = 2; taken.has(path) || !isCodePath(path); n++) path = `${parent ? `${parent}/` : ''}${segmentOf(name)}-${n}`;
    taken.add(path);
    count++;
    const colour = colourOf(textValue(code.color));
    const color = colour ? ` color="${escapeAttributeValue(colour)}"` : '';
    lines.push(`${'#'.repeat(Math.min(depth, 6))} ${escapeHeading(name)} {#${path}${color}}`, '');
    for (const paragraph of descriptionMarkdown(textValue(code.Description))) lines.push(paragraph, '');
    const children = Array.isArray(code.Code) ? code.Code : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ code: children[i]!, parent: path, depth: depth + 1 });
  }
  const markdown = lines.join('\n');
  if (markdown.length > IMPORT_LIMITS.textChars) return { ok: false, message: tooMuchText('qdc', locale) };
  return { ok: true, markdown, codes: count };
}
