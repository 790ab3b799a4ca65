// The aggregation trees the views and reports show: aspect → sub-code → practice → fragments,
// and practice → aspect → sub-code → fragments, with counts. The views ask for one level at a
// time (`treeLevel`, with the `query` of the node to expand); reports take the whole tree
// (`aspectTree`, `practiceTree`), built from the same levels. Node ids follow from the query, so
// they are stable across updates and a view keeps its expansion.
//
// Each document's fragments are sorted by aspect and by code once, while the index holds the
// document. A level adds up, per document, the lengths of those lists (its cost grows with the
// number of documents, not of fragments); only the fragment leaves of the last level are built.

import { aspectOf } from '../codes';
import { laterParts } from '../fragmentParts';
import { localize } from '../l10n';
import type { FragmentRef, IndexCache, IndexedDocument, WorkspaceIndex } from './workspaceIndex';
import { conversationsOf } from './conversations';
import { countedOnce, parseQuery, queryMatches, type QueryScope } from '../query';
import { CacheKind, comparePractice, PerDocument } from './workspaceIndex';
import type { CodeDefinition, Codebook, FragmentKind, Locale, Position, Range } from '../types';

export interface TreeFilter {
  /** Fragments whose text or memo contains this, ignoring case. */
  text?: string;
  /** Fragments of transcripts coded by this coder (every conversation they coded); without it, each conversation once (conversations.ts). */
  coder?: string;
  /** Fragments that match this coding query (docs/queries.md); a malformed query is refused with its place. */
  query?: string;
}

export interface FragmentSummary {
  /** The document's index key (its URI in the server). */
  key: string;
  path: string;
  practice?: string;
  coder?: string;
  speaker?: string;
  codes: string[];
  kind: FragmentKind;
  text: string;
  memo?: string;
  /** The content range. */
  range: Range;
  fullRange: Range;
}

export type TreeView = 'aspects' | 'practices' | 'levels' | 'speakers';

/** The views built from the aggregate; the Learning Level view is levelTree.ts's, the Speakers view speakerTree.ts's. */
export type AggregateView = Exclude<TreeView, 'levels' | 'speakers'>;

/**
 * Which node of a view: the fragments it stands for. The views send a node's query back to get
 * its children. The fields set are a prefix of the view's levels: aspect, sub-code (`code` or
 * `direct`), practice in the Aspects view; practice, aspect, sub-code in the Practices view;
 * level, aspect, practice in the Learning Level view; speaker, aspect in the Speakers view.
 */
export interface TreeQuery {
  /** The workspace folder's URI, when the workspace has several (the server's business). */
  folder?: string;
  aspect?: string;
  /** A sub-code of `aspect`. */
  code?: string;
  /** The fragments coded with `aspect` itself, not with a sub-code of it. */
  direct?: boolean;
  /** A practice; null for the transcripts without one. */
  practice?: string | null;
  /** A learning level or loop (`niveau/collectief`): the Learning Level view's first level. */
  level?: string;
  /** A person's id (core/index/speakers.ts): the Speakers view's first level. */
  speaker?: string;
}

/** `direct` is the "(no sub-code)" group of an aspect. */
export type TreeNodeKind = 'aspect' | 'code' | 'direct' | 'practice' | 'speaker' | 'fragment';

/** One node of a view, without its children. */
export interface TreeNode {
  id: string;
  kind: TreeNodeKind;
  label: string;
  count: number;
  /** There are children to ask for: the count is not 0 and it is not a fragment. */
  hasChildren: boolean;
  /** What to ask for this node's children with; absent on fragments. */
  query?: TreeQuery;
  /** The code of an aspect or sub-code; the aspect of a "(no sub-code)" group. */
  code?: string;
  practice?: string;
  color?: string;
  description?: string;
  fragment?: FragmentSummary;
}

/** A node with all of its children: the whole tree, for reports. */
export interface FullTreeNode extends TreeNode {
  children: FullTreeNode[];
}

export function noPracticeLabel(locale: Locale): string {
  return localize(locale)('(no practice)');
}

/** The label of the group of fragments coded with an aspect itself. */
export function noSubCodeLabel(locale: Locale): string {
  return localize(locale)('(no sub-code)');
}

