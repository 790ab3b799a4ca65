// The indexer (worker pool, persistent cache, time limit with the fallback reader) must give the
// same models as parsing one file after another, never serve a stale model, and never block on
// a file remark takes too long over.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { generateCorpus } from '../../bench/corpus';
import { temporaryFolders } from './helpers';
import { readChunk } from '../../server/src/core/parse/chunk';
import { readChunkRoughly } from '../../server/src/core/parse/fallback';
import { scanLines } from '../../server/src/core/parse/lines';
import { parseTranscript, parseTranscriptRoughly } from '../../server/src/core/parse/transcript';
import { runCli } from '../../server/src/cli/main';
import { Indexer, type IndexOutcome, type IndexSource } from '../../server/src/workspace/indexer';
import { cacheKey } from '../../server/src/workspace/modelCache';

const temp = temporaryFolders();

const root = temp('kader-indexer-');
const corpus = generateCorpus(root, { files: 5, seed: 3, largeOutside: true });
const sources: IndexSource[] = corpus.transcripts.map((relative) => ({ key: relative, path: relative, file: path.join(root, relative) }));
const sequential = new Map(corpus.transcripts.map((relative) => [relative, parseTranscript(readFileSync(path.join(root, relative), 'utf8'))]));

function models(outcomes: IndexOutcome[]): Map<string, unknown> {
  return new Map(outcomes.map((o) => [o.key, o.ok ? o.model : o.problem]));
}

/** Tests must not depend on the machine's speed: no time limit unless the test is about it. */
const NO_LIMIT = (): number => 3_600_000;

/** 120 KB of `a_ `: remark takes many seconds over it (quadratic). */
// Slow for remark yet within its budget per chunk (chunk.ts REMARK_BUDGET): 3 MB of paragraphs.
const PATHOLOGICAL = `${'woord '.repeat(5000)}\n\n`.repeat(100);

describe('indexer', () => {
  test('the worker pool gives models deepEqual to parsing one file after another', async () => {
    const indexer = new Indexer({ workers: 2, timeLimit: NO_LIMIT });
    try {
      let progress = 0;
      const { outcomes, cancelled } = await indexer.indexFiles(sources, { onProgress: (done, total) => (progress = done / total) });
      assert.equal(cancelled, false);
      assert.equal(progress, 1);
      assert.deepEqual(outcomes.map((o) => o.key), corpus.transcripts);
      for (const o of outcomes) assert.equal(o.ok && o.from, 'parse');
      assert.deepStrictEqual(models(outcomes), sequential);
    } finally {
      await indexer.dispose();
    }
  });

  test('the cache serves unchanged files, never a changed one', async () => {
    const cacheDir = temp('kader-cache-');
    const folder = temp('kader-cached-');
    const files = corpus.transcripts.slice(0, 3);
    for (const f of files) {
      mkdirSync(path.dirname(path.join(folder, f)), { recursive: true });
      writeFileSync(path.join(folder, f), readFileSync(path.join(root, f)));
    }
    const list = files.map((f) => ({ key: f, path: f, file: path.join(folder, f) }));
    const run = async (): Promise<IndexOutcome[]> => {
      const indexer = new Indexer({ workers: 2, cacheDir, timeLimit: NO_LIMIT });
      try {
        return (await indexer.indexFiles(list)).outcomes;
      } finally {
        await indexer.dispose();
      }
    };
    const first = await run();
    assert.deepEqual(first.map((o) => o.ok && o.from), ['parse', 'parse', 'parse']);
    const second = await run();
    assert.deepEqual(second.map((o) => o.ok && o.from), ['cache', 'cache', 'cache']);
    assert.deepStrictEqual(models(second), models(first));

    // Change one file by one character: it is parsed again, and its model is the new text's.
    const changed = path.join(folder, files[1]!);
    const text = readFileSync(changed, 'utf8').replace('{#', '{#nieuw ');
    writeFileSync(changed, text);
    const third = await run();
    assert.deepEqual(third.map((o) => o.ok && o.from), ['cache', 'parse', 'cache']);
    assert.deepStrictEqual(third[1]!.ok && third[1]!.model, parseTranscript(text));

    // A damaged entry is a miss, not an error.
    const key = cacheKey(text);
    writeFileSync(path.join(cacheDir, key.slice(0, 2), `${key}.json`), '{"broken');
    const fourth = await run();
    assert.equal(fourth[1]!.ok && fourth[1]!.from, 'parse');
    assert.deepStrictEqual(fourth[1]!.ok && fourth[1]!.model, parseTranscript(text));
  });

  test('the cache key depends on the text, exactly', () => {
    assert.notEqual(cacheKey('a'), cacheKey('a '));
    assert.notEqual(cacheKey('\uFEFFa'), cacheKey('a'));
    assert.equal(cacheKey('[x]{#a}'), cacheKey('[x]{#a}'));
  });

  test('a file that takes too long is read by the fallback reader; the others are indexed meanwhile', { timeout: 120_000 }, async () => {
    const slow = `**S1:** [traag]{#intentie}\n\n${PATHOLOGICAL}\n\nEinde. {#context}\n`;
    // A tight limit for the slow file only: on a loaded machine the others may take a while.
    const indexer = new Indexer({ workers: 2, timeLimit: (length) => (length === slow.length ? 1500 : NO_LIMIT()) });
    try {
      const list: IndexSource[] = [
        { key: 'slow', path: 'slow.md', file: '', text: slow },
        ...sources.slice(0, 3),
      ];
      const { outcomes } = await indexer.indexFiles(list);
      const stopped = outcomes[0]!;
      assert.ok(stopped.ok);
      assert.equal(stopped.from, 'fallback');
      assert.equal(stopped.model.diagnostics[0]!.rule, 'parse-fallback');
      assert.equal(stopped.model.diagnostics[0]!.severity, 'information');
      assert.deepEqual(
        stopped.model.fragments.map((f) => [f.kind, f.codes, f.speaker]),
        [
          ['inline', ['intentie'], 'S1'],
          ['block', ['context'], 'S1'],
        ],
      );
      for (const o of outcomes.slice(1)) {
        assert.ok(o.ok);
        assert.equal(o.from, 'parse');
        assert.deepStrictEqual(o.model, sequential.get(o.key));
      }
      // The pool recovers: a new worker parses the next file normally.
      const again = await indexer.parse('**S2:** [weer]{#outcome}\n');
      assert.equal(again.from, 'parse');
    } finally {
      await indexer.dispose();
    }
  });

  test('cancellation stops starting files', async () => {
    const indexer = new Indexer({ workers: 1, timeLimit: NO_LIMIT });
    try {
      let done = 0;
      const { outcomes, cancelled } = await indexer.indexFiles(sources, { onResult: () => done++, isCancelled: () => done >= 1 });
      assert.equal(cancelled, true);
      assert.ok(outcomes.length < sources.length);
    } finally {
      await indexer.dispose();
    }
  });
});

