// Personal data in an open document, kept up to date per keystroke without reading the whole text
// again. The parse cuts the text into chunks that no finding can cross (a blank line or a div
// fence lies between two chunks, and no pattern or name spans a blank line); each chunk's findings
// are worked out from its own text and its parse result, and kept with that result, which the
// parse reuses for as long as the chunk's text does not change. A keystroke re-reads the chunks
// it touched and moves the findings after them. The findings always equal those of
// findPersonalData over the whole text (test/unit/privacy-incremental.test.ts).
//
// A chunk depends on the document only through the document's own names (its participants and
// speakers): of those, only the ones with a word in the chunk count, so typing a new speaker
// label re-reads only the chunks that hold one of its words.

import { scanAttributeBlock, type ParseCache } from '../parse';
import type { Span } from '../types';
import { detectWith, documentNameList, prepareNames, type DocumentNames, type PreparedDetection } from './detect';
import type { PrivacyFinding } from './findings';
import { foldWord, WORD } from './fold';
import type { RawFinding } from './patterns';
import { frontMatterRegions, type TextRegion } from './regions';

type ParseState = NonNullable<ParseCache['last']>;
type ChunkResult = ParseState['chunks'][number]['result'];
type ScannedBlock = ChunkResult['looseBlocks'][number];
type DiagnosedState = NonNullable<ParseCache['diagnosed']>;

/** What the parse knows of a text: a full parse's state, or one after an edit only diagnosed. */
export type ParsedText = Pick<DiagnosedState, 'text' | 'lines' | 'chunks' | 'fences' | 'frontMatterEnd'>;

/** Two texts agree on their first `prefix` and last `suffix` characters. */
export interface TextChange {
  prefix: number;
  suffix: number;
}

/** The change from a text to one two changes later. */
export function composeChanges(a: TextChange | undefined, b: TextChange): TextChange {
  return a ? { prefix: Math.min(a.prefix, b.prefix), suffix: Math.min(a.suffix, b.suffix) } : b;
}

const NONE: readonly RawFinding[] = Object.freeze([]);

/** A chunk's findings, kept with its parse result. */
interface ChunkEntry {
  /** The folded words of the chunk (and each without a final `s`), as a 512-bit Bloom filter. */
  bloom: Uint32Array;
  /** The speakers of its labels (a plain label only counts for a listed participant). */
  labels: readonly { speaker: string; plain: boolean }[];
  /** The document's names the entry was last checked against (`documentNames`: them as a key), and those of them with a word in the chunk. */
  documentNames: string;
  checked: readonly string[];
  relevant: readonly string[];
  relevantKey: string;
  /** The findings, relative to the chunk, made with the names in `findingsNames`. */
  findings: readonly RawFinding[];
  findingsNames: string;
}

function hashes(word: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 + c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return [(h1 >>> 0) & 511, (h2 >>> 0) & 511];
}

function bloomAdd(bloom: Uint32Array, word: string): void {
  for (const bit of hashes(word)) bloom[bit >> 5]! |= 1 << (bit & 31);
}

function bloomHas(bloom: Uint32Array, bits: readonly number[]): boolean {
  return bits.every((bit) => (bloom[bit >> 5]! & (1 << (bit & 31))) !== 0);
}

/** A name's folded words, and each one's bits in a Bloom filter. */
interface NameWords {
  words: string[];
  bits: [number, number][];
}

function nameWords(name: string): NameWords {
  const words = Array.from(name.matchAll(WORD), (m) => foldWord(m[0]));
  return { words, bits: words.map(hashes) };
}

/** The folded words of a text, and each that ends in `s` without it (`Jans` holds `jan`). */
function foldedTokens(text: string): Set<string> {
  const tokens = new Set<string>();
  for (const m of text.matchAll(WORD)) {
    const f = foldWord(m[0]);
    tokens.add(f);
    if (f.length > 1 && f.endsWith('s')) tokens.add(f.slice(0, -1));
  }
  return tokens;
}

/** Whether a coding attribute block codes: it holds a valid code. */
const codes = (block: ScannedBlock): boolean => block.items.some((item) => item.kind === 'code' && item.valid);

function memoRegions(text: string, block: ScannedBlock, into: TextRegion[]): void {
  for (const item of block.items) {
    if (item.kind !== 'pair' || item.key !== 'memo') continue;
    const valueStart = item.span.start + item.key.length + 1;
    if (text[valueStart] === '"') into.push({ span: { start: valueStart + 1, end: item.span.end - 1 }, style: 'memo' });
  }
}

