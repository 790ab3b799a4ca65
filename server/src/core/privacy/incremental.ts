// Personal data in an open document, kept up to date per keystroke without reading the whole text
// again. The parse cuts the text into chunks that no finding can cross (a blank line or a div
// fence lies between two chunks, and no pattern or name spans a blank line); each chunk's findings
// are worked out from its own text and its parse result, and kept with that result, which the
// parse reuses for as long as the chunk's text does not change. A keystroke re-reads the chunks
// it touched and moves the findings after them. The findings always equal those of
// findPersonalData over the whole text (test/unit/privacy-incremental.test.ts).
//
// A chunk depends on the document only through the document's own names (its participants and
// speakers): of those, only the ones with a word in the chunk count. The document counts in how
// many chunks each word occurs, so a new speaker label whose words occur only around the edit
// (as while it is typed) re-reads only the chunks around it.

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
  /** The folded words of the chunk, each once (and each without a final `s`). */
  tokens: readonly string[];
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
  /** The parse state these findings are of. */
  state: ParsedText;
  length: number;
  lineCount: number;
  /** The findings of the chunks, and of the front matter and the div fence lines. */
  chunkFindings: PrivacyFinding[];
  outside: PrivacyFinding[];
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
  /** The folded words of each name. */
  private readonly words = new Map<string, readonly string[]>();
  /** Each folded word of the text: the one string kept for it, and in how many chunks it occurs. */
  private counts = new Map<string, { word: string; chunks: number }>();
  /** The front matter's and fence lines' words and findings, by their text (the front matter's after a NUL, a fence's after its pairing). */
  private pieces = new Map<string, { tokens: Set<string>; found: Map<string, readonly RawFinding[]> }>();
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
   * The findings of the parsed text `state` (`participants`: those of its front matter), in order.
   */
  findings(state: ParsedText, participants: readonly string[], prepared: PreparedDetection): PrivacyFinding[] {
    if (prepared !== this.prepared) this.reset(prepared);
    const last = this.last;
    if (last && last.state === state) return last.findings;
    const change = this.change;
    this.change = undefined;
    const listed = new Set(participants);
    const windowed = last && change && this.window(last, state, change, listed, participants);
    const located = windowed || this.walk(state, listed, participants);
    this.last = located;
    return located.findings;
  }

  private reset(prepared: PreparedDetection): void {
    this.prepared = prepared;
    this.entries = new WeakMap();
    this.contexts.clear();
    this.pieces = new Map();
    this.last = undefined;
    this.change = undefined;
  }

  private wordsOf(name: string): readonly string[] {
    let words = this.words.get(name);
    if (!words) {
      if (this.words.size > 4096) this.words.clear();
      this.words.set(name, (words = Array.from(name.matchAll(WORD), (m) => foldWord(m[0]))));
    }
    return words;
  }

  /** The names with a word among `tokens` (the folded words of a text). */
  private relevant(names: readonly string[], tokens: readonly string[] | ReadonlySet<string>): string[] {
    const has = Array.isArray(tokens) ? (w: string): boolean => (tokens as readonly string[]).includes(w) : (w: string): boolean => (tokens as ReadonlySet<string>).has(w);
    return names.filter((name) => this.wordsOf(name).some(has));
  }

  /** Counts (by = 1) or uncounts (-1) the words of a chunk. */
  private count(tokens: readonly string[], by: 1 | -1): void {
    for (const token of tokens) {
      const counted = this.counts.get(token);
      if (counted) counted.chunks += by;
      else if (by === 1) this.counts.set(token, { word: token, chunks: 1 });
    }
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
      const tokens: string[] = [];
      for (const token of foldedTokens(text())) {
        const counted = this.counts.get(token);
        tokens.push(counted ? counted.word : token);
      }
      entry = { tokens, labels: result.labels, documentNames: '', checked: [], relevant: [], relevantKey: '[]', findings: NONE, findingsNames: '\0' };
      this.entries.set(result, entry);
    }
    return entry;
  }

  /** The findings of a chunk against the document's names (`key`: them joined), relative to the chunk. */
  private chunkFindings(entry: ChunkEntry, result: ChunkResult, names: readonly string[], key: string, text: () => string): readonly RawFinding[] {
    // (the text is read only when the findings are worked out again)
    if (entry.documentNames !== key) {
      // Only the names not checked before are looked for in the chunk.
      const unchecked = names.filter((n) => !entry.checked.includes(n));
      const found = unchecked.length === 0 ? [] : this.relevant(unchecked, entry.tokens);
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
  private walk(state: ParsedText, listed: ReadonlySet<string>, participants: readonly string[]): Located {
    const { chunks } = state;
    const speakers = new Map<string, number>();
    const entries: { chunk: { start: number; end: number; result: ChunkResult }; entry: ChunkEntry }[] = [];
    this.counts = new Map();
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks.at(i)!;
      const entry = this.entry(chunk.result, () => state.text.slice(chunk.start, chunk.end));
      entries.push({ chunk, entry });
      countSpeakers(entry.labels, listed, speakers, 1);
      this.count(entry.tokens, 1);
    }
    const names = documentNameList(participants, speakersOf(speakers));
    const key = JSON.stringify(names);
    const chunkFindings: PrivacyFinding[] = [];
    for (const { chunk, entry } of entries) {
      const text = (): string => state.text.slice(chunk.start, chunk.end);
      for (const f of this.chunkFindings(entry, chunk.result, names, key, text)) chunkFindings.push(locate(f, chunk.start, state.lines));
    }
    return this.finish(state, chunkFindings, speakers, names);
  }

  /**
   * Re-reads only the chunks around `change` and moves the findings after them; undefined when
   * the chunks or div fences around it are not the same as before, or a name came or went whose
   * words occur elsewhere.
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
    const keepBefore = lo >= 0 ? now.at(lo)!.end : 0;
    const keepAfter = hi < now.length ? before.at(hiBefore)!.start : last.length;
    // A div fence that came or went around the change pairs the ones far from it anew: read all again.
    if (!sameFences(last.state.fences, state.fences, keepBefore, keepAfter, delta)) return undefined;
    const removed: ChunkEntry[] = [];
    for (let i = lo + 1; i < hiBefore; i++) {
      const entry = this.entries.get(before.at(i)!.result);
      if (!entry) return undefined;
      removed.push(entry);
    }
    const speakers = new Map(last.speakers);
    for (const entry of removed) {
      countSpeakers(entry.labels, listed, speakers, -1);
      this.count(entry.tokens, -1);
    }
    const fresh: { chunk: { start: number; end: number; result: ChunkResult }; entry: ChunkEntry }[] = [];
    for (let i = lo + 1; i < hi; i++) {
      const chunk = now.at(i)!;
      const entry = this.entry(chunk.result, () => state.text.slice(chunk.start, chunk.end));
      fresh.push({ chunk, entry });
      countSpeakers(entry.labels, listed, speakers, 1);
      this.count(entry.tokens, 1);
    }
    const names = documentNameList(participants, speakersOf(speakers));
    const key = JSON.stringify(names);
    if (key !== last.names) {
      // A name that came or went matters only where its words are: here, or (then read all) elsewhere too.
      const previous: readonly string[] = JSON.parse(last.names) as string[];
      const changed = [...names.filter((n) => !previous.includes(n)), ...previous.filter((n) => !names.includes(n))];
      for (const word of new Set(changed.flatMap((n) => this.wordsOf(n)))) {
        const here = fresh.filter(({ entry }) => entry.tokens.includes(word)).length;
        if ((this.counts.get(word)?.chunks ?? 0) > here) return undefined;
      }
    }
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
    // The front matter and the fences keep their findings when the names did and no fence lies around the change.
    const fenceHere = (fences: readonly Span[], from: number, to: number): boolean => fences.some((f) => f.end >= from && f.start <= to);
    const kept =
      key === last.names && !fenceHere(last.state.fences, keepBefore, keepAfter) && !fenceHere(state.fences, keepBefore, keepAfter + delta)
        ? last.outside.map((f) => (f.span.start < a || (delta === 0 && lineDelta === 0) ? f : moved(f, delta, lineDelta)))
        : undefined;
    return this.finish(state, chunkFindings, speakers, names, kept);
  }

  /** The front matter's and fence lines' findings, with the chunks'. */
  private finish(state: ParsedText, chunkFindings: PrivacyFinding[], speakers: Map<string, number>, names: string[], kept?: PrivacyFinding[]): Located {
    const key = JSON.stringify(names);
    let outside = kept;
    if (!outside) {
      outside = [];
      // Cached by text and by the names with a word in it, as a chunk is.
      const cached = (cache: Map<string, { tokens: Set<string>; found: Map<string, readonly RawFinding[]> }>, into: typeof cache, text: string, find: (own: DocumentNames) => readonly RawFinding[]): readonly RawFinding[] => {
        const entry = cache.get(text) ?? into.get(text) ?? { tokens: foldedTokens(text), found: new Map() };
        into.set(text, entry);
        const relevant = this.relevant(names, entry.tokens);
        const relevantKey = JSON.stringify(relevant);
        let found = entry.found.get(relevantKey);
        if (!found) entry.found.set(relevantKey, (found = find(this.context(relevant))));
        return found;
      };
      const pieces: typeof this.pieces = new Map();
      if (state.frontMatterEnd > 0) {
        const text = state.text.slice(0, state.frontMatterEnd);
        const found = cached(this.pieces, pieces, `\0${text}`, (own) => detectWith(text, frontMatterRegions(text, { start: 0, end: text.length }), this.prepared!, own));
        for (const f of found) outside.push(locate(f, 0, state.lines));
      }
      for (const fence of fenceLines(state.text, state.fences)) {
        const text = state.text.slice(fence.span.start, fence.span.end);
        const found = cached(this.pieces, pieces, `${fence.paired ? 1 : 0}${text}`, (own) => detectWith(text, fenceRegions(text, fence.paired), this.prepared!, own));
        for (const f of found) outside.push(locate(f, fence.span.start, state.lines));
      }
      this.pieces = pieces;
      outside.sort((x, y) => x.span.start - y.span.start);
    }
    const findings = outside.length === 0 ? chunkFindings : merged(chunkFindings, outside);
    return { findings, state, length: state.text.length, lineCount: state.lines.lineCount, chunkFindings, outside, speakers, names: key };
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

/** Whether the fences before `keepBefore` are where they were, and those from `keepAfter` (of the text before) moved by `delta`. */
function sameFences(before: readonly Span[], now: readonly Span[], keepBefore: number, keepAfter: number, delta: number): boolean {
  const head = (list: readonly Span[]): Span[] => list.filter((f) => f.start < keepBefore);
  const oldHead = head(before);
  const newHead = head(now);
  if (oldHead.length !== newHead.length || oldHead.some((f, i) => f.start !== newHead[i]!.start || f.end !== newHead[i]!.end)) return false;
  const oldTail = before.filter((f) => f.start >= keepAfter);
  const newTail = now.filter((f) => f.start >= keepAfter + delta);
  return oldTail.length === newTail.length && oldTail.every((f, i) => f.start + delta === newTail[i]!.start && f.end + delta === newTail[i]!.end);
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

