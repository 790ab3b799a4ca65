// The key: a YAML file, kept outside the repository, that maps real names to pseudonyms.
//
// The simple form is one line per person:
//
//     Anna de Vries: Deelnemer 1
//     Noor Bakker: Deelnemer 2
//
// An entry may also be a mapping, for places and organisations and for the other ways a name is
// written:
//
//     Jan van der Berg:
//       pseudonym: Deelnemer 3
//       kind: participant          # participant (the default), place or organisation
//       variants: [Jantje, J.v.d. Berg]
//     Buurthuis De Linde: { pseudonym: Organisatie 1, kind: organisation }
//
// Every name is found in all its forms (privacy/nameForms.ts); a variant is found as written (in
// any case) and replaced by the entry's pseudonym. Bad input gives errors with 1-based line
// numbers, never an exception: invalid YAML, a key that is not a mapping, an empty name, a name
// or pseudonym that is not text, a name given twice (a duplicate when the pseudonym is the same,
// contradictory when not), a pseudonym given to two names, a pseudonym that is itself a name of
// the key (or a form of one: a first name, a surname), an unknown kind or field, variants that are not a list of text.

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { MAX_FRONT_MATTER_DEPTH, nestingBeyond } from '../parse';
import type { Locale } from '../types';
import { foldedWords } from './fold';
import { nameForms } from './nameForms';

export type EntryKind = 'participant' | 'place' | 'organisation';

export interface KeyEntry {
  name: string;
  pseudonym: string;
  kind: EntryKind;
  variants: string[];
  /** The entry's line in the key file (1-based). */
  line: number;
}

export interface Key {
  entries: KeyEntry[];
}

export type KeyProblem =
  | 'syntax'
  | 'not-mapping'
  | 'too-deep'
  | 'empty-name'
  | 'not-string'
  | 'empty-pseudonym'
  | 'duplicate'
  | 'contradictory'
  | 'shared-pseudonym'
  | 'pseudonym-is-name'
  | 'unknown-kind'
  | 'unknown-field'
  | 'bad-variants';

/** A problem in a key file; `args` fill its message (keyErrorMessage). */
export interface KeyError {
  problem: KeyProblem;
  line: number;
  args: Record<string, string>;
}

const KINDS: readonly EntryKind[] = ['participant', 'place', 'organisation'];

/** The comparison form of a name: folded words joined by one space. */
export const nameKey = (name: string): string => foldedWords(name).join(' ');

/** Reads a key file. The key holds the good entries; a caller writes nothing while `errors` is not empty. */
export function parseKey(source: string): { key: Key; errors: KeyError[] } {
  const errors: KeyError[] = [];
  const lines = new LineCounter();
  const lineAt = (offset: number | undefined): number => (offset === undefined ? 1 : lines.linePos(offset).line);
  const deep = nestingBeyond(source, MAX_FRONT_MATTER_DEPTH);
  if (deep !== undefined) {
    // Counted here too: the library's composer would recurse too deeply.
    const line = source.slice(0, deep).split(/\r\n|\r|\n/).length;
    return { key: { entries: [] }, errors: [{ problem: 'too-deep', line, args: { limit: String(MAX_FRONT_MATTER_DEPTH) } }] };
  }
  let doc;
  try {
    doc = parseDocument(source, { uniqueKeys: false, prettyErrors: false, lineCounter: lines });
  } catch {
    return { key: { entries: [] }, errors: [{ problem: 'too-deep', line: 1, args: { limit: String(MAX_FRONT_MATTER_DEPTH) } }] };
  }
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    return { key: { entries: [] }, errors: [{ problem: 'syntax', line: lineAt(error.pos[0]), args: { detail: error.message.split('\n')[0]! } }] };
  }
  if (doc.contents === null) return { key: { entries: [] }, errors: [] };
  if (!isMap(doc.contents)) return { key: { entries: [] }, errors: [{ problem: 'not-mapping', line: lineAt(doc.contents.range?.[0]), args: {} }] };

  const entries: KeyEntry[] = [];
  for (const pair of doc.contents.items as Pair<YamlNode | null, YamlNode | null>[]) {
    const line = lineAt(pair.key?.range?.[0] ?? pair.value?.range?.[0]);
    const entry = readEntry(pair, line, errors);
    if (entry) entries.push(entry);
  }
  return { key: { entries: checkTogether(entries, errors) }, errors: errors.sort((a, b) => a.line - b.line) };
}

function stringOf(node: YamlNode | null | undefined): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value.trim() : undefined;
}

