import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { run, temp } from './helpers';

const examples = path.resolve(__dirname, '../../examples');

/** Each code of a codebook: id, name, colour, and description with its white space folded. */
function codesOf(markdown: string): string[][] {
  return parseCodebook(markdown).codes.map((c) => [c.code, c.name, c.color ?? '', c.description.replace(/\s+/g, ' ').trim(), (c.memo ?? '').replace(/\s+/g, ' ').trim()]);
}

describe('kader export --format qdc, then kader import', () => {
  for (const lang of ['en', 'nl']) {
    test(`the example codebook comes back with the same ids, names, colours and descriptions (--lang ${lang})`, async () => {
      const dir = temp();
      const exported = await run(['export', examples, '--format', 'qdc', '--out', 'codes.qdc', '--lang', lang], dir);
      assert.equal(exported.code, 0, exported.err);
      const imported = await run(['import', 'codes.qdc', '--out', 'terug', '--lang', lang], dir);
      assert.equal(imported.code, 0, imported.err);
      const back = readFileSync(path.join(dir, 'terug/codebook.md'), 'utf8');
      assert.deepEqual(codesOf(back), codesOf(readFileSync(path.join(examples, 'codebook.md'), 'utf8')));
      assert.match(back, /^---\ntitle: codes\n---\n\n# Intentie \{#intentie color="#3F7CC0"\}\n\nWat is de bedoeling van de lerende praktijk\? \(volgens verschillende betrokkenen\)\n/);
    });
  }
});
