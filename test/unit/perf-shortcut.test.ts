// The plain-chunk shortcut (plainChunk.ts) skips remark for lines Markdown reads as literal text.
// It may only change speed: every result must deepEqual the full reader's.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { generateCorpus, random } from '../../bench/corpus';
import { readChunk, readChunkWithRemark } from '../../server/src/core/parse/chunk';
import { scanLines } from '../../server/src/core/parse/lines';
import { plainTree } from '../../server/src/core/parse/plainChunk';
import { parseTranscript } from '../../server/src/core/parse/transcript';

const root = mkdtempSync(path.join(tmpdir(), 'kader-shortcut-'));
after(() => rmSync(root, { recursive: true, force: true }));
const corpus = generateCorpus(root, { files: 3, seed: 11, largeOutside: true });
const texts = corpus.transcripts.map((relative) => readFileSync(path.join(root, relative), 'utf8'));

function examples(): string[] {
  const dir = path.resolve(__dirname, '../../examples');
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.md')) out.push(readFileSync(path.join(d, e.name), 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** The result, or the error a reader throws (the same either way). */
function outcome<T>(read: () => T): T | { error: string } {
  try {
    return read();
  } catch (error) {
    return { error: String(error) };
  }
}

describe('plain-chunk shortcut', () => {
  test('every chunk of a generated corpus reads the same with and without it', () => {
    let shortcut = 0;
    let chunks = 0;
    for (const text of [...texts, ...examples()]) {
      for (const chunk of scanLines(text).chunks) {
        const source = text.slice(chunk.start, chunk.end);
        chunks++;
        if (plainTree(source)) shortcut++;
        assert.deepStrictEqual(readChunk(source), readChunkWithRemark(source), JSON.stringify(source));
      }
    }
    // The shortcut is worth having: most chunks of a coded transcript take it.
    assert.ok(shortcut > chunks / 2, `${shortcut} of ${chunks}`);
  });

  test('random lines of Markdown and Kader syntax read the same with and without it', () => {
    const atoms = [
      'a', 'Ik', ' ', '  ', '[', ']', '{', '}', '{#a}', '{#b/c memo="x y"}', '#', '## ', ':', '**', '**S1:**', '**Jan**:', '[00:12:34] ',
      '=', '"', ',', '.', '!', '?', '(', ')', '-', 'Jan:', 'ë', '1.', '/', '–', '{a}', '{#}', ']{', '{.x}', 'www.', '://', '12', '*', '_',
      '`', '\\', '&amp;', '<b>', '~', '|', '@', '[^1]', '](x)', '][y]', ']:', '![', '[]', '\t', '> ', '- ', '+', '"\\"', '＃', '😀',
    ];
    const rnd = random(7);
    let shortcut = 0;
    for (let i = 0; i < 8000; i++) {
      let source = '';
      const n = 1 + Math.floor(rnd() * 12);
      for (let j = 0; j < n; j++) source += atoms[Math.floor(rnd() * atoms.length)];
      if (rnd() < 0.15) source = `${'#'.repeat(1 + Math.floor(rnd() * 7))} ${source}`;
      if (plainTree(source)) shortcut++;
      assert.deepStrictEqual(outcome(() => readChunk(source)), outcome(() => readChunkWithRemark(source)), JSON.stringify(source));
    }
    assert.ok(shortcut > 100, `${shortcut} took the shortcut`);
  });

  test('whole transcripts: the model is deepEqual to the model read by remark only', () => {
    for (const text of [...texts, ...examples()]) {
      assert.deepStrictEqual(parseTranscript(text), parseTranscript(text, undefined, { readChunk: readChunkWithRemark }));
    }
  });
});
