// Import of a REFI-QDA codebook (`.qdc`) into a Kader `codebook.md`: names, hierarchy, colours
// and descriptions. A code keeps the Kader id its description carries (kaderIds.ts: a codebook
// Kader exported); other ids are made from the names (lower case, words joined by `-`).

import { XMLParser } from 'fast-xml-parser';
import { isCodePath, parentOf } from '../../codes';
import { localize } from '../../l10n';
import type { Locale } from '../../types';
import { escapeAttributeValue, escapeHeading, escapeText, foldWhitespace, printable } from './escape';
import { isPlainParagraph } from '../../parse';
import { readKaderId } from './kaderIds';
import { IMPORT_LIMITS, tooDeep, tooManyElements, tooMuchText, xmlShape } from './importLimits';

export interface QdcCode {
  guid?: unknown;
  name?: unknown;
  color?: unknown;
  Description?: unknown;
  Code?: QdcCode[];
}

/** The text of a parsed value (`#text` of an element with attributes). */
export function textValue(value: unknown): string {
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
 * A description Kader exported is Markdown already: its plain paragraphs stay as written.
 */
function descriptionMarkdown(description: string, fromKader: boolean): string[] {
  return description
    .split(/\r?\n[ \t]*\r?\n|\r[ \t]*\r/)
    .map((paragraph) => (fromKader && isPlainParagraph(foldWhitespace(paragraph)) ? foldWhitespace(paragraph) : escapeText(paragraph)))
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

export type RefiXml<T> = { ok: true; parsed: T } | { ok: false; message: string };

/**
 * Parses REFI-QDA XML (a `.qdc`, or the `project.qde` of a `.qdpx`, `kind`) within the import
 * limits: no declared entities, no deeper nesting or more elements than allowed; attributes
 * without prefix, namespaces removed, text kept as text; elements named in `arrays` always lists.
 */
export function readRefiXml<T>(xml: string, kind: 'qdc' | 'qdpx', locale: Locale, arrays: ReadonlySet<string>): RefiXml<T> {
  if (xml.length > IMPORT_LIMITS.textChars) return { ok: false, message: tooMuchText(kind, locale) };
  if (ENTITY_DECLARATION.test(xml)) {
    const t = localize(locale);
    return { ok: false, message: kind === 'qdc' ? t('This codebook declares its own XML entities (<!ENTITY …>), which Kader does not read. Export the codebook again without them.') : t('This project declares its own XML entities (<!ENTITY …>), which Kader does not read. Export the project again without them.') };
  }
  const shape = xmlShape(xml, IMPORT_LIMITS);
  if (shape.problem) return { ok: false, message: shape.problem === 'depth' ? tooDeep(kind, locale) : tooManyElements(kind, locale) };
  try {
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      removeNSPrefix: true,
      isArray: (name) => arrays.has(name),
      // Text stays text: `1.` or `+1` in a description is not the number 1.
      parseTagValue: false,
      parseAttributeValue: false,
      // Text keeps its white space: a note or a description is read as written.
      trimValues: false,
      // XML's own entities and character references (the parser reads these under htmlEntities,
      // with a fixed table of HTML names); declared entities are refused above.
      htmlEntities: true,
      processEntities: { enabled: true, maxEntityCount: 0, maxEntitySize: 0, maxTotalExpansions: IMPORT_LIMITS.textChars, maxExpandedLength: IMPORT_LIMITS.textChars },
      maxNestedTags: IMPORT_LIMITS.depth,
    }).parse(xml, true) as T;
    return { ok: true, parsed };
  } catch (error) {
    return { ok: false, message: localize(locale)('This file is not valid XML: {0}', printable((error as Error).message.split('\n')[0]!)) };
  }
}

export function importQdc(xml: string, locale: Locale = 'en', title?: string): CodebookImport {
  const read = readRefiXml<{ CodeBook?: { Codes?: { Code?: QdcCode[] } } }>(xml, 'qdc', locale, new Set(['Code']));
  if (!read.ok) return read;
  const roots = read.parsed.CodeBook?.Codes?.Code;
  if (!Array.isArray(roots)) return { ok: false, message: localize(locale)('This is not a REFI-QDA codebook: it has no <CodeBook> with <Codes>.') };
  const codebook = codebookMarkdown(roots, locale, title);
  return codebook.ok ? { ok: true, markdown: codebook.markdown, codes: codebook.codes } : codebook;
}

/** Words YAML reads as something other than text. */
const YAML_WORD = /^(?:true|false|yes|no|null|on|off|y|n)$/i;

/** A title as a YAML scalar: as it is when it is words (letters, digits, spaces), else double-quoted (JSON's string is one, on one line). */
function yamlTitle(title: string): string {
  return /^\p{L}[\p{L}\p{N} ]*$/u.test(title) && !YAML_WORD.test(title) ? title : JSON.stringify(title);
}

/**
 * The codebook Markdown of REFI-QDA `<Code>` trees (of a `.qdc` or a project), and the code path
 * made for each code's `guid` (`paths`).
 */
export function codebookMarkdown(roots: QdcCode[], locale: Locale, title?: string, front: readonly string[] = []): CodebookImport & { paths?: Map<string, string> } {
  const lines: string[] = [];
  if (title || front.length > 0) lines.push('---', ...(title ? [`title: ${yamlTitle(foldWhitespace(title))}`] : []), ...front, '---', '');
  let count = 0;
  const taken = new Set<string>();
  const paths = new Map<string, string>();
  // Depth first, in document order, with an explicit stack: the nesting is foreign input.
  const stack: { code: QdcCode; parent: string | undefined; depth: number }[] = roots.map((code) => ({ code, parent: undefined, depth: 1 })).reverse();
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { code, parent, depth } = item;
    const name = foldWhitespace(textValue(code.name)) || 'code';
    const carried = readKaderId(textValue(code.Description));
    // The carried id's last segment, under the parent the code has now (another tool may have moved it).
    const segment = carried.id ? carried.id.slice(carried.id.lastIndexOf('/') + 1) : segmentOf(name);
    let path = carried.id && parentOf(carried.id) === parent ? carried.id : parent ? `${parent}/${segment}` : segment;
    for (let n = 2; taken.has(path) || !isCodePath(path); n++) path = `${parent ? `${parent}/` : ''}${segment}-${n}`;
    taken.add(path);
    const guid = textValue(code.guid);
    if (guid) paths.set(guid.toUpperCase(), path);
    count++;
    const colour = colourOf(textValue(code.color));
    const color = colour ? ` color="${escapeAttributeValue(colour)}"` : '';
    lines.push(`${'#'.repeat(Math.min(depth, 6))} ${escapeHeading(name)} {#${path}${color}}`, '');
    for (const paragraph of descriptionMarkdown(carried.description, carried.id !== undefined)) lines.push(paragraph, '');
    const children = Array.isArray(code.Code) ? code.Code : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ code: children[i]!, parent: path, depth: depth + 1 });
  }
  const markdown = lines.join('\n');
  if (markdown.length > IMPORT_LIMITS.textChars) return { ok: false, message: tooMuchText('qdc', locale) };
  return { ok: true, markdown, codes: count, paths };
}
