// A matrix of rows × columns over the coded fragments: each dimension is the codes (aspects with
// their sub-codes), the aspects, the practice, the coder, the speaker, the document or a front
// matter key (a list value counts for each element). A cell measures the fragments that fall in
// its row and its column: their number, the number of their documents, or the characters of their
// text (a fragment inside another of the same cell adds no characters). The totals are of the
// fragments in any cell of the row, of the column, or of the whole matrix.
//
// Codes × codes is a matrix of code relations: a cell counts the fragments of the row's code that
// carry the column's code too (`fragment`), that overlap another fragment with it (`overlap`), or
// that are within N turns of another one (`near`; N lines in a transcript without speakers), as the
// query language's OVERLAPS and NEAR/N find them. A code against itself or against its own
// sub-code is no relation: that cell is null.
//
// A speaker is a person (index/speakers.ts): the same person across transcripts when their front
// matter says so. The counted transcripts are the Statistics page's (countedDocuments: each conversation once, or
// one coder's). Every cell has its query, in the query language, for the quotes it stands for.

import { aspectOf, isWithin, parentOf } from '../codes';
import { localize } from '../l10n';
import { leftOutCodings, type LeftOutCoding } from '../index/conversations';
import { noPracticeLabel } from '../index/aggregate';
import { comparePersons, personOf, type Person } from '../index/speakers';
import { CacheKind, comparePractice, PerDocument, type FragmentRef, type IndexCache, type IndexedDocument, type WorkspaceIndex } from '../index/workspaceIndex';
import type { Codebook, Locale } from '../types';
import { parseQuery, queryMatches } from '../query';
import { attributeStrings, countedDocuments, describe, sortCodes, type StatisticsFilter } from './statistics';

export type MatrixDimension = 'code' | 'aspect' | 'practice' | 'coder' | 'speaker' | 'document' | { attribute: string };
export type MatrixMeasure = 'fragments' | 'documents' | 'characters';
export type MatrixPercent = 'row' | 'column';

export interface MatrixRelation {
  kind: 'fragment' | 'overlap' | 'near';
  /** For `near`: within this many turns (lines without speakers); 1 when absent. */
  distance?: number;
}

export interface MatrixOptions {
  rows: MatrixDimension;
  columns: MatrixDimension;
  measure?: MatrixMeasure;
  /** For codes (or aspects) × codes: how the two meet; `fragment` when absent. */
  relation?: MatrixRelation;
  filter?: StatisticsFilter;
}

export interface MatrixValue {
  /** The code, practice, coder, speaker, path or front matter value; absent for "none". */
  value?: string;
  label: string;
  color?: string;
  /** A code's depth below its aspect (0 for an aspect); codes only. */
  depth?: number;
}

export interface Matrix {
  rows: MatrixValue[];
  columns: MatrixValue[];
  measure: MatrixMeasure;
  /** Set for a matrix of code relations. */
  relation?: MatrixRelation;
  /** cells[row][column]; null where a code meets itself or its own sub-code. */
  cells: (number | null)[][];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
  /**
   * The query terms of each row's and column's value (null for "none": no query names it) and of
   * the filter; a cell's query is made of them (matrixQuery.ts), so a wide matrix (codes × 1,000
   * speakers) carries rows + columns terms, not a query per cell.
   */
  rowTerms: (string | null)[];
  columnTerms: (string | null)[];
  filterTerms: string[];
  /** Second codings of a conversation, left out of the counts (none when filtered by coder). */
  leftOut: LeftOutCoding[];
}

export const MATRIX_DIMENSIONS = ['code', 'aspect', 'practice', 'coder', 'speaker', 'document'] as const;

/** `code`, `practice`, …, else a front matter key. */
export function dimensionOf(name: string): MatrixDimension {
  return (MATRIX_DIMENSIONS as readonly string[]).includes(name) ? (name as MatrixDimension) : { attribute: name };
}

export function dimensionName(dimension: MatrixDimension): string {
  return typeof dimension === 'string' ? dimension : dimension.attribute;
}

const isCodes = (d: MatrixDimension): d is 'code' | 'aspect' => d === 'code' || d === 'aspect';

