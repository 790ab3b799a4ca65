// Property tests with fast-check: parsing is total, every range is consistent, coding markup is
// exactly removable, and incremental parsing equals a fresh parse.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LineIndex, stripBom } from '../../server/src/core/parse/text';
import { ParseCache, parseTranscript } from '../../server/src/core/parse/transcript';
import type { Range, Span, Transcript } from '../../server/src/core/types';
import { withoutMarkup } from './helpers';

const RUNS = 100;

/** Markdown-ish pieces, so that generated text often holds (broken) coding syntax. */
const PIECES = [
  '[', ']', '{', '}', '#', '*', '_', ':', '\n', '\r\n', '\r', '>', '-', '|', ' ', '\t', '"', '\\', '`', '!', '(', ')', '<', '=',
  'a', 'wij', 'S1', 'ï', '😀', '#a', '#b/c', '{#a}', ' {#b}', ']{#c}', '{#', 'memo="x"', ':::', '::: {#d}\n', '\n:::\n',
  '```\n', '---\n', '## ', '**S1:** ', '<!--', '-->', '\n\n', '1. ', '[x](u)', '<<<<<<< a\n', '=======\n', '>>>>>>> b\n',
];

const markdownish = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), markdownish, fc.string({ unit: 'binary', maxLength: 100 }));

function inside(span: Span, length: number): boolean {
  return span.start >= 0 && span.start <= span.end && span.end <= length;
}

