// Finding personal data in a transcript (issue #14): the names of participants and of the key's
// entries in all their forms, e-mail addresses, phone numbers, BSN, IBAN, postcodes and street
// addresses (certain), and capitalised words after a title, capitalised words in mid-sentence
// and dates of birth (likely). Only text is searched (privacy/regions.ts): never codes, attribute
// keys or front-matter keys, but memos and front-matter values are. All names are found in one
// pass with one matcher, however many the key holds.

import { LineIndex, stripBom } from '../parse';
import type { Span, Transcript } from '../types';
import type { PrivacyFinding, PrivacyLevel } from './findings';
import { foldedWords, foldWord, isTitleCase } from './fold';
import type { EntryKind, Key } from './key';
import { nameKey } from './key';
import { knownWords } from './knownWords';
import { matchNames, NameTrie, type MatcherEntry } from './nameMatcher';
import { isRoleLabel, nameForms, type NameForm } from './nameForms';
import { longestFirst, overlapsAny, regionIndexOf } from './overlaps';
import { findAddresses, findBirthDates, findBsns, findEmails, findIbans, findPhones, findPostcodes, findTitleNames, type RawFinding } from './patterns';
import { textRegions, type TextRegion } from './regions';

export interface DetectOptions {
  /** The key: its names (and variants) are found, its pseudonyms never are. */
  key?: Key;
  /** Words and names that are never findings (the project's allow-list). */
  allowList?: readonly string[];
}

/** What a name in the matcher stands for; `person` undefined for words that are not findings. */
export interface NameValue {
  person?: { name: string; form: NameForm | 'variant'; pseudonym?: string; kind: EntryKind };
}

/**
 * What detection needs of the key and the allow-list, built once: a trie of the key's names and
 * of the words that are never findings (pseudonyms, the allow-list), and the known words.
 */
export interface PreparedDetection {
  readonly names: NameTrie<NameValue>;
  readonly known: ReadonlySet<string>;
  readonly allowed: ReadonlySet<string>;
}

function personEntries(name: string, pseudonym: string | undefined, kind: EntryKind): MatcherEntry<NameValue>[] {
  return nameForms(name).map(({ form, words }) => ({ words, full: form === 'full', value: { person: { name, form, pseudonym, kind } } }));
}

const notFinding = (words: string[]): MatcherEntry<NameValue> => ({ words, full: true, value: {} });

export function prepareDetection(options: DetectOptions = {}): PreparedDetection {
  const entries: MatcherEntry<NameValue>[] = [];
  const known = knownWords();
  for (const entry of options.key?.entries ?? []) {
    for (const e of personEntries(entry.name, entry.pseudonym, entry.kind)) entries.push(e);
    for (const variant of entry.variants) {
      entries.push({ words: foldedWords(variant), full: true, value: { person: { name: entry.name, form: 'variant', pseudonym: entry.pseudonym, kind: entry.kind } } });
    }
    const pseudonym = foldedWords(entry.pseudonym);
    entries.push(notFinding(pseudonym));
    for (const w of pseudonym) known.add(w);
  }
  for (const word of options.allowList ?? []) {
    const words = foldedWords(word);
    entries.push(notFinding(words));
    for (const w of words) known.add(w);
  }
  return { names: new NameTrie(entries), known, allowed: new Set((options.allowList ?? []).map(nameKey)) };
}

/**
 * The names a document gives itself, in one order for the whole document and for any part of it:
 * its participants as listed, then its other speakers in alphabetical order.
 */
export function documentNameList(participants: readonly string[], speakers: Iterable<string>): string[] {
  const listed = new Set(participants);
  const others = [...new Set(speakers)].filter((s) => !listed.has(s)).sort();
  return [...listed, ...others];
}

/** The names of a model: its participants and the speakers of its turns. */
export function namesOf(model: Transcript): string[] {
  return documentNameList(model.frontMatter.participants, model.turns.map((t) => t.speaker));
}

/**
 * What detection needs of a document's own names, built once per list of names: a trie of them
 * (roles and labels are no finding) and the known words with the roles' words added.
 */
export interface DocumentNames {
  readonly trie: NameTrie<NameValue>;
  readonly known: ReadonlySet<string>;
}

export function prepareNames(prepared: PreparedDetection, names: readonly string[]): DocumentNames {
  const known = new Set(prepared.known);
  const entries: MatcherEntry<NameValue>[] = [];
  for (const speaker of names) {
    if (isRoleLabel(speaker)) {
      const words = foldedWords(speaker);
      entries.push(notFinding(words));
      for (const w of words) known.add(w);
    } else for (const e of personEntries(speaker, undefined, 'participant')) entries.push(e);
  }
  return { trie: new NameTrie(entries), known };
}

/** One finding from the values of a name match: a word that is no finding wins; a pseudonym only when all agree. */
function nameArgs(values: NameValue[]): Record<string, string> | undefined {
  const first = values[0]!.person;
  if (!first) return undefined;
  if (values.length === 1) {
    const args: Record<string, string> = { name: first.name, form: first.form, kind: first.kind };
    if (first.pseudonym !== undefined) args['pseudonym'] = first.pseudonym;
    return args;
  }
  if (values.some((v) => !v.person)) return undefined;
  const people = values.map((v) => v.person!);
  const named = people.find((p) => p.pseudonym) ?? first;
  const args: Record<string, string> = { name: named.name, form: named.form, kind: named.kind };
  const pseudonyms = new Set(people.flatMap((p) => (p.pseudonym ? [p.pseudonym] : [])));
  if (pseudonyms.size === 1) args['pseudonym'] = [...pseudonyms][0]!;
  // The same name from the key and from the participants is one person; two names are two.
  const names = new Set(people.map((p) => nameKey(p.name)));
  if (names.size > 1) args['ambiguous'] = [...new Set(people.map((p) => p.name))].join(', ');
  return args;
}

