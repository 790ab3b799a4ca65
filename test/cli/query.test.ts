// kader query FOLDER 'EXPR': the fragments a coding query finds, in text, JSON (each fragment as
// `kader report --format json` writes it) and CSV; a malformed query with a caret under its place.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { folder, run } from './helpers';

const PROJECT = {
  'breda/gesprek-1.md': [
    '---',
    'practice: Leergemeenschap Breda',
    'coder: anna',
    'jaar: 1',
    '---',
    '## Vraag 1 {#intentie}',
    '',
    '**S1:** Ik kwam [omdat het moest]{#intentie/gestuurd memo="twijfel"}.',
    '',
    '**S2:** We werken [samen met bewoners]{#activiteit}. {#context}',
    '',
  ].join('\n'),
  'tilburg/gesprek-2.md': ['---', 'practice: Netwerk Tilburg', 'coder: bram', 'jaar: 2', '---', '**S3:** [Met bewoners praten]{#activiteit}.', ''].join('\n'),
};

describe('kader query', () => {
  test('text: a line per quote with speaker, place and codes, then how many', async () => {
    const root = folder(PROJECT);
    const result = await run(['query', root, '"met bewoners" AND NOT jaar:>1']);
    assert.deepEqual(result, {
      code: 0,
      out: [
        '“Vraag 1 S1: Ik kwam omdat het moest. S2: We werken samen met bewoners.” — breda/gesprek-1.md:6 #intentie',
        '“S2: We werken samen met bewoners.” — S2, breda/gesprek-1.md:10 #context',
        '“samen met bewoners” — S2, breda/gesprek-1.md:10 #activiteit',
        '3 fragments',
        '',
      ].join('\n'),
      err: '',
    });
    const dutch = await run(['query', root, '#activiteit IN #context', '--lang', 'nl']);
    assert.equal(dutch.out, '“samen met bewoners” — S2, breda/gesprek-1.md:10 #activiteit\n1 fragment\n');
  });

  test('json: { "fragments": [...] }, each as kader report --format json writes it', async () => {
    const root = folder(PROJECT);
    const result = await run(['query', root, '#intentie/gestuurd OR practice:"netwerk tilburg"', '--format', 'json']);
    assert.equal(result.code, 0);
    assert.equal(
      result.out,
      JSON.stringify(
        {
          fragments: [
            {
              path: 'breda/gesprek-1.md',
              practice: 'Leergemeenschap Breda',
              coder: 'anna',
              speaker: 'S1',
              codes: ['intentie/gestuurd'],
              kind: 'inline',
              text: 'omdat het moest',
              memo: 'twijfel',
              range: { start: { line: 7, character: 17 }, end: { line: 7, character: 32 } },
            },
            {
              path: 'tilburg/gesprek-2.md',
              practice: 'Netwerk Tilburg',
              coder: 'bram',
              speaker: 'S3',
              codes: ['activiteit'],
              kind: 'inline',
              text: 'Met bewoners praten',
              memo: null,
              range: { start: { line: 5, character: 9 }, end: { line: 5, character: 28 } },
            },
          ],
        },
        null,
        2,
      ) + '\n',
    );
    const report = JSON.parse((await run(['report', root, '--format', 'json'])).out) as { fragments: unknown[] };
    const found = JSON.parse(result.out) as { fragments: unknown[] };
    assert.deepEqual(found.fragments, [report.fragments[1], report.fragments[4]]);
  });

  test('csv: a row per fragment, its codes in one cell', async () => {
    const root = folder(PROJECT);
    const result = await run(['query', root, '#activiteit', '--format', 'csv', '--coder', 'bram']);
    assert.equal(result.code, 0);
    assert.equal(result.out, '\uFEFFfile,practice,coder,speaker,codes,text,memo,line\r\ntilburg/gesprek-2.md,Netwerk Tilburg,bram,S3,activiteit,Met bewoners praten,,6\r\n');
  });

  test('a malformed query: the message, the query and a caret under the place; exit 2', async () => {
    const root = folder(PROJECT);
    assert.deepEqual(await run(['query', root, '#intentie AND (#context OR']), {
      code: 2,
      out: '',
      err: 'kader: OR needs a term after it.\n  #intentie AND (#context OR\n                          ^^\n',
    });
    assert.deepEqual(await run(['query', root, 'practice:Breda bewoners', '--lang', 'nl']), {
      code: 2,
      out: '',
      err: 'kader: Schrijf woorden om naar te zoeken tussen aanhalingstekens ("bewoners") of een code met # (#bewoners).\n  practice:Breda bewoners\n                 ^^^^^^^^\n',
    });
  });

  test('the caret counts characters, not UTF-16 units, and a line break in the query is shown as a space', async () => {
    const root = folder(PROJECT);
    assert.deepEqual(await run(['query', root, '"bewoner😀" AND\n(']), {
      code: 2,
      out: '',
      err: 'kader: Write something between the brackets.\n  "bewoner😀" AND (\n                 ^\n',
    });
  });

  test('usage errors: no query, an unknown format, an unknown coder; exit 2; --help is the help', async () => {
    const root = folder(PROJECT);
    const help = await run(['query', '--help']);
    assert.equal(help.code, 0);
    assert.ok(help.out.includes("  query FOLDER 'QUERY'   The fragments a coding query finds (docs/queries.md), e.g.\n"), help.out);
    assert.deepEqual(await run(['query', root]), {
      code: 2,
      out: '',
      err: 'kader: name the folder and the query: kader query FOLDER "#intentie AND practice:Breda"\nRun "kader --help" for usage.\n',
    });
    const format = await run(['query', root, '#intentie', '--format', 'xml']);
    assert.equal(format.code, 2);
    assert.equal(format.err, 'kader: --format must be one of text, json, csv, markdown, html (got "xml")\nRun "kader --help" for usage.\n');
    const coder = await run(['query', root, '#intentie', '--coder', 'carla']);
    assert.equal(coder.code, 2);
    assert.equal(coder.err, 'kader: no transcript is coded by "carla"; the coders are: "anna", "bram"\nRun "kader --help" for usage.\n');
  });
});