function within(inner: Span, outer: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Checks every invariant of a parsed transcript that holds for any input. */
function checkInvariants(raw: string, t: Transcript): void {
  const text = stripBom(raw);
  const lines = new LineIndex(text);
  assert.equal(t.length, text.length);
  assert.equal(t.lineCount, lines.lineCount);
  const located = (what: string, l: { span: Span; range: Range }): void => {
    assert.ok(inside(l.span, text.length), `${what} ${JSON.stringify(l.span)} outside the document`);
    assert.deepEqual(l.range, lines.range(l.span), `${what}: range is not the span's`);
  };
  for (const f of t.fragments) {
    located('full', f.full);
    located('content', f.content);
    assert.ok(within(f.content.span, f.full.span), 'content inside full');
    for (const m of f.markup) assert.ok(inside(m, text.length) && within(m, f.full.span), 'markup inside full');
    assert.ok(within(f.attributeBlock, f.full.span), 'attribute block inside full');
    assert.equal(t.fragments[f.id], f);
    assert.ok(f.codes.length > 0);
    assert.equal(new Set(f.codes).size, f.codes.length);
    if (f.parent >= 0) {
      assert.ok(f.parent < f.id, 'parents come first');
      assert.ok(within(f.full.span, t.fragments[f.parent]!.full.span), 'full range inside the parent');
    }
    assert.equal(f.text, f.text.replace(/\s+/g, ' ').trim(), 'plain text is collapsed and trimmed');
  }
  for (let i = 1; i < t.fragments.length; i++) {
    assert.ok(t.fragments[i - 1]!.full.span.start <= t.fragments[i]!.full.span.start, 'fragments in document order');
  }
  for (const c of t.codes) {
    located('code', c);
    if (c.fragment >= 0) assert.ok(t.fragments[c.fragment]!.codes.includes(c.code));
  }
  for (const b of t.attributeBlocks) {
    located('attribute block', b);
    for (const w of b.bareWords) located('bare word', w);
  }
  for (const d of t.diagnostics) located(`diagnostic ${d.rule}`, d);
  for (const turn of t.turns) {
    assert.ok(inside(turn.span, text.length) && within(turn.label, turn.span));
  }
  for (const h of t.headings) assert.ok(inside(h.span, text.length));
}

describe('properties of parsing any text', () => {
  it('never throws, finishes, and keeps every range consistent', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        checkInvariants(text, parseTranscript(text));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('keeps ranges consistent with a byte-order mark and CRLF line ends', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const raw = '\uFEFF' + text.replace(/\r?\n/g, '\r\n');
        checkInvariants(raw, parseTranscript(raw));
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Coded documents generated from uncoded ones: removing every markup span gives the uncoded text.

const WORDS = ['ik', 'kwam', 'omdat', 'het', 'moest', 'beïnvloeding', 'leergemeenschap', '😀', 'ja', 'nee', '*nadruk*', '**sterk**', '[lacht]', 'S1:', 'wij'];
const CODES = ['intentie', 'intentie/gestuurd', 'context', 'space-en-place/plek', 'beïnvloeding', 'a_b'];

interface Para {
  kind: 'para' | 'heading';
  /** A container: none, a list item, a block quote or a deeply nested block quote. */
  prefix: string;
  /** Extra indentation of continuation lines (lazy continuation lines may be indented). */
  indent: number;
  tokens: string[];
  /** Separators after each token but the last: a space or a soft line break. */
  breaks: boolean[];
  /** Inline fragments as token intervals [from, to], nested or disjoint, with their codes. */
  inline: { from: number; to: number; code: string }[];
  /** The block or section coding at the end. */
  end?: string;
}

interface Doc {
  blocks: Para[];
  /** Divs as block intervals [from, to], nested or disjoint. */
  divs: { from: number; to: number; code: string }[];
}

/** Keeps the intervals that nest with or are disjoint from those before them. */
function laminar<T extends { from: number; to: number }>(intervals: T[]): T[] {
  const kept: T[] = [];
  for (const iv of intervals) {
    const crosses = kept.some((k) => (iv.from < k.from && k.from <= iv.to && iv.to < k.to) || (k.from < iv.from && iv.from <= k.to && k.to < iv.to));
    if (!crosses) kept.push(iv);
  }
  return kept;
}

const interval = (n: number) =>
  fc.record({ a: fc.nat({ max: n - 1 }), b: fc.nat({ max: n - 1 }), code: fc.constantFrom(...CODES) }).map(({ a, b, code }) => ({ from: Math.min(a, b), to: Math.max(a, b), code }));

const para: fc.Arbitrary<Para> = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.record({
    kind: fc.constantFrom('para' as const, 'para' as const, 'heading' as const),
    prefix: fc.constantFrom('', '', '- ', '> ', '> '.repeat(12)),
    indent: fc.oneof(fc.constant(0), fc.nat({ max: 40 })),
    tokens: fc.array(fc.constantFrom(...WORDS), { minLength: n, maxLength: n }),
    breaks: fc.array(fc.boolean(), { minLength: n - 1, maxLength: n - 1 }),
    inline: fc.array(interval(n), { maxLength: 4 }).map(laminar),
    end: fc.option(fc.constantFrom(...CODES), { nil: undefined }),
  }),
);

const doc: fc.Arbitrary<Doc> = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    blocks: fc.array(para, { minLength: n, maxLength: n }),
    divs: fc.array(interval(n), { maxLength: 3 }).map(laminar),
  }),
);

function renderPara(p: Para, coded: boolean): string {
  const heading = p.kind === 'heading';
  let out = heading ? '## ' : p.prefix;
  p.tokens.forEach((token, i) => {
    if (coded) {
      // Outer fragments open first.
      const opening = p.inline.filter((f) => f.from === i).sort((a, b) => b.to - a.to);
      out += '['.repeat(opening.length);
    }
    out += token;
    if (coded) {
      // Inner fragments close first.
      const closing = p.inline.filter((f) => f.to === i).sort((a, b) => b.from - a.from);
      out += closing.map((f) => `]{#${f.code}}`).join('');
    }
    if (i < p.tokens.length - 1) {
      // Headings are one line; elsewhere a soft line break keeps the container.
      const continuation = p.prefix.startsWith('>') ? p.prefix : p.prefix === '- ' ? '  ' + ' '.repeat(p.indent) : ' '.repeat(p.indent);
      out += p.breaks[i] && !heading ? '\n' + continuation : ' ';
    }
  });
  if (coded && p.end) out += ` {#${p.end}}`;
  return out;
}

function renderDoc(d: Doc, coded: boolean): string {
  const parts: string[] = [];
  d.blocks.forEach((block, i) => {
    let piece = renderPara(block, coded);
    if (coded) {
      const opening = d.divs.filter((v) => v.from === i).sort((a, b) => b.to - a.to);
      const closing = d.divs.filter((v) => v.to === i);
      piece = opening.map((v) => `::: {#${v.code}}\n`).join('') + piece + closing.map(() => '\n:::').join('');
    }
    parts.push(piece);
  });
  return parts.join('\n\n');
}

/** The plain text of tokens as §7 reads them. */
function plainTokens(tokens: string[]): string {
  return tokens
    .map((t) => t.replace(/\*/g, ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('coded documents', () => {
  it('give back exactly the uncoded text when all markup is removed, with LF, CRLF or CR line ends', () => {
    fc.assert(
      fc.property(doc, fc.constantFrom('\n', '\n', '\r\n', '\r'), (d, eol) => {
        const uncoded = renderDoc(d, false).replace(/\n/g, eol);
        const coded = renderDoc(d, true).replace(/\n/g, eol);
        const t = parseTranscript(coded);
        checkInvariants(coded, t);
        assert.equal(withoutMarkup(coded, t), uncoded);
      }),
      { numRuns: RUNS },
    );
  });

  it('find every inserted coding, with its kind, code and plain text, and nothing else', () => {
    fc.assert(
      fc.property(doc, (d) => {
        const coded = renderDoc(d, true);
        const t = parseTranscript(coded);
        assert.deepEqual(t.diagnostics, [], coded);
        const expected: string[] = [];
        for (const p of d.blocks) {
          if (p.end) expected.push(`${p.kind === 'heading' ? 'section' : 'block'} #${p.end}`);
          for (const f of p.inline) expected.push(`inline #${f.code} ${plainTokens(p.tokens.slice(f.from, f.to + 1))}`);
        }
        for (const v of d.divs) expected.push(`div #${v.code}`);
        const found = t.fragments.map((f) => (f.kind === 'inline' ? `inline #${f.codes[0]} ${f.text}` : `${f.kind} #${f.codes[0]}`));
        assert.deepEqual(found.sort(), expected.sort(), coded);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('incremental parsing', () => {
  const editArb = fc.record({ at: fc.nat(), remove: fc.nat({ max: 8 }), insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })) });

  it('equals a fresh parse after random edits', () => {
    fc.assert(
      fc.property(fc.oneof(doc.map((d) => renderDoc(d, true)), markdownish), fc.array(editArb, { minLength: 1, maxLength: 6 }), (start, edits) => {
        const cache = new ParseCache();
        let text = start;
        assert.deepEqual(parseTranscript(text, cache), parseTranscript(text));
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          assert.deepEqual(parseTranscript(text, cache), parseTranscript(text), JSON.stringify(text));
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('bounded time on hostile lines', () => {
  // Each of these took quadratic time in the attribute block scan: ten seconds and more at this
  // size. Linear now, they take well under a second (remark included).
  const cases: Record<string, string> = {
    'a line of 100 000 `{`': '{'.repeat(100_000),
    'a line of 50 000 unclosed `{#`': '{#'.repeat(50_000),
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`parses ${name} quickly`, () => {
      const started = Date.now();
      const t = parseTranscript(text);
      assert.ok(Date.now() - started < 8000, `took ${Date.now() - started} ms`);
      checkInvariants(text, t);
    });
  }

  it('reports each unclosed block on a line of unclosed blocks', () => {
    const t = parseTranscript('{#a {#b {#c');
    assert.deepEqual(
      t.diagnostics.map((d) => [d.rule, d.span]),
      [
        ['unclosed-attributes', { start: 0, end: 11 }],
        ['unclosed-attributes', { start: 4, end: 11 }],
        ['unclosed-attributes', { start: 8, end: 11 }],
      ],
    );
  });
});
