// The compact form of a transcript's model, for the workspace index: every number of the model
// in one byte array (as the difference to the number before it, in as few bytes as it needs), the
// strings once each, the fragments' texts in one string (a nested fragment's text is a piece of
// its parent's), and no ranges — a position is computed on demand from its offset and a table of
// the line starts the model uses.
//
// `unpackModel` gives a `Transcript` whose parts (headings, turns, fragments, codes, attribute
// blocks, diagnostics) are built from the compact form when read. A part is kept while something
// holds it (a WeakRef) and built again after the garbage collector took it: the index holds only
// the compact form, a request holds the objects it reads. Reading is invisible: the parts are
// enumerable properties in the model's key order, so JSON.stringify and deepEqual see an
// ordinary model. `packModel` checks that: it returns nothing for a model whose unpacked form
// does not read back as the same JSON (the caller keeps that model as it is).

import type {
  AttributeBlock,
  CodeOccurrence,
  Diagnostic,
  Fragment,
  FragmentKind,
  FrontMatter,
  Heading,
  Position,
  Range,
  Span,
  Transcript,
  Turn,
} from '../types';

/** Bumped when the layout changes (the model cache's key covers this file too). */
export const COMPACT_FORMAT = 1;

/** A model in the compact form: what a parse worker sends and the model cache stores. */
export interface PackedModel {
  /** Every number of the model, as variable-length deltas, in sections (see `Head.sections`). */
  bytes: Uint8Array;
  /** JSON of `Head`. */
  head: string;
}

interface Head {
  format: number;
  length: number;
  lineCount: number;
  frontMatter: FrontMatter;
  /** The diagnostics as JSON: few, and rarely read whole. */
  diagnostics: string;
  strings: string[];
  /** The fragments' texts. */
  pool: string;
  /** Record counts, in the order of `PARTS`. */
  counts: number[];
  /** Where each part starts in `bytes`, in the order of `PARTS`, and where the last one ends. */
  sections: number[];
}

const PARTS = ['fragments', 'codes', 'attributeBlocks', 'turns', 'headings', 'lines'] as const;
type Part = (typeof PARTS)[number];
const FRAGMENTS = 0;
const CODES = 1;
const BLOCKS = 2;
const TURNS = 3;
const HEADINGS = 4;
const LINES = 5;

const KINDS: readonly FragmentKind[] = ['inline', 'block', 'section', 'div'];

// Numbers as bytes: zigzag (small negative numbers stay small), then 7 bits a byte, low first.

class ByteWriter {
  private data = new Uint8Array(4096);
  length = 0;

  int(v: number): void {
    if (!Number.isSafeInteger(v) || Math.abs(v) > 2 ** 40) throw new NotCompact();
    let z = v >= 0 ? v * 2 : -v * 2 - 1;
    if (this.length + 8 > this.data.length) {
      const grown = new Uint8Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    while (z >= 128) {
      this.data[this.length++] = (z % 128) + 128;
      z = Math.floor(z / 128);
    }
    this.data[this.length++] = z;
  }

  done(): Uint8Array {
    return this.data.slice(0, this.length);
  }
}

class ByteReader {
  constructor(
    private readonly data: Uint8Array,
    public at: number,
  ) {}

  int(): number {
    const data = this.data;
    let b = data[this.at++]!;
    let z = b & 127;
    let scale = 128;
    while (b >= 128) {
      b = data[this.at++]!;
      z += (b & 127) * scale;
      scale *= 128;
    }
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }
}

class NotCompact extends Error {}

/**
 * The compact form of `model`, or undefined when it does not read back as the same model (a
 * shape this form does not hold; the caller keeps the model as it is then).
 */
export function packModel(model: Transcript): PackedModel | undefined {
  let packed: PackedModel;
  try {
    packed = pack(model);
  } catch (error) {
    if (error instanceof NotCompact) return undefined;
    throw error;
  }
  // The proof that nothing is lost: the unpacked model has the same keys in the same order and
  // the same values, all the way down.
  return sameData(unpackModel(packed), model) ? packed : undefined;
}

/**
 * Plain data compared strictly: the same keys in the same order (so JSON.stringify gives the
 * same text) and the same primitive values (`===`: NaN and undefined values do not compare).
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== 'number' || Number.isFinite(a);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const key = ka[i]!;
    if (key !== kb[i] || !sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function pack(model: Transcript): PackedModel {
  const length = model.length;
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const id = (s: string): number => {
    if (typeof s !== 'string') throw new NotCompact();
    let n = stringIds.get(s);
    if (n === undefined) {
      n = strings.length;
      strings.push(s);
      stringIds.set(s, n);
    }
    return n;
  };
  /** A string or its absence: 0 for none, else its id + 1. */
  const optional = (s: string | undefined): number => (s === undefined ? 0 : id(s) + 1);
  /** 0 for `{}`, else the id + 1 of its JSON. */
  const attributes = (a: Record<string, string>): number => {
    if (typeof a !== 'object' || a === null) throw new NotCompact();
    return Object.keys(a).length > 0 ? id(JSON.stringify(a)) + 1 : 0;
  };

