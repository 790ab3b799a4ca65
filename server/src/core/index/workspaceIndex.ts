// The index of one workspace folder: every transcript's model, updated one document at a time
// (set, remove), never rebuilt whole. Usage counts are kept up to date on each update; the
// queries walk only what they return.
//
// A model in the compact form (compactModel.ts, what the indexer gives) is kept so: the
// document's fragments, codes and diagnostics are read through the model, whose parts are built
// when read and dropped when nothing holds them any more. The counts read the compact form.

import { compactStoreOf } from './compactModel';
import { aspectOf, isWithin } from '../codes';
import type { AttributeValue, CodeOccurrence, Diagnostic, Fragment, Transcript } from '../types';

export interface IndexedDocument {
  /** A stable key: the document's URI in the server, its relative path in the CLI. */
  key: string;
  /** The path relative to the workspace folder, with `/`. */
  path: string;
  /** From the front matter, else the name of the folder that holds the file. */
  practice?: string;
  coder?: string;
  attributes: Record<string, AttributeValue>;
  fragments: Fragment[];
  codes: CodeOccurrence[];
  /** Syntactic diagnostics; the codebook's are computed by `checkCodes`. */
  diagnostics: Diagnostic[];
  model: Transcript;
}

export interface FragmentRef {
  document: IndexedDocument;
  fragment: Fragment;
}

/** The practice of a transcript (SYNTAX.md §5): front matter, else the folder's name. */
export function practiceOf(model: Transcript, path: string): string | undefined {
  if (model.frontMatter.practice) return model.frontMatter.practice;
  const parts = path.split('/');
  return parts.length > 1 ? parts[parts.length - 2] : undefined;
}

/** Data derived from an index's documents, kept by the index (`WorkspaceIndex.cache`). */
export interface IndexCache {
  /** The document of `key` was set or removed: drop what was derived from it. */
  changed(key: string): void;
}

/**
 * Which cache, and how to make it: an index makes its own on the first `cache(kind)` and keeps it
 * as long as itself. Holds nothing itself, so a module may keep one as a constant.
 */
export class CacheKind<T extends IndexCache> {
  constructor(readonly make: (index: WorkspaceIndex) => T) {}
}

/** A value per document of one index, made on first ask, dropped when the document is set again or removed. */
export class PerDocument<T> implements IndexCache {
  private readonly values = new Map<string, { document: IndexedDocument; value: T }>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly make: (document: IndexedDocument) => T,
  ) {}

  of(document: IndexedDocument): T {
    const known = this.values.get(document.key);
    if (known?.document === document) return known.value;
    const value = this.make(document);
    // Only for the documents the index holds now: a document it no longer holds is not kept.
    if (this.index.get(document.key) === document) this.values.set(document.key, { document, value });
    return value;
  }

  changed(key: string): void {
    this.values.delete(key);
  }

  /** How many documents have a value (for tests). */
  get size(): number {
    return this.values.size;
  }
}

export class WorkspaceIndex {
  private readonly documents = new Map<string, IndexedDocument>();
  /** Code → the number of fragments that carry it. */
  private readonly usage = new Map<string, number>();
  /** Code → the keys of the documents that use it anywhere (fragments or loose blocks). */
  private readonly users = new Map<string, Set<string>>();
  private readonly caches = new Map<CacheKind<IndexCache>, IndexCache>();

  /** This index's cache of `kind`, made on first ask; told of every change to the index. */
  cache<T extends IndexCache>(kind: CacheKind<T>): T {
    let cache = this.caches.get(kind) as T | undefined;
    if (!cache) this.caches.set(kind, (cache = kind.make(this)));
    return cache;
  }

  private changed(key: string): void {
    for (const cache of this.caches.values()) cache.changed(key);
  }

  set(key: string, path: string, model: Transcript): IndexedDocument {
    this.remove(key);
    const document: IndexedDocument = compactStoreOf(model)
      ? {
          key,
          path,
          practice: practiceOf(model, path),
          coder: model.frontMatter.coder,
          attributes: model.frontMatter.attributes,
          // Read through the model: built on demand from its compact form.
          get fragments() {
            return model.fragments;
          },
          get codes() {
            return model.codes;
          },
          get diagnostics() {
            return model.diagnostics;
          },
          model,
        }
      : {
          key,
          path,
          practice: practiceOf(model, path),
          coder: model.frontMatter.coder,
          attributes: model.frontMatter.attributes,
          fragments: model.fragments,
          codes: model.codes,
          diagnostics: model.diagnostics,
          model,
        };
    this.documents.set(key, document);
    this.count(document, +1);
    this.changed(key);
    return document;
  }