export function summarize(ref: FragmentRef): FragmentSummary {
  const { document, fragment } = ref;
  const summary: FragmentSummary = {
    key: document.key,
    path: document.path,
    codes: fragment.codes,
    kind: fragment.kind,
    text: fragment.text,
    range: fragment.content.range,
    fullRange: fragment.full.range,
  };
  if (document.practice !== undefined) summary.practice = document.practice;
  if (document.coder !== undefined) summary.coder = document.coder;
  if (fragment.speaker !== undefined) summary.speaker = fragment.speaker;
  if (fragment.memo !== undefined) summary.memo = fragment.memo;
  return summary;
}

// What the levels need of a transcript's fragments, kept while the index holds the document:
// each fragment's codes, and which fragments carry each aspect and each code (by their place among
// the document's fragments). The index may hold a model in a compact form whose fragments are built
// when read (compactModel.ts); counting reads these lists, and only the fragments shown as leaves
// are built again. A few bytes a fragment: the code lists are shared, the places are small numbers.

/** The codes of a fragment, and their distinct aspects in the order of the codes. */
interface CodeSet {
  codes: readonly string[];
  aspects: readonly string[];
}

/** More combinations than a project has: they are made again (unshared) after a clear. */
const CODE_SETS_KEPT = 10_000;

/** One code set per combination of codes in use, shared by every fragment of an index with those codes. */
class CodeSets {
  private readonly sets = new Map<string, CodeSet>();

  of(codes: readonly string[]): CodeSet {
    const key = codes.join('\n');
    let set = this.sets.get(key);
    if (!set) {
      if (this.sets.size >= CODE_SETS_KEPT) this.sets.clear();
      const own = [...codes];
      set = { codes: own, aspects: own.length === 1 && !own[0]!.includes('/') ? own : [...new Set(own.map(aspectOf))] };
      this.sets.set(key, set);
    }
    return set;
  }

  get size(): number {
    return this.sets.size;
  }
}

/** The fragments of one document that pass a text filter ('' for none), per aspect and per code. */
interface DocumentEntries {
  document: IndexedDocument;
  /** Every fragment's codes. */
  sets: readonly CodeSet[];
  needle: string;
  /** The places of the fragments that pass; all of them when absent. */
  places?: number[];
  count: number;
  byAspect: Map<string, number[]>;
  byCode: Map<string, number[]>;
}

function sorted(document: IndexedDocument, sets: readonly CodeSet[], needle: string, places: number[] | undefined): DocumentEntries {
  const byAspect = new Map<string, number[]>();
  const byCode = new Map<string, number[]>();
  const add = (groups: Map<string, number[]>, key: string, at: number): void => {
    const list = groups.get(key);
    if (list) list.push(at);
    else groups.set(key, [at]);
  };
  const count = places ? places.length : sets.length;
  for (let i = 0; i < count; i++) {
    const at = places ? places[i]! : i;
    const set = sets[at]!;
    for (const aspect of set.aspects) add(byAspect, aspect, at);
    for (const code of set.codes) add(byCode, code, at);
  }
  // Grown lists hold spare room: kept exactly as long as they are.
  for (const groups of [byAspect, byCode]) for (const [key, list] of groups) if (list.length > 1) groups.set(key, list.slice());
  const entries: DocumentEntries = { document, sets, needle, count, byAspect, byCode };
  if (places) entries.places = places;
  return entries;
}

function entriesOf(cache: AggregateCache, document: IndexedDocument, needle: string): DocumentEntries {
  const known = cache.entries.of(document);
  const all = known[0]!;
  if (needle === '') return all;
  if (known[1]?.needle !== needle) {
    const places: number[] = [];
    const later = laterParts(document.fragments);
    document.fragments.forEach((fragment, at) => {
      if (!later.has(at) && (fragment.text.toLowerCase().includes(needle) || (fragment.memo ?? '').toLowerCase().includes(needle))) places.push(at);
    });
    known[1] = sorted(document, all.sets, needle, places);
  }
  return known[1];
}

/** The places of a document's fragments that pass the filter. */
function placesOf(d: DocumentEntries): readonly number[] {
  return d.places ?? d.sets.map((_, at) => at);
}

/** The fragments at these places of documents, each document's fragments read once. */
function refsOf(places: readonly { d: DocumentEntries; at: readonly number[] }[]): FragmentRef[] {
  const refs: FragmentRef[] = [];
  for (const { d, at } of places) {
    if (at.length === 0) continue;
    const fragments = d.document.fragments;
    for (const i of at) refs.push({ document: d.document, fragment: fragments[i]! });
  }
  return refs;
}