  // The line starts the model's ranges show: line → offset of its first character.
  const lineStarts = new Map<number, number>();
  const note = (offset: number, position: Position): void => {
    const start = Math.max(0, Math.min(offset, length)) - position.character;
    const known = lineStarts.get(position.line);
    if (known === undefined) lineStarts.set(position.line, start);
    else if (known !== start) throw new NotCompact();
  };
  const located = (span: Span, range: Range): void => {
    note(span.start, range.start);
    note(span.end, range.end);
  };

  const w = new ByteWriter();
  const sections: number[] = [];
  const counts: number[] = [];

  // Fragments, with their codes and markup. A nested fragment's text is most often a piece of
  // its parent's: kept once.
  sections[FRAGMENTS] = w.length;
  const poolParts: string[] = [];
  let poolLength = 0;
  const textAt: number[] = [];
  /** Per fragment: where in its text the search for its next child's starts, and the source offset there. */
  const cursor: number[] = [];
  const sourceCursor: number[] = [];
  let lastText = 0;
  let lastStart = 0;
  const fragments = model.fragments;
  for (let i = 0; i < fragments.length; i++) {
    const f = fragments[i]!;
    const kind = KINDS.indexOf(f.kind);
    if (kind < 0) throw new NotCompact();
    w.int(kind);
    w.int(f.codes.length);
    for (const code of f.codes) w.int(id(code));
    w.int(optional(f.memo));
    w.int(attributes(f.attributes));
    w.int(optional(f.speaker));
    let offset = -1;
    const parent = f.parent >= 0 && f.parent < i ? fragments[f.parent]! : undefined;
    if (parent && f.text.length > 0) {
      // Children come in document order: look after the previous child's text, no further than
      // the source the two are apart (plain text is no longer than its source) — linear in all.
      const from = cursor[f.parent]!;
      const to = from + Math.max(0, f.content.span.end - sourceCursor[f.parent]!) + 64;
      const within = parent.text.slice(from, to).indexOf(f.text);
      if (within >= 0) {
        offset = textAt[f.parent]! + from + within;
        cursor[f.parent] = from + within + f.text.length;
        sourceCursor[f.parent] = f.content.span.end;
      }
    }
    cursor.push(0);
    sourceCursor.push(f.content.span.start);
    if (offset < 0) {
      offset = poolLength;
      poolParts.push(f.text);
      poolLength += f.text.length;
    }
    textAt.push(offset);
    w.int(offset - lastText);
    w.int(f.text.length);
    lastText = offset;
    const full = f.full.span;
    const content = f.content.span;
    located(content, f.content.range);
    located(full, f.full.range);
    w.int(full.start - lastStart);
    w.int(full.end - full.start);
    w.int(content.start - full.start);
    w.int(content.end - content.start);
    lastStart = full.start;
    w.int(f.markup.length);
    for (const m of f.markup) {
      w.int(m.start - full.start);
      w.int(m.end - m.start);
    }
    w.int(f.attributeBlock.start - full.start);
    w.int(f.attributeBlock.end - f.attributeBlock.start);
    w.int(f.parent < 0 ? 0 : i - f.parent);
  }
  counts[FRAGMENTS] = fragments.length;

  // Code occurrences.
  sections[CODES] = w.length;
  lastStart = 0;
  for (const c of model.codes) {
    located(c.span, c.range);
    w.int(id(c.code));
    w.int(c.fragment);
    w.int(c.span.start - lastStart);
    w.int(c.span.end - c.span.start);
    lastStart = c.span.start;
  }
  counts[CODES] = model.codes.length;

  // Attribute blocks; each block's codes are the next ones of the occurrences, in order.
  sections[BLOCKS] = w.length;
  lastStart = 0;
  for (const b of model.attributeBlocks) {
    located(b.span, b.range);
    w.int(b.span.start - lastStart);
    w.int(b.span.end - b.span.start);
    lastStart = b.span.start;
    w.int(b.codes.length);
    w.int(optional(b.memo));
    w.int(attributes(b.attributes));
    w.int(b.bareWords.length);
    for (const word of b.bareWords) {
      located(word.span, word.range);
      w.int(id(word.word));
      w.int(word.span.start - b.span.start);
      w.int(word.span.end - word.span.start);
    }
  }
  counts[BLOCKS] = model.attributeBlocks.length;

