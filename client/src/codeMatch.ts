// What the code picker matches a typed text against: each code's id, its path segments and its
// names (the codebook's, and the framework's in Dutch and in English). Pure, no vscode: the
// ranking decides what Enter takes, and `nearCodes` which new names are asked about first.

import { FRAMEWORK } from '../../server/src/core/framework';
import { DISTINCTIONS, LEARNING } from '../../server/src/core/frameworkDistinctions';

/** A code to match, with every name it is known by. */
export interface MatchCandidate {
  code: string;
  names: readonly string[];
}

/** The framework's names of a built-in code in Dutch and English (none for other codes). */
export function frameworkNames(code: string): string[] {
  const all = [...FRAMEWORK, ...DISTINCTIONS, ...LEARNING, ...LEARNING.flatMap((f) => f.codes)];
  const known = all.find((c) => c.code === code);
  return known ? [known.name.nl, known.name.en] : [];
}

/** How well a typed text fits a code; a lower tier is a better match. */
export const MatchTier = { Exact: 0, Prefix: 1, WordPrefix: 2, Substring: 3, Fuzzy: 4, Typo: 5 } as const;
export type MatchTier = (typeof MatchTier)[keyof typeof MatchTier];

/** Lower case without diacritics (`beïnvloeding` matches `beinvloeding`), `#` and spaces trimmed. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/^#/, '');
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]!.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]!.push(d);
    }
  }
  return rows[a.length]![b.length]!;
}

/** How many typing errors a name of this length may hold and still be the same name. */
function typoLimit(length: number): number {
  if (length < 4) return 0;
  if (length < 7) return 1;
  if (length < 10) return 2;
  return 3;
}

/**
 * The texts of a code that a typed text is matched against, folded: `whole` (the id first),
 * `words` (of the path and the names), and `own` (the last segment and the names, with their
 * words: a typing error is looked for in these, so an aspect's typo does not find its sub-codes).
 */
function targets(candidate: MatchCandidate): { whole: string[]; words: string[]; own: string[] } {
  const id = fold(candidate.code);
  const segments = id.split('/');
  const last = segments[segments.length - 1]!;
  const names = candidate.names.map(fold).filter((n) => n.length > 0);
  const whole = [...new Set([id, last, ...names])];
  const split = (text: string): string[] => text.split(/[\s/-]+/).filter((w) => w.length > 0);
  const words = [...new Set([...segments, ...segments.flatMap(split), ...names.flatMap(split)])];
  const own = [...new Set([last, ...split(last), ...names, ...names.flatMap(split)])];
  return { whole, words, own };
}

/** `query`'s letters in order in `text`, the first at the start of one of its words. */
function isFuzzy(query: string, words: string[], text: string): boolean {
  if (query.length < 2 || !words.some((w) => w.startsWith(query[0]!))) return false;
  let at = text.indexOf(query[0]!);
  for (const char of query.slice(1)) {
    at = text.indexOf(char, at + 1);
    if (at < 0) return false;
  }
  return true;
}

/** The smallest distance between `query` and the start of `text` about as long as it. */
function prefixDistance(query: string, text: string): number {
  let best = Infinity;
  for (let length = Math.max(1, query.length - 1); length <= Math.min(text.length, query.length + 1); length++) {
    best = Math.min(best, editDistance(query, text.slice(0, length)));
  }
  return text.length < query.length - 1 ? editDistance(query, text) : best;
}

/** How `query` (already folded) fits the candidate, or undefined when it does not. */
export function matchTier(query: string, candidate: MatchCandidate): MatchTier | undefined {
  if (query.length === 0) return undefined;
  const { whole, words, own } = targets(candidate);
  if (whole.includes(query)) return MatchTier.Exact;
  if (whole[0]!.startsWith(query)) return MatchTier.Prefix;
  if (words.some((w) => w.startsWith(query)) || whole.some((w) => w.startsWith(query))) return MatchTier.WordPrefix;
  if (whole.some((w) => w.includes(query))) return MatchTier.Substring;
  if (whole.some((w) => isFuzzy(query, words, w))) return MatchTier.Fuzzy;
  const limit = typoLimit(query.length);
  // A typing error rarely hits the first letter: requiring it keeps far words out.
  if (limit > 0 && own.some((w) => w[0] === query[0] && prefixDistance(query, w) <= limit)) return MatchTier.Typo;
  return undefined;
}

/**
 * The candidates that `typed` matches, best first: by tier, then aspects before their sub-codes,
 * then in the order given (which puts recently used codes first).
 */
export function rankCodes<T extends MatchCandidate>(typed: string, candidates: readonly T[]): T[] {
  const query = fold(typed);
  if (query.length === 0) return [...candidates];
  const scored: { candidate: T; tier: MatchTier; depth: number; index: number }[] = [];
  candidates.forEach((candidate, index) => {
    const tier = matchTier(query, candidate);
    if (tier !== undefined) scored.push({ candidate, tier, depth: candidate.code.split('/').length, index });
  });
  scored.sort((a, b) => a.tier - b.tier || a.depth - b.depth || a.index - b.index);
  return scored.map((s) => s.candidate);
}

/**
 * Existing codes a new code `name` may be a misspelling or a shortening of, closest first: a code
 * it is the start of (at least three letters), or one a few typing errors away; aspects before
 * sub-codes. A new sub-code is
 * compared with its siblings and with every code's full id; a new top-level code with every code's
 * last segment and names too.
 */
export function nearCodes<T extends MatchCandidate>(name: string, candidates: readonly T[]): T[] {
  const code = fold(name);
  const slash = code.lastIndexOf('/');
  const parent = slash >= 0 ? code.slice(0, slash) : undefined;
  const last = code.slice(slash + 1);
  const found: { candidate: T; distance: number; depth: number; index: number }[] = [];
  candidates.forEach((candidate, index) => {
    const id = fold(candidate.code);
    if (id === code) return;
    const idSlash = id.lastIndexOf('/');
    const idParent = idSlash >= 0 ? id.slice(0, idSlash) : undefined;
    const compared: [string, string][] = [[code, id]];
    if (parent === undefined) {
      compared.push([last, id.slice(idSlash + 1)]);
      for (const n of candidate.names) compared.push([last, fold(n).replace(/\s+/g, '-')]);
    } else if (parent === idParent) compared.push([last, id.slice(idSlash + 1)]);
    let distance = Infinity;
    for (const [mine, theirs] of compared) {
      if (mine.length >= 3 && theirs.startsWith(mine)) distance = Math.min(distance, 0);
      const d = editDistance(mine, theirs);
      if (d <= typoLimit(mine.length)) distance = Math.min(distance, d);
    }
    if (distance < Infinity) found.push({ candidate, distance, depth: id.split('/').length, index });
  });
  found.sort((a, b) => a.distance - b.distance || a.depth - b.depth || a.index - b.index);
  return found.map((f) => f.candidate);
}
