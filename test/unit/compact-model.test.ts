// The compact model form (server/src/core/index/compactModel.ts) the index keeps transcripts in must be
// invisible: a model unpacked from it is deepEqual to the parsed one and JSON.stringify gives the
// same text, whether its parts were read before, are read for the first time, or are built again
// after the garbage collector took them; the index answers every query as it does with parsed
// models; the cache stores the form and reads a damaged entry as a miss.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generateCorpus } from '../../bench/corpus';
import { temporaryFolders } from './helpers';
import { compactStoreOf, packModel, sameData, unpackModel } from '../../server/src/core/index/compactModel';
import { parseTranscript, parseTranscriptRoughly } from '../../server/src/core/parse/transcript';
import type { Transcript } from '../../server/src/core/types';
import { WorkspaceIndex, type FragmentRef } from '../../server/src/core/index/workspaceIndex';
import { decodeText } from '../../server/src/core/fileText';
import { Indexer } from '../../server/src/workspace/indexer';
import { cacheKey, compact, ModelCache } from '../../server/src/workspace/modelCache';
import { CASES } from '../hostile/cases';
import { subjectBytes } from '../hostile/generate';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const temp = temporaryFolders();

const root = temp('kader-compact-');
const corpus = generateCorpus(root, { files: 6, seed: 7, largeOutside: true });
const texts = new Map(corpus.transcripts.map((relative) => [relative, readFileSync(path.join(root, relative), 'utf8')]));

/** Small texts with every kind of line break, a BOM, characters beyond Latin-1, bare words, memos. */
const SMALL = [
  '',
  'Geen codering.',
  '\uFEFF**S1:** [één]{#intentie memo="met “aanhalingstekens” en ✓"} en 😀 [twee]{#context/macht wie=ik}.\r\n\r\nVerder. {#outcome}\r\n',
  '**S1:** regel\ralleen CR [x]{#a}\r\r# Kop {#sectie}\r\rTekst {intentie #b}\n',
  '---\npractice: breda\ncoder: anna\ndatum: 2024-01-02\ngetal: 3\n---\n\n::: {#div}\n**S2:** binnen [de [div]{#b}]{#a memo=m}\n:::\n\n{#los}\n',
  '**S1:** [niet gesloten]{#a\n\n**S2:** {geen code} [x]{#Fout} [y]{#a #a}\n',
];

function hostileTexts(): string[] {
  const out: string[] = [];
  for (const hostile of CASES) {
    if (!hostile.core || hostile.core.as === 'codebook' || hostile.core.skipped) continue;
    const bytes = subjectBytes(hostile, 'unit');
    if (!bytes) continue;
    const decoded = decodeText(bytes);
    // The huge ones are slow to parse, and say nothing the others do not.
    if (decoded.ok && decoded.text.length <= 100_000) out.push(decoded.text);
  }
  return out;
}

function roundTrip(model: Transcript, label: string, thorough = true): void {
  const packed = packModel(model);
  assert.ok(packed, `${label}: the compact form holds the model`);
  const unpacked = unpackModel(packed);
  assert.ok(compactStoreOf(unpacked));
  // Read without building the fragments: the conversation fingerprint's markup length.
  assert.equal(compactStoreOf(unpacked)!.markupLength(), model.fragments.reduce((n, f) => n + f.markup.reduce((m, s) => m + s.end - s.start, 0), 0), label);
  // Before any part is read, and again once they are all held.
  assert.equal(JSON.stringify(unpacked), JSON.stringify(model), label);
  assert.deepStrictEqual(unpacked, model, label);
  assert.deepStrictEqual(Object.keys(unpacked), Object.keys(model), label);
  if (!thorough) return;
  // A fresh unpack, through the ways a model is copied.
  assert.deepStrictEqual({ ...unpackModel(packed) }, { ...model }, label);
  assert.deepStrictEqual(structuredClone(unpackModel(packed)), structuredClone(model), label);
}