  sections[TURNS] = w.length;
  lastStart = 0;
  for (const t of model.turns) {
    w.int(id(t.speaker));
    w.int(t.label.start - lastStart);
    w.int(t.label.end - t.label.start);
    w.int(t.span.start - t.label.start);
    w.int(t.span.end - t.span.start);
    lastStart = t.label.start;
  }
  counts[TURNS] = model.turns.length;

  sections[HEADINGS] = w.length;
  lastStart = 0;
  for (const h of model.headings) {
    w.int(h.depth);
    w.int(id(h.text));
    w.int(h.span.start - lastStart);
    w.int(h.span.end - h.span.start);
    lastStart = h.span.start;
  }
  counts[HEADINGS] = model.headings.length;

  // The line table, by line; the starts must grow with the lines.
  sections[LINES] = w.length;
  const lines = [...lineStarts].sort((a, b) => a[0] - b[0]);
  let lastLine = 0;
  lastStart = 0;
  for (let i = 0; i < lines.length; i++) {
    const [line, start] = lines[i]!;
    if (i > 0 && start <= lastStart) throw new NotCompact();
    w.int(line - lastLine);
    w.int(start - lastStart);
    lastLine = line;
    lastStart = start;
  }
  counts[LINES] = lines.length;
  sections[PARTS.length] = w.length;

  const head: Head = {
    format: COMPACT_FORMAT,
    length,
    lineCount: model.lineCount,
    frontMatter: model.frontMatter,
    diagnostics: JSON.stringify(model.diagnostics),
    strings,
    pool: poolParts.join(''),
    counts,
    sections,
  };
  return { bytes: w.done(), head: JSON.stringify(head) };
}

// The store and its parts ---------------------------------------------------------------------------

/** One model in the compact form: what the index holds for a transcript that is not open. */
export class CompactStore {
  private readonly strings: string[];
  private readonly pool: string;
  private readonly diagnosticsJson: string;
  private readonly counts: number[];
  private readonly sections: number[];
  readonly length: number;
  readonly lineCount: number;
  readonly frontMatter: FrontMatter;

  constructor(
    private readonly data: Uint8Array,
    head: Head,
  ) {
    const { counts, sections } = head;
    const valid =
      head.format === COMPACT_FORMAT &&
      Array.isArray(counts) &&
      Array.isArray(sections) &&
      counts.length === PARTS.length &&
      sections.length === PARTS.length + 1 &&
      sections[0] === 0 &&
      sections[PARTS.length] === data.length &&
      sections.every((at, i) => i === 0 || at >= sections[i - 1]!);
    if (!valid) throw new Error('not a compact model');
    this.strings = head.strings;
    this.pool = head.pool;
    this.diagnosticsJson = head.diagnostics;
    this.counts = counts;
    this.sections = sections;
    this.length = head.length;
    this.lineCount = head.lineCount;
    this.frontMatter = head.frontMatter;
  }

  private reader(part: number): ByteReader {
    return new ByteReader(this.data, this.sections[part]!);
  }

  /** Calls `f` with each code of each fragment (`Fragment.codes`), in order. */
  forEachFragmentCode(f: (code: string) => void): void {
    const r = this.reader(FRAGMENTS);
    const strings = this.strings;
    for (let i = 0; i < this.counts[FRAGMENTS]!; i++) {
      r.int(); // kind
      for (let n = r.int(); n > 0; n--) f(strings[r.int()]!);
      for (let skip = 9; skip > 0; skip--) r.int(); // memo … content length
      for (let n = r.int() * 2; n > 0; n--) r.int(); // markup
      r.int(); // attribute block start
      r.int(); // attribute block length
      r.int(); // parent
    }
  }

  /** The characters of every fragment's markup (`Fragment.markup`), without building the fragments. */
  markupLength(): number {
    const r = this.reader(FRAGMENTS);
    let total = 0;
    for (let i = 0; i < this.counts[FRAGMENTS]!; i++) {
      r.int(); // kind
      for (let n = r.int(); n > 0; n--) r.int(); // codes
      for (let skip = 9; skip > 0; skip--) r.int(); // memo … content length
      for (let n = r.int(); n > 0; n--) {
        r.int(); // markup start
        total += r.int();
      }
      r.int(); // attribute block start
      r.int(); // attribute block length
      r.int(); // parent
    }
    return total;
  }