function readEntry(pair: Pair<YamlNode | null, YamlNode | null>, line: number, errors: KeyError[]): KeyEntry | undefined {
  const keyNode = pair.key;
  if (keyNode === null || (isScalar(keyNode) && (keyNode.value === null || String(keyNode.value).trim() === ''))) {
    errors.push({ problem: 'empty-name', line, args: {} });
    return undefined;
  }
  const name = stringOf(keyNode);
  if (name === undefined || nameKey(name) === '') {
    errors.push({ problem: name === undefined ? 'not-string' : 'empty-name', line, args: { text: String(isScalar(keyNode) ? keyNode.value : keyNode) } });
    return undefined;
  }
  const value = pair.value;
  let pseudonym: string | undefined;
  let kind: EntryKind = 'participant';
  let variants: string[] = [];
  if (isMap(value)) {
    for (const field of value.items as Pair<YamlNode | null, YamlNode | null>[]) {
      const fieldName = stringOf(field.key);
      if (fieldName === 'pseudonym') {
        if (isScalar(field.value) && field.value.value !== null && typeof field.value.value !== 'string') {
          errors.push({ problem: 'not-string', line, args: { text: String(field.value.value) } });
          return undefined;
        }
        pseudonym = stringOf(field.value);
      } else if (fieldName === 'kind') {
        const k = stringOf(field.value);
        if (!KINDS.includes(k as EntryKind)) {
          errors.push({ problem: 'unknown-kind', line, args: { name, kind: String(k ?? (isScalar(field.value) ? field.value.value : '')) } });
          return undefined;
        }
        kind = k as EntryKind;
      } else if (fieldName === 'variants') {
        const list = isSeq(field.value) ? field.value.items.map((v) => stringOf(v as YamlNode)) : undefined;
        if (!list || list.some((v) => v === undefined || nameKey(v) === '')) {
          errors.push({ problem: 'bad-variants', line, args: { name } });
          return undefined;
        }
        variants = list as string[];
      } else {
        errors.push({ problem: 'unknown-field', line, args: { name, field: String(fieldName ?? '') } });
        return undefined;
      }
    }
  } else if (value !== null && !(isScalar(value) && value.value === null)) {
    if (!isScalar(value) || typeof value.value !== 'string') {
      errors.push({ problem: 'not-string', line, args: { text: isScalar(value) ? String(value.value) : name } });
      return undefined;
    }
    pseudonym = value.value.trim();
  }
  if (!pseudonym || nameKey(pseudonym) === '') {
    errors.push({ problem: 'empty-pseudonym', line, args: { name } });
    return undefined;
  }
  return { name, pseudonym, kind, variants, line };
}

/** Duplicates and contradictions between entries: the first of a clash is kept. */
function checkTogether(entries: KeyEntry[], errors: KeyError[]): KeyEntry[] {
  const byName = new Map<string, KeyEntry>();
  const byPseudonym = new Map<string, KeyEntry>();
  const kept: KeyEntry[] = [];
  for (const entry of entries) {
    const names = [entry.name, ...entry.variants].map(nameKey);
    const clash = names.map((n) => byName.get(n)).find((e) => e !== undefined);
    if (clash) {
      const same = nameKey(clash.pseudonym) === nameKey(entry.pseudonym);
      errors.push({
        problem: same ? 'duplicate' : 'contradictory',
        line: entry.line,
        args: { name: entry.name, first: String(clash.line), pseudonym: entry.pseudonym, other: clash.pseudonym },
      });
      continue;
    }
    const shared = byPseudonym.get(nameKey(entry.pseudonym));
    if (shared) {
      errors.push({ problem: 'shared-pseudonym', line: entry.line, args: { name: entry.name, pseudonym: entry.pseudonym, other: shared.name, first: String(shared.line) } });
      continue;
    }
    for (const n of names) byName.set(n, entry);
    byPseudonym.set(nameKey(entry.pseudonym), entry);
    kept.push(entry);
  }
  // A pseudonym may not be any form of a real name either: `Noor` for one person while `Noor Bakker`
  // is another would hide her first name (pseudonyms are never findings) and be reidentified wrongly.
  const forms = new Map<string, KeyEntry>();
  for (const entry of kept) {
    for (const name of [entry.name, ...entry.variants]) for (const { words } of nameForms(name)) if (!forms.has(words.join(' '))) forms.set(words.join(' '), entry);
  }
  const good: KeyEntry[] = [];
  for (const entry of kept) {
    const real = forms.get(nameKey(entry.pseudonym));
    if (real) errors.push({ problem: 'pseudonym-is-name', line: entry.line, args: { name: entry.name, pseudonym: entry.pseudonym, other: real.name, first: String(real.line) } });
    else good.push(entry);
  }
  return good;
}

const STEMS: Record<EntryKind, Record<Locale, string>> = {
  participant: { nl: 'Deelnemer', en: 'Participant' },
  place: { nl: 'Plaats', en: 'Place' },
  organisation: { nl: 'Organisatie', en: 'Organisation' },
};

/**
 * The pseudonym to propose for a new entry of `kind`: `Deelnemer N` (`Participant N`, `Plaats N`,
 * `Organisatie N`…), one more than the highest number already given to that kind in either language,
 * so a number is never given twice, not even after an entry was removed.
 */
export function nextPseudonym(key: Key, kind: EntryKind, locale: Locale): string {
  const stems = Object.values(STEMS[kind]).map((s) => s.toLowerCase());
  let highest = 0;
  for (const entry of key.entries) {
    const m = /^(\p{L}+)\s+(\d+)$/u.exec(entry.pseudonym.trim());
    if (m && stems.includes(m[1]!.toLowerCase())) highest = Math.max(highest, Number(m[2]));
  }
  return `${STEMS[kind][locale]} ${highest + 1}`;
}
