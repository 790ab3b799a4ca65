// Front matter the `yaml` package cannot read safely: nesting so deep its recursion overflows the
// stack. Kader finds the depth with a linear scan first (`nestingBeyond`) and reports a plain
// `front-matter` error ("nested too deeply") instead of the library's "Maximum call stack size
// exceeded"; what the scan misses, the library's own overflow report, is mapped to the same error.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDocument, stringify } from 'yaml';
import type { ChunkDiagnostic } from '../../server/src/core/parse/chunk';
import { MAX_FRONT_MATTER_DEPTH, nestingBeyond, readFrontMatter } from '../../server/src/core/parse/frontmatter';
import { messageOf } from '../../server/src/core/messages';
import type { Transcript } from '../../server/src/core/types';
import { md, parse, range } from './helpers';

const RUNS = Number(process.env['KADER_FUZZ_RUNS'] ?? 1000);

const EN = 'The front matter is nested too deeply to read (more than 100 levels).';
const NL = 'De front matter is te diep genest om te lezen (meer dan 100 niveaus).';

/** Each diagnostic as [rule, severity, range, English message, Dutch message]. */
function described(model: Transcript): unknown[] {
  return model.diagnostics.map((d) => [d.rule, d.severity, d.range, messageOf(d, 'en'), messageOf(d, 'nl')]);
}

/** The smallest limit `nestingBeyond` accepts: its count of the nesting levels. */
function counted(yaml: string): number {
  let limit = 0;
  while (nestingBeyond(yaml, limit) !== undefined) limit++;
  return limit;
}

/** Nesting levels of collections in a value the library read. */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === 'object') return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

describe('front matter nested too deeply', () => {
  it('reports 10,000 nested flow sequences at the bracket that opens level 101, in English and Dutch', () => {
    const t = parse(`---\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\n[x]{#intentie}\n`);
    // `x:` is level 1, so the 100th `[` (column 3 + 99) opens level 101.
    assert.deepEqual(described(t), [['front-matter', 'error', range(1, 102, 1, 103), EN, NL]]);
    assert.deepEqual(t.diagnostics[0]!.args, { problem: 'too-deep', limit: String(MAX_FRONT_MATTER_DEPTH) });
    assert.deepEqual(t.frontMatter.attributes, {});
    assert.equal(t.fragments.length, 1, 'the rest of the file is read');
  });

  it('reports deeply nested flow mappings and block mappings the same way', () => {
    const flow = parse(`---\nx: ${'{a: '.repeat(3000)}1${'}'.repeat(3000)}\n---\n`);
    assert.deepEqual(described(flow), [['front-matter', 'error', range(1, 399, 1, 400), EN, NL]]);
    // Line i (1-based within the YAML) is `a:` indented i - 1 spaces: its `:` opens level i.
    const block = parse(`---\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n---\n`);
    assert.deepEqual(described(block), [['front-matter', 'error', range(101, 101, 101, 102), EN, NL]]);
    const sequences = parse(`---\nx:\n${'- '.repeat(5000)}1\n---\n`);
    assert.deepEqual(described(sequences), [['front-matter', 'error', range(2, 198, 2, 199), EN, NL]]);
  });

  it('reads 100 levels, and reports 101', () => {
    const at100 = parse(md('---', `x: ${'['.repeat(99)}1${']'.repeat(99)}`, 'title: t', '---'));
    assert.deepEqual(at100.diagnostics, []);
    assert.equal(at100.frontMatter.attributes['title'], 't');
    assert.equal(depthOf(at100.frontMatter.attributes['x']), 99);
    const at101 = parse(md('---', `x: ${'['.repeat(100)}1${']'.repeat(100)}`, 'title: t', '---'));
    assert.deepEqual(described(at101), [['front-matter', 'error', range(1, 102, 1, 103), EN, NL]]);
    assert.deepEqual(at101.frontMatter.attributes, {});
  });

  it('reports the same error, never an exception, when the stack runs out below the limit', () => {
    // Called with almost no stack left, the library overflows on 99 levels: its own report (or the
    // RangeError) becomes the same diagnostic, at the opening fence.
    const yaml = `x: ${'['.repeat(99)}${']'.repeat(99)}\n`;
    const text = `---\n${yaml}---\n`;
    const { diagnostics, frontMatter } = withLittleStack(() => {
      const found: ChunkDiagnostic[] = [];
      return { diagnostics: found, frontMatter: readFrontMatter(text, { start: 0, end: text.length }, { start: 4, end: 4 + yaml.length }, found) };
    });
    assert.deepEqual(diagnostics.map((d) => [d.rule, d.severity, d.args]), [['front-matter', 'error', { problem: 'too-deep', limit: '100' }]]);
    assert.deepEqual(frontMatter.attributes, {});
  });
});

