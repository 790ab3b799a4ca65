// What a query reads of a transcript's fragments, kept while the index holds the transcript:
// each fragment's codes, speaker, turn, section, line, parent and content span, in small arrays.
// The index may hold a model whose fragments are built when read (compactModel.ts); with these,
// only the words and patterns of a query read the fragments themselves.

import { laterParts } from '../fragmentParts';
import { CacheKind, PerDocument, type IndexCache, type IndexedDocument, type WorkspaceIndex } from '../index/workspaceIndex';

export interface DocumentFacts {
  count: number;
  /** Per fragment its codes; one array per combination of codes, shared by the index's fragments. */
  codes: readonly (readonly string[])[];
  speakers: readonly (string | undefined)[];
  /** The turn the content starts in, or -1. */
  turn: Int32Array;
  /** The last heading at or before the content's start (a section's own), or -1. */
  section: Int32Array;
  /** The line the content starts on. */
  line: Int32Array;
  /** The innermost fragment whose whole range holds this one, or -1. */
  parent: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** The transcript has speaker turns. */
  hasTurns: boolean;
  /** The parts after the first of a coding written as parts (part="…"): left out where a coding counts once. */
  later: ReadonlySet<number>;
  /**
   * The fragments the last few words and patterns found (by `textKey`): after an edit only the
   * edited transcript is searched again, not every fragment's text.
   */
  found: Map<string, Uint8Array>;
}

/** How many words and patterns a transcript remembers what they found. */
const FOUND_KEPT = 8;

/** What `search` found in a transcript's fragment texts, remembered while the transcript is unchanged. */
export function foundIn(facts: DocumentFacts, key: string, search: () => Uint8Array): Uint8Array {
  let flags = facts.found.get(key);
  if (flags) return flags;
  if (facts.found.size >= FOUND_KEPT) facts.found.delete(facts.found.keys().next().value!);
  facts.found.set(key, (flags = search()));
  return flags;
}

/** The last of `starts` (sorted) at or before `offset`, or -1. */
export function lastAtOrBefore(starts: ArrayLike<number>, offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** More combinations than a project has: they are made again (unshared) after a clear. */
const CODE_LISTS_KEPT = 10_000;

class FactsCache implements IndexCache {
  private readonly codeLists = new Map<string, readonly string[]>();
  readonly facts: PerDocument<DocumentFacts>;

  constructor(index: WorkspaceIndex) {
    this.facts = new PerDocument(index, (document) => this.make(document));
  }

  private shared(codes: readonly string[]): readonly string[] {
    const key = codes.join('\n');
    let list = this.codeLists.get(key);
    if (!list) {
      if (this.codeLists.size >= CODE_LISTS_KEPT) this.codeLists.clear();
      this.codeLists.set(key, (list = [...codes]));
    }
    return list;
  }

  private make(document: IndexedDocument): DocumentFacts {
    const fragments = document.fragments;
    const { turns, headings } = document.model;
    const turnStarts = turns.map((t) => t.span.start);
    const headingStarts = headings.map((h) => h.span.start);
    const count = fragments.length;
    const facts: DocumentFacts = {
      count,
      codes: fragments.map((f) => this.shared(f.codes)),
      speakers: fragments.map((f) => f.speaker),
      turn: new Int32Array(count),
      section: new Int32Array(count),
      line: new Int32Array(count),
      parent: new Int32Array(count),
      start: new Int32Array(count),
      end: new Int32Array(count),
      hasTurns: turns.length > 0,
      later: laterParts(fragments),
      found: new Map(),
    };
    fragments.forEach((f, at) => {
      const start = f.content.span.start;
      const turn = lastAtOrBefore(turnStarts, start);
      facts.turn[at] = turn >= 0 && start < turns[turn]!.span.end ? turn : -1;
      facts.section[at] = lastAtOrBefore(headingStarts, start);
      facts.line[at] = f.content.range.start.line;
      facts.parent[at] = f.parent;
      facts.start[at] = start;
      facts.end[at] = f.content.span.end;
    });
    return facts;
  }

  changed(key: string): void {
    this.facts.changed(key);
  }
}

const FACTS = new CacheKind((index) => new FactsCache(index));

/** The facts of a transcript of `index`, made on first ask. */
export function factsOf(index: WorkspaceIndex, document: IndexedDocument): DocumentFacts {
  return index.cache(FACTS).facts.of(document);
}
