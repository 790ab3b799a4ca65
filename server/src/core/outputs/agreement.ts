// Intercoder agreement between two codings of the same transcript, and the edits that merge them.
// Pure: texts (and their models) in, figures and edits out. Git and files live in workspace/git.ts.
//
// The two transcripts are compared on their *uncoded text*: the transcript with every fragment's
// coding markup and the front matter removed, line breaks as LF (so a CRLF copy compares equal).
// When the uncoded texts differ (someone also edited the words), they are aligned with a diff
// (jsdiff: lines first, then characters inside changed hunks) and only the characters the two
// have in common are compared; where they first differ is reported.
//
// The unit of the character-level figures is one Unicode code point of the uncoded text, as in
// NVivo's coding comparison (which counts characters) and REFI-QDA (which counts code points).
// Codes are compared by their exact path: `#intentie/gestuurd` and `#intentie` are two codes.
// A code counts for a pair when at least one of the two coders used it in that transcript (NVivo
// lists every selected node, which adds codes nobody used with a trivial 100 % and kappa 1).

import { diffChars, diffLines } from 'diff';
import type { TextEdit } from '../edits';
import { partOf } from '../fragmentParts';
import { LineIndex, parseTranscript, stripBom } from '../parse';
import type { Fragment, Range, Transcript } from '../types';

// ---------------------------------------------------------------------------------------------
// The uncoded text

export interface UncodedText {
  /** The transcript without coding markup and front matter, LF line breaks. */
  text: string;
  /** For each UTF-16 position of `text` (and its end), the offset of that character in the transcript. */
  offsets: Int32Array;
  /** For each transcript offset (and the end), the position in `text` of the first character at or after it. */
  positions: Int32Array;
}

/** The uncoded text of a transcript (BOM-less `text`, as the model's offsets count). */
export function uncodedText(text: string, model: Transcript): UncodedText {
  const removed = model.fragments.flatMap((f) => f.markup);
  const frontMatter = model.frontMatter.span;
  if (frontMatter) {
    // The front matter and the line break after it: a transcript with and one without front
    // matter have the same uncoded text.
    let end = frontMatter.end;
    if (text.charCodeAt(end) === 13) end++;
    if (text.charCodeAt(end) === 10) end++;
    removed.push({ start: frontMatter.start, end });
  }
  removed.sort((a, b) => a.start - b.start);
  const positions = new Int32Array(text.length + 1);
  const offsets = new Int32Array(text.length + 1);
  // The output is built from slices of kept text (a lone CR or CRLF becomes "\n").
  const pieces: string[] = [];
  let out = 0;
  let run = -1;
  const flush = (end: number): void => {
    if (run >= 0 && end > run) pieces.push(text.slice(run, end));
    run = -1;
  };
  let r = 0;
  for (let i = 0; i < text.length; ) {
    while (r < removed.length && removed[r]!.end <= i) r++;
    if (r < removed.length && removed[r]!.start <= i) {
      flush(i);
      for (const end = removed[r]!.end; i < end; i++) positions[i] = out;
      continue;
    }
    positions[i] = out;
    offsets[out] = i;
    if (text.charCodeAt(i) === 13) {
      flush(i);
      pieces.push('\n');
      out++;
      i++;
      if (text.charCodeAt(i) === 10 && !(r < removed.length && removed[r]!.start <= i)) positions[i++] = out - 1;
      continue;
    }
    if (run < 0) run = i;
    out++;
    i++;
  }
  flush(text.length);
  positions[text.length] = out;
  offsets[out] = text.length;
  return { text: pieces.join(''), offsets: offsets.slice(0, out + 1), positions };
}

/** The transcript offset just after the character at uncoded position `p` (a CRLF is two). */
function endOffset(source: string, uncoded: UncodedText, p: number): number {
  const at = uncoded.offsets[p]!;
  return source.charCodeAt(at) === 13 && source.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
}

// ---------------------------------------------------------------------------------------------
// Alignment

/** A run of characters the two uncoded texts have in common: `length` UTF-16 units from `a` and `b`. */
export interface CommonRun {
  a: number;
  b: number;
  length: number;
}

/** Hunks larger than this (product of lengths) are not diffed character by character. */
const CHAR_DIFF_LIMIT = 25_000_000;