  remove(key: string): boolean {
    const previous = this.documents.get(key);
    if (!previous) return false;
    this.count(previous, -1);
    this.documents.delete(key);
    this.changed(key);
    return true;
  }

  private count(document: IndexedDocument, sign: 1 | -1): void {
    const fragmentCode = (code: string): void => {
      const n = (this.usage.get(code) ?? 0) + sign;
      if (n === 0) this.usage.delete(code);
      else this.usage.set(code, n);
    };
    const occurrenceCode = (code: string): void => {
      let users = this.users.get(code);
      if (sign > 0) {
        if (!users) this.users.set(code, (users = new Set()));
        users.add(document.key);
      } else if (users) {
        users.delete(document.key);
        if (users.size === 0) this.users.delete(code);
      }
    };
    const store = compactStoreOf(document.model);
    if (store) {
      store.forEachFragmentCode(fragmentCode);
      store.forEachOccurrenceCode(occurrenceCode);
      return;
    }
    for (const fragment of document.fragments) for (const code of fragment.codes) fragmentCode(code);
    for (const occurrence of document.codes) occurrenceCode(occurrence.code);
  }

  get(key: string): IndexedDocument | undefined {
    return this.documents.get(key);
  }

  has(key: string): boolean {
    return this.documents.has(key);
  }

  get size(): number {
    return this.documents.size;
  }

  all(): IndexedDocument[] {
    return [...this.documents.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Fragments per code, exact: how often each code is given. */
  codeUsage(): ReadonlyMap<string, number> {
    return this.usage;
  }

  /** Every code in use, sorted. */
  usedCodes(): string[] {
    return [...this.users.keys()].sort();
  }

  /** The documents that use `code` or (with `subcodes`) one of its sub-codes. */
  documentsUsing(code: string, subcodes = false): IndexedDocument[] {
    const keys = new Set<string>();
    for (const [used, users] of this.users) {
      if (used === code || (subcodes && isWithin(used, code))) for (const key of users) keys.add(key);
    }
    return [...keys].map((key) => this.documents.get(key)!).sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  fragmentsByCode(code: string, subcodes = false): FragmentRef[] {
    const out: FragmentRef[] = [];
    for (const document of this.documentsUsing(code, subcodes)) {
      for (const fragment of document.fragments) {
        if (fragment.codes.some((c) => c === code || (subcodes && isWithin(c, code)))) out.push({ document, fragment });
      }
    }
    return out;
  }

  fragmentsByPractice(practice: string | undefined): FragmentRef[] {
    return this.all()
      .filter((d) => d.practice === practice)
      .flatMap((document) => document.fragments.map((fragment) => ({ document, fragment })));
  }

  fragmentsOf(key: string): FragmentRef[] {
    const document = this.documents.get(key);
    return document ? document.fragments.map((fragment) => ({ document, fragment })) : [];
  }

  practices(): (string | undefined)[] {
    const set = new Set<string | undefined>();
    for (const d of this.documents.values()) set.add(d.practice);
    return [...set].sort(comparePractice);
  }

  coders(): string[] {
    const set = new Set<string>();
    for (const d of this.documents.values()) if (d.coder) set.add(d.coder);
    return [...set].sort();
  }

  /** Values of a front matter key across the workspace (for completion), by frequency. */
  frontMatterValues(key: 'practice' | 'coder'): { value: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const d of this.documents.values()) {
      const value = d.model.frontMatter[key];
      if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }

  /** Aspect → practice → the number of fragments carrying at least one code of the aspect. */
  matrix(): Map<string, Map<string | undefined, number>> {
    const out = new Map<string, Map<string | undefined, number>>();
    for (const document of this.documents.values()) {
      for (const fragment of document.fragments) {
        for (const aspect of new Set(fragment.codes.map(aspectOf))) {
          let row = out.get(aspect);
          if (!row) out.set(aspect, (row = new Map()));
          row.set(document.practice, (row.get(document.practice) ?? 0) + 1);
        }
      }
    }
    return out;
  }
}

/** Practices sorted by name, "no practice" last. */
export function comparePractice(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a.localeCompare(b);
}