  /** Calls `f` with the code of each occurrence (`Transcript.codes`), in order. */
  forEachOccurrenceCode(f: (code: string) => void): void {
    const r = this.reader(CODES);
    const strings = this.strings;
    for (let i = 0; i < this.counts[CODES]!; i++) {
      f(strings[r.int()]!);
      r.int();
      r.int();
      r.int();
    }
  }

  /** Bytes held, by part (estimates for the strings: one byte a character, or two). */
  bytes(): Record<string, number> {
    const size = (part: number): number => this.sections[part + 1]! - this.sections[part]!;
    const chars = (t: string): number => 16 + t.length * (/[^\u0000-\u00ff]/.test(t) ? 2 : 1);
    const out: Record<string, number> = {};
    PARTS.forEach((part: Part, i) => (out[`${part} (bytes)`] = size(i)));
    out['fragment texts (pool string)'] = chars(this.pool);
    out['strings (codes, speakers, memos, ...)'] = this.strings.reduce((n, t) => n + chars(t) + 8, 16);
    out['diagnostics (JSON)'] = chars(this.diagnosticsJson);
    return out;
  }

  /** Offset → position, through the line table. */
  private positions(): (offset: number) => Position {
    const n = this.counts[LINES]!;
    const lines = new Int32Array(n);
    const starts = new Int32Array(n);
    const r = this.reader(LINES);
    let line = 0;
    let start = 0;
    for (let i = 0; i < n; i++) {
      lines[i] = line += r.int();
      starts[i] = start += r.int();
    }
    const length = this.length;
    return (offset) => {
      const clamped = Math.max(0, Math.min(offset, length));
      // The last known line start at or before the offset.
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= clamped) lo = mid;
        else hi = mid - 1;
      }
      return { line: lines[lo]!, character: clamped - starts[lo]! };
    };
  }

  private attributes(n: number): Record<string, string> {
    return n === 0 ? {} : (JSON.parse(this.strings[n - 1]!) as Record<string, string>);
  }

  fragments(): Fragment[] {
    const { strings, pool } = this;
    const position = this.positions();
    const range = (span: Span): Range => ({ start: position(span.start), end: position(span.end) });
    const r = this.reader(FRAGMENTS);
    const out: Fragment[] = [];
    let text = 0;
    let start = 0;
    for (let i = 0; i < this.counts[FRAGMENTS]!; i++) {
      const kind = KINDS[r.int()]!;
      const codes: string[] = [];
      for (let n = r.int(); n > 0; n--) codes.push(strings[r.int()]!);
      // Key by key, in the order the parser gives them.
      const f = { id: i, kind, codes } as Fragment;
      const memo = r.int();
      if (memo > 0) f.memo = strings[memo - 1];
      f.attributes = this.attributes(r.int());
      const speaker = r.int();
      if (speaker > 0) f.speaker = strings[speaker - 1];
      text += r.int();
      f.text = pool.slice(text, text + r.int());
      start += r.int();
      const full = { start, end: start + r.int() };
      const contentStart = start + r.int();
      const content = { start: contentStart, end: contentStart + r.int() };
      f.content = { span: content, range: range(content) };
      f.full = { span: full, range: range(full) };
      const markup: Span[] = [];
      for (let n = r.int(); n > 0; n--) {
        const at = start + r.int();
        markup.push({ start: at, end: at + r.int() });
      }
      f.markup = markup;
      const blockStart = start + r.int();
      f.attributeBlock = { start: blockStart, end: blockStart + r.int() };
      const up = r.int();
      f.parent = up === 0 ? -1 : i - up;
      out.push(f);
    }
    return out;
  }

  codes(): CodeOccurrence[] {
    const strings = this.strings;
    const position = this.positions();
    const r = this.reader(CODES);
    const out: CodeOccurrence[] = [];
    let start = 0;
    for (let i = 0; i < this.counts[CODES]!; i++) {
      const code = strings[r.int()]!;
      const fragment = r.int();
      start += r.int();
      const span = { start, end: start + r.int() };
      out.push({ code, fragment, span, range: { start: position(span.start), end: position(span.end) } });
    }
    return out;
  }

  /** The attribute blocks; their codes are the objects of `codes` (as in a parsed model). */
  attributeBlocks(codes: CodeOccurrence[]): AttributeBlock[] {
    const strings = this.strings;
    const position = this.positions();
    const range = (span: Span): Range => ({ start: position(span.start), end: position(span.end) });
    const r = this.reader(BLOCKS);
    const out: AttributeBlock[] = [];
    let code = 0;
    let start = 0;
    for (let i = 0; i < this.counts[BLOCKS]!; i++) {
      start += r.int();
      const span = { start, end: start + r.int() };
      const count = r.int();
      const memo = r.int();
      const attributes = this.attributes(r.int());
      const bareWords: AttributeBlock['bareWords'] = [];
      for (let n = r.int(); n > 0; n--) {
        const word = strings[r.int()]!;
        const at = start + r.int();
        const wordSpan = { start: at, end: at + r.int() };
        bareWords.push({ word, span: wordSpan, range: range(wordSpan) });
      }
      const block: AttributeBlock = { span, range: range(span), codes: codes.slice(code, (code += count)), attributes, bareWords };
      if (memo > 0) block.memo = strings[memo - 1];
      out.push(block);
    }
    return out;
  }

  turns(): Turn[] {
    const strings = this.strings;
    const r = this.reader(TURNS);
    const out: Turn[] = [];
    let start = 0;
    for (let i = 0; i < this.counts[TURNS]!; i++) {
      const speaker = strings[r.int()]!;
      start += r.int();
      const label = { start, end: start + r.int() };
      const spanStart = start + r.int();
      out.push({ speaker, label, span: { start: spanStart, end: spanStart + r.int() } });
    }
    return out;
  }

  headings(): Heading[] {
    const strings = this.strings;
    const r = this.reader(HEADINGS);
    const out: Heading[] = [];
    let start = 0;
    for (let i = 0; i < this.counts[HEADINGS]!; i++) {
      const depth = r.int();
      const text = strings[r.int()]!;
      start += r.int();
      out.push({ depth, text, span: { start, end: start + r.int() } });
    }
    return out;
  }

  diagnostics(): Diagnostic[] {
    return JSON.parse(this.diagnosticsJson) as Diagnostic[];
  }
}