/** The common runs of two texts, in order. Identical texts are one run. */
export function alignTexts(a: string, b: string): CommonRun[] {
  if (a === b) return a.length > 0 ? [{ a: 0, b: 0, length: a.length }] : [];
  const runs: CommonRun[] = [];
  const push = (pa: number, pb: number, length: number): void => {
    if (length <= 0) return;
    const last = runs[runs.length - 1];
    if (last && last.a + last.length === pa && last.b + last.length === pb) last.length += length;
    else runs.push({ a: pa, b: pb, length });
  };
  let pa = 0;
  let pb = 0;
  const changes = diffLines(a, b);
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (!change.added && !change.removed) {
      push(pa, pb, change.value.length);
      pa += change.value.length;
      pb += change.value.length;
      continue;
    }
    // A changed hunk: the removed lines and the added lines next to them, diffed by character.
    let removed = '';
    let added = '';
    while (i < changes.length && (changes[i]!.added || changes[i]!.removed)) {
      if (changes[i]!.removed) removed += changes[i]!.value;
      else added += changes[i]!.value;
      i++;
    }
    i--;
    if (removed.length > 0 && added.length > 0 && removed.length * added.length <= CHAR_DIFF_LIMIT) {
      let qa = pa;
      let qb = pb;
      for (const part of diffChars(removed, added)) {
        if (part.removed) qa += part.value.length;
        else if (part.added) qb += part.value.length;
        else {
          push(qa, qb, part.value.length);
          qa += part.value.length;
          qb += part.value.length;
        }
      }
    }
    pa += removed.length;
    pb += added.length;
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------
// The figures

export interface CharacterCounts {
  /** Characters both coders coded with the code. */
  both: number;
  onlyA: number;
  onlyB: number;
  /** Characters neither coded with it. */
  neither: number;
  /** both + onlyA + onlyB + neither: the characters compared. */
  total: number;
}

export interface SegmentCounts {
  /** Segments (of A and of B) that agree. */
  agreeing: number;
  /** Segments of A plus segments of B. */
  total: number;
  /** agreeing / total × 100; null without segments. */
  percent: number | null;
}

export interface CodeAgreement {
  code: string;
  characters: CharacterCounts;
  /** Percentage agreement, 0–100. */
  percent: number;
  /** Cohen's kappa; 1 when both coders agree on every character and nothing varies. */
  kappa: number;
  /** Krippendorff's alpha (binary, nominal, two coders); null when undefined (no variation at all). */
  alpha: number | null;
  segments: SegmentCounts & { a: { agreeing: number; total: number }; b: { agreeing: number; total: number } };
}

export interface Overall {
  /** Unweighted mean over the codes (see `overallOf`). Null without codes. */
  percent: number | null;
  kappa: number | null;
  alpha: number | null;
  /** Summed over the codes, as MAXQDA's "total" row. */
  segments: SegmentCounts;
}

export interface TextLine {
  /** Zero-based line in the transcript. */
  line: number;
  text: string;
}

export interface TextComparison {
  identical: boolean;
  /** Characters (code points) compared: those the two uncoded texts have in common. */
  compared: number;
  /** Characters only in A's or only in B's uncoded text (left out of the figures). */
  onlyA: number;
  onlyB: number;
  /** Where the uncoded texts first differ: that line in each transcript. */
  firstDifference?: { a: TextLine; b: TextLine };
}

export interface Disagreement {
  /** Index in `disagreements`. */
  id: number;
  /** Zero-based line of its start in A. */
  line: number;
  /** Where it is in A, and in B. */
  range: Range;
  rangeB: Range;
  /** The uncoded text, white space collapsed. */
  text: string;
  codesA: string[];
  codesB: string[];
}

export interface AgreementResult {
  coders: { a?: string; b?: string };
  /** The segment overlap threshold used, in percent. */
  threshold: number;
  text: TextComparison;
  codes: CodeAgreement[];
  overall: Overall;
  disagreements: Disagreement[];
}

export interface CodingInput {
  /** The transcript text (a byte-order mark is ignored). */
  text: string;
  /** Its model; parsed when absent. */
  model?: Transcript;
}

export interface AgreementOptions {
  /** MAXQDA's minimum overlap of two segments, in percent of their union (default 90). */
  threshold?: number;
  /** Only these codes (default: every code either coder used). */
  codes?: string[];
}

/**
 * Percentage agreement and Cohen's kappa for one code, as NVivo's coding comparison defines them
 * (NVivo Help, "Run a Coding Comparison query", sections "How is the percentage agreement calculated?"
 * and "How is the Kappa coefficient calculated?",
 * http://help-nv10.qsrinternational.com/desktop/procedures/run_a_coding_comparison_query.htm):
 * each character is coded or not by A and by B;
 *   agreement Po = (both + neither) / total
 *   Pe = pA·pB + (1 − pA)(1 − pB), with pA = (both + onlyA) / total, pB = (both + onlyB) / total
 *   kappa = (Po − Pe) / (1 − Pe); when Pe = 1 (neither coder varies) the coders agree on every
 *   character and NVivo reports kappa 1.
 */
export function cohen(c: CharacterCounts): { percent: number; kappa: number } {
  if (c.total === 0) return { percent: 100, kappa: 1 };
  const po = (c.both + c.neither) / c.total;
  const pa = (c.both + c.onlyA) / c.total;
  const pb = (c.both + c.onlyB) / c.total;
  const pe = pa * pb + (1 - pa) * (1 - pb);
  return { percent: po * 100, kappa: pe >= 1 ? 1 : (po - pe) / (1 - pe) };
}

/**
 * Krippendorff's alpha for binary nominal data, two coders, no missing values, one unit per
 * character (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", §A, Annenberg School
 * for Communication Departmental Papers 43). The coincidence matrix of the N units has
 *   o₀₀ = 2·neither, o₁₁ = 2·both, o₀₁ = o₁₀ = onlyA + onlyB, n = 2N,
 *   n₀ = 2·neither + onlyA + onlyB, n₁ = 2·both + onlyA + onlyB, and
 *   alpha = 1 − Do/De = 1 − (n − 1) · o₀₁ / (n₀ · n₁).
 * Undefined (null) when n₀·n₁ = 0: every character in one category, nothing to be reliable about.
 */
export function krippendorff(c: CharacterCounts): number | null {
  const disagree = c.onlyA + c.onlyB;
  const n = 2 * c.total;
  const n0 = 2 * c.neither + disagree;
  const n1 = 2 * c.both + disagree;
  if (n0 === 0 || n1 === 0) return null;
  return 1 - ((n - 1) * disagree) / (n0 * n1);
}

/**
 * The overall figures of one comparison. NVivo reports kappa and agreement per node and source
 * only (no overall value); its help ("How can I calculate an average Kappa coefficient or
 * percentage agreement across multiple sources or nodes?", same page as above, with its "Coding
 * Comparison Calculation Examples" spreadsheet) averages them over sources weighted by the size
 * of each source. Our choice, following that: within
 * one transcript every code has the same source size, so the weighted average is the plain mean
 * over the codes compared; that is what we report (and `combineAgreements` weights by source
 * size across transcripts). Alpha is averaged the same way (codes with undefined alpha left out).
 * Segments are summed, as MAXQDA's table does in its total row.
 */
function overallOf(codes: CodeAgreement[]): Overall {
  const mean = (values: number[]): number | null => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);
  const agreeing = codes.reduce((s, c) => s + c.segments.agreeing, 0);
  const total = codes.reduce((s, c) => s + c.segments.total, 0);
  return {
    percent: mean(codes.map((c) => c.percent)),
    kappa: mean(codes.map((c) => c.kappa)),
    alpha: mean(codes.flatMap((c) => (c.alpha === null ? [] : [c.alpha]))),
    segments: { agreeing, total, percent: total ? (agreeing / total) * 100 : null },
  };
}

