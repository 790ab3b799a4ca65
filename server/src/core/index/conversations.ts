// One conversation, counted once. Two coders code one conversation in two transcripts (SYNTAX.md
// §5); the views, the statistics and the report count each conversation once, with the coding of
// one coder: the transcript whose front matter says `counted: true`, else the first coder by name.
// `counted: false` leaves a transcript out of the counts whatever else there is. Filtering by a
// coder shows that coder's coding of every conversation (the per-coder view).
//
// Two transcripts are codings of one conversation when they have different coders, the same
// practice, and the same text once the coding is taken out: told from the model by the length of
// that text, the speakers' turns in order and the headings' words (the index keeps no text).

import type { Transcript } from '../types';
import { compactStoreOf } from './compactModel';
import { CacheKind, PerDocument, type IndexCache, type IndexedDocument, type WorkspaceIndex } from './workspaceIndex';

/** A transcript left out of the counts because another coding of its conversation counts. */
export interface SecondCoding {
  document: IndexedDocument;
  /** The coding that counts; undefined when the transcript says `counted: false` itself. */
  counted?: IndexedDocument;
  /** Chosen by Kader (the first coder by name), not said by a front matter: the team may want to say. */
  chosen: boolean;
}

export interface Conversations {
  /** The keys of the transcripts left out of the counts. */
  left: ReadonlySet<string>;
  /** Each transcript left out, and why; in path order. */
  second: readonly SecondCoding[];
}

/** The text without its coding, as far as the model tells it. */
export function conversationFingerprint(model: Transcript): string {
  const store = compactStoreOf(model);
  let removed = store ? store.markupLength() : 0;
  if (!store) for (const fragment of model.fragments) for (const span of fragment.markup) removed += span.end - span.start;
  const frontMatter = model.frontMatter.span;
  if (frontMatter) removed += frontMatter.end - frontMatter.start;
  return [String(model.length - removed), model.turns.map((t) => t.speaker).join('\u0001'), model.headings.map((h) => h.text).join('\u0001')].join('\u0002');
}

function countedSays(document: IndexedDocument): boolean | undefined {
  const value = document.attributes['counted'];
  return typeof value === 'boolean' ? value : undefined;
}

class ConversationCache implements IndexCache {
  readonly fingerprints: PerDocument<string>;
  private current: Conversations | undefined;

  constructor(private readonly index: WorkspaceIndex) {
    this.fingerprints = new PerDocument(index, (document) => conversationFingerprint(document.model));
  }

  get conversations(): Conversations {
    return (this.current ??= this.build());
  }

  private build(): Conversations {
    const second: SecondCoding[] = [];
    const groups = new Map<string, IndexedDocument[]>();
    for (const document of this.index.all()) {
      const says = countedSays(document);
      if (says === false) {
        second.push({ document, chosen: false });
        continue;
      }
      if (document.coder === undefined) continue;
      const key = `${document.practice ?? ''}\u0003${this.fingerprints.of(document)}`;
      const group = groups.get(key);
      if (group) group.push(document);
      else groups.set(key, [document]);
    }
    for (const group of groups.values()) {
      if (new Set(group.map((d) => d.coder)).size < 2) continue;
      const said = group.filter((d) => countedSays(d) === true);
      const byCoder = [...group].sort((a, b) => (a.coder! < b.coder! ? -1 : a.coder! > b.coder! ? 1 : a.path < b.path ? -1 : 1));
      const counted = said[0] ?? byCoder[0]!;
      for (const document of group) {
        if (document === counted || countedSays(document) === true) continue;
        second.push({ document, counted, chosen: said.length === 0 });
      }
    }
    second.sort((a, b) => (a.document.path < b.document.path ? -1 : a.document.path > b.document.path ? 1 : 0));
    return { left: new Set(second.map((s) => s.document.key)), second };
  }

  changed(key: string): void {
    this.fingerprints.changed(key);
    this.current = undefined;
  }
}

const CONVERSATIONS = new CacheKind((index) => new ConversationCache(index));

/** Which transcripts of `index` the counts leave out, as it is now. */
export function conversationsOf(index: WorkspaceIndex): Conversations {
  return index.cache(CONVERSATIONS).conversations;
}

/** A transcript left out of the counts, as the Statistics page and the reports name it. */
export interface LeftOutCoding {
  path: string;
  coder?: string;
  /** The transcript whose coding counts, and its coder; absent for `counted: false`. */
  countedPath?: string;
  countedCoder?: string;
  /** Kader chose (the first coder by name): no front matter says whose coding counts. */
  chosen: boolean;
}

export function leftOutCodings(index: WorkspaceIndex): LeftOutCoding[] {
  return conversationsOf(index).second.map(({ document, counted, chosen }) => {
    const out: LeftOutCoding = { path: document.path, chosen };
    if (document.coder !== undefined) out.coder = document.coder;
    if (counted) {
      out.countedPath = counted.path;
      if (counted.coder !== undefined) out.countedCoder = counted.coder;
    }
    return out;
  });
}