// The codebook, looked up by code.

interface CodebookInfo {
  byCode: Map<string, CodeDefinition>;
  /** Codebook order. */
  rank: Map<string, number>;
  /** The aspects the codebook defines, in its order. */
  aspects: string[];
}

/** Made once per request: a codebook has tens of codes, a request asks for thousands of lookups. */
function infoOf(codebook: Codebook): CodebookInfo {
  const info: CodebookInfo = { byCode: new Map(), rank: new Map(), aspects: [] };
  for (const definition of codebook.codes) {
    if (info.byCode.has(definition.code)) continue;
    info.byCode.set(definition.code, definition);
    info.rank.set(definition.code, info.rank.size);
    if (!definition.code.includes('/')) info.aspects.push(definition.code);
  }
  return info;
}

/** Aspects in codebook order, then aspects in use that the codebook lacks, by name. */
export function aspectsOf(codebook: Codebook, used: Iterable<string>): string[] {
  return aspectsIn(infoOf(codebook), used);
}

function aspectsIn(info: CodebookInfo, used: Iterable<string>): string[] {
  const defined = info.aspects;
  const known = new Set(defined);
  const extra = new Set<string>();
  for (const code of used) {
    const aspect = aspectOf(code);
    if (!known.has(aspect)) extra.add(aspect);
  }
  return [...defined, ...[...extra].sort()];
}

// The documents of one index generation and filter, kept until the index changes.

interface Aggregate {
  /** The documents with fragments that pass the filter, in path order, with those fragments. */
  documents: DocumentEntries[];
  count: number;
}

/** How many filters' aggregates an index keeps (both views share one). */
const FILTERS_KEPT = 4;

/**
 * What an index keeps for the views: per document, its fragments sorted by aspect and code
 * (dropped when the document is set again or removed); the aggregates of the last filters
 * (dropped on every change); the code sets its fragments share.
 */
export class AggregateCache implements IndexCache {
  /** Per document: its fragments without a text filter, then with the last text filter asked for. */
  readonly entries: PerDocument<DocumentEntries[]>;
  /** The aggregates of the last filters asked for, the most recently used last. */
  private readonly byFilter = new Map<string, Aggregate>();
  readonly codeSets = new CodeSets();

  constructor(index: WorkspaceIndex) {
    this.entries = new PerDocument(index, (document) => {
      const sets = document.fragments.map((fragment) => this.codeSets.of(fragment.codes));
      // A coding written as parts (part="…") is counted once: by its first part.
      const later = laterParts(document.fragments);
      return [sorted(document, sets, '', later.size > 0 ? sets.flatMap((_, at) => (later.has(at) ? [] : [at])) : undefined)];
    });
  }

  /** The aggregate of a filter (by `key`), built on the first ask after a change. */
  aggregate(key: string, build: () => Aggregate): Aggregate {
    let aggregate = this.byFilter.get(key);
    if (aggregate) {
      this.byFilter.delete(key);
    } else {
      aggregate = build();
      if (this.byFilter.size >= FILTERS_KEPT) this.byFilter.delete(this.byFilter.keys().next().value!);
    }
    this.byFilter.set(key, aggregate);
    return aggregate;
  }

  /** How many filters' aggregates are kept (for tests). */
  get aggregates(): number {
    return this.byFilter.size;
  }

  changed(key: string): void {
    this.entries.changed(key);
    this.byFilter.clear();
  }
}

const AGGREGATES = new CacheKind((index) => new AggregateCache(index));

/** The aggregation cache `index` keeps. */
export function aggregateCacheOf(index: WorkspaceIndex): AggregateCache {
  return index.cache(AGGREGATES);
}

