// A parsed coding query over a workspace index: the fragments that match, in path and document
// order. Each conversation counts once (conversations.ts), as in the views, unless a coder is
// asked for: `scope.coder` (the views' coder filter) keeps that coder's transcripts, and a query
// that names a `coder:` looks at every transcript, so the coder term chooses.
//
// Every relation holds between two fragments of one transcript, so a query is evaluated one
// transcript at a time, as a flag per fragment. A transcript that cannot match (a code it does
// not use, another practice) is passed over without reading its fragments.

import { isWithin } from '../codes';
import { conversationsOf } from '../index/conversations';
import { personOf } from '../index/speakers';
import type { FragmentRef, IndexedDocument, WorkspaceIndex } from '../index/workspaceIndex';
import { foldWord } from '../privacy/fold';
import type { AttributeValue } from '../types';
import type { Comparison, QueryNode } from './ast';
import { factsOf, foundIn, lastAtOrBefore, type DocumentFacts } from './facts';
import { checkPattern } from './pattern';

export interface QueryScope {
  /** Only this coder's transcripts (every conversation they coded), as the views' coder filter. */
  coder?: string;
}

/** The places (in `document.fragments`) of one transcript's fragments that match. */
export interface DocumentMatches {
  document: IndexedDocument;
  places: number[];
}

const NUMBER = /^-?\d+(?:[.,]\d+)?$/;
const DATE = /^\d{4}-\d{2}(?:-\d{2})?/;
/** A date as asked: a year, a month or a day. */
const WANTED_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

function numberOf(text: string): number {
  return Number(text.replace(',', '.'));
}