describe('compact model', () => {
  test('every model of a generated corpus reads back deepEqual, JSON-equal, in key order', () => {
    for (const [relative, text] of texts) roundTrip(parseTranscript(text), relative);
  });

  test('the fallback reader’s models, small texts and the hostile corpus read back the same', () => {
    for (const [relative, text] of [...texts].slice(0, 2)) roundTrip(parseTranscriptRoughly(text), `${relative} (fallback)`, false);
    SMALL.forEach((text, i) => {
      roundTrip(parseTranscript(text), `small ${i}`);
      roundTrip(parseTranscriptRoughly(text), `small ${i} (fallback)`);
    });
    for (const text of hostileTexts()) roundTrip(parseTranscript(text), `hostile ${JSON.stringify(text.slice(0, 20))}`, false);
  });

  test('a part dropped by the garbage collector is built again, the same', async () => {
    const model = parseTranscript(texts.values().next().value!);
    const unpacked = unpackModel(packModel(model)!);
    const before = JSON.stringify(unpacked.fragments);
    // WeakRef targets live at least to the end of the job that made them.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    gc();
    assert.equal(JSON.stringify(unpacked.fragments), before);
    assert.deepStrictEqual(unpacked, model);
  });

  test('a part read twice is the same object while it is held; blocks share the code occurrences', () => {
    const unpacked = unpackModel(packModel(parseTranscript(SMALL[2]!))!);
    const fragments = unpacked.fragments;
    assert.equal(unpacked.fragments, fragments);
    const blocks = unpacked.attributeBlocks;
    const shared = blocks.flatMap((b) => b.codes);
    assert.equal(shared.length, unpacked.codes.length);
    shared.forEach((c, i) => assert.equal(c, unpacked.codes[i]));
  });

  test('a part assigned to becomes plain data', () => {
    const unpacked = unpackModel(packModel(parseTranscript(SMALL[4]!))!);
    unpacked.fragments = [];
    assert.deepEqual(unpacked.fragments, []);
    assert.equal(Object.getOwnPropertyDescriptor(unpacked, 'fragments')!.value, unpacked.fragments);
    assert.deepStrictEqual(Object.keys(unpacked), Object.keys(parseTranscript('')));
  });

  test('a model the form does not hold is kept as it is', () => {
    const odd = parseTranscript(SMALL[2]!);
    (odd.fragments[0] as unknown as Record<string, unknown>)['extra'] = 1;
    assert.equal(packModel(odd), undefined);
    assert.equal(compact(odd), odd);
    const shifted = parseTranscript(SMALL[2]!);
    shifted.fragments[0]!.content.range.start.character += 1; // no longer what the offset says
    assert.equal(packModel(shifted), undefined);
    const fraction = parseTranscript(SMALL[2]!);
    fraction.fragments[0]!.parent = 0.5;
    assert.equal(packModel(fraction), undefined);
  });

  test('sameData is strict about keys, their order and values', () => {
    assert.ok(sameData({ a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'x' }] }));
    assert.ok(!sameData({ a: 1, b: 2 }, { b: 2, a: 1 }));
    assert.ok(!sameData({ a: undefined }, {}));
    assert.ok(!sameData({ a: NaN }, { a: NaN }));
    assert.ok(!sameData([1], { 0: 1 }));
  });
});

describe('the index with compact models', () => {
  test('answers every query as with parsed models, and counts symmetrically', () => {
    const eager = new WorkspaceIndex();
    const lean = new WorkspaceIndex();
    for (const [relative, text] of texts) {
      const model = parseTranscript(text);
      eager.set(relative, relative, model);
      const document = lean.set(relative, relative, compact(parseTranscript(text)));
      assert.ok(compactStoreOf(document.model));
    }
    const same = (f: (index: WorkspaceIndex) => unknown): void => assert.deepStrictEqual(f(lean), f(eager));
    // A reference by its document's key (a whole document per reference is slow to compare).
    const refs = (list: FragmentRef[]): unknown[] => list.map((r) => [r.document.key, r.fragment]);
    same((i) => i.all());
    same((i) => i.all().map((d) => JSON.stringify(d)));
    same((i) => [...i.codeUsage()].sort());
    same((i) => i.usedCodes());
    for (const code of eager.usedCodes().slice(0, 6)) {
      same((i) => i.documentsUsing(code).map((d) => d.key));
      same((i) => refs(i.fragmentsByCode(code, true)));
    }
    same((i) => i.documentsUsing('intentie', true).map((d) => d.key));
    same((i) => i.practices().map((p) => refs(i.fragmentsByPractice(p))));
    same((i) => refs(i.fragmentsOf(corpus.transcripts[0]!)));
    same((i) => i.coders());
    same((i) => i.frontMatterValues('practice'));
    same((i) => i.matrix());
    for (const relative of corpus.transcripts.slice(0, 5)) {
      eager.remove(relative);
      lean.remove(relative);
    }
    same((i) => [...i.codeUsage()].sort());
    same((i) => i.usedCodes());
    same((i) => i.matrix());
  });
});

