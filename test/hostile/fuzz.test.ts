// The long run (npm run fuzz): parsing and coding random text never throws, the CLI on random
// folders always ends with a known exit code, and a scaling table (1×, 2×, 4× input) of the
// sized hostile cases, printed for the reader; times are never asserted.
// KADER_FUZZ_RUNS sets the number of runs (default here 500; npm run fuzz sets 20,000).

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { runCli } from '../../server/src/cli/main';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { applyEdits, codingEdits } from '../../server/src/core/edits';
import { LineIndex } from '../../server/src/core/parse/text';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { decodeText } from '../../server/src/core/fileText';
import { CASES } from './cases';
import { tempCorpus } from './generate';

const RUNS = Number(process.env['KADER_FUZZ_RUNS'] ?? 500);

const PIECES = [
  '[', ']', '{', '}', '#', '*', '_', ':', '\n', '\r\n', '\r', '>', '-', '|', ' ', '"', '\\', '`', '(', ')', '<', '=', '\uFEFF', '\u0000',
  'wij', 'S1', 'ï', '😀', '\uD800', '#a', '#b/c', '{#a}', ' {#b}', ']{#c}', '{#', 'memo="x"', ':::', '::: {#d}\n', '\n:::\n', '```\n',
  '---\n', '## ', '**S1:** ', '<!--', '-->', '\n\n', '1. ', '- ', '[x](u)', '<<<<<<< a\n', '=======\n', '>>>>>>> b\n', 'a_ ', '&amp;',
];
const markdownish = fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((parts) => parts.join(''));
const anyText = fc.oneof(markdownish, fc.string({ unit: 'binary', maxLength: 200 }));

describe('fuzz: core', () => {
  test('parseTranscript and parseCodebook never throw; ranges stay inside the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const model = parseTranscript(text);
        const length = text.startsWith('\uFEFF') ? text.length - 1 : text.length;
        for (const d of model.diagnostics) assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= length);
        for (const f of model.fragments) assert.ok(f.full.span.start <= f.content.span.start && f.content.span.end <= f.full.span.end);
        parseCodebook(text);
      }),
      { numRuns: RUNS },
    );
  });

  test('decodeText never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = decodeText(bytes);
        assert.ok(result.ok || ['binary', 'encoding'].includes(result.problem));
      }),
      { numRuns: RUNS },
    );
  });

  test('every coding action on random text either edits or explains, and never throws', () => {
    fc.assert(
      fc.property(markdownish, fc.nat(), fc.nat(), fc.constantFrom('code', 'addCode', 'removeCode', 'uncode'), (text, a, b, action) => {
        const lines = new LineIndex(text.replace(/^\uFEFF/, ''));
        const length = lines.text.length;
        const [from, to] = [a % (length + 1), b % (length + 1)].sort((x, y) => x - y);
        const model = parseTranscript(text);
        const range = lines.range({ start: from!, end: to! });
        const request =
          action === 'code'
            ? { action, range, codes: ['zz'] }
            : action === 'uncode'
              ? { action, position: range.start }
              : { action, position: range.start, code: 'a' };
        const result = codingEdits(text, model, request as Parameters<typeof codingEdits>[2]);
        assert.ok(result.edits.length > 0 || result.message !== undefined);
        parseTranscript(applyEdits(lines.text, result.edits));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('fuzz: CLI', () => {
  test('kader check on random folders ends with 0, 1 or 2 and never an unexpected error', async () => {
    const corpus = tempCorpus('kader-fuzz-cli-');
    let n = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('a.md', 'b/c.md', 'codebook.md', 'README.md', 'd.md'), anyText), { maxLength: 4 }), async (files) => {
          const root = path.join(corpus.dir, String(n++));
          mkdirSync(root, { recursive: true });
          for (const [name, text] of files) {
            mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
            writeFileSync(path.join(root, name), text);
          }
          let err = '';
          const code = await runCli(['check', root, '--format', 'json'], { out: () => undefined, err: (t) => (err += t), env: {}, cwd: root });
          assert.ok([0, 1].includes(code), `exit ${code}: ${err}`);
          assert.doesNotMatch(err, /unexpected error/);
        }),
        { numRuns: Math.max(5, Math.min(200, Math.floor(RUNS / 100))) },
      );
    } finally {
      corpus.remove();
    }
  });
});

describe('scaling of the sized hostile cases (printed, not asserted)', () => {
  for (const hostile of CASES.filter((c) => c.sizes && c.core && !c.core.skipped)) {
    test(hostile.name, (t) => {
      const rows: string[] = [];
      // Up to the full size at full scale (¼, ½, 1 × full), else from the unit size.
      const base = process.env['KADER_HOSTILE_SCALE'] === 'full' ? Math.ceil(hostile.sizes![1] / 4) : hostile.sizes![0];
      for (const factor of [1, 2, 4]) {
        const text = scaledText(hostile.name, base * factor);
        const started = performance.now();
        try {
          if (hostile.core!.as === 'codebook') parseCodebook(text);
          else parseTranscript(text);
          rows.push(`${factor}× (n=${base * factor}): ${text.length} chars, ${Math.round(performance.now() - started)} ms`);
        } catch (error) {
          rows.push(`${factor}× (n=${base * factor}): ${text.length} chars, throws ${(error as Error).name}: ${(error as Error).message}`);
        }
      }
      t.diagnostic(`${hostile.name}: ${rows.join('; ')}`);
      process.stderr.write(`scaling ${hostile.name}: ${rows.join('; ')}\n`);
    });
  }
});

/** The text of a sized case at size `n` (mirrors the generators in cases.ts). */
function scaledText(name: string, n: number): string {
  const hostile = CASES.find((c) => c.name === name)!;
  const [unit, full] = hostile.sizes!;
  // The cases' generators take a scale, not a size: these mirror them for any size.
  const make: Record<string, (k: number) => string> = {
    'huge-transcript': (k) => repeatTo('**S1:** Ik kwam [omdat het moest]{#intentie/gestuurd} maar bleef toch. {#context}\n\n', k),
    'long-line': (k) => repeatTo('woord en nog een woord ', k).slice(0, k) + ' [slot]{#intentie}\n',
    'nested-brackets': (k) => '['.repeat(k) + 'x]{#intentie}\n',
    'nested-fragments': (k) => '['.repeat(k) + 'x' + ']{#intentie}'.repeat(k) + '\n',
    'unclosed-braces': (k) => '{#a '.repeat(k) + '\n',
    'fragments-one-line': (k) => Array.from({ length: k }, (_, i) => `[woord ${i}]{#intentie}`).join(' ') + '\n',
    'underscore-runs': (k) => 'a_ '.repeat(k) + '[x]{#intentie}\n',
    'nested-quotes': (k) => '>'.repeat(k) + ' [x]{#intentie}\n',
    'codebook-many-codes': (k) => Array.from({ length: k }, (_, i) => `## Code ${i} {#code${i}}\nBeschrijving van code ${i}.\n`).join('\n'),
  };
  assert.ok(unit <= full && make[name], `no scaled generator for ${name}`);
  return make[name]!(n);
}

function repeatTo(piece: string, chars: number): string {
  return piece.repeat(Math.ceil(chars / piece.length));
}