function buildAggregate(index: WorkspaceIndex, cache: AggregateCache, filter: TreeFilter): Aggregate {
  const needle = filter.text ? filter.text.toLowerCase() : '';
  const aggregate: Aggregate = { documents: [], count: 0 };
  if (filter.query) {
    // The query chooses the transcripts (each conversation once, or a coder's) and their fragments;
    // a malformed query matches nothing (the service refuses it with its place first).
    const parsed = parseQuery(filter.query, 'en');
    const scope: QueryScope = filter.coder ? { coder: filter.coder } : {};
    for (const { document, places } of parsed.ok ? countedOnce(index, queryMatches(index, parsed.query, scope)) : []) {
      const all = entriesOf(cache, document, '');
      const texts = needle === '' ? undefined : new Set(entriesOf(cache, document, needle).places);
      const passing = texts ? places.filter((at) => texts.has(at)) : places;
      if (passing.length === 0) continue;
      const entries = sorted(document, all.sets, `${needle}\u0000${filter.query}`, passing);
      aggregate.documents.push(entries);
      aggregate.count += entries.count;
    }
    return aggregate;
  }
  // Each conversation once, unless one coder's coding is asked for.
  const left = filter.coder ? undefined : conversationsOf(index).left;
  for (const document of index.all()) {
    if (filter.coder && document.coder !== filter.coder) continue;
    if (left?.has(document.key)) continue;
    const entries = entriesOf(cache, document, needle);
    if (entries.count === 0) continue;
    aggregate.documents.push(entries);
    aggregate.count += entries.count;
  }
  return aggregate;
}

/** The documents of the index as it is now, under `filter`: gathered on the first ask after a change. */
function aggregateOf(index: WorkspaceIndex, filter: TreeFilter): Aggregate {
  const cache = aggregateCacheOf(index);
  return cache.aggregate(JSON.stringify([filter.text ?? '', filter.coder ?? '', filter.query ?? '']), () => buildAggregate(index, cache, filter));
}

/** Every fragment of the index that passes the filter, in path and document order. */
export function filteredFragments(index: WorkspaceIndex, filter: TreeFilter = {}): FragmentRef[] {
  return refsOf(aggregateOf(index, filter).documents.map((d) => ({ d, at: placesOf(d) })));
}

/** The documents with fragments that pass the filter, in path order, with the places of those fragments among the document's. */
export function filteredPlaces(index: WorkspaceIndex, filter: TreeFilter = {}): { document: IndexedDocument; places: readonly number[] }[] {
  return aggregateOf(index, filter).documents.map((d) => ({ document: d.document, places: placesOf(d) }));
}

/** How many fragments of the index pass the filter. */
export function countFragments(index: WorkspaceIndex, filter: TreeFilter = {}): number {
  return aggregateOf(index, filter).count;
}

// Levels.

type Level = 'aspect' | 'sub' | 'practice';

const LEVELS: Record<AggregateView, readonly Level[]> = {
  aspects: ['aspect', 'sub', 'practice'],
  practices: ['practice', 'aspect', 'sub'],
};

/** A query without a folder and without fields that are not set. */
interface Selector {
  aspect?: string;
  code?: string;
  direct?: true;
  /** Present when a practice is chosen; `undefined` inside is "no practice". */
  practice?: { name: string | undefined };
}

function selectorOf(query: TreeQuery): Selector {
  const selector: Selector = {};
  if (query.aspect !== undefined) selector.aspect = query.aspect;
  if (query.code !== undefined) selector.code = query.code;
  if (query.direct === true) selector.direct = true;
  if (query.practice !== undefined) selector.practice = { name: query.practice ?? undefined };
  return selector;
}

function has(selector: Selector, level: Level): boolean {
  if (level === 'aspect') return selector.aspect !== undefined;
  if (level === 'sub') return selector.code !== undefined || selector.direct === true;
  return selector.practice !== undefined;
}

/** How many levels the selector chooses, or undefined when it names no node of the view. */
function depthOf(view: AggregateView, selector: Selector): number | undefined {
  const levels = LEVELS[view];
  let depth = 0;
  while (depth < levels.length && has(selector, levels[depth]!)) depth++;
  for (let i = depth; i < levels.length; i++) if (has(selector, levels[i]!)) return undefined;
  if (selector.code !== undefined && selector.direct) return undefined;
  if (selector.code !== undefined && (selector.code === selector.aspect || aspectOf(selector.code) !== selector.aspect)) return undefined;
  return depth;
}

/** The id of the node the selector chooses ('' for the roots). */
function idOf(view: AggregateView, selector: Selector): string {
  const parts: string[] = [];
  for (const level of LEVELS[view]) {
    if (!has(selector, level)) break;
    if (level === 'aspect') parts.push(`a:${selector.aspect}`);
    else if (level === 'practice') parts.push(`p:${selector.practice!.name ?? ''}`);
    else parts.push(selector.code !== undefined ? `c:${selector.code}` : 'direct');
  }
  return parts.join('/');
}

