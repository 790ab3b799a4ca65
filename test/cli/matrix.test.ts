// `kader report --matrix ROWS×COLS`: codes × practice, × a front matter key, × speaker, code
// relations; text, CSV (wide form, the separator of the language), JSON; usage errors. Invented names only.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { folder, run } from './helpers';

const FILES = {
  'codebook.md': '# Intentie {#intentie}\n\n## Gestuurd {#intentie/gestuurd}\n\n# Context {#context}\n',
  'breda/een.md': '---\ncoder: anna\njaar: 1\n---\n**S1:** [Ik kwam [omdat het moest]{#intentie/gestuurd}]{#context}.\n\n**S2:** Alinea. {#intentie #context}\n',
  'breda/twee.md': '---\ncoder: bert\njaar: 2\n---\n**S1:** [Wij]{#intentie}.\n',
  'tilburg/drie.md': '---\ncoder: anna\njaar: [1, 2]\n---\n[Zij]{#context}.\n',
};

describe('kader report --matrix ROWS×COLS', () => {
  const root = folder(FILES);

  test('code×practice as text, with totals', async () => {
    assert.deepEqual(await run(['report', root, '--matrix', 'code×practice']), {
      code: 0,
      out: [
        'Codes × Practice · Fragments',
        '',
        '            breda  tilburg  Total',
        'Intentie        3        0      3',
        '  Gestuurd      1        0      1',
        'Context         2        1      3',
        'Total           4        1      5',
        '',
      ].join('\n'),
      err: '',
    });
  });

  test('codexjaar as CSV in wide form: , in English, ; in Dutch; --separator wins', async () => {
    const en = await run(['report', root, '--matrix', 'codexjaar', '--format', 'csv']);
    assert.equal(en.out, '\uFEFFcode,1,2\r\nintentie,2,1\r\nintentie/gestuurd,1,0\r\ncontext,3,1\r\n');
    const nl = await run(['report', root, '--matrix', 'codexjaar', '--format', 'csv', '--lang', 'nl', '--percent', 'column']);
    assert.equal(nl.out, '\uFEFFcode;1;2\r\nintentie;"50,0";"50,0"\r\nintentie/gestuurd;"25,0";"0,0"\r\ncontext;"75,0";"50,0"\r\n');
    const comma = await run(['report', root, '--matrix', 'codexjaar', '--format', 'csv', '--lang', 'nl', '--separator', ',']);
    assert.equal(comma.out, '\uFEFFcode,1,2\r\nintentie,2,1\r\nintentie/gestuurd,1,0\r\ncontext,3,1\r\n');
  });

  test('aspect×speaker, documents, row percentages, in Dutch', async () => {
    const { code, out } = await run(['report', root, '--matrix', 'aspect×speaker', '--measure', 'documents', '--percent', 'row', '--lang', 'nl']);
    assert.equal(code, 0);
    assert.equal(
      out,
      // A label is a person of its transcript. Intentie in two transcripts; context in een.md and drie.md (no speaker).
      [
        'Aspecten × Spreker · Transcripten · % van de rij',
        '',
        '          S1 (breda/een.md)  S1 (breda/twee.md)  S2 (breda/een.md)  (geen spreker)',
        'Intentie             50,0 %              50,0 %             50,0 %           0,0 %',
        'Context              50,0 %               0,0 %             50,0 %          50,0 %',
        '',
      ].join('\n'),
    );
  });

  test('code×code with a relation, as JSON with each cell’s query', async () => {
    const { out } = await run(['report', root, '--matrix', 'aspect×aspect', '--relation', 'overlap', '--format', 'json']);
    const json = JSON.parse(out) as { relation: unknown; cells: { value: number | null; query: string | null }[][] };
    assert.deepEqual(json.relation, { kind: 'overlap' });
    assert.deepEqual(json.cells, [
      [{ value: null, query: null }, { value: 1, query: '(#intentie OVERLAPS #context)' }],
      [{ value: 1, query: '(#context OVERLAPS #intentie)' }, { value: null, query: null }],
    ]);
  });

  test('--coder: that coder’s transcripts, the coder in each query', async () => {
    const { out } = await run(['report', root, '--matrix', 'aspect×practice', '--coder', 'anna', '--format', 'json']);
    const json = JSON.parse(out) as { cells: { value: number; query: string }[][] };
    assert.deepEqual(json.cells[0], [
      { value: 2, query: '#intentie AND practice:breda AND coder:anna' },
      { value: 0, query: '#intentie AND practice:tilburg AND coder:anna' },
    ]);
  });

  test('mistakes: exit 2 with a clear message', async () => {
    assert.deepEqual(await run(['report', root, '--matrix', 'code×rol']), {
      code: 2,
      out: '',
      err: 'kader: --matrix: "rol" is neither code, aspect, practice, coder, speaker, document nor a front matter key of a transcript; choose from: code, aspect, practice, coder, speaker, document, jaar\nRun "kader --help" for usage.\n',
    });
    assert.equal((await run(['report', root, '--matrix', 'code×practice', '--relation', 'near/2'])).err, 'kader: --relation goes with a matrix of codes × codes\nRun "kader --help" for usage.\n');
    assert.equal((await run(['report', root, '--matrix', 'code×code', '--relation', 'far'])).err, 'kader: --relation must be one of fragment, overlap, near/N (got "far")\nRun "kader --help" for usage.\n');
    assert.equal((await run(['report', root, '--percent', 'row'])).err, 'kader: --percent goes with --matrix ROWS×COLS\nRun "kader --help" for usage.\n');
    assert.equal((await run(['report', root, '--matrix', 'codepractice', '--lang', 'nl'])).err, 'kader: --matrix vraagt ROWS×COLS (of ROWSxCOLS), elk een van: code, aspect, practice, coder, speaker, document, jaar (niet "codepractice")\nZie "kader --help" voor het gebruik.\n');
  });

  test('--matrix documents keeps working', async () => {
    const { code, out } = await run(['report', root, '--matrix', 'documents', '--format', 'csv']);
    assert.equal(code, 0);
    assert.equal(out.split('\r\n')[0], '\uFEFFfile,practice,coder,intentie,intentie/gestuurd,context');
  });
});