const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DIV_FENCE = /^ {0,3}(:{3,})[ \t]*(.*?)[ \t]*$/;
const HTML_RAW_OPEN = /^ {0,3}<(script|pre|style|textarea)(?:\s|>|$)/i;
const BLANK = /^[ \t]*$/;

/**
 * The attribute blocks of fence lines inside a chunk that hold bare words and no code (`::: {intentie}`):
 * the parse finds them in its line scan, outside any fenced code or HTML block.
 */
function missingHashFences(text: string): ScannedBlock[] {
  const blocks: ScannedBlock[] = [];
  if (!text.includes(':::')) return blocks;
  let codeFence: string | undefined;
  let htmlRawEnd: RegExp | undefined;
  for (let start = 0; start <= text.length; ) {
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const content = text.slice(start, end);
    if (codeFence === undefined && htmlRawEnd === undefined) {
      const div = DIV_FENCE.exec(content);
      if (div && div[2]!.startsWith('{')) {
        const block = scanAttributeBlock(text, start + content.indexOf('{', div.index + div[1]!.length));
        if (block && !block.coding && block.items.some((item) => item.kind === 'word') && BLANK.test(text.slice(block.span.end, end))) blocks.push(block);
      }
    }
    if (codeFence !== undefined) {
      const close = CODE_FENCE.exec(content);
      if (close && close[1]![0] === codeFence[0] && close[1]!.length >= codeFence.length && BLANK.test(content.slice(close[0].length))) codeFence = undefined;
    } else if (htmlRawEnd !== undefined) {
      if (htmlRawEnd.test(content)) htmlRawEnd = undefined;
    } else if (!BLANK.test(content)) {
      const fence = CODE_FENCE.exec(content);
      if (fence && !(fence[1]![0] === '`' && content.slice(fence[0].length).includes('`'))) codeFence = fence[1]!;
      else if (/^ {0,3}<!--/.test(content) && !content.includes('-->', content.indexOf('<!--') + 4)) htmlRawEnd = /-->/;
      else {
        const raw = HTML_RAW_OPEN.exec(content);
        if (raw && !new RegExp(`</${raw[1]}>`, 'i').test(content)) htmlRawEnd = new RegExp(`</${raw[1]}>`, 'i');
      }
    }
    if (end >= text.length) break;
    start = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
  }
  return blocks;
}

/** The text regions of a chunk (relative to it), as textRegions finds them in the whole model. */
function chunkRegions(text: string, result: ChunkResult): TextRegion[] {
  const markup: Span[] = [];
  const special: TextRegion[] = [];
  const block = (b: ScannedBlock): void => {
    markup.push(b.span);
    memoRegions(text, b, special);
  };
  for (const f of result.fragments) {
    block(f.block);
    if (codes(f.block)) for (const span of f.markup) markup.push(span);
  }
  for (const h of result.headings) {
    if (!h.coding) continue;
    block(h.coding.block);
    if (codes(h.coding.block)) markup.push(h.coding.markup);
  }
  for (const b of result.looseBlocks) block(b);
  for (const b of result.missingHashCandidates) block(b);
  for (const b of missingHashFences(text)) block(b);
  markup.sort((a, b) => a.start - b.start);
  const regions: TextRegion[] = [];
  let at = 0;
  for (const span of markup) {
    if (span.start > at) regions.push({ span: { start: at, end: span.start }, style: 'markdown' });
    at = Math.max(at, span.end);
  }
  if (at < text.length) regions.push({ span: { start: at, end: text.length }, style: 'markdown' });
  return regions.concat(special).sort((a, b) => a.span.start - b.span.start);
}

/** A Kader div fence line and whether it opens a div that closes (only then is it markup around its memo). */
interface FenceLine {
  span: Span;
  paired: boolean;
}

function fenceLines(text: ParsedText['text'], fences: readonly Span[]): FenceLine[] {
  const lines: FenceLine[] = [];
  const open: FenceLine[] = [];
  for (const span of fences) {
    const content = text.slice(span.start, span.end);
    if (content.includes('{')) {
      const line = { span, paired: false };
      lines.push(line);
      open.push(line);
    } else {
      const opened = open.pop();
      if (opened) opened.paired = true;
    }
  }
  return lines;
}

/** The regions of an opening fence line: its memo when the div closes, else all of it. */
function fenceRegions(text: string, paired: boolean): TextRegion[] {
  if (!paired) return [{ span: { start: 0, end: text.length }, style: 'markdown' }];
  const block = scanAttributeBlock(text, text.indexOf('{'));
  const regions: TextRegion[] = [];
  if (block) memoRegions(text, block, regions);
  return regions;
}

