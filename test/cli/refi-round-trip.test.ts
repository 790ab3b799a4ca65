import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { folder, run, temp } from './helpers';

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

/** A small project: speakers, headings, a table, a link, emphasis, nested fragments, a coding in parts, two coders, memos. Invented. */
const SMALL: Record<string, string> = {
  'breda/gesprek-anna.md': [
    '---',
    'practice: Breda',
    'coder: anna',
    'memo: Eerste gesprek.',
    'persons:',
    '  S1: P07',
    '---',
    '# Gesprek over [samenwerking]{#context}',
    '',
    '## Vraag 1 — Waarom doe je mee? {#intentie}',
    '',
    '**S1:** Ik kwam [omdat het *moest*, zie [de site](https://example.org/x)]{#intentie/gestuurd memo="twijfel"}.',
    '',
    '**Interviewer:** En _toen_?',
    '',
    '**S1:** [De gemeente [betaalt]{#actanten/beleid}]{#context/macht}.',
    '',
    '| Wie | Rol |',
    '|-----|-----|',
    '| [Anna]{#actanten} | voorzitter |',
    '',
  ].join('\n'),
  'breda/gesprek-bram.md': [
    '---',
    'practice: Breda',
    'coder: bram',
    '---',
    '**S1:** [Ik kwam [omdat het moest]{#intentie/gestuurd part="p1" memo="zeker"}]{#intentie}[. Daarna]{#intentie/gestuurd part="p1"} bleef ik.',
    '',
    '::: {#context}',
    '**S2:** De gemeente betaalt.',
    '',
    '**S1:** Dus die beslist.',
    ':::',
    '',
  ].join('\n'),
};

describe('kader export --format qdpx, then kader import: a small project', () => {
  test('each transcript comes back byte for byte', async () => {
    const dir = folder(SMALL);
    const exported = await run(['export', '.', '--format', 'qdpx', '--out', 'project.qdpx'], dir);
    assert.equal(exported.code, 0, exported.err);
    const imported = await run(['import', 'project.qdpx', '--out', 'terug'], dir);
    assert.equal(imported.code, 0, imported.err);
    assert.equal(imported.out, ['terug/codebook.md', 'terug/gesprek-anna.md', 'terug/gesprek-bram.md', 'terug/import-report.txt', ''].join('\n'));
    for (const [name, text] of Object.entries(SMALL)) assert.equal(readFileSync(path.join(dir, 'terug', path.basename(name)), 'utf8'), text, name);
    assert.match(readFileSync(path.join(dir, 'terug/import-report.txt'), 'utf8'), /\n\nEverything was represented\.\n$/);
  });
});
