// The numbers of the Statistics view: the aspect × practice matrix, code frequencies, code
// co-occurrence and the aspects against the learning level and loop, from a workspace index, filtered by coder and document attribute. Every cell
// carries the fragments it counts, so a click can list them.

import { aspectsOf, noPracticeLabel } from '../index/aggregate';
import { aspectOf } from '../codes';
import { laterParts } from '../fragmentParts';
import { localize } from '../l10n';
import { formatPercent } from '../numbers';
import { conversationsOf, leftOutCodings, type LeftOutCoding } from '../index/conversations';
import { familyMatrices, LEARNING_FAMILIES } from './learningLevels';
import { markdownText } from './outputEscaping';
import type { AttributeValue, Codebook, Locale, Range } from '../types';
import { comparePractice, type FragmentRef, type IndexedDocument, type WorkspaceIndex } from '../index/workspaceIndex';

export interface StatisticsFilter {
  /** Only transcripts coded by this coder. */
  coder?: string;
  /** Only transcripts whose front matter attribute `key` is (or, for a list, holds) `value`. */
  attribute?: { key: string; value: string };
}

export interface StatisticsOptions {
  filter?: StatisticsFilter;
  /** Co-occurrence between aspects (default) or between codes. */
  cooccurrence?: 'aspect' | 'code';
}

export interface StatisticsCode {
  code: string;
  /** Display name: the codebook's, else the code. */
  name: string;
  color?: string;
}

export interface StatisticsPractice {
  /** The practice, or undefined for transcripts without one. */
  practice?: string;
  label: string;
}

export interface StatisticsFragment {
  /** The document's index key (its URI in the server). */
  key: string;
  path: string;
  practice?: string;
  coder?: string;
  codes: string[];
  /** Plain text, at most 300 characters. */
  text: string;
  range: Range;
}

export interface Statistics {
  aspects: StatisticsCode[];
  practices: StatisticsPractice[];
  /** matrix[aspect][practice]: fragments with at least one code of the aspect. */
  matrix: number[][];
  /** Per practice, its fragments (the denominator of a share). */
  practiceTotals: number[];
  /** Fragments per code, every code in use (codebook order, then by name). */
  frequencies: (StatisticsCode & { count: number })[];
  cooccurrence: {
    level: 'aspect' | 'code';
    codes: StatisticsCode[];
    /** Symmetric; the diagonal is 0. */
    counts: number[][];
  };
  /**
   * Aspects × learning level (`niveau`) and aspects × loop (`lus`), per practice, for the families
   * whose sub-codes are used (learningLevels.ts). Practices as in `practices`.
   */
  families?: StatisticsFamily[];
  /** The fragments counted, after the filter. */
  fragments: StatisticsFragment[];
  /**
   * Cell id (`m:i:j`, `f:i`, `c:i:j`; `v:k:i:j` and `v:k:i:j:p` for family k, aspect i, column j,
   * all practices or practice p) → indices into `fragments`.
   */
  cells: Record<string, number[]>;
  /** Total fragments after the filter. */
  total: number;
  /** Second codings of a conversation, left out of the counts (none when filtered by coder). */
  leftOut?: LeftOutCoding[];
  /** For the filters: every coder and every attribute with its values. */
  coders: string[];
  attributes: { key: string; values: string[] }[];
}

export interface StatisticsFamily {
  family: StatisticsCode;
  columns: StatisticsCode[];
  aspects: StatisticsCode[];
  /** counts[aspect][column][practice]. */
  counts: number[][][];
  /** totals[aspect][column]: all practices. */
  totals: number[][];
}

const TEXT_LIMIT = 300;

/** A front matter value as the strings it holds: a list's elements, nothing for null. */
export function attributeStrings(value: AttributeValue): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value.flatMap(attributeStrings);
  return [String(value)];
}