describe('nestingBeyond counts nesting as the yaml package does', () => {
  it('on hand-written YAML', () => {
    const cases: [string, number][] = [
      ['a: 1', 1],
      ['a:\n- x\n- y\nb: 1', 2], // a sequence at its key's column is that key's value
      ['a:\n- b:\n  - c:\n    - d: 1', 7],
      ['- - - - x', 4],
      ['a:\n  - - b: [c]\n    - d', 5],
      ['? a\n: b', 1],
      ['a: &x [1, [2]]\nb: *x\nc: !!str 5\nd: !t[[1]]', 3],
      ['x: {"a":[1],"b":{"c":[]}}', 4],
      ['x: [a: [b: c]]', 5], // each single pair in a flow sequence is a mapping
      ['a:\r\n  b:\r\n    c: 1\r\n', 3],
      // Brackets that open nothing: in quotes, plain scalars, block scalars and comments.
      ["t: \"multi\n  [[[ line\"\nu: 'it''s ['", 1],
      ['p: plain\n  continued [[[ here\nq: 1', 1],
      ["title: it's [not] a {flow}\nurl: http://x.nl/[a]", 1],
      ['b: |2\n   [[[\n  - x\nc: >-\n  {{{\n', 1],
      ['- - |-\n    [[[\n  - [x]', 3],
      ['a: b # comment [[[\n# [[[\nc: [1, # x\n  2]\n', 2],
    ];
    for (const [yaml, depth] of cases) {
      assert.equal(depthOf(parseDocument(yaml).toJS()), depth, `the library: ${JSON.stringify(yaml)}`);
      assert.equal(counted(yaml), depth, JSON.stringify(yaml));
    }
  });

  it('on YAML written by the library, in block, flow and JSON style', () => {
    const scalar = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', ' ', '#', ':', '-', '[', ']', '{', '}', '"', "'", '\n', '|', '>', '&', '*', '!', ',', '?', 'é', '\t') }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const key = fc.string({ unit: fc.constantFrom('k', 'e', ' ', '-', ':', '#', '[', '"'), minLength: 1, maxLength: 4 });
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(key, tie('tree'), { maxKeys: 3 })),
    }));
    const style = fc.constantFrom('block', 'flow', 'any', 'json');
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 3 }), style, fc.boolean(), (value, how, indentSeq) => {
        const yaml = how === 'json' ? JSON.stringify(value, null, indentSeq ? 2 : undefined) : stringify(value, { collectionStyle: how as 'block', indentSeq, lineWidth: 20 });
        const doc = parseDocument(yaml);
        if (doc.errors.length > 0) return; // the library does not always read back what it wrote
        let read: unknown;
        try {
          read = doc.toJS();
        } catch {
          return;
        }
        assert.equal(counted(yaml), depthOf(read), yaml);
      }),
      { numRuns: RUNS },
    );
  });

  it('stops at the limit, and skips what is quoted, on 100,000 brackets', () => {
    assert.equal(nestingBeyond('x: ' + '['.repeat(100_000), 100), 102);
    assert.equal(nestingBeyond('x: ' + '['.repeat(100_000), 1_000_000), undefined);
    assert.equal(nestingBeyond('x: "' + '['.repeat(100_000), 100), undefined, 'an unclosed quote holds the rest');
  });
});

/**
 * Runs `fn` as deep in the stack as it can complete: one frame above where it last overflowed. So
 * anything `fn` calls that recurses has hardly any stack left.
 */
function withLittleStack<T>(fn: () => T): T {
  let out: { value: T } | undefined;
  const dive = (): void => {
    try {
      dive();
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
    if (out) return;
    try {
      out = { value: fn() };
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
  };
  dive();
  return out!.value;
}
