// The codings auto-coding proposes in one transcript, each with its edits: computed with the
// coding edits of core/edits.ts, and read back together so that only those that parse to exactly
// the intended coding are proposed (an occurrence inside inline code or a code block, say, is not).

import { isCodePath, withoutHash } from '../codes';
import { codingEdits, type TextEdit } from '../edits';
import { localize } from '../l10n';
import { LineIndex, parseTranscript, stripBom } from '../parse';
import { textRegions } from '../privacy/regions';
import type { Fragment, Locale, Span, Transcript } from '../types';
import { paragraphsIn } from './paragraphs';
import type { AutocodeProposal, AutocodeShape, AutocodeTarget } from './target';
import { findWords, wordPattern, type WordPattern } from './words';

export interface AutocodeOptions {
  locale?: Locale;
  /** Reads a coded text back (the server passes one that reuses an open document's chunks). */
  parse?: (text: string) => Transcript;
  /** For a query: the fragments of this transcript it matched (their codes get the code added). */
  fragments?: readonly Fragment[];
}

export interface AutocodeResult {
  proposals: AutocodeProposal[];
  /** Matches that no coding can be written for (inside inline code, a code block, markup). */
  skipped: number;
  /** Why nothing can be proposed at all (an invalid code, nothing to look for). */
  message?: string;
}

const CONTEXT_BEFORE = 50;
const CONTEXT_AFTER = 50;
const CONTEXT_TEXT = 120;

/** Checks the code and the target; the code without `#`, or a message saying what is wrong. */
export function checkAutocode(target: AutocodeTarget, code: string, locale: Locale = 'en'): { code: string } | { message: string } {
  const t = localize(locale);
  const bare = withoutHash(code.trim());
  if (!isCodePath(bare)) return { message: t('"{0}" is not a valid code: use letters, digits, - and _, with / between levels.', bare) };
  if (target.kind !== 'query' && wordPattern(target.text).words.length === 0) {
    return { message: t('Type the words to look for: a phrase, a speaker or the words of a heading.') };
  }
  return { code: bare };
}

/** Every coding that `target` asks for in one transcript, with `code` (with or without `#`). */
export function proposeCodings(rawText: string, model: Transcript, target: AutocodeTarget, code: string, options: AutocodeOptions = {}): AutocodeResult {
  const checked = checkAutocode(target, code, options.locale);
  if ('message' in checked) return { proposals: [], skipped: 0, message: checked.message };
  const text = stripBom(rawText);
  const lines = new LineIndex(text);
  const parse = options.parse ?? ((t: string) => parseTranscript(t));
  const propose = new Proposer(text, lines, model, checked.code, options.locale ?? 'en', parse);
  switch (target.kind) {
    case 'phrase':
      propose.phrase(wordPattern(target.text));
      break;
    case 'speaker': {
      const name = wordPattern(target.text);
      for (const turn of model.turns) if (sameWords(wordPattern(turn.speaker), name)) propose.paragraphs(turn.span);
      break;
    }
    case 'heading': {
      const words = wordPattern(target.text);
      model.headings.forEach((heading, i) => {
        if (findWords(heading.text, { start: 0, end: heading.text.length }, words).length === 0) return;
        const next = model.headings.slice(i + 1).find((h) => h.depth <= heading.depth);
        propose.paragraphs({ start: heading.span.end, end: next?.span.start ?? text.length });
      });
      break;
    }
    case 'query':
      for (const fragment of options.fragments ?? []) propose.fragment(fragment);
      break;
  }
  return verifyProposals(text, model, propose.proposals, checked.code, parse, propose.skipped);
}

function sameWords(a: WordPattern, b: WordPattern): boolean {
  return a.words.length === b.words.length && a.words.every((w, i) => w === b.words[i]) && a.separators.every((s, i) => s === b.separators[i]);
}

