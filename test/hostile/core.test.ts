// The hostile corpus through the pure core: decodeText, then parseTranscript or parseCodebook.
// Nothing may throw; each case gives its stated outcome. Unit scale in `npm test`;
// KADER_HOSTILE_SCALE=full (npm run fuzz) runs the sizes the issue names.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { decodeText } from '../../server/src/core/fileText';
import { CASES, type Scale } from './cases';
import { FIXTURES, smallCases, subjectBytes } from './generate';

const scale: Scale = process.env['KADER_HOSTILE_SCALE'] === 'full' ? 'full' : 'unit';

function ruleCounts(diagnostics: { rule: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of diagnostics) counts[d.rule] = (counts[d.rule] ?? 0) + 1;
  return counts;
}

describe(`hostile corpus through the core (${scale} scale)`, () => {
  for (const hostile of CASES) {
    const expect = hostile.core;
    if (!expect) continue;
    const todo = scale === 'full' ? hostile.knownAtFull : undefined;
    test(`${hostile.name}: ${hostile.expected}`, { todo }, () => {
      const bytes = subjectBytes(hostile, scale)!;
      const decoded = decodeText(bytes);
      if (expect.skipped) {
        assert.equal(decoded.ok, false);
        assert.equal(!decoded.ok && decoded.problem, expect.skipped);
        return;
      }
      assert.ok(decoded.ok, 'decodes');
      const text = decoded.text;
      const model = expect.as === 'codebook' ? parseCodebook(text) : parseTranscript(text);
      if (expect.rules) assert.deepEqual(ruleCounts(model.diagnostics), expect.rules);
      if (expect.fragments !== undefined) assert.equal((model as { fragments: unknown[] }).fragments.length, expect.fragments);
      if (expect.codes !== undefined) assert.equal((model as { codes: unknown[] }).codes.length, expect.codes);
      expect.check?.(model, text.replace(/^\uFEFF/, ''));
    });
  }

  test('a decoded UTF-16 file gives the same model as its UTF-8 twin', () => {
    const models = ['utf8-bom', 'utf16le-bom', 'utf16be-bom'].map((name) => {
      const decoded = decodeText(subjectBytes(CASES.find((c) => c.name === name)!, scale)!);
      assert.ok(decoded.ok);
      return parseTranscript(decoded.text);
    });
    assert.deepEqual(models[1], models[0]);
    assert.deepEqual(models[2], models[0]);
  });

  test('the committed small cases (test/fixtures/hostile) are what the generator makes', () => {
    for (const hostile of smallCases()) {
      for (const [name, entry] of Object.entries(hostile.files('unit'))) {
        const bytes = typeof entry === 'string' ? Buffer.from(entry) : Buffer.from(entry as Uint8Array);
        assert.ok(readFileSync(path.join(FIXTURES, hostile.name, name)).equals(bytes), `${hostile.name}/${name}: run generate.ts --small`);
      }
    }
  });
});