interface Located {
  findings: PrivacyFinding[];
  /** The parse state, parse and text these findings are of. */
  state: ParsedText;
  parse: object;
  length: number;
  lineCount: number;
  /** The findings of the chunks alone (the front matter and fence lines are worked out each time). */
  chunkFindings: PrivacyFinding[];
  speakers: Map<string, number>;
  names: string;
}

/**
 * The findings of one open document, per chunk, owned by the document. One instance follows one
 * document; `prepared` (the key and allow-list) changing starts it afresh.
 */
export class DocumentPrivacy {
  private prepared: PreparedDetection | undefined;
  private entries = new WeakMap<ChunkResult, ChunkEntry>();
  private readonly contexts = new Map<string, DocumentNames>();
  private readonly words = new Map<string, NameWords>();
  private fenceCache = new Map<string, readonly RawFinding[]>();
  private frontMatter: { key: string; findings: readonly RawFinding[] } | undefined;
  private last: Located | undefined;
  /** What changed since the text of `last` (undefined: not known). */
  private change: TextChange | undefined;

  /** The document changed: `prefix` and `suffix` characters of the text before stayed. */
  changed(change: TextChange): void {
    if (this.last) this.change = composeChanges(this.change, change);
  }

  /** The whole text was replaced: nothing is known of what changed. */
  replaced(): void {
    this.last = undefined;
    this.change = undefined;
  }

  /**
   * The findings of the parsed text `state`, in order. `parse` is the full parse the state comes
   * from (an edit only diagnosed keeps it; a new one means the chunks may have moved anywhere);
   * `participants` those of its front matter.
   */
  findings(state: ParsedText, parse: object, participants: readonly string[], prepared: PreparedDetection): PrivacyFinding[] {
    if (prepared !== this.prepared) this.reset(prepared);
    const last = this.last;
    if (last && last.state === state) return last.findings;
    const change = this.change;
    this.change = undefined;
    const listed = new Set(participants);
    const windowed = last && change && last.parse === parse && this.window(last, state, change, listed, participants);
    const located = windowed || this.walk(state, parse, listed, participants);
    this.last = located;
    return located.findings;
  }

  private reset(prepared: PreparedDetection): void {
    this.prepared = prepared;
    this.entries = new WeakMap();
    this.contexts.clear();
    this.fenceCache = new Map();
    this.frontMatter = undefined;
    this.last = undefined;
    this.change = undefined;
  }

  /** The names with a word in the text (checked against the Bloom filter first when there is one). */
  private relevant(names: readonly string[], bloom: Uint32Array | undefined, text: () => string): string[] {
    if (names.length === 0) return [];
    let tokens: Set<string> | undefined;
    const relevant: string[] = [];
    for (const name of names) {
      let words = this.words.get(name);
      if (!words) {
        if (this.words.size > 4096) this.words.clear();
        this.words.set(name, (words = nameWords(name)));
      }
      if (bloom && !words.bits.some((bits) => bloomHas(bloom, bits))) continue;
      tokens ??= foldedTokens(text());
      if (words.words.some((w) => tokens!.has(w))) relevant.push(name);
    }
    return relevant;
  }

  private context(names: readonly string[]): DocumentNames {
    const key = JSON.stringify(names);
    let context = this.contexts.get(key);
    if (!context) {
      if (this.contexts.size > 256) this.contexts.clear();
      this.contexts.set(key, (context = prepareNames(this.prepared!, names)));
    }
    return context;
  }

  /** The entry of a chunk, made (and its findings worked out) on first sight. */
  private entry(result: ChunkResult, text: () => string): ChunkEntry {
    let entry = this.entries.get(result);
    if (!entry) {
      const bloom = new Uint32Array(16);
      for (const token of foldedTokens(text())) bloomAdd(bloom, token);
      entry = { bloom, labels: result.labels, documentNames: '', checked: [], relevant: [], relevantKey: '', findings: NONE, findingsNames: '' };
      this.entries.set(result, entry);
    }
    return entry;
  }

