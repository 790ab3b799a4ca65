import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
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

describe('kader export --format qdpx, then kader import', () => {
  test('the example project comes back: every transcript byte for byte, and a report that lists nothing lost', async () => {
    const dir = temp();
    const exported = await run(['export', examples, '--format', 'qdpx', '--out', 'project.qdpx'], dir);
    assert.equal(exported.code, 0, exported.err);
    const imported = await run(['import', 'project.qdpx', '--out', 'terug'], dir);
    assert.equal(imported.code, 0, imported.err);
    const originals = readdirSync(examples, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.md') && name.includes(path.sep))
      .sort();
    assert.equal(originals.length, 7);
    for (const name of originals) assert.equal(readFileSync(path.join(dir, 'terug', path.basename(name)), 'utf8'), readFileSync(path.join(examples, name), 'utf8'), name);
    assert.equal(
      readFileSync(path.join(dir, 'terug/import-report.txt'), 'utf8'),
      ['Kader imported the REFI-QDA project «examples» (made with Kader).', 'Written: codebook.md with 26 codes, 7 transcripts, 166 codings.', '', 'Everything was represented.', ''].join('\n'),
    );
  });
});