describe('the cache and the workers with compact models', () => {
  test('workers and the cache give compact models deepEqual to parsing; a damaged entry is a miss', async () => {
    const cacheDir = temp('kader-compact-cache-');
    const sources = corpus.transcripts.slice(0, 4).map((relative) => ({ key: relative, path: relative, file: path.join(root, relative) }));
    const run = async (): Promise<Map<string, { model: Transcript; from: string }>> => {
      const indexer = new Indexer({ workers: 2, cacheDir, timeLimit: () => 3_600_000 });
      try {
        const { outcomes } = await indexer.indexFiles(sources);
        return new Map(outcomes.map((o) => [o.key, o.ok ? { model: o.model, from: o.from } : assert.fail(o.detail)]));
      } finally {
        await indexer.dispose();
      }
    };
    const check = (results: Map<string, { model: Transcript; from: string }>, from: string): void => {
      for (const [key, { model, from: source }] of results) {
        assert.equal(source, from, key);
        assert.ok(compactStoreOf(model), `${key} is compact`);
        assert.deepStrictEqual(model, parseTranscript(texts.get(key)!), key);
      }
    };
    check(await run(), 'parse');
    check(await run(), 'cache');

    // Damage each entry a different way: each is a miss, parsed again.
    const key = (relative: string): string => cacheKey(texts.get(relative)!);
    const file = (relative: string): string => path.join(cacheDir, key(relative).slice(0, 2), `${key(relative)}.json`);
    const bytes = readFileSync(file(sources[0]!.key));
    bytes[bytes.length - 3] ^= 1; // the head
    writeFileSync(file(sources[0]!.key), bytes);
    const second = readFileSync(file(sources[1]!.key));
    second[30] ^= 4; // the numbers
    writeFileSync(file(sources[1]!.key), second);
    writeFileSync(file(sources[2]!.key), readFileSync(file(sources[2]!.key)).subarray(0, 100)); // cut short
    const cache = new ModelCache(cacheDir);
    for (const s of sources.slice(0, 3)) assert.equal(cache.read(key(s.key)), undefined, s.key);
    const third = await run();
    assert.deepEqual(
      [...third.values()].map((r) => r.from),
      ['parse', 'parse', 'parse', 'cache'],
    );
    check(new Map([...third].slice(0, 3)), 'parse');
    assert.ok(readdirSync(cacheDir).length > 0);
  });

  test('an idle worker is stopped; the next file starts a new one', async () => {
    const indexer = new Indexer({ workers: 1, idleTimeout: 100, timeLimit: () => 3_600_000 });
    try {
      const first = await indexer.parse(SMALL[2]!);
      assert.equal(first.from, 'parse');
      assert.equal(indexer.workerCount, 1);
      const deadline = Date.now() + 30_000;
      while (indexer.workerCount > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(indexer.workerCount, 0);
      const second = await indexer.parse(SMALL[4]!);
      assert.equal(second.from, 'parse');
      assert.deepStrictEqual(second.model, parseTranscript(SMALL[4]!));
      assert.equal(indexer.fallbacks, 0);
    } finally {
      await indexer.dispose();
    }
  });

  test('a model the compact form does not hold is cached and served as JSON', () => {
    const cacheDir = temp('kader-compact-json-');
    const cache = new ModelCache(cacheDir);
    const odd = parseTranscript(SMALL[2]!);
    (odd.fragments[0] as unknown as Record<string, unknown>)['extra'] = 1;
    cache.write('ab' + '0'.repeat(38), odd);
    const read = cache.read('ab' + '0'.repeat(38));
    assert.ok(read && !compactStoreOf(read));
    assert.deepStrictEqual(read, odd);
  });
});