/** A value in a query: as it is when it is one word, else in double quotes. */
export function queryValue(value: string): string {
  return /^[\p{L}\p{N}_][\p{L}\p{N}_\-./]*$/u.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** The query term of a value of a dimension; undefined for "none". */
function termOf(dimension: MatrixDimension, value: string | undefined): string | undefined {
  // The query language names no transcript: a transcript's cells have no query.
  if (value === undefined) return undefined;
  if (dimension === 'document') return `file:${queryValue(value)}`;
  if (isCodes(dimension)) return `#${value}`;
  return `${dimensionName(dimension)}:${queryValue(value)}`;
}

function filterTerms(filter: StatisticsFilter): string[] {
  const out: string[] = [];
  if (filter.coder !== undefined) out.push(`coder:${queryValue(filter.coder)}`);
  if (filter.attribute) out.push(`${filter.attribute.key}:${queryValue(filter.attribute.value)}`);
  return out;
}

/** Compares as a reader sorts: numbers by value (S2 before S10), "none" last. */
function compareValues(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a.localeCompare(b, undefined, { numeric: true });
}

/** The codes in use with every code above them, as a tree in codebook order: each code followed by its sub-codes. */
function codeAxis(codebook: Codebook, used: Iterable<string>): { code: string; depth: number }[] {
  const all = new Set<string>();
  for (const code of used) for (let c: string | undefined = code; c !== undefined; c = parentOf(c)) all.add(c);
  const children = new Map<string | undefined, string[]>();
  for (const code of sortCodes(codebook, all)) {
    const parent = parentOf(code);
    const list = children.get(parent);
    if (list) list.push(code);
    else children.set(parent, [code]);
  }
  const out: { code: string; depth: number }[] = [];
  const walk = (parent: string | undefined, depth: number): void => {
    for (const code of children.get(parent) ?? []) {
      out.push({ code, depth });
      walk(code, depth + 1);
    }
  };
  // Aspects in the codebook's order (sortCodes), sub-codes under them.
  walk(undefined, 0);
  return out;
}

/**
 * What a matrix reads of a transcript's fragments, kept while the index holds the transcript (the
 * index may build fragments anew on each read: compactModel.ts): each fragment's codes (one list
 * per combination), speaker, parent and length of text.
 */
interface DocumentFacts {
  codes: (readonly string[])[];
  /** Every code the fragments carry. */
  used: readonly string[];
  speakers: (string | undefined)[];
  parents: Int32Array;
  lengths: Int32Array;
}

function factsOf(document: IndexedDocument): DocumentFacts {
  const fragments = document.fragments;
  const lists = new Map<string, readonly string[]>();
  const codes = fragments.map((f) => {
    const key = f.codes.join('\n');
    let list = lists.get(key);
    if (!list) lists.set(key, (list = [...f.codes]));
    return list;
  });
  return {
    codes,
    used: [...new Set(fragments.flatMap((f) => f.codes))],
    speakers: fragments.map((f) => f.speaker),
    parents: Int32Array.from(fragments, (f) => f.parent),
    lengths: Int32Array.from(fragments, (f) => f.text.length),
  };
}

const FACTS = new CacheKind((index) => new PerDocument(index, factsOf));

/** One dimension's values and which of them each fragment falls in. */
interface Axis {
  values: MatrixValue[];
  terms: (string | undefined)[];
  /** The codes of each value (codes and aspects only). */
  codes?: string[];
  /** The values of a fragment, as indices; none when it falls in none. */
  of(document: IndexedDocument, facts: DocumentFacts, at: number): readonly number[];
  /** The values of a set of codes (codes and aspects only). */
  ofCodes?(codes: readonly string[]): readonly number[];
}

function makeAxis(dimension: MatrixDimension, documents: readonly { document: IndexedDocument; facts: DocumentFacts }[], codebook: Codebook, locale: Locale): Axis {
  const t = localize(locale);
  if (isCodes(dimension)) {
    const used = new Set<string>();
    for (const { facts } of documents) for (const c of facts.used) used.add(c);
    const axis = dimension === 'code' ? codeAxis(codebook, used) : sortCodes(codebook, [...used].map(aspectOf)).map((code) => ({ code, depth: 0 }));
    const codes = axis.map((a) => a.code);
    const place = new Map(codes.map((c, i) => [c, i]));
    const known = new Map<string, readonly number[]>();
    const ofCodes = (list: readonly string[]): readonly number[] => {
      const key = list.length === 1 ? list[0]! : list.join('\n');
      let out = known.get(key);
      if (!out) {
        const set = new Set<number>();
        for (const code of list) {
          for (let c: string | undefined = code; c !== undefined; c = parentOf(c)) {
            const i = place.get(c);
            if (i !== undefined) set.add(i);
          }
        }
        out = [...set].sort((m, n) => m - n);
        known.set(key, out);
      }
      return out;
    };
    return {
      values: axis.map(({ code, depth }) => {
        const { name, color } = describe(codebook, code);
        return { value: code, label: name, depth, ...(color === undefined ? {} : { color }) };
      }),
      terms: codes.map((c) => termOf(dimension, c)),
      codes,
      of: (_, facts, at) => ofCodes(facts.codes[at]!),
      ofCodes,
    };
  }
  // Speakers as persons (speakers.ts): a label is a person of its transcript unless the front matter names the person.
  const persons = new Map<string, Person>();
  const personIn = (document: IndexedDocument, label: string): Person => {
    const person = personOf(document, label);
    persons.set(person.id, person);
    return person;
  };
  const valuesOf = (document: IndexedDocument, speaker: string | undefined): (string | undefined)[] => {
    switch (dimension) {
      case 'practice':
        return [document.practice];
      case 'coder':
        return [document.coder];
      case 'speaker':
        return [speaker === undefined ? undefined : personIn(document, speaker).id];
      case 'document':
        return [document.path];
      default: {
        const value = document.attributes[dimension.attribute];
        const strings = value === undefined ? [] : attributeStrings(value);
        return strings.length ? [...new Set(strings)] : [undefined];
      }
    }
  };
  const seen = new Set<string | undefined>();
  const perDocument = dimension !== 'speaker';
  for (const d of documents) {
    if (perDocument) {
      if (d.facts.codes.length) for (const v of valuesOf(d.document, undefined)) seen.add(v);
    } else for (const speaker of new Set(d.facts.speakers)) seen.add(valuesOf(d.document, speaker)[0]);
  }
  const order =
    dimension === 'practice'
      ? comparePractice
      : dimension === 'document'
        ? (a: string | undefined, b: string | undefined) => (a! < b! ? -1 : a! > b! ? 1 : 0)
        : dimension === 'speaker'
          ? (a: string | undefined, b: string | undefined) => (a === undefined ? 1 : b === undefined ? -1 : comparePersons(persons.get(a)!, persons.get(b)!))
          : compareValues;
  const sorted = [...seen].sort(order);
  const place = new Map(sorted.map((v, i) => [v, i]));
  const none =
    dimension === 'practice' ? noPracticeLabel(locale) : dimension === 'coder' ? t('(no coder)') : dimension === 'speaker' ? t('(no speaker)') : t('(no value)');
  let lastDocument: IndexedDocument | undefined;
  let lastValues: readonly number[] = [];
  return {
    values: sorted.map((v) => (v === undefined ? { label: none } : { value: v, label: v })),
    terms: sorted.map((v) => termOf(dimension, v)),
    of(document, facts, at) {
      if (perDocument && document === lastDocument) return lastValues;
      const out = valuesOf(document, facts.speakers[at]).map((v) => place.get(v)!);
      if (perDocument) {
        lastDocument = document;
        lastValues = out;
      }
      return out;
    },
  };
}

/**
 * For a relation: per document key, the places of the fragments that meet a fragment of each
 * column's code, found by the query language (`OVERLAPS`, `NEAR/N`) so that a cell counts what
 * its query finds. The left side names every aspect: it is every coded fragment.
 */
function relationPlaces(index: WorkspaceIndex, columns: readonly string[], aspects: readonly string[], relation: MatrixRelation, filter: StatisticsFilter): Map<string, Set<number>>[] {
  const operator = relation.kind === 'overlap' ? 'OVERLAPS' : `NEAR/${relation.distance ?? 1}`;
  const any = `(${aspects.map((a) => `#${a}`).join(' OR ')})`;
  return columns.map((code) => {
    const parsed = parseQuery(`${any} ${operator} #${code}`, 'en');
    const places = new Map<string, Set<number>>();
    if (!parsed.ok || aspects.length === 0) return places;
    const scope = filter.coder === undefined ? {} : { coder: filter.coder };
    for (const match of queryMatches(index, parsed.query, scope)) places.set(match.document.key, new Set(match.places));
    return places;
  });
}

/** The matrices asked for since the index last changed, by their options (a few: the Statistics page asks again for the one it shows). */
class MatrixCache implements IndexCache {
  readonly made = new Map<string, { codebook: Codebook; matrix: Matrix }>();

  changed(): void {
    this.made.clear();
  }
}

const MATRICES = new CacheKind((): MatrixCache => new MatrixCache());
const MATRICES_KEPT = 8;

/** The matrix of `options`; the same object again while the index and the codebook are the same (do not change it). */
export function computeMatrix(index: WorkspaceIndex, codebook: Codebook, locale: Locale, options: MatrixOptions): Matrix {
  const cache = index.cache(MATRICES);
  const key = JSON.stringify([locale, options.rows, options.columns, options.measure ?? 'fragments', options.relation ?? null, options.filter ?? {}]);
  const known = cache.made.get(key);
  if (known?.codebook === codebook) return known.matrix;
  const matrix = compute(index, codebook, locale, options);
  if (cache.made.size >= MATRICES_KEPT) cache.made.clear();
  cache.made.set(key, { codebook, matrix });
  return matrix;
}

/** The fragments a cell stands for (of row `row`, column `column`), in path and document order. */
export function matrixCellFragments(index: WorkspaceIndex, codebook: Codebook, locale: Locale, options: MatrixOptions, row: number, column: number): FragmentRef[] {
  const out: FragmentRef[] = [];
  compute(index, codebook, locale, options, { row, column, into: out });
  return out;
}

function compute(index: WorkspaceIndex, codebook: Codebook, locale: Locale, options: MatrixOptions, collect?: { row: number; column: number; into: FragmentRef[] }): Matrix {
  const filter = options.filter ?? {};
  const measure = options.measure ?? 'fragments';
  // Coders side by side: each coder's coding of every conversation, as a query naming a coder finds it.
  const byCoder = filter.coder === undefined && (options.rows === 'coder' || options.columns === 'coder');
  const documents = byCoder
    ? [...index.coders().flatMap((coder) => countedDocuments(index, { ...filter, coder })), ...countedDocuments(index, filter).filter((d) => d.coder === undefined)].sort((a, b) =>
        a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
      )
    : countedDocuments(index, filter);
  const factsCache = index.cache(FACTS);
  const withFacts = documents.map((document) => ({ document, facts: factsCache.of(document) }));
  const rows = makeAxis(options.rows, withFacts, codebook, locale);
  const columns = makeAxis(options.columns, withFacts, codebook, locale);
  const relation = isCodes(options.rows) && isCodes(options.columns) ? (options.relation ?? { kind: 'fragment' }) : undefined;
  const R = rows.values.length;
  const C = columns.values.length;
  // A code against itself or its own sub-code (either way) is no relation.
  const related = (r: number, c: number): boolean => {
    if (!relation) return true;
    const x = rows.codes![r]!;
    const y = columns.codes![c]!;
    return !isWithin(x, y) && !isWithin(y, x);
  };

  const meeting = relation && relation.kind !== 'fragment' ? relationPlaces(index, columns.codes!, [...new Set(rows.codes!.map(aspectOf))], relation, filter) : undefined;
  const cells = new Float64Array(R * C);
  const rowTotals = new Float64Array(R);
  const columnTotals = new Float64Array(C);
  let total = 0;
  // For documents: the last document counted in each cell and total.
  const cellSeen = new Int32Array(R * C).fill(-1);
  const rowSeen = new Int32Array(R).fill(-1);
  const columnSeen = new Int32Array(C).fill(-1);
  let totalSeen = -1;

  withFacts.forEach(({ document, facts }, d) => {
    const count = facts.codes.length;
    if (count === 0) return;
    const meet = relation && relation.kind !== 'fragment' ? meeting!.map((places) => places.get(document.key)) : undefined;
    const rowOf: (readonly number[])[] = [];
    const columnOf: (readonly number[])[] = [];
    const pairsOf: number[][] = [];
    for (let i = 0; i < count; i++) {
      rowOf[i] = rows.of(document, facts, i);
      if (meet) {
        const hits: number[] = [];
        meet.forEach((places, c) => {
          if (places?.has(i)) hits.push(c);
        });
        columnOf[i] = hits;
      } else columnOf[i] = columns.of(document, facts, i);
    }
    const characters = measure === 'characters';
    const documentsMeasure = measure === 'documents';
    for (let i = 0; i < count; i++) {
      const rowList = rowOf[i]!;
      const columnList = columnOf[i]!;
      // The cells of the fragment (row and column lists hold no value twice: no pair twice), and its rows and columns in any of them.
      let pairs: number[];
      let rowsHit: readonly number[];
      let columnsHit: readonly number[];
      if (!relation) {
        pairs = [];
        for (const r of rowList) for (const c of columnList) pairs.push(r * C + c);
        rowsHit = columnList.length ? rowList : [];
        columnsHit = rowList.length ? columnList : [];
      } else {
        pairs = [];
        const rs = new Set<number>();
        const cs = new Set<number>();
        for (const r of rowList) {
          for (const c of columnList) {
            if (!related(r, c)) continue;
            pairs.push(r * C + c);
            rs.add(r);
            cs.add(c);
          }
        }
        rowsHit = [...rs];
        columnsHit = [...cs];
      }
      pairsOf[i] = pairs;
      if (pairs.length === 0) continue;
      if (collect && pairs.includes(collect.row * C + collect.column)) collect.into.push({ document, fragment: document.fragments[i]! });
      if (documentsMeasure) {
        for (const pair of pairs) {
          if (cellSeen[pair] !== d) {
            cellSeen[pair] = d;
            cells[pair]!++;
          }
        }
        for (const r of rowsHit) {
          if (rowSeen[r] !== d) {
            rowSeen[r] = d;
            rowTotals[r]!++;
          }
        }
        for (const c of columnsHit) {
          if (columnSeen[c] !== d) {
            columnSeen[c] = d;
            columnTotals[c]!++;
          }
        }
        if (totalSeen !== d) {
          totalSeen = d;
          total++;
        }
        continue;
      }
      // Characters: a fragment inside another of the same cell (row, column, total) adds none.
      const ancestors: number[] = [];
      if (characters) for (let p = facts.parents[i]!; p >= 0; p = facts.parents[p]!) ancestors.push(p);
      const inAncestor = (test: (pairs: readonly number[]) => boolean): boolean => ancestors.length > 0 && ancestors.some((p) => test(pairsOf[p]!));
      const weight = characters ? facts.lengths[i]! : 1;
      for (const pair of pairs) if (!inAncestor((p) => p.includes(pair))) cells[pair]! += weight;
      for (const r of rowsHit) if (!inAncestor((p) => p.some((q) => Math.floor(q / C) === r))) rowTotals[r]! += weight;
      for (const c of columnsHit) if (!inAncestor((p) => p.some((q) => q % C === c))) columnTotals[c]! += weight;
      if (!inAncestor((p) => p.length > 0)) total += weight;
    }
  });

  const filterQuery = filterTerms(filter);
  const out: Matrix = {
    rows: rows.values,
    columns: columns.values,
    measure,
    cells: rows.values.map((_, r) => columns.values.map((__, c) => (related(r, c) ? cells[r * C + c]! : null))),
    rowTotals: [...rowTotals],
    columnTotals: [...columnTotals],
    total,
    rowTerms: rows.values.map((_, r) => rows.terms[r] ?? null),
    columnTerms: columns.values.map((_, c) => columns.terms[c] ?? null),
    filterTerms: filterQuery,
    leftOut: filter.coder === undefined && !byCoder ? leftOutCodings(index) : [],
  };
  if (relation) out.relation = relation;
  return out;
}

/** A cell as a percentage of its row's or its column's total; null where there is none. */
export function matrixPercent(matrix: Pick<Matrix, 'cells' | 'rowTotals' | 'columnTotals'>, row: number, column: number, percent: MatrixPercent): number | null {
  const value = matrix.cells[row]?.[column];
  const total = percent === 'row' ? matrix.rowTotals[row] : matrix.columnTotals[column];
  return value === null || value === undefined || !total ? null : (value / total) * 100;
}
