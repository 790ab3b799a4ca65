// One pass over a text that finds every name of a list at once: a trie over folded words, walked
// from each word of the text that starts a name. Linear in the text (a name has few words) and
// independent of how many names the list holds.

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
  full: T[];
  partial: T[];
}

const node = <T>(): TrieNode<T> => ({ children: new Map(), full: [], partial: [] });

/** Between two words of one name: white space (one line break at most) or a hyphen. */
const NEXT_WORD = /(?:[ \t\u00a0]*(?:\r\n|\r|\n)?[ \t\u00a0]*|[ \t\u00a0]*-[ \t\u00a0]*)([\p{L}\p{N}][\p{L}\p{M}\p{N}]*)/uy;
const STARTS_WITH_DIGIT = /^\p{N}/u;
const APOSTROPHE_S = /['’]s(?![\p{L}\p{M}\p{N}])/uy;

export class NameMatcher<T> {
  private readonly root = node<T>();

  constructor(entries: Iterable<MatcherEntry<T>>) {
    for (const entry of entries) {
      if (entry.words.length === 0) continue;
      let at = this.root;
      for (const word of entry.words) {
        let next = at.children.get(word);
        if (!next) at.children.set(word, (next = node<T>()));
        at = next;
      }
      (entry.full ? at.full : at.partial).push(entry.value);
    }
  }

  /** Every match in `text`, left to right; of matches starting at one word, the longest. */
  *matches(text: string, from = 0, to = text.length): Generator<NameMatch<T>> {
    const words = new RegExp(WORD.source, 'gu');
    const folded = new Map<string, string>();
    const fold = (word: string): string => {
      let f = folded.get(word);
      if (f === undefined) folded.set(word, (f = foldWord(word)));
      return f;
    };
    const next = new RegExp(NEXT_WORD.source, 'uy');
    words.lastIndex = from;
    for (let m = words.exec(text); m !== null && m.index < to; m = words.exec(text)) {
      const first = m[0];
      const start = m.index;
      let best: NameMatch<T> | undefined;
      // Walk the trie over this word and the ones after it; remember the longest match.
      let at: TrieNode<T> | undefined = this.root;
      let word = first;
      let wordEnd = start + first.length;
      for (;;) {
        const f = fold(word);
        const child: TrieNode<T> | undefined = at.children.get(f);
        if (child) {
          const found = this.valuesAt(child, word);
          if (found) best = { span: { start, end: wordEnd }, values: found };
        } else if (word.length > 1 && f.endsWith('s') && (isCapitalised(word) || STARTS_WITH_DIGIT.test(word))) {
          // `Jans`, `Deelnemer 1s`: a possessive s glued to a name (capitalised, so `noors` is not `Noor`).
          const stem = at.children.get(f.slice(0, -1));
          const found = stem && this.valuesAt(stem, word);
          if (found) best = { span: { start, end: wordEnd - 1 }, values: found, possessive: 's' };
        }
        if (!child || child.children.size === 0 || wordEnd >= to) break;
        next.lastIndex = wordEnd;
        const n = next.exec(text);
        if (!n || n.index + n[0].length > to) break;
        at = child;
        word = n[1]!;
        wordEnd = n.index + n[0].length;
      }
      if (!best) continue;
      if (!best.possessive) {
        APOSTROPHE_S.lastIndex = best.span.end;
        const p = APOSTROPHE_S.exec(text);
        if (p && best.span.end + p[0].length <= to) best.possessive = p[0];
      }
      yield best;
      words.lastIndex = best.span.end + (best.possessive?.length ?? 0);
    }
  }

  private valuesAt(at: TrieNode<T>, lastWord: string): T[] | undefined {
    if (at.full.length > 0) return at.full;
    if (at.partial.length > 0 && isCapitalised(lastWord)) return at.partial;
    return undefined;
  }
}