function queryOf(selector: Selector): TreeQuery {
  const query: TreeQuery = {};
  if (selector.aspect !== undefined) query.aspect = selector.aspect;
  if (selector.code !== undefined) query.code = selector.code;
  if (selector.direct) query.direct = true;
  if (selector.practice) query.practice = selector.practice.name ?? null;
  return query;
}

const NONE: readonly number[] = [];

/** How many of a document's fragments the selector chooses (its practice aside). */
function countIn(d: DocumentEntries, selector: Selector): number {
  if (selector.code === undefined && !selector.direct && selector.aspect === undefined) return d.count;
  return placesIn(d, selector).length;
}

/** The places of a document's fragments the selector chooses (its practice aside). */
function placesIn(d: DocumentEntries, selector: Selector): readonly number[] {
  if (selector.code !== undefined) return d.byCode.get(selector.code) ?? NONE;
  if (selector.direct) return d.byCode.get(selector.aspect!) ?? NONE;
  if (selector.aspect !== undefined) return d.byAspect.get(selector.aspect) ?? NONE;
  return placesOf(d);
}

/** The fragment with these codes, in a transcript of this practice, is one of those the selector chooses. */
function chosen(set: CodeSet, practice: string | undefined, selector: Selector): boolean {
  if (selector.practice && practice !== selector.practice.name) return false;
  if (selector.code !== undefined) return set.codes.includes(selector.code);
  if (selector.direct) return set.codes.includes(selector.aspect!);
  if (selector.aspect !== undefined) return set.aspects.includes(selector.aspect);
  return true;
}

function add<K>(counts: Map<K, number>, key: K, n: number): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}

export function fragmentNode(parentId: string, ref: FragmentRef): TreeNode {
  const summary = summarize(ref);
  return {
    id: `${parentId}/f:${ref.document.key}#${ref.fragment.full.span.start}`,
    kind: 'fragment',
    label: summary.text,
    count: 1,
    hasChildren: false,
    fragment: summary,
  };
}

interface LevelInput {
  index: WorkspaceIndex;
  info: CodebookInfo;
  view: AggregateView;
  locale: Locale;
  aggregate: Aggregate;
}