/** A capitalised word (`Pieter`, `Noord-Holland`); a possessive ending is not part of it. */
const CAPITALISED = /\p{Lu}[\p{Ll}\p{M}]+(?:-\p{L}[\p{Ll}\p{M}]*)*(?![\p{L}\p{M}\p{N}])/gu;
const MID_SENTENCE_BEFORE = /[\p{Ll}\p{N},;]/u;

/** Whether the word at `start` follows a small letter, digit or comma in the same sentence (one line break at most). */
const WORD_PART = /[\p{L}\p{M}\p{N}'’-]/u;

function inMidSentence(text: string, start: number): boolean {
  let i = start - 1;
  if (WORD_PART.test(text[i] ?? '')) return false; // inside a word
  while (text[i] === ' ' || text[i] === '\t') i--;
  if (text[i] === '\n') i--;
  if (text[i] === '\r') i--;
  while (text[i] === ' ' || text[i] === '\t') i--;
  return i >= 0 && MID_SENTENCE_BEFORE.test(text[i]!);
}

function findCapitalised(text: string, known: ReadonlySet<string>): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const m of text.matchAll(CAPITALISED)) {
    const word = m[0];
    if (!inMidSentence(text, m.index) || !isTitleCase(word) || known.has(foldWord(word))) continue;
    findings.push({ rule: 'personal-data/capitalised', level: 'likely', span: { start: m.index, end: m.index + word.length }, args: { text: word } });
  }
  return findings;
}

const RANK: Record<PrivacyLevel | 'stop', number> = { stop: 3, certain: 2, likely: 1 };

/**
 * Every piece of personal data in the text of `model` (parsed from `rawText`), in document order,
 * none overlapping (of overlapping ones the longest, then the certain one, wins).
 */
export function findPersonalData(rawText: string, model: Transcript, options: DetectOptions | PreparedDetection = {}): PrivacyFinding[] {
  const text = stripBom(rawText);
  const regions = textRegions(text, model);
  const prepared = 'names' in options ? options : prepareDetection(options);
  return locate(text, detectIn(text, regions, model, prepared));
}

/** The findings as raw spans, for pseudonymise (which needs no LSP ranges). */
export function detectIn(text: string, regions: TextRegion[], model: Transcript, prepared: PreparedDetection): RawFinding[] {
  return detectWith(text, regions, prepared, prepareNames(prepared, namesOf(model)));
}

/**
 * The findings in `text` (a whole document or a part of it that no finding crosses: see
 * privacy/incremental.ts), with the document's names made ready by prepareNames.
 */
export function detectWith(text: string, regions: readonly TextRegion[], prepared: PreparedDetection, own: DocumentNames): RawFinding[] {
  const { known } = own;
  const ownNames = own.trie;
  const { allowed } = prepared;
  const candidates: (RawFinding | { span: Span; level: 'stop' })[] = [];
  for (const match of matchNames(text, [prepared.names, ownNames])) {
    const args = nameArgs(match.values);
    if (!args) {
      candidates.push({ span: match.span, level: 'stop' });
      continue;
    }
    args['text'] = text.slice(match.span.start, match.span.end);
    if (match.possessive) args['possessive'] = match.possessive;
    candidates.push({ rule: 'personal-data/name', level: 'certain', span: match.span, args });
  }
  // After a title, a known word is no name: `op Maandag`, `tante Corona`.
  const likelyName = (f: RawFinding): boolean => !known.has(foldWord(f.args['text']!.split(/\s+/).pop()!));
  // A capitalised word that is (part of) a name or a pseudonym is that, not a likely name: `Jans`.
  const names = candidates.map((c) => c.span);
  const notAName = (f: RawFinding): boolean => !overlapsAny(f.span, names);
  const notIbans: Span[] = [];
  const found = [
    findEmails(text),
    findPhones(text),
    findBsns(text),
    findIbans(text, notIbans),
    findPostcodes(text),
    findAddresses(text),
    findTitleNames(text).filter((f) => likelyName(f) && notAName(f)),
    findCapitalised(text, known).filter(notAName),
    findBirthDates(text),
  ];
  // Loops, not push(...list): a list can be longer than a call's arguments may be.
  for (const list of found) for (const f of list) candidates.push(f);
  for (const span of notIbans) candidates.push({ span, level: 'stop' });
  const inText = candidates.filter((c) => regionIndexOf(c.span, regions) >= 0);
  const chosen = longestFirst(inText, (c) => RANK[c.level]).filter((c): c is RawFinding => c.level !== 'stop');
  return allowed.size === 0 ? chosen : chosen.filter((c) => !allowed.has(nameKey(c.args['text']!)));
}

function locate(text: string, findings: readonly RawFinding[]): PrivacyFinding[] {
  const lines = new LineIndex(text);
  return findings.map((f) => ({ rule: f.rule, level: f.level, span: f.span, range: lines.range(f.span), args: f.args }));
}