// ---------------------------------------------------------------------------------------------
// One side: its uncoded text, segments and coverage

interface Side {
  source: string;
  model: Transcript;
  uncoded: UncodedText;
  lines: LineIndex;
  /** Uncoded position → common index, or -1 for a character the other side lacks. */
  common: Int32Array;
}

interface CommonSegment {
  fragment: Fragment;
  /** The common indices it covers, as sorted half-open intervals. */
  parts: [number, number][];
  /** Covered common characters (UTF-16 units). */
  size: number;
  /** First and last + 1 common index (0, 0 when empty). */
  hull: [number, number];
}

function side(input: CodingInput): Side {
  const source = stripBom(input.text);
  const model = input.model ?? parseTranscript(source);
  const uncoded = uncodedText(source, model);
  return { source, model, uncoded, lines: new LineIndex(source), common: new Int32Array(uncoded.text.length).fill(-1) };
}

/** The fragment's content in uncoded positions. */
function uncodedExtent(s: Side, f: Fragment): [number, number] {
  return [s.uncoded.positions[f.content.span.start]!, s.uncoded.positions[f.content.span.end]!];
}

function commonSegment(s: Side, f: Fragment): CommonSegment {
  const [from, to] = uncodedExtent(s, f);
  const parts: [number, number][] = [];
  let size = 0;
  for (let p = from; p < to; p++) {
    const c = s.common[p]!;
    if (c < 0) continue;
    const last = parts[parts.length - 1];
    if (last && last[1] === c) last[1]++;
    else parts.push([c, c + 1]);
    size++;
  }
  const hull: [number, number] = parts.length ? [parts[0]![0], parts[parts.length - 1]![1]] : [0, 0];
  return { fragment: f, parts, size, hull };
}

function intersection(a: [number, number][], b: [number, number][]): number {
  let i = 0;
  let j = 0;
  let size = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]![0], b[j]![0]);
    const hi = Math.min(a[i]![1], b[j]![1]);
    if (hi > lo) size += hi - lo;
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return size;
}