/** The children of the node `selector` chooses. */
function levelNodes(input: LevelInput, selector: Selector): TreeNode[] {
  const { view, aggregate, info, locale } = input;
  const depth = depthOf(view, selector);
  if (depth === undefined) return [];
  const parentId = idOf(view, selector);
  const practice = selector.practice;
  const documents = practice ? aggregate.documents.filter((d) => d.document.practice === practice.name) : aggregate.documents;
  const level = LEVELS[view][depth];
  if (level === undefined) return refsOf(documents.map((d) => ({ d, at: placesIn(d, selector) }))).map((ref) => fragmentNode(parentId, ref));

  const node = (child: Selector, kind: TreeNodeKind, label: string, count: number): TreeNode => ({
    id: idOf(view, child),
    kind,
    label,
    count,
    hasChildren: count > 0,
    query: queryOf(child),
  });
  const colorOf = (code: string): string | undefined => info.byCode.get(code)?.color ?? info.byCode.get(aspectOf(code))?.color;
  const codeNode = (child: Selector, kind: 'aspect' | 'code', code: string, count: number): TreeNode => {
    const definition = info.byCode.get(code);
    const result = node(child, kind, definition?.name ?? code, count);
    result.code = code;
    const color = colorOf(code);
    if (color) result.color = color;
    if (definition) result.description = definition.shortDescription;
    return result;
  };

  if (level === 'aspect') {
    const counts = new Map<string, number>();
    for (const d of documents) for (const [aspect, list] of d.byAspect) add(counts, aspect, list.length);
    // The roots of the Aspects view list every aspect, used or not; under a practice only those used.
    const aspects = depth === 0 ? aspectsIn(info, input.index.usedCodes()) : aspectsIn(info, counts.keys());
    return aspects.map((aspect) => codeNode({ ...selector, aspect }, 'aspect', aspect, counts.get(aspect) ?? 0)).filter((n) => depth === 0 || n.count > 0);
  }

  if (level === 'sub') {
    const aspect = selector.aspect!;
    const counts = new Map<string, number>();
    let direct = 0;
    for (const d of documents) {
      for (const [code, list] of d.byCode) {
        if (code === aspect) direct += list.length;
        else if (code.startsWith(aspect) && code.charCodeAt(aspect.length) === 47 /* / */) add(counts, code, list.length);
      }
    }
    const rank = (code: string): number => info.rank.get(code) ?? info.rank.size;
    const codes = [...counts.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const nodes = codes.map((code) => codeNode({ ...selector, code }, 'code', code, counts.get(code)!));
    // The fragments coded with the aspect itself come after its sub-codes, as one group.
    if (direct > 0) {
      const group = node({ ...selector, direct: true }, 'direct', noSubCodeLabel(locale), direct);
      group.code = aspect;
      const color = colorOf(aspect);
      if (color) group.color = color;
      nodes.push(group);
    }
    return nodes;
  }

  const counts = new Map<string | undefined, number>();
  for (const d of documents) {
    const n = countIn(d, selector);
    if (n > 0) add(counts, d.document.practice, n);
  }
  return [...counts.keys()].sort(comparePractice).map((name) => {
    const result = node({ ...selector, practice: { name } }, 'practice', name ?? noPracticeLabel(locale), counts.get(name)!);
    if (name !== undefined) result.practice = name;
    return result;
  });
}

/**
 * One level of a view: the roots (no `parent`), or the children of the node whose `query` is
 * `parent`. Fragments are leaves of the last level only. A query that names no node of the view
 * has no children.
 */
export function treeLevel(
  index: WorkspaceIndex,
  codebook: Codebook,
  view: AggregateView,
  filter: TreeFilter,
  locale: Locale,
  parent: TreeQuery = {},
): TreeNode[] {
  return levelNodes({ index, info: infoOf(codebook), view, locale, aggregate: aggregateOf(index, filter) }, selectorOf(parent));
}

/** The whole tree of a view, every fragment as a leaf under every node it belongs to. */
export function fullTree(index: WorkspaceIndex, codebook: Codebook, view: AggregateView, filter: TreeFilter, locale: Locale): FullTreeNode[] {
  const input: LevelInput = { index, info: infoOf(codebook), view, locale, aggregate: aggregateOf(index, filter) };
  const expand = (selector: Selector): FullTreeNode[] =>
    levelNodes(input, selector).map((node) => ({ ...node, children: node.hasChildren && node.query ? expand(selectorOf(node.query)) : [] }));
  return expand({});
}

/** Aspect → sub-code → practice → fragments. Every aspect of the codebook is listed. */
export function aspectTree(index: WorkspaceIndex, codebook: Codebook, filter: TreeFilter, locale: Locale): FullTreeNode[] {
  return fullTree(index, codebook, 'aspects', filter, locale);
}

/** Practice → aspect → sub-code → fragments. */
export function practiceTree(index: WorkspaceIndex, codebook: Codebook, filter: TreeFilter, locale: Locale): FullTreeNode[] {
  return fullTree(index, codebook, 'practices', filter, locale);
}

/**
 * The nodes from a root down to the first leaf of the fragment of document `key` whose whole
 * range starts at `start`, in tree order; empty when there is no such fragment or the filter
 * hides it.
 */
export function treePath(
  index: WorkspaceIndex,
  codebook: Codebook,
  view: AggregateView,
  filter: TreeFilter,
  locale: Locale,
  key: string,
  start: Position,
): TreeNode[] {
  const document = index.get(key);
  if (!document) return [];
  const at = (range: Range): boolean => range.start.line === start.line && range.start.character === start.character;
  const position = document.fragments.findIndex((f) => at(f.full.range));
  if (position < 0) return [];
  const input: LevelInput = { index, info: infoOf(codebook), view, locale, aggregate: aggregateOf(index, filter) };
  // Not there: the filter hides it.
  const entries = input.aggregate.documents.find((d) => d.document === document);
  if (!entries || !placesOf(entries).includes(position)) return [];
  const set = entries.sets[position]!;
  const path: TreeNode[] = [];
  let selector: Selector = {};
  for (;;) {
    const next = levelNodes(input, selector).find((node) =>
      node.query ? node.count > 0 && chosen(set, document.practice, selectorOf(node.query)) : node.fragment?.key === key && at(node.fragment.fullRange),
    );
    if (!next) return [];
    path.push(next);
    if (!next.query) return path;
    selector = selectorOf(next.query);
  }
}
