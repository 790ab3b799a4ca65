// One pass over a text that finds every name of a list at once: a trie over folded words, walked
// from each word of the text that starts a name. Linear in the text (a name has few words) and
// independent of how many names the list holds. Several tries are walked in step, so a large trie
// built once (a key's names) and a small one built per document (its speakers) share the pass.

import type { Span } from '../types';
import { foldWord, isCapitalised, WORD } from './fold';

/**
 * A name to find, as folded words (see foldWord). A `full` form is found in any case; any other
 * form (a first name or surname alone) only with a capital on its last word, as names are
 * written: `Roos` and `De Vries` are names, `roos` and `de vries` are not.
 */
export interface MatcherEntry<T> {
  words: readonly string[];
  full: boolean;
  value: T;
}

export interface NameMatch<T> {
  span: Span;
  /** The values of the full forms ending here, or else of the other forms (never empty). */
  values: T[];
  /** `'s`, `’s` or `s` right after the span (`Anna's`, `Jans`): the ending is not in the span. */
  possessive?: string;
}

interface TrieNode<T> {
  children: Map<string, TrieNode<T>>;
  full?: T[];
  partial?: T[];
}

/** The names of a list, as a trie over their folded words. Immutable once built. */
export class NameTrie<T> {
  readonly root: TrieNode<T> = { children: new Map() };

  constructor(entries: Iterable<MatcherEntry<T>>) {
    for (const entry of entries) {
      if (entry.words.length === 0) continue;
      let at = this.root;
      for (const word of entry.words) {
        let next = at.children.get(word);
        if (!next) at.children.set(word, (next = { children: new Map() }));
        at = next;
      }
      if (entry.full) (at.full ??= []).push(entry.value);
      else (at.partial ??= []).push(entry.value);
    }
  }
}

/** Between two words of one name: white space (one line break at most) or a hyphen. */
const NEXT_WORD = /(?:[ \t\u00a0]*(?:\r\n|\r|\n)?[ \t\u00a0]*|[ \t\u00a0]*-[ \t\u00a0]*)([\p{L}\p{N}][\p{L}\p{M}\p{N}]*)/uy;
const STARTS_WITH_DIGIT = /^\p{N}/u;
const APOSTROPHE_S = /['’]s(?![\p{L}\p{M}\p{N}])/uy;

/** The values where a name ends at `nodes` (full forms first), given the text's last word. */
function valuesAt<T>(nodes: readonly (TrieNode<T> | undefined)[], lastWord: string): T[] | undefined {
  let full: T[] | undefined;
  let partial: T[] | undefined;
  for (const n of nodes) {
    if (n?.full) full = full ? full.concat(n.full) : n.full;
    if (n?.partial) partial = partial ? partial.concat(n.partial) : n.partial;
  }
  if (full) return full;
  return partial && isCapitalised(lastWord) ? partial : undefined;
}

/** Every match of the names of `tries` in `text`, left to right; of matches starting at one word, the longest. */
export function* matchNames<T>(text: string, tries: readonly NameTrie<T>[], from = 0, to = text.length): Generator<NameMatch<T>> {
  const words = new RegExp(WORD.source, 'gu');
  const next = new RegExp(NEXT_WORD.source, 'uy');
  const possessive = new RegExp(APOSTROPHE_S.source, 'uy');
  const folded = new Map<string, string>();
  const fold = (word: string): string => {
    let f = folded.get(word);
    if (f === undefined) folded.set(word, (f = foldWord(word)));
    return f;
  };
  const roots = tries.map((t) => t.root);
  /** The children for `f` of `nodes`, or undefined when none has one (no allocation then). */
  const step = (nodes: readonly (TrieNode<T> | undefined)[], f: string): (TrieNode<T> | undefined)[] | undefined => {
    let children: (TrieNode<T> | undefined)[] | undefined;
    for (let i = 0; i < nodes.length; i++) {
      const child = nodes[i]?.children.get(f);
      if (child) (children ??= new Array<TrieNode<T> | undefined>(nodes.length))[i] = child;
    }
    return children;
  };
  words.lastIndex = from;
  for (let m = words.exec(text); m !== null && m.index < to; m = words.exec(text)) {
    const start = m.index;
    let best: NameMatch<T> | undefined;
    // Walk the tries over this word and the ones after it; remember the longest match.
    let at: readonly (TrieNode<T> | undefined)[] = roots;
    let word = m[0];
    let wordEnd = start + word.length;
    for (;;) {
      const f = fold(word);
      const children = step(at, f);
      if (!children) {
        if (word.length > 1 && f.endsWith('s') && (isCapitalised(word) || STARTS_WITH_DIGIT.test(word))) {
          // `Jans`, `Deelnemer 1s`: a possessive s glued to a name (capitalised, so `noors` is not `Noor`).
          const stems = step(at, f.slice(0, -1));
          const found = stems && valuesAt(stems, word);
          if (found) best = { span: { start, end: wordEnd - 1 }, values: found, possessive: 's' };
        }
        break;
      }
      const found = valuesAt(children, word);
      if (found) best = { span: { start, end: wordEnd }, values: found };
      if (wordEnd >= to || children.every((c) => c === undefined || c.children.size === 0)) break;
      next.lastIndex = wordEnd;
      const n = next.exec(text);
      if (!n || n.index + n[0].length > to) break;
      at = children;
      word = n[1]!;
      wordEnd = n.index + n[0].length;
    }
    if (!best) continue;
    if (!best.possessive) {
      possessive.lastIndex = best.span.end;
      const p = possessive.exec(text);
      if (p && best.span.end + p[0].length <= to) best.possessive = p[0];
    }
    yield best;
    words.lastIndex = best.span.end + (best.possessive?.length ?? 0);
  }
}