  /** The findings of a chunk against the document's names (`key`: them joined), relative to the chunk. */
  private chunkFindings(entry: ChunkEntry, result: ChunkResult, names: readonly string[], key: string, text: () => string): readonly RawFinding[] {
    if (entry.documentNames !== key) {
      // Only the names not checked before are looked for in the chunk.
      const unchecked = names.filter((n) => !entry.checked.includes(n));
      const found = unchecked.length === 0 ? [] : this.relevant(unchecked, entry.bloom, text);
      const relevant = names.filter((n) => entry.relevant.includes(n) || found.includes(n));
      if (relevant.length !== entry.relevant.length || relevant.some((n, i) => n !== entry.relevant[i])) {
        entry.relevant = relevant;
        entry.relevantKey = JSON.stringify(relevant);
      }
      entry.documentNames = key;
      entry.checked = names;
    }
    if (entry.findingsNames !== entry.relevantKey) {
      const source = text();
      const own = this.context(entry.relevant);
      const found = detectWith(source, chunkRegions(source, result), this.prepared!, own);
      entry.findings = found.length === 0 ? NONE : found;
      entry.findingsNames = entry.relevantKey;
    }
    return entry.findings;
  }

  /** Reads every chunk (from its entry when the parse kept it). */
  private walk(state: ParsedText, parse: object, listed: ReadonlySet<string>, participants: readonly string[]): Located {
    const { chunks } = state;
    const speakers = new Map<string, number>();
    const entries: { chunk: { start: number; end: number; result: ChunkResult }; entry: ChunkEntry }[] = [];
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks.at(i)!;
      const entry = this.entry(chunk.result, () => state.text.slice(chunk.start, chunk.end));
      entries.push({ chunk, entry });
      countSpeakers(entry.labels, listed, speakers, 1);
    }
    const names = documentNameList(participants, speakersOf(speakers));
    const key = JSON.stringify(names);
    const chunkFindings: PrivacyFinding[] = [];
    for (const { chunk, entry } of entries) {
      const text = (): string => state.text.slice(chunk.start, chunk.end);
      for (const f of this.chunkFindings(entry, chunk.result, names, key, text)) chunkFindings.push(locate(f, chunk.start, state.lines));
    }
    return this.finish(state, parse, chunkFindings, speakers, names);
  }

  /**
   * Re-reads only the chunks around `change` and moves the findings after them; undefined when
   * the chunks around it are not the same as before, or the document's names changed.
   */
  private window(last: Located, state: ParsedText, change: TextChange, listed: ReadonlySet<string>, participants: readonly string[]): Located | undefined {
    const before = last.state.chunks;
    const now = state.chunks;
    const delta = state.text.length - last.length;
    const a = change.prefix;
    const b = state.text.length - change.suffix;
    if (a < Math.max(state.frontMatterEnd, last.state.frontMatterEnd) + 1 || now.length < 3 || before.length < 3) return undefined;
    // The last chunk before the change and the first after it, in both lists: the same chunks.
    const lo = firstChunk(now, (c) => c.end >= a - 1) - 1;
    const hi = firstChunk(now, (c) => c.start > b + 1);
    const hiBefore = hi - (now.length - before.length);
    if (lo >= 0 && !sameChunk(now.at(lo), before.at(lo), 0)) return undefined;
    if (hi < now.length && (hiBefore < 0 || !sameChunk(now.at(hi), before.at(hiBefore), delta))) return undefined;
    const speakers = new Map(last.speakers);
    for (let i = lo + 1; i < hiBefore; i++) countSpeakers(before.at(i)!.result.labels, listed, speakers, -1);
    const fresh: { chunk: { start: number; end: number; result: ChunkResult }; entry: ChunkEntry }[] = [];
    for (let i = lo + 1; i < hi; i++) {
      const chunk = now.at(i)!;
      const entry = this.entry(chunk.result, () => state.text.slice(chunk.start, chunk.end));
      fresh.push({ chunk, entry });
      countSpeakers(entry.labels, listed, speakers, 1);
    }
    const names = documentNameList(participants, speakersOf(speakers));
    const key = JSON.stringify(names);
    if (key !== last.names) return undefined;
    const keepBefore = lo >= 0 ? now.at(lo)!.end : 0;
    const keepAfter = hi < now.length ? before.at(hiBefore)!.start : last.length;
    const lineDelta = state.lines.lineCount - last.lineCount;
    const old = last.chunkFindings;
    const chunkFindings: PrivacyFinding[] = [];
    let i = 0;
    for (; i < old.length && old[i]!.span.start < keepBefore; i++) chunkFindings.push(old[i]!);
    for (const { chunk, entry } of fresh) {
      const text = (): string => state.text.slice(chunk.start, chunk.end);
      for (const f of this.chunkFindings(entry, chunk.result, names, key, text)) chunkFindings.push(locate(f, chunk.start, state.lines));
    }
    while (i < old.length && old[i]!.span.start < keepAfter) i++;
    for (; i < old.length; i++) chunkFindings.push(delta === 0 && lineDelta === 0 ? old[i]! : moved(old[i]!, delta, lineDelta));
    return this.finish(state, last.parse, chunkFindings, speakers, names);
  }

  /** The front matter's and fence lines' findings, with the chunks'. */
  private finish(state: ParsedText, parse: object, chunkFindings: PrivacyFinding[], speakers: Map<string, number>, names: string[]): Located {
    const key = JSON.stringify(names);
    const extra: PrivacyFinding[] = [];
    if (state.frontMatterEnd > 0) {
      const text = state.text.slice(0, state.frontMatterEnd);
      const cacheKey = `${key}\0${text}`;
      if (this.frontMatter?.key !== cacheKey) {
        const own = this.context(this.relevant(names, undefined, () => text));
        this.frontMatter = { key: cacheKey, findings: detectWith(text, frontMatterRegions(text, { start: 0, end: text.length }), this.prepared!, own) };
      }
      for (const f of this.frontMatter.findings) extra.push(locate(f, 0, state.lines));
    }
    const fenceCache = new Map<string, readonly RawFinding[]>();
    for (const fence of fenceLines(state.text, state.fences)) {
      const text = state.text.slice(fence.span.start, fence.span.end);
      const cacheKey = `${fence.paired ? 1 : 0}${key}\0${text}`;
      let found = this.fenceCache.get(cacheKey) ?? fenceCache.get(cacheKey);
      if (!found) found = detectWith(text, fenceRegions(text, fence.paired), this.prepared!, this.context(this.relevant(names, undefined, () => text)));
      fenceCache.set(cacheKey, found);
      for (const f of found) extra.push(locate(f, fence.span.start, state.lines));
    }
    this.fenceCache = fenceCache;
    const findings = extra.length === 0 ? chunkFindings : merged(chunkFindings, extra.sort((x, y) => x.span.start - y.span.start));
    return { findings, state, parse, length: state.text.length, lineCount: state.lines.lineCount, chunkFindings, speakers, names: key };
  }
}