class Proposer {
  readonly proposals: AutocodeProposal[] = [];
  skipped = 0;
  private readonly seen = new Set<string>();
  private readonly coded: Fragment[];

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly model: Transcript,
    private readonly code: string,
    private readonly locale: Locale,
    private readonly parse: (text: string) => Transcript,
  ) {
    this.coded = model.fragments.filter((f) => f.codes.includes(code));
  }

  /** Whether a fragment with the code holds all of `span` already. */
  private codedAlready(span: Span): boolean {
    return this.coded.some((f) => f.content.span.start <= span.start && span.end <= f.content.span.end);
  }

  private add(span: Span, shape: AutocodeShape, edits: TextEdit[], alreadyCoded: boolean): void {
    const key = `${span.start}:${span.end}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.proposals.push({ span, range: this.lines.range(span), context: this.context(span), alreadyCoded, shape, edits: alreadyCoded ? [] : edits });
  }

  private context(span: Span): AutocodeProposal['context'] {
    const line = this.lines.lineOf(span.start);
    const lineStart = this.lines.lineStarts[line]!;
    const lineEnd = this.lines.lineEnd(line);
    const end = Math.min(span.end, lineEnd);
    const flat = (s: string): string => s.replace(/\s+/g, ' ');
    let before = flat(this.text.slice(lineStart, span.start)).trimStart();
    if (before.length > CONTEXT_BEFORE) before = `…${before.slice(before.length - CONTEXT_BEFORE + 1).replace(/^\S*\s/, '')}`;
    let text = flat(this.text.slice(span.start, end));
    let after = flat(this.text.slice(end, lineEnd)).trimEnd();
    if (text.length > CONTEXT_TEXT) {
      text = `${text.slice(0, CONTEXT_TEXT - 1)}…`;
      after = '';
    } else if (end < span.end) after = ' …';
    else if (after.length > CONTEXT_AFTER) after = `${after.slice(0, CONTEXT_AFTER - 1).replace(/\s\S*$/, '')}…`;
    return { before, text, after };
  }

  /** Each whole-word occurrence in the text (never in markup); an inline fragment or the code added to the fragment that is exactly it. */
  phrase(pattern: WordPattern): void {
    for (const region of textRegions(this.text, this.model)) {
      if (region.style !== 'markdown') continue;
      for (const span of findWords(this.text, region.span, pattern)) {
        if (this.codedAlready(span)) {
          this.add(span, 'inline', [], true);
          continue;
        }
        const exact = this.model.fragments.find((f) => f.kind === 'inline' && f.content.span.start === span.start && f.content.span.end === span.end);
        if (exact) this.fragment(exact);
        else this.add(span, 'inline', [insert(this.lines, span.start, '['), insert(this.lines, span.end, `]{#${this.code}}`)], false);
      }
    }
  }

  /** Each paragraph in `span` as a block fragment (or the code added to the block fragment it is). */
  paragraphs(span: Span): void {
    for (const paragraph of paragraphsIn(this.text, this.lines, span)) {
      const block = this.model.fragments.find((f) => f.kind === 'block' && f.full.span.start === paragraph.start);
      const content = block?.content.span ?? paragraph;
      if (this.codedAlready(content)) {
        this.add(content, 'block', [], true);
        continue;
      }
      const result = codingEdits(this.text, this.model, { action: 'code', range: this.lines.range(paragraph), codes: [this.code] }, this.locale, this.parse);
      if (result.edits.length === 0 || (result.shape !== 'block' && result.shape !== 'inline')) {
        this.skipped++;
        continue;
      }
      this.add(content, block ? 'addCode' : result.shape, result.edits, false);
    }
  }

  /** A fragment (a query's match): the code added to its attribute block. */
  fragment(fragment: Fragment): void {
    const span = fragment.content.span;
    if (fragment.codes.includes(this.code)) {
      this.add(span, 'addCode', [], true);
      return;
    }
    const result = codingEdits(this.text, this.model, { action: 'addCode', position: this.lines.position(fragment.attributeBlock.start), code: this.code }, this.locale);
    if (result.edits.length === 0) this.skipped++;
    else this.add(span, 'addCode', result.edits, false);
  }
}

function insert(lines: LineIndex, offset: number, newText: string): TextEdit {
  const position = lines.position(offset);
  return { range: { start: position, end: position }, newText };
}

/** Errors and warnings per rule: auto-coding must not add any. */
function problemCounts(model: Transcript): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of model.diagnostics) if (d.severity === 'error' || d.severity === 'warning') counts.set(d.rule, (counts.get(d.rule) ?? 0) + 1);
  return counts;
}