describe('fallback reader', () => {
  test('it is linear: pathological inputs are read at once', () => {
    // Each of these is quadratic for a naive reader; the test's timeout bounds them.
    for (const input of [PATHOLOGICAL, '['.repeat(100_000), '{'.repeat(100_000), ']{'.repeat(50_000), '{a="'.repeat(30_000), '[x]{#a}'.repeat(15_000), '*a'.repeat(50_000)]) {
      const model = parseTranscriptRoughly(input);
      assert.equal(model.diagnostics[0]!.rule, 'parse-fallback');
    }
  });

  test('on ordinary transcripts it finds the same fragments as the full parser', () => {
    for (const relative of corpus.transcripts) {
      const text = readFileSync(path.join(root, relative), 'utf8');
      const full = sequential.get(relative)!;
      const rough = parseTranscriptRoughly(text);
      const shape = (m: typeof full): unknown => m.fragments.map((f) => [f.kind, f.codes, f.content.span, f.speaker, f.kind === 'inline' ? f.text : '']);
      assert.deepStrictEqual(shape(rough), shape(full), relative);
      assert.deepStrictEqual(rough.turns, full.turns);
    }
  });

  test('a chunk read roughly has the shape of a chunk read fully', () => {
    const text = '**S1:** Ik [kwam [omdat het moest]{#intentie/gestuurd} maar bleef]{#intentie} hier. {#context}';
    const rough = readChunkRoughly(text);
    const full = readChunk(text);
    assert.deepStrictEqual(rough.fragments, full.fragments);
    assert.deepStrictEqual(rough.labels, full.labels);
    assert.equal(scanLines(text).chunks.length, 1);
  });
});

describe('kader --cache', () => {
  test('the second run reads the cache and reports the same; a change shows at once', async () => {
    const folder = temp('kader-cli-cache-');
    const cacheDir = path.join(temp('kader-cli-cachedir-'), 'cache');
    writeFileSync(path.join(folder, 'a.md'), '**S1:** [x]{#onbekend}\n');
    const run = async (): Promise<{ code: number; out: string }> => {
      let out = '';
      const code = await runCli(['check', folder, '--cache', cacheDir, '--format', 'json'], { out: (t) => (out += t), err: () => {}, env: {}, cwd: folder });
      return { code, out };
    };
    const first = await run();
    assert.equal(readdirSync(cacheDir).length > 0, true);
    assert.deepEqual(await run(), first);
    assert.match(first.out, /onbekend/);
    writeFileSync(path.join(folder, 'a.md'), '**S1:** [x]{#anders}\n');
    const third = await run();
    assert.match(third.out, /anders/);
    assert.doesNotMatch(third.out, /onbekend/);
  });
});
