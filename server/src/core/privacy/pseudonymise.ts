// Pseudonymising a transcript with a key, and putting the names back.
//
// `pseudonymise` replaces every form of every name in the key (privacy/nameForms.ts) by the
// entry's pseudonym, and every e-mail address, phone number, BSN, IBAN, postcode and street
// address by a placeholder of its category (`[e-mail]`, `[telefoonnummer]`…), in text, speaker
// labels, memos and front-matter values alike. Kader's markup is never touched, so every fragment
// keeps its words, codes, memo and kind. A possessive ending stays: `Anna's` → `Deelnemer 1's`,
// `Jans` → `Deelnemer 3s`. Pseudonyms and placeholders are not findings, so a second run changes
// nothing. What it leaves alone (likely findings, names of participants the key lacks, names that
// are a form of two people in the key) is returned, for the researcher to look at.
//
// `reidentify` puts the key's names back where its pseudonyms stand, written as in the key: a name
// that was written as a first name, a surname or in other letters comes back whole. Placeholders
// cannot be reversed: which e-mail address or phone number stood there is not in the key.

import { LineIndex, parseTranscript, stripBom } from '../parse';
import type { Locale, Range, Span } from '../types';
import { detectIn, prepareDetection, type DetectOptions, type PreparedDetection } from './detect';
import { CATEGORY_RULES, type CategoryRuleId, type PrivacyFinding } from './findings';
import { foldedWords } from './fold';
import type { Key } from './key';
import { placeholderOf } from './messages';
import { matchNames, NameTrie } from './nameMatcher';
import { regionIndexOf } from './overlaps';
import type { RawFinding } from './patterns';
import { textRegions, type TextRegion } from './regions';

export interface PrivacyEdit {
  span: Span;
  range: Range;
  newText: string;
}

export interface PseudonymiseOptions {
  /** The language of the placeholders. */
  locale?: Locale;
  allowList?: DetectOptions['allowList'];
  /** prepareDetection({ key, allowList }) made once, for many transcripts (then `allowList` is not read). */
  prepared?: PreparedDetection;
  /** Replaces only these findings (the others are left, and not listed). */
  only?: (finding: RawFinding) => boolean;
}

export interface PseudonymiseResult {
  /** The text after the edits. */
  text: string;
  /** In document order, not overlapping, offsets into the text without a byte-order mark. */
  edits: PrivacyEdit[];
  /** The findings it did not replace. */
  left: PrivacyFinding[];
}

interface Replacement {
  span: Span;
  newText: string;
}

const isCategory = (rule: string): rule is CategoryRuleId => (CATEGORY_RULES as readonly string[]).includes(rule);

export function pseudonymise(rawText: string, key: Key, options: PseudonymiseOptions = {}): PseudonymiseResult {
  const text = stripBom(rawText);
  const model = parseTranscript(text);
  const regions = textRegions(text, model);
  const findings = detectIn(text, regions, model, options.prepared ?? prepareDetection({ key, allowList: options.allowList }));
  const replacements: Replacement[] = [];
  const left: RawFinding[] = [];
  for (const f of findings) {
    if (options.only && !options.only(f)) continue;
    if (f.rule === 'personal-data/name' && f.args['pseudonym'] !== undefined && f.args['ambiguous'] === undefined) {
      replacements.push({ span: f.span, newText: f.args['pseudonym'] });
    } else if (isCategory(f.rule)) replacements.push({ span: f.span, newText: placeholderOf(f.rule, options.locale ?? 'nl') });
    else left.push(f);
  }
  const lines = new LineIndex(text);
  const edits = escaped(text, regions, replacements).map((r) => ({ span: r.span, range: lines.range(r.span), newText: r.newText }));
  return {
    text: applied(text, edits),
    edits,
    left: left.map((f) => ({ rule: f.rule, level: f.level, span: f.span, range: lines.range(f.span), args: f.args })),
  };
}

/** Puts the real names of `key` back where its pseudonyms stand (in any case, possessives kept). */
export function reidentify(rawText: string, key: Key): { text: string; edits: PrivacyEdit[] } {
  const text = stripBom(rawText);
  const regions = textRegions(text, parseTranscript(text));
  const pseudonyms = new NameTrie(key.entries.map((e) => ({ words: foldedWords(e.pseudonym), full: true, value: e.name })));
  const replacements: Replacement[] = [];
  for (const match of matchNames(text, [pseudonyms])) {
    if (regionIndexOf(match.span, regions) >= 0) replacements.push({ span: match.span, newText: match.values[0]! });
  }
  const lines = new LineIndex(text);
  const edits = escaped(text, regions, replacements).map((r) => ({ span: r.span, range: lines.range(r.span), newText: r.newText }));
  return { text: applied(text, edits), edits };
}

/** Characters that a plain YAML scalar cannot hold as they are (`[e-mail]` would become a list). */
const YAML_PLAIN_UNSAFE = /[[\]{},#:"'&*!|>%@`\\]|^[\s?-]|\s$/;

const escapeDoubleQuoted = (s: string): string => s.replace(/[\\"]/g, (c) => `\\${c}`);

/**
 * The replacements written as their region requires: escaped in a memo and in a quoted YAML
 * scalar; a plain YAML scalar that a replacement would change in meaning is double-quoted whole.
 */
function escaped(text: string, regions: TextRegion[], replacements: Replacement[]): Replacement[] {
  const out: Replacement[] = [];
  const byScalar = new Map<number, Replacement[]>();
  for (const r of replacements) {
    const index = regionIndexOf(r.span, regions);
    const style = regions[index]?.style ?? 'markdown';
    if (style === 'memo' || style === 'yaml-double') out.push({ span: r.span, newText: escapeDoubleQuoted(r.newText) });
    else if (style === 'yaml-single') out.push({ span: r.span, newText: r.newText.replace(/'/g, "''") });
    else if (style === 'yaml-plain') {
      const list = byScalar.get(index) ?? [];
      byScalar.set(index, list);
      list.push(r);
    } else out.push(r);
  }
  for (const [index, list] of byScalar) {
    const region = regions[index]!.span;
    const scalar = text.slice(region.start, region.end);
    const shifted = list.map((r) => ({ span: { start: r.span.start - region.start, end: r.span.end - region.start }, newText: r.newText }));
    const value = applied(scalar, shifted);
    if (YAML_PLAIN_UNSAFE.test(value) && list.some((r) => YAML_PLAIN_UNSAFE.test(r.newText))) {
      out.push({ span: region, newText: `"${escapeDoubleQuoted(value)}"` });
    } else out.push(...list);
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The text with non-overlapping edits (in document order) applied. */
function applied(text: string, edits: readonly { span: Span; newText: string }[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const edit of edits) {
    parts.push(text.slice(at, edit.span.start), edit.newText);
    at = edit.span.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