/**
 * MAXQDA's segment agreement ("Intercoder agreement", variant "segment overlap", MAXQDA manual,
 * https://www.maxqda.com/help-mx24/coding/problem-intercoder-agreement-qualitative-research): a
 * segment of one coder agrees when the other coder coded an overlapping segment with the same
 * code and the overlap covers at least `threshold` % of the two segments' union. Segments of both
 * coders are tested, so total = segments of A + segments of B.
 */
function segmentAgreement(as: CommonSegment[], bs: CommonSegment[], threshold: number): CodeAgreement['segments'] {
  const agrees = (x: CommonSegment, others: CommonSegment[]): boolean =>
    others.some((y) => {
      if (x.size === 0 || y.size === 0 || x.hull[1] <= y.hull[0] || y.hull[1] <= x.hull[0]) return false;
      const overlap = intersection(x.parts, y.parts);
      const union = x.size + y.size - overlap;
      return overlap > 0 && overlap * 100 >= threshold * union;
    });
  const a = { agreeing: as.filter((x) => agrees(x, bs)).length, total: as.length };
  const b = { agreeing: bs.filter((x) => agrees(x, as)).length, total: bs.length };
  const agreeing = a.agreeing + b.agreeing;
  const total = a.total + b.total;
  return { agreeing, total, percent: total ? (agreeing / total) * 100 : null, a, b };
}

function segmentsOf(s: Side, code: string): CommonSegment[] {
  return s.model.fragments.filter((f) => f.codes.includes(code)).map((f) => commonSegment(s, f));
}