function countSpeakers(labels: readonly { speaker: string; plain: boolean }[], listed: ReadonlySet<string>, into: Map<string, number>, by: 1 | -1): void {
  for (const l of labels) {
    if (l.plain && !listed.has(l.speaker)) continue;
    const n = (into.get(l.speaker) ?? 0) + by;
    if (n === 0) into.delete(l.speaker);
    else into.set(l.speaker, n);
  }
}

function* speakersOf(counts: Map<string, number>): Generator<string> {
  for (const [speaker, n] of counts) if (n > 0) yield speaker;
}

/** The index of the first chunk for which `past` holds (they hold from some index on). */
function firstChunk(chunks: ParsedText['chunks'], past: (c: { start: number; end: number }) => boolean): number {
  let lo = 0;
  let hi = chunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (past(chunks.at(mid)!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function sameChunk(a: { start: number; end: number; result: ChunkResult } | undefined, b: { start: number; end: number; result: ChunkResult } | undefined, delta: number): boolean {
  return a !== undefined && b !== undefined && a.result === b.result && a.start === b.start + delta && a.end === b.end + delta;
}

function locate(f: RawFinding, by: number, lines: ParsedText['lines']): PrivacyFinding {
  const span = { start: f.span.start + by, end: f.span.end + by };
  return { rule: f.rule, level: f.level, span, range: lines.range(span), args: f.args };
}

function moved(f: PrivacyFinding, delta: number, lineDelta: number): PrivacyFinding {
  const { start, end } = f.range;
  return {
    rule: f.rule,
    level: f.level,
    span: { start: f.span.start + delta, end: f.span.end + delta },
    range: { start: { line: start.line + lineDelta, character: start.character }, end: { line: end.line + lineDelta, character: end.character } },
    args: f.args,
  };
}

function merged(a: readonly PrivacyFinding[], b: readonly PrivacyFinding[]): PrivacyFinding[] {
  const out: PrivacyFinding[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.span.start <= b[j]!.span.start)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

/** The findings of a text parsed with `cache` (for tests and a document without an editor): its state's. */
export function parsedTextOf(cache: ParseCache): { state: ParsedText; parse: ParseState } | undefined {
  const parse = cache.last;
  if (!parse) return undefined;
  return { state: cache.diagnosed ?? parse, parse };
}