function documentMatches(d: IndexedDocument, filter: StatisticsFilter): boolean {
  if (filter.coder !== undefined && d.coder !== filter.coder) return false;
  if (filter.attribute) {
    const value = d.attributes[filter.attribute.key];
    if (value === undefined || !attributeStrings(value).includes(filter.attribute.value)) return false;
  }
  return true;
}

export function describe(codebook: Codebook, code: string): StatisticsCode {
  const definition = codebook.codes.find((c) => c.code === code);
  const out: StatisticsCode = { code, name: definition?.name ?? code };
  const color = definition?.color ?? codebook.codes.find((c) => c.code === aspectOf(code))?.color;
  if (color) out.color = color;
  return out;
}

/** Codes in codebook order, then the others by name. */
export function sortCodes(codebook: Codebook, codes: Iterable<string>): string[] {
  const order = codebook.codes.map((c) => c.code);
  const rank = (code: string): number => {
    const i = order.indexOf(code);
    return i < 0 ? order.length : i;
  };
  return [...new Set(codes)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The transcripts the figures count under `filter`: each conversation once, unless one coder's
 * coding is asked for (conversations.ts); in path order.
 */
export function countedDocuments(index: WorkspaceIndex, filter: StatisticsFilter): IndexedDocument[] {
  const left = filter.coder === undefined ? conversationsOf(index).left : undefined;
  return index.all().filter((d) => documentMatches(d, filter) && !left?.has(d.key));
}

export function computeStatistics(index: WorkspaceIndex, codebook: Codebook, locale: Locale, options: StatisticsOptions = {}): Statistics {
  const filter = options.filter ?? {};
  const level = options.cooccurrence ?? 'aspect';
  const documents = index.all();
  const kept = countedDocuments(index, filter);

  // A coding written as parts (part="…") is counted once, by its first part.
  const refs: FragmentRef[] = kept.flatMap((document) => {
    const later = laterParts(document.fragments);
    return document.fragments.flatMap((fragment, at) => (later.has(at) ? [] : [{ document, fragment }]));
  });
  const fragments: StatisticsFragment[] = refs.map(({ document, fragment }) => {
    const text = fragment.text.length > TEXT_LIMIT ? `${fragment.text.slice(0, TEXT_LIMIT - 1)}…` : fragment.text;
    const out: StatisticsFragment = { key: document.key, path: document.path, codes: fragment.codes, text, range: fragment.content.range };
    if (document.practice !== undefined) out.practice = document.practice;
    if (document.coder !== undefined) out.coder = document.coder;
    return out;
  });
  const cells: Record<string, number[]> = {};
  const add = (id: string, i: number): void => {
    const list = (cells[id] ??= []);
    if (list[list.length - 1] !== i) list.push(i);
  };

  // Aspect × practice.
  const used = refs.flatMap((r) => r.fragment.codes);
  // The learning level and loop are not aspects: they have their own matrices (families).
  const aspects = aspectsOf(codebook, used).filter((a) => !LEARNING_FAMILIES.includes(a));
  const practiceKeys = [...new Set(kept.map((d) => d.practice))].sort(comparePractice);
  const matrix = aspects.map(() => practiceKeys.map(() => 0));
  const practiceTotals = practiceKeys.map(() => 0);
  refs.forEach(({ document, fragment }, i) => {
    const p = practiceKeys.indexOf(document.practice);
    practiceTotals[p]!++;
    for (const aspect of new Set(fragment.codes.map(aspectOf))) {
      const a = aspects.indexOf(aspect);
      if (a < 0) continue;
      matrix[a]![p]!++;
      add(`m:${a}:${p}`, i);
    }
  });

  // Frequencies.
  const codes = sortCodes(codebook, used);
  const counts = codes.map(() => 0);
  refs.forEach(({ fragment }, i) => {
    for (const code of fragment.codes) {
      const c = codes.indexOf(code);
      counts[c]!++;
      add(`f:${c}`, i);
    }
  });

  // Co-occurrence: two codes (or aspects) on one fragment, or on a fragment and one nested in it.
  // Each pair of fragments (a fragment with itself, or with each of its ancestors) counts once per
  // pair of codes; the cell lists the inner fragment.
  const key = (code: string): string => (level === 'aspect' ? aspectOf(code) : code);
  const axis = level === 'aspect' ? aspectsOf(codebook, used) : codes;
  const co = axis.map(() => axis.map(() => 0));
  const refIndex = new Map<string, number>();
  refs.forEach((r, i) => refIndex.set(`${r.document.key}#${r.fragment.id}`, i));
  refs.forEach(({ document, fragment }, i) => {
    const inner = new Set(fragment.codes.map(key));
    const pairs = new Set<string>();
    for (let outer: typeof fragment | undefined = fragment; outer; outer = outer.parent >= 0 ? document.fragments[outer.parent] : undefined) {
      const outerCodes = new Set(outer.codes.map(key));
      for (const x of inner) {
        for (const y of outerCodes) {
          if (x === y) continue;
          const [p, q] = [axis.indexOf(x), axis.indexOf(y)].sort((m, n) => m - n) as [number, number];
          const id = `${p}:${q}:${outer.id}`;
          if (pairs.has(id)) continue;
          pairs.add(id);
          co[p]![q]!++;
          co[q]![p]!++;
          add(`c:${p}:${q}`, i);
          if (outer !== fragment) add(`c:${p}:${q}`, refIndex.get(`${document.key}#${outer.id}`)!);
        }
      }
    }
  });
  const families = familyMatrices(refs, codebook, aspects, practiceKeys).map((m, k): StatisticsFamily => {
    for (const [id, list] of Object.entries(m.cells)) cells[`v:${k}:${id}`] = list;
    return {
      family: describe(codebook, m.family),
      columns: m.columns.map((c) => describe(codebook, c)),
      aspects: m.aspects.map((a) => describe(codebook, a)),
      counts: m.counts,
      totals: m.totals,
    };
  });

  for (const list of Object.values(cells)) list.sort((m, n) => m - n);
  for (const id of Object.keys(cells)) cells[id] = [...new Set(cells[id])];

  const attributes = new Map<string, Set<string>>();
  for (const d of documents) {
    for (const [k, v] of Object.entries(d.attributes)) {
      const set = attributes.get(k) ?? new Set<string>();
      for (const s of attributeStrings(v)) set.add(s);
      attributes.set(k, set);
    }
  }

  return {
    aspects: aspects.map((a) => describe(codebook, a)),
    practices: practiceKeys.map((p) => (p === undefined ? { label: noPracticeLabel(locale) } : { practice: p, label: p })),
    matrix,
    practiceTotals,
    frequencies: codes.map((c, i) => ({ ...describe(codebook, c), count: counts[i]! })),
    cooccurrence: { level, codes: axis.map((c) => describe(codebook, c)), counts: co },
    families,
    fragments,
    cells,
    total: refs.length,
    leftOut: filter.coder === undefined ? leftOutCodings(index) : [],
    coders: index.coders(),
    attributes: [...attributes]
      .map(([k, values]) => ({ key: k, values: [...values].sort() }))
      .sort((x, y) => (x.key < y.key ? -1 : 1)),
  };
}

/** The aspect × practice matrix as a Markdown table (counts, or shares of each practice's fragments). */
export function matrixMarkdown(stats: Pick<Statistics, 'aspects' | 'practices' | 'matrix' | 'practiceTotals'>, measure: 'count' | 'share', locale: Locale): string {
  const head = [localize(locale)('Aspect'), ...stats.practices.map((p) => markdownText(p.label))];
  const rows = stats.aspects.map((a, i) => [
    markdownText(a.name),
    ...stats.matrix[i]!.map((n, j) => {
      if (measure === 'count') return String(n);
      const total = stats.practiceTotals[j]!;
      return total ? formatPercent((n / total) * 100, locale) : '–';
    }),
  ]);
  return [`| ${head.join(' | ')} |`, `| --- |${stats.practices.map(() => ' ---: |').join('')}`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') + '\n';
}