/**
 * Keeps the proposals whose edits, applied all together, read back as exactly the intended
 * codings: every markup span of a new fragment is text a proposal inserted, the fragment has the
 * code, no other fragment appears or goes, and no error or warning is added. A proposal that
 * does not is dropped (counted as skipped) and the rest are read back again.
 */
export function verifyProposals(
  rawText: string,
  model: Transcript,
  proposals: AutocodeProposal[],
  code: string,
  parse: (text: string) => Transcript = (t) => parseTranscript(t),
  skipped = 0,
): AutocodeResult {
  const text = stripBom(rawText);
  const lines = new LineIndex(text);
  let pending = proposals.filter((p) => !p.alreadyCoded);
  const before = problemCounts(model);
  for (let round = 0; round < 4 && pending.length > 0; round++) {
    const { coded, inserted } = applyInsertions(text, lines, pending);
    const after = parse(coded);
    const failed = new Set<AutocodeProposal>();
    const byMarkupStart = new Map<number, Fragment>();
    for (const f of after.fragments) for (const m of f.markup) byMarkupStart.set(m.start, f);
    const fragmentsFound = new Set<Fragment>();
    pending.forEach((proposal, i) => {
      const spans = inserted[i]!;
      const within = (s: Span): boolean => spans.some((x) => x.start <= s.start && s.end <= x.end);
      if (proposal.shape === 'addCode') {
        const f = after.fragments.find((g) => g.attributeBlock.start <= spans[0]!.start && spans[0]!.end <= g.attributeBlock.end);
        if (!f || !f.codes.includes(code)) failed.add(proposal);
        return;
      }
      let fragment: Fragment | undefined;
      for (const s of spans) {
        for (let o = s.start; o < s.end && !fragment; o++) {
          const f = byMarkupStart.get(o);
          if (f && f.codes.includes(code) && f.kind === proposal.shape && f.markup.every(within)) fragment = f;
        }
      }
      if (!fragment || fragmentsFound.has(fragment)) failed.add(proposal);
      else fragmentsFound.add(fragment);
    });
    const added = pending.filter((p) => p.shape !== 'addCode').length;
    const worse = [...problemCounts(after)].some(([rule, n]) => n > (before.get(rule) ?? 0));
    if (failed.size === 0 && !worse && after.fragments.length === model.fragments.length + added) {
      return { proposals: proposals.filter((p) => p.alreadyCoded || pending.includes(p)), skipped };
    }
    if (failed.size === 0) {
      // Each reads back as meant, yet together they change something else: propose none.
      skipped += pending.length;
      pending = [];
      break;
    }
    skipped += failed.size;
    pending = pending.filter((p) => !failed.has(p));
  }
  if (pending.length > 0) {
    skipped += pending.length;
    pending = [];
  }
  return { proposals: proposals.filter((p) => p.alreadyCoded), skipped };
}

/** Applies the proposals' insertions; where each proposal's inserted texts lie in the result. */
function applyInsertions(text: string, lines: LineIndex, proposals: AutocodeProposal[]): { coded: string; inserted: Span[][] } {
  const all = proposals.flatMap((p, i) => p.edits.map((e, k) => ({ at: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText, owner: i, order: k })));
  all.sort((a, b) => a.at - b.at || a.owner - b.owner || a.order - b.order);
  const inserted: Span[][] = proposals.map(() => []);
  const parts: string[] = [];
  let from = 0;
  let length = 0;
  for (const e of all) {
    if (e.at < from || e.end !== e.at) throw new Error('auto-coding edits are insertions that do not overlap');
    parts.push(text.slice(from, e.at));
    length += e.at - from;
    inserted[e.owner]!.push({ start: length, end: length + e.text.length });
    parts.push(e.text);
    length += e.text.length;
    from = e.at;
  }
  parts.push(text.slice(from));
  return { coded: parts.join(''), inserted };
}

/** The edits of the chosen proposals, as one list for one document. */
export function proposalEdits(proposals: readonly AutocodeProposal[]): TextEdit[] {
  return proposals.flatMap((p) => p.edits);
}