/** A code's segments, the parts of one coding (part="…", fragmentParts.ts) joined into one segment. */
function codingSegmentsOf(s: Side, code: string): CommonSegment[] {
  const out: CommonSegment[] = [];
  const at = new Map<string, number>();
  for (const segment of segmentsOf(s, code)) {
    const part = partOf(segment.fragment);
    const known = part === undefined ? undefined : at.get(part);
    if (known === undefined) {
      if (part !== undefined) at.set(part, out.length);
      out.push(segment);
      continue;
    }
    const joined = out[known]!;
    const parts: [number, number][] = [];
    for (const [from, to] of [...joined.parts, ...segment.parts].sort((x, y) => x[0] - y[0])) {
      const last = parts[parts.length - 1];
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else parts.push([from, to]);
    }
    const size = parts.reduce((n, [from, to]) => n + to - from, 0);
    const hull: [number, number] = parts.length ? [parts[0]![0], parts[parts.length - 1]![1]] : [0, 0];
    out[known] = { fragment: joined.fragment, parts, size, hull };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The comparison

/** Everything `compareCodings` computes, kept for `mergeEdits`. */
interface Comparison {
  a: Side;
  b: Side;
  runs: CommonRun[];
  /** Common index → position in A's uncoded text. */
  commonToA: Int32Array;
  commonToB: Int32Array;
  codes: string[];
  /** Per code, per common index: bit 1 = A codes it, bit 2 = B codes it. */
  coverage: Map<string, Uint8Array>;
  /** Per disagreement, its common indices [from, to). */
  regions: [number, number][];
  result: AgreementResult;
}

function lineText(s: Side, line: number): string {
  return s.source.slice(s.lines.lineStarts[line]!, s.lines.lineEnd(line));
}

function compare(inputA: CodingInput, inputB: CodingInput, options: AgreementOptions = {}): Comparison {
  const threshold = options.threshold ?? 90;
  const a = side(inputA);
  const b = side(inputB);
  const runs = alignTexts(a.uncoded.text, b.uncoded.text);
  const commonLength = runs.reduce((s, r) => s + r.length, 0);
  const commonToA = new Int32Array(commonLength);
  const commonToB = new Int32Array(commonLength);
  let k = 0;
  for (const run of runs) {
    for (let i = 0; i < run.length; i++, k++) {
      a.common[run.a + i] = k;
      b.common[run.b + i] = k;
      commonToA[k] = run.a + i;
      commonToB[k] = run.b + i;
    }
  }
  // A common index is a unit (code point) unless it is the low half of a surrogate pair.
  const atext = a.uncoded.text;
  const units = new Uint8Array(commonLength);
  for (let k = 0; k < commonLength; k++) {
    const p = commonToA[k]!;
    const c = atext.charCodeAt(p);
    const low = c >= 0xdc00 && c <= 0xdfff && p > 0 && atext.charCodeAt(p - 1) >= 0xd800 && atext.charCodeAt(p - 1) <= 0xdbff;
    units[k] = low ? 0 : 1;
  }
  const isUnit = (k: number): boolean => units[k] === 1;
  const codePoints = (s: string): number => Array.from(s).length;

  // The text comparison.
  let compared = 0;
  for (let i = 0; i < commonLength; i++) if (isUnit(i)) compared++;
  const text: TextComparison = {
    identical: atext === b.uncoded.text,
    compared,
    onlyA: codePoints(atext) - compared,
    onlyB: codePoints(b.uncoded.text) - compared,
  };
  if (!text.identical) {
    // The first position where the alignment breaks, in each text.
    let pa = 0;
    let pb = 0;
    for (const run of runs) {
      if (run.a !== pa || run.b !== pb) break;
      pa += run.length;
      pb += run.length;
    }
    const lineA = a.lines.lineOf(a.uncoded.offsets[Math.min(pa, atext.length)]!);
    const lineB = b.lines.lineOf(b.uncoded.offsets[Math.min(pb, b.uncoded.text.length)]!);
    text.firstDifference = { a: { line: lineA, text: lineText(a, lineA) }, b: { line: lineB, text: lineText(b, lineB) } };
  }

  // The codes and their coverage of the common characters.
  const used = new Set<string>();
  for (const f of [...a.model.fragments, ...b.model.fragments]) for (const c of f.codes) used.add(c);
  const codes = (options.codes ?? [...used]).filter((c, i, all) => all.indexOf(c) === i).sort();
  const coverage = new Map<string, Uint8Array>();
  for (const code of codes) coverage.set(code, new Uint8Array(commonLength));
  const cover = (s: Side, bit: number): void => {
    for (const f of s.model.fragments) {
      const [from, to] = uncodedExtent(s, f);
      for (const code of f.codes) {
        const cells = coverage.get(code);
        if (!cells) continue;
        for (let p = from; p < to; p++) {
          const c = s.common[p]!;
          if (c >= 0) cells[c]! |= bit;
        }
      }
    }
  };
  cover(a, 1);
  cover(b, 2);

  const perCode: CodeAgreement[] = codes.map((code) => {
    const cells = coverage.get(code)!;
    const counts: CharacterCounts = { both: 0, onlyA: 0, onlyB: 0, neither: 0, total: 0 };
    for (let i = 0; i < commonLength; i++) {
      if (!isUnit(i)) continue;
      const v = cells[i]!;
      if (v === 3) counts.both++;
      else if (v === 1) counts.onlyA++;
      else if (v === 2) counts.onlyB++;
      else counts.neither++;
    }
    counts.total = counts.both + counts.onlyA + counts.onlyB + counts.neither;
    return {
      code,
      characters: counts,
      ...cohen(counts),
      alpha: krippendorff(counts),
      segments: segmentAgreement(codingSegmentsOf(a, code), codingSegmentsOf(b, code), threshold),
    };
  });

  const regions: [number, number][] = [];
  const result: AgreementResult = {
    coders: {},
    threshold,
    text,
    codes: perCode,
    overall: overallOf(perCode),
    disagreements: disagreementsOf(a, b, commonToA, commonToB, codes, coverage, regions),
  };
  if (a.model.frontMatter.coder !== undefined) result.coders.a = a.model.frontMatter.coder;
  if (b.model.frontMatter.coder !== undefined) result.coders.b = b.model.frontMatter.coder;
  return { a, b, runs, commonToA, commonToB, codes, coverage, regions, result };
}

/**
 * Runs of common characters where the two coders' code sets differ, split where the sets change
 * or the alignment has a gap. Runs of white space only are left out: they are the edges of a
 * neighbouring run (one coder selected a space more).
 */
function disagreementsOf(
  a: Side,
  b: Side,
  commonToA: Int32Array,
  commonToB: Int32Array,
  codes: string[],
  coverage: Map<string, Uint8Array>,
  regions: [number, number][],
): Disagreement[] {
  const out: Disagreement[] = [];
  const n = commonToA.length;
  const cells = codes.map((c) => coverage.get(c)!);
  /** Whether the coders' code sets differ at common index k. */
  const differs = (k: number): boolean => {
    for (const c of cells) if (c[k] === 1 || c[k] === 2) return true;
    return false;
  };
  /** Whether both coders' code sets are the same at j as at k. */
  const same = (j: number, k: number): boolean => {
    for (const c of cells) if (c[j] !== c[k]) return false;
    return true;
  };
  const emit = (region: number, end: number): void => {
    // The range and text leave out white space at the edges; the region (for merging) keeps it.
    const space = (k: number): boolean => /\s/.test(a.uncoded.text[commonToA[k]!]!);
    let from = region;
    let to = end;
    while (from < to && space(from)) from++;
    while (to > from && space(to - 1)) to--;
    if (from === to) return;
    const pa = commonToA[from]!;
    const qa = commonToA[to - 1]!;
    const raw = a.uncoded.text.slice(pa, qa + 1);
    const start = a.uncoded.offsets[pa]!;
    const range = a.lines.range({ start, end: endOffset(a.source, a.uncoded, qa) });
    const startB = b.uncoded.offsets[commonToB[from]!]!;
    const rangeB = b.lines.range({ start: startB, end: endOffset(b.source, b.uncoded, commonToB[to - 1]!) });
    const v = cells.map((c) => c[from]!);
    regions.push([region, end]);
    out.push({
      id: out.length,
      line: range.start.line,
      range,
      rangeB,
      text: raw.replace(/\s+/g, ' ').trim(),
      codesA: codes.filter((_, i) => v[i]! & 1),
      codesB: codes.filter((_, i) => v[i]! & 2),
    });
  };
  let start = -1;
  for (let k = 0; k <= n; k++) {
    const contiguous = k > 0 && k < n && commonToA[k]! === commonToA[k - 1]! + 1 && commonToB[k]! === commonToB[k - 1]! + 1;
    if (start >= 0 && (k === n || !contiguous || !same(start, k))) {
      emit(start, k);
      start = -1;
    }
    if (start < 0 && k < n && differs(k)) start = k;
  }
  return out;
}

/** Compares the coding of two versions of one transcript. */
export function compareCodings(a: CodingInput, b: CodingInput, options: AgreementOptions = {}): AgreementResult {
  return compare(a, b, options).result;
}

/**
 * The figures of several comparisons (a folder of pairs) as one. Per code, percent, kappa and
 * alpha are averaged over the pairs weighted by each pair's compared characters (NVivo's advice:
 * weight by source size); character and segment counts are summed; the overall figures are the
 * mean over codes as in a single comparison.
 */
export function combineAgreements(results: AgreementResult[]): Pick<AgreementResult, 'codes' | 'overall'> & { compared: number } {
  const byCode = new Map<string, { weight: number; agreement: CodeAgreement; weighted: { percent: number; kappa: number; alpha: number; alphaWeight: number } }>();
  for (const r of results) {
    const w = r.text.compared;
    for (const c of r.codes) {
      let entry = byCode.get(c.code);
      if (!entry) {
        entry = {
          weight: 0,
          agreement: {
            code: c.code,
            characters: { both: 0, onlyA: 0, onlyB: 0, neither: 0, total: 0 },
            percent: 0,
            kappa: 0,
            alpha: null,
            segments: { agreeing: 0, total: 0, percent: null, a: { agreeing: 0, total: 0 }, b: { agreeing: 0, total: 0 } },
          },
          weighted: { percent: 0, kappa: 0, alpha: 0, alphaWeight: 0 },
        };
        byCode.set(c.code, entry);
      }
      entry.weight += w;
      entry.weighted.percent += w * c.percent;
      entry.weighted.kappa += w * c.kappa;
      if (c.alpha !== null) {
        entry.weighted.alpha += w * c.alpha;
        entry.weighted.alphaWeight += w;
      }
      const t = entry.agreement;
      for (const k of ['both', 'onlyA', 'onlyB', 'neither', 'total'] as const) t.characters[k] += c.characters[k];
      t.segments.agreeing += c.segments.agreeing;
      t.segments.total += c.segments.total;
      t.segments.a.agreeing += c.segments.a.agreeing;
      t.segments.a.total += c.segments.a.total;
      t.segments.b.agreeing += c.segments.b.agreeing;
      t.segments.b.total += c.segments.b.total;
    }
  }
  const codes = [...byCode.values()]
    .map(({ weight, agreement, weighted }) => {
      agreement.percent = weight ? weighted.percent / weight : 100;
      agreement.kappa = weight ? weighted.kappa / weight : 1;
      agreement.alpha = weighted.alphaWeight ? weighted.alpha / weighted.alphaWeight : null;
      agreement.segments.percent = agreement.segments.total ? (agreement.segments.agreeing / agreement.segments.total) * 100 : null;
      return agreement;
    })
    .sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  return { codes, overall: overallOf(codes), compared: results.reduce((s, r) => s + r.text.compared, 0) };
}

// ---------------------------------------------------------------------------------------------
// Pairs in a folder

export interface PairCandidate {
  path: string;
  text: string;
  model?: Transcript;
}

/**
 * Pairs of transcripts that are two codings of one conversation: the same uncoded text and a
 * different `coder` in the front matter (both present). Sorted by path.
 */
export function findCodingPairs(documents: PairCandidate[]): { a: PairCandidate; b: PairCandidate }[] {
  const groups = new Map<string, { doc: PairCandidate; coder: string }[]>();
  for (const doc of [...documents].sort((x, y) => (x.path < y.path ? -1 : 1))) {
    const source = stripBom(doc.text);
    const model = doc.model ?? parseTranscript(source);
    const coder = model.frontMatter.coder;
    if (!coder) continue;
    const key = uncodedText(source, model).text;
    if (key.trim() === '') continue;
    const list = groups.get(key) ?? [];
    list.push({ doc: { ...doc, model }, coder });
    groups.set(key, list);
  }
  const pairs: { a: PairCandidate; b: PairCandidate }[] = [];
  for (const list of groups.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) if (list[i]!.coder !== list[j]!.coder) pairs.push({ a: list[i]!.doc, b: list[j]!.doc });
    }
  }
  return pairs.sort((x, y) => (x.a.path < y.a.path ? -1 : x.a.path > y.a.path ? 1 : x.b.path < y.b.path ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// Merging

export interface MergeResult {
  /** Edits on A's text (LSP ranges, BOM-less offsets) that give it B's coding in the chosen places; none when there are problems. */
  edits: TextEdit[];
  /** Why B's coding cannot be written into A (e.g. B's fragment would cross one of A's only in part). */
  problems: string[];
}

export interface MergeChoice {
  /** The disagreement (its id in `compareCodings(a, b).disagreements`). */
  disagreement: number;
  /** Whose coding to keep there. A is the document edited: accepting A changes nothing. */
  accept: 'a' | 'b';
}

const overlaps = (x: [number, number], y: [number, number]): boolean => x[0] < y[1] && y[0] < x[1];

/**
 * The edits that make A's coding equal to B's around the chosen disagreements. For each code the
 * two disagree on there, the zone is grown to every fragment with that code (of A or B) that
 * touches it, transitively; in the zone, A's fragments with the code lose it and B's fragments with
 * it are written into A (a fragment of A with the same extent gets the code added; otherwise a new
 * fragment of B's kind: a section coding on the same heading, a block coding at the paragraph's
 * end, fences around the lines of a div, and for an inline fragment brackets around that range). Outside the zones A is left as it is.
 */
export function mergeEdits(inputA: CodingInput, inputB: CodingInput, choices: MergeChoice[], options: AgreementOptions = {}): MergeResult {
  const cmp = compare(inputA, inputB, options);
  const { a, b } = cmp;
  const problems: string[] = [];
  /** A fragment id → codes to remove and to add. */
  const changes = new Map<number, { remove: Set<string>; add: Set<string> }>();
  const change = (f: Fragment): { remove: Set<string>; add: Set<string> } => {
    let c = changes.get(f.id);
    if (!c) changes.set(f.id, (c = { remove: new Set(), add: new Set() }));
    return c;
  };
  /** New fragments in A: key `start:end:kind` → codes. */
  const created = new Map<string, { start: number; end: number; kind: Fragment['kind']; codes: Set<string> }>();
  const done = new Set<string>();

  for (const choice of choices) {
    if (choice.accept !== 'b') continue;
    const d = cmp.result.disagreements[choice.disagreement];
    if (!d) continue;
    const region = cmp.regions[choice.disagreement]!;
    const differing = [...d.codesA.filter((c) => !d.codesB.includes(c)), ...d.codesB.filter((c) => !d.codesA.includes(c))];
    for (const code of differing) {
      const as = segmentsOf(a, code).filter((s) => s.size > 0);
      const bs = segmentsOf(b, code).filter((s) => s.size > 0);
      const zone: [number, number] = [...region];
      const inA = new Set<CommonSegment>();
      const inB = new Set<CommonSegment>();
      for (let grown = true; grown; ) {
        grown = false;
        for (const [list, set] of [[as, inA], [bs, inB]] as const) {
          for (const s of list) {
            if (set.has(s) || !overlaps(s.hull, zone)) continue;
            set.add(s);
            zone[0] = Math.min(zone[0], s.hull[0]);
            zone[1] = Math.max(zone[1], s.hull[1]);
            grown = true;
          }
        }
      }
      const zoneKey = `${code}:${zone[0]}:${zone[1]}`;
      if (done.has(zoneKey)) continue;
      done.add(zoneKey);
      const same = (x: CommonSegment, y: CommonSegment): boolean => x.size === y.size && x.hull[0] === y.hull[0] && x.hull[1] === y.hull[1];
      for (const sa of inA) if (![...inB].some((sb) => same(sa, sb))) change(sa.fragment).remove.add(code);
      for (const sb of inB) {
        if ([...inA].some((sa) => same(sa, sb))) continue;
        // An A fragment with the same extent (any codes) takes the code.
        const twin = a.model.fragments.find((f) => {
          const s = commonSegment(a, f);
          return same(s, sb) && (f.kind !== 'section') === (sb.fragment.kind !== 'section');
        });
        if (twin) {
          const c = change(twin);
          if (c.remove.has(code)) c.remove.delete(code);
          else if (!twin.codes.includes(code)) c.add.add(code);
          continue;
        }
        const start = a.uncoded.offsets[cmp.commonToA[sb.hull[0]]!]!;
        const end = endOffset(a.source, a.uncoded, cmp.commonToA[sb.hull[1] - 1]!);
        const kind = sb.fragment.kind;
        const key = `${start}:${end}:${kind}`;
        const entry = created.get(key) ?? { start, end, kind, codes: new Set<string>() };
        entry.codes.add(code);
        created.set(key, entry);
      }
    }
  }

  const edits: TextEdit[] = [];
  const edit = (start: number, end: number, newText: string): void => {
    edits.push({ range: a.lines.range({ start, end }), newText });
  };
  /** Fragments of A that lose all their codes (and their markup). */
  const gone = new Set<number>();
  for (const [id, { remove, add }] of changes) {
    const f = a.model.fragments[id]!;
    const remaining = f.codes.filter((c) => !remove.has(c));
    if (remaining.length === 0 && add.size === 0) {
      gone.add(id);
      for (const span of f.markup) edit(span.start, span.end, '');
      continue;
    }
    // Remove the code tokens with the separators before them (or after, for the first).
    const blockOpen = f.attributeBlock.start + 1;
    const blockClose = f.attributeBlock.end - 1;
    const removedSpans: [number, number][] = [];
    for (const occurrence of a.model.codes) {
      if (occurrence.fragment !== f.id || !remove.has(occurrence.code)) continue;
      let start = occurrence.span.start;
      while (start > blockOpen && /[ \t,]/.test(a.source[start - 1]!)) start--;
      let end = occurrence.span.end;
      if (start === blockOpen) while (end < blockClose && /[ \t,]/.test(a.source[end]!)) end++;
      removedSpans.push([start, end]);
    }
    for (const [start, end] of removedSpans) edit(start, end, '');
    if (add.size > 0) {
      let rest = a.source.slice(blockOpen, blockClose);
      for (const [start, end] of [...removedSpans].sort((x, y) => y[0] - x[0])) rest = rest.slice(0, start - blockOpen) + rest.slice(end - blockOpen);
      const text = [...add].map((c) => `#${c}`).join(' ');
      edit(blockClose, blockClose, rest.trim() === '' ? text : ` ${text}`);
    }
  }
  // New fragments are placed as if the fragments that go were gone already.
  const remaining = { ...a.model, fragments: a.model.fragments.filter((f) => !gone.has(f.id)) };
  for (const entry of created.values()) {
    const codes = [...entry.codes];
    if (entry.kind === 'section') {
      const heading = a.model.headings.find((h) => h.span.start <= entry.start && entry.start < h.span.end);
      if (heading) {
        let at = heading.span.end;
        while (at > heading.span.start && /\s/.test(a.source[at - 1]!)) at--;
        edit(at, at, ` {${codes.map((c) => `#${c}`).join(' ')}}`);
        continue;
      }
    }
    if (entry.kind === 'div') {
      // Fences around the whole lines (Code Selection's blocks would take in front matter lines).
      const eol = /\r\n?|\n/.exec(a.source)?.[0] ?? '\n';
      const open = a.lines.lineStarts[a.lines.lineOf(entry.start)]!;
      const close = a.lines.lineEnd(a.lines.lineOf(entry.end));
      edit(open, open, `::: {${codes.map((c) => `#${c}`).join(' ')}}${eol}`);
      edit(close, close, `${eol}:::`);
      continue;
    }
    // Take in whole any inline fragment of A that lies inside the range, markup included.
    let { start, end } = entry;
    for (const f of remaining.fragments) {
      if (f.kind === 'inline' && f.content.span.start >= start && f.content.span.end <= end) {
        start = Math.min(start, f.full.span.start);
        end = Math.max(end, f.full.span.end);
      }
    }
    if (entry.kind === 'block') {
      // A block coding goes at the end of the paragraph, when the range ends there.
      const lineEnd = a.lines.lineEnd(a.lines.lineOf(end));
      if (a.source.slice(end, lineEnd).trim() === '') {
        edit(end, end, ` {${codes.map((c) => `#${c}`).join(' ')}}`);
        continue;
      }
    }
    // An inline fragment around the range, unless it would cross one of A's remaining fragments in part.
    const crosses = remaining.fragments.some((f) => {
      const inside = (o: number): boolean => o > f.full.span.start && o < f.full.span.end;
      const covers = start <= f.full.span.start && end >= f.full.span.end;
      const within = start >= f.content.span.start && end <= f.content.span.end;
      return (inside(start) || inside(end)) && !covers && !within;
    });
    if (crosses || start >= end) {
      problems.push(`${codes.map((c) => `#${c}`).join(' ')}: B's fragment would overlap one of A's fragments only in part`);
      continue;
    }
    edit(start, start, '[');
    edit(end, end, `]{${codes.map((c) => `#${c}`).join(' ')}}`);
  }
  // All or nothing: half a merge (B's fragment removed from A but not written) would lose coding.
  return problems.length > 0 ? { edits: [], problems } : { edits, problems };
}