/**
 * A model's compact form, on the model of `unpackModel` itself: not enumerable, so JSON, deepEqual
 * and copies do not see it (a copy is an ordinary model).
 */
const STORE = Symbol('compact store');
/** On an attribute blocks array: the codes array its blocks share objects with, kept alive with it. */
const SHARED_CODES = Symbol('shared codes');

function attach(target: object, key: symbol, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: false, configurable: false });
}

/** The compact form behind a model of `unpackModel`, or undefined for an ordinary model. */
export function compactStoreOf(model: Transcript): CompactStore | undefined {
  return (model as Transcript & { [STORE]?: CompactStore })[STORE];
}

/**
 * The model of a compact form. Its parts are built when read and kept while anything holds them;
 * a part assigned to becomes an ordinary data property.
 */
export function unpackModel(packed: PackedModel): Transcript {
  const store = new CompactStore(packed.bytes, JSON.parse(packed.head) as Head);
  const model = { length: store.length, lineCount: store.lineCount, frontMatter: store.frontMatter } as Transcript;
  const lazy = <K extends keyof Transcript>(key: K, make: () => Transcript[K]): void => {
    let ref: WeakRef<Transcript[K] & object> | undefined;
    Object.defineProperty(model, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        let value = ref?.deref();
        if (value === undefined) {
          value = make() as Transcript[K] & object;
          ref = new WeakRef(value);
        }
        return value;
      },
      set: (value: Transcript[K]) => {
        Object.defineProperty(model, key, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  };
  lazy('headings', () => store.headings());
  lazy('turns', () => store.turns());
  lazy('fragments', () => store.fragments());
  lazy('codes', () => store.codes());
  lazy('attributeBlocks', () => {
    const codes = model.codes;
    const blocks = store.attributeBlocks(codes);
    // While the blocks live, so does the codes array their codes come from: `model.codes`
    // gives the same objects as the blocks' codes.
    attach(blocks, SHARED_CODES, codes);
    return blocks;
  });
  lazy('diagnostics', () => store.diagnostics());
  attach(model, STORE, store);
  return model;
}

/** What the compact stores of `models` hold, by part (for bench/memory.ts). */
export function storeStats(models: Transcript[]): { parts: Record<string, number> } {
  const parts: Record<string, number> = {};
  for (const model of models) {
    const store = compactStoreOf(model);
    if (!store) {
      parts['models not in the compact form'] = (parts['models not in the compact form'] ?? 0) + 1;
      continue;
    }
    for (const [part, bytes] of Object.entries(store.bytes())) parts[part] = (parts[part] ?? 0) + bytes;
  }
  return { parts };
}