function compare(a: number | string, b: number | string, comparison: Comparison): boolean {
  switch (comparison) {
    case '=':
      return a === b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
}

/** A front-matter value against `key:value`: numbers and dates compare, a list matches an element, text is folded. */
export function valueMatches(value: AttributeValue, comparison: Comparison, wanted: string): boolean {
  if (Array.isArray(value)) return value.some((element) => valueMatches(element, comparison, wanted));
  if (value === null) return false;
  if (NUMBER.test(wanted) && (typeof value === 'number' || (typeof value === 'string' && NUMBER.test(value)))) {
    return compare(typeof value === 'number' ? value : numberOf(value), numberOf(wanted), comparison);
  }
  // A date compares at the precision asked: date:2020-11 is the whole of November, date:<2021 before 2021.
  if (typeof value === 'string' && DATE.test(value) && WANTED_DATE.test(wanted)) return compare(value.slice(0, wanted.length), wanted, comparison);
  return comparison === '=' && foldWord(String(value)) === foldWord(wanted);
}

/** The value of a front-matter key, whatever its case. */
function attributeOf(document: IndexedDocument, key: string): AttributeValue | undefined {
  if (Object.hasOwn(document.attributes, key)) return document.attributes[key];
  const lower = key.toLowerCase();
  for (const [name, value] of Object.entries(document.attributes)) if (name.toLowerCase() === lower) return value;
  return undefined;
}

function namesCoder(node: QueryNode): boolean {
  switch (node.kind) {
    case 'field':
      return node.key === 'coder';
    case 'and':
    case 'or':
    case 'relation':
      return namesCoder(node.left) || namesCoder(node.right);
    case 'not':
      return namesCoder(node.operand);
    default:
      return false;
  }
}

/** The transcripts a query looks at: see the top of this file. */
export function documentsInScope(index: WorkspaceIndex, query: QueryNode, scope: QueryScope = {}): IndexedDocument[] {
  if (scope.coder !== undefined) return index.all().filter((d) => d.coder === scope.coder);
  if (namesCoder(query)) return index.all();
  const left = conversationsOf(index).left;
  return index.all().filter((d) => !left.has(d.key));
}

const NOT_WORD = /[^\p{L}\p{N}]+/gu;
const ASCII = /^[\x00-\x7f]*$/;

/** The words of a text, folded (case, accents, look-alike letters) and each between spaces: `" met bewoners "`. */
export function foldedText(text: string): string {
  return ` ${foldWord(text).replace(NOT_WORD, ' ').trim()} `;
}

/** One transcript, as the evaluation reads it: its facts, and its fragments only when words or patterns ask. */
class DocumentView {
  readonly facts: DocumentFacts;
  private texts?: string[];

  constructor(
    readonly document: IndexedDocument,
    index: WorkspaceIndex,
  ) {
    this.facts = factsOf(index, document);
  }

  get count(): number {
    return this.facts.count;
  }

  fragmentTexts(): string[] {
    return (this.texts ??= this.document.fragments.map((f) => f.text));
  }

  /** NEAR's unit: the turn, or the line in a transcript without turns. */
  unitOf(): Int32Array {
    return this.facts.hasTurns ? this.facts.turn : this.facts.line;
  }
}

/** Whether any fragment of the document can match, from what the index knows without reading them. */
type Possible = (node: QueryNode, document: IndexedDocument) => boolean;

function possibility(index: WorkspaceIndex): Possible {
  const users = new Map<string, Set<string>>();
  const usersOf = (code: string): Set<string> => {
    let keys = users.get(code);
    if (!keys) {
      keys = new Set();
      for (const used of index.usedCodes()) {
        if (isWithin(used.toLowerCase(), code)) for (const document of index.documentsUsing(used)) keys.add(document.key);
      }
      users.set(code, keys);
    }
    return keys;
  };
  const possible: Possible = (node, document) => {
    switch (node.kind) {
      case 'code':
        return usersOf(node.code.toLowerCase()).has(document.key);
      case 'field':
        return node.key === 'speaker' || documentField(node, document);
      case 'and':
      case 'relation':
        return possible(node.left, document) && possible(node.right, document);
      case 'or':
        return possible(node.left, document) || possible(node.right, document);
      default:
        return true;
    }
  };
  return possible;
}

/** A field about the whole transcript (not `speaker:`). */
function documentField(node: Extract<QueryNode, { kind: 'field' }>, document: IndexedDocument): boolean {
  // The path as the views and reports show it, relative to the project folder, with `/`.
  if (node.key === 'file') return document.path === node.value.replace(/\\/g, '/');
  if (node.key === 'practice' || node.key === 'coder') {
    const value = document[node.key];
    return value !== undefined && foldWord(value) === foldWord(node.value);
  }
  const value = attributeOf(document, node.key);
  return value !== undefined && valueMatches(value, node.comparison, node.value);
}

function all(n: number, value: boolean): Uint8Array {
  return new Uint8Array(n).fill(value ? 1 : 0);
}

function each(view: DocumentView, test: (at: number) => boolean): Uint8Array {
  const flags = new Uint8Array(view.count);
  for (let at = 0; at < flags.length; at++) if (test(at)) flags[at] = 1;
  return flags;
}

/** Per value of `unit`, how many fragments of `flags` have it. */
function countsBy(unit: Int32Array, flags: Uint8Array): Map<number, number> {
  const counts = new Map<number, number>();
  flags.forEach((flag, at) => {
    if (flag) counts.set(unit[at]!, (counts.get(unit[at]!) ?? 0) + 1);
  });
  return counts;
}

/** The fragments of `left` related to another fragment of `right`. */
function related(view: DocumentView, node: Extract<QueryNode, { kind: 'relation' }>, left: Uint8Array, right: Uint8Array): Uint8Array {
  const { parent, start, end } = view.facts;
  const others = (counts: Map<number, number>, unit: number, at: number): boolean => (counts.get(unit) ?? 0) - right[at]! > 0;
  switch (node.relation) {
    case 'in':
      return each(view, (at) => {
        if (!left[at]) return false;
        for (let p = parent[at]!; p >= 0; p = parent[p]!) if (right[p]) return true;
        return false;
      });
    case 'overlaps': {
      const partners: number[] = [];
      right.forEach((flag, at) => {
        if (flag) partners.push(at);
      });
      return each(view, (at) => left[at] === 1 && partners.some((other) => other !== at && start[other]! < end[at]! && start[at]! < end[other]!));
    }
    case 'sameturn':
    case 'samesection': {
      const unit = node.relation === 'sameturn' ? view.facts.turn : view.facts.section;
      const counts = countsBy(unit, right);
      return each(view, (at) => left[at] === 1 && (node.relation === 'samesection' || unit[at]! >= 0) && others(counts, unit[at]!, at));
    }
    case 'near': {
      const unit = view.unitOf();
      const units = [...unit.filter((_, at) => right[at] === 1)].sort((a, b) => a - b);
      const distance = node.distance ?? 1;
      return each(view, (at) => {
        if (!left[at]) return false;
        // The partners within reach, the fragment itself aside.
        const within = lastAtOrBefore(units, unit[at]! + distance) - lastAtOrBefore(units, unit[at]! - distance - 1);
        return within - right[at]! > 0;
      });
    }
  }
}

/** The compiled query's flags over one transcript's fragments. */
type Evaluate = (view: DocumentView) => Uint8Array;

function compile(node: QueryNode, possible: Possible): Evaluate {
  switch (node.kind) {
    case 'code': {
      const code = node.code.toLowerCase();
      // Per list of codes (shared by the index's fragments): whether it holds the code.
      const known = new Map<readonly string[], boolean>();
      const holds = (codes: readonly string[]): boolean => {
        let match = known.get(codes);
        if (match === undefined) known.set(codes, (match = codes.some((c) => isWithin(c.toLowerCase(), code))));
        return match;
      };
      return (view) => each(view, (at) => holds(view.facts.codes[at]!));
    }
    case 'field': {
      if (node.key !== 'speaker') return (view) => all(view.count, documentField(node, view.document));
      // The label as written (S1), or the person the front matter maps it to (persons: S1: P07).
      const speaker = foldWord(node.value);
      return (view) => {
        const known = new Map<string, boolean>();
        const matches = (label: string): boolean => {
          let match = known.get(label);
          if (match === undefined) known.set(label, (match = foldWord(label) === speaker || foldWord(personOf(view.document, label).id) === speaker));
          return match;
        };
        const speakers = view.facts.speakers;
        return each(view, (at) => speakers[at] !== undefined && matches(speakers[at]));
      };
    }
    case 'text': {
      const needle = ` ${node.words.join(' ')} `;
      // A text of ASCII letters is folded by lower case alone: without the first word, no match.
      const first = node.words[0]!;
      return (view) =>
        foundIn(view.facts, `"${needle}`, () => {
          const texts = view.fragmentTexts();
          return each(view, (at) => {
            const lower = texts[at]!.toLowerCase();
            if (!lower.includes(first) && ASCII.test(lower)) return false;
            return foldedText(lower).includes(needle);
          });
        });
    }
    case 'pattern': {
      const check = checkPattern(node.source, node.flags);
      const regex = check.ok ? check.regex : undefined;
      return (view) =>
        foundIn(view.facts, `/${node.flags}/${node.source}`, () => {
          const texts = view.fragmentTexts();
          return each(view, (at) => regex?.test(texts[at]!) ?? false);
        });
    }
    case 'not': {
      const operand = compile(node.operand, possible);
      return (view) => operand(view).map((flag) => 1 - flag);
    }
    case 'and':
    case 'or': {
      const left = compile(node.left, possible);
      const right = compile(node.right, possible);
      const isAnd = node.kind === 'and';
      return (view) => {
        // A side the transcript cannot match is all false: not read.
        const n = view.count;
        const a = possible(node.left, view.document) ? left(view) : all(n, false);
        if (isAnd && !a.includes(1)) return a;
        const b = possible(node.right, view.document) ? right(view) : all(n, false);
        return a.map((flag, at) => (isAnd ? flag & b[at]! : flag | b[at]!));
      };
    }
    case 'relation': {
      const left = compile(node.left, possible);
      const right = compile(node.right, possible);
      return (view) => {
        const a = left(view);
        if (!a.includes(1)) return a;
        return related(view, node, a, right(view));
      };
    }
  }
}

/** Per transcript in scope (path order), the places of its fragments that match `query`; transcripts without a match left out. */
export function queryMatches(index: WorkspaceIndex, query: QueryNode, scope: QueryScope = {}): DocumentMatches[] {
  const possible = possibility(index);
  const evaluate = compile(query, possible);
  const out: DocumentMatches[] = [];
  for (const document of documentsInScope(index, query, scope)) {
    if (!possible(query, document)) continue;
    const flags = evaluate(new DocumentView(document, index));
    const places: number[] = [];
    flags.forEach((flag, at) => {
      if (flag) places.push(at);
    });
    if (places.length > 0) out.push({ document, places });
  }
  return out;
}

/**
 * The matches with a coding written as parts (part="…") counted once, by its first part, as the
 * views and reports count it: the later parts left out.
 */
export function countedOnce(index: WorkspaceIndex, matches: readonly DocumentMatches[]): DocumentMatches[] {
  const out: DocumentMatches[] = [];
  for (const match of matches) {
    const later = factsOf(index, match.document).later;
    const places = later.size === 0 ? match.places : match.places.filter((at) => !later.has(at));
    if (places.length > 0) out.push(places === match.places ? match : { document: match.document, places });
  }
  return out;
}

/** The fragments that match `query`, in path and document order. */
export function evaluateQuery(index: WorkspaceIndex, query: QueryNode, scope: QueryScope = {}): FragmentRef[] {
  const refs: FragmentRef[] = [];
  for (const { document, places } of queryMatches(index, query, scope)) {
    const fragments = document.fragments;
    for (const at of places) refs.push({ document, fragment: fragments[at]! });
  }
  return refs;
}
