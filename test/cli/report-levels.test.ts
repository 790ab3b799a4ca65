// The JSON and CSV reports carry the aspects against the learning level and the loop, with the
// counts the Markdown report's "Aspects × …" tables show: a level coded on the fragment, on a
// section around it or on a fragment inside it. Invented names only.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { folder, run } from './helpers';

const CODEBOOK =
  '# Intentie {#intentie}\n\n# Context {#context}\n\n# Niveau {#niveau}\n\n## Individueel {#niveau/individueel}\n\n## Collectief {#niveau/collectief}\n\n' +
  '# Lus {#lus}\n\n## Hoe {#lus/hoe}\n\n## Waartoe {#lus/waartoe}\n';

const PROJECT = {
  'codebook.md': CODEBOOK,
  // The section is collective: both quotes in it count at that level; "alleen ik" also individually.
  'breda/a.md': '---\npractice: Breda\n---\n## Vraag 1 {#niveau/collectief}\n\n**S1:** [ik moest]{#intentie #lus/hoe} en [de gemeente]{#context}.\n\n**S2:** [alleen ik]{#intentie #niveau/individueel}.\n',
  'tilburg/b.md': '[samen]{#context #niveau/collectief #lus/waartoe}\n',
  'c.md': '[los]{#intentie}\n',
};

const cell = (breda: number, tilburg: number, none: number, label = '(no practice)') => ({
  fragments: breda + tilburg + none,
  practices: { Breda: breda, tilburg, [label]: none },
});

describe('kader report: aspects × learning level in JSON and CSV', () => {
  test('JSON: learningLevels, per family its levels and per aspect and level the fragments in all and per practice', async () => {
    const { code, out, err } = await run(['report', folder(PROJECT), '--format', 'json']);
    assert.equal(code, 0);
    assert.equal(err, '');
    assert.deepEqual(JSON.parse(out).learningLevels, [
      {
        family: 'niveau',
        levels: ['niveau/individueel', 'niveau/collectief'],
        aspects: [
          { code: 'intentie', levels: { 'niveau/individueel': cell(1, 0, 0), 'niveau/collectief': cell(2, 0, 0) } },
          { code: 'context', levels: { 'niveau/individueel': cell(0, 0, 0), 'niveau/collectief': cell(1, 1, 0) } },
        ],
      },
      {
        family: 'lus',
        levels: ['lus/hoe', 'lus/waartoe'],
        aspects: [
          { code: 'intentie', levels: { 'lus/hoe': cell(1, 0, 0), 'lus/waartoe': cell(0, 0, 0) } },
          { code: 'context', levels: { 'lus/hoe': cell(0, 0, 0), 'lus/waartoe': cell(0, 1, 0) } },
        ],
      },
    ]);
    const nl = JSON.parse((await run(['report', folder(PROJECT), '--format', 'json', '--lang', 'nl'])).out);
    assert.deepEqual(nl.learningLevels[0].aspects[0].levels['niveau/collectief'], cell(2, 0, 0, '(geen praktijk)'));
  });

  test('JSON and the Markdown report agree on every count', async () => {
    const root = folder(PROJECT);
    const json = JSON.parse((await run(['report', root, '--format', 'json'])).out);
    const markdown = (await run(['report', root, '--format', 'markdown'])).out;
    assert.ok(
      markdown.includes(
        '| Aspect | Breda: Individueel | Breda: Collectief | tilburg: Individueel | tilburg: Collectief | (no practice): Individueel | (no practice): Collectief | Total: Individueel | Total: Collectief |\n' +
          '|---|---:|---:|---:|---:|---:|---:|---:|---:|\n| Intentie | 1 | 2 | 0 | 0 | 0 | 0 | 1 | 2 |\n| Context | 0 | 1 | 0 | 1 | 0 | 0 | 0 | 2 |\n',
      ),
      markdown,
    );
    const row = (family: number, aspect: number): number[] => {
      const { levels } = json.learningLevels[family];
      const cells = json.learningLevels[family].aspects[aspect].levels;
      return [...['Breda', 'tilburg', '(no practice)'].flatMap((p) => levels.map((l: string) => cells[l].practices[p])), ...levels.map((l: string) => cells[l].fragments)];
    };
    assert.deepEqual([row(0, 0), row(0, 1)], [
      [1, 2, 0, 0, 0, 0, 1, 2],
      [0, 1, 0, 1, 0, 0, 0, 2],
    ]);
  });

  test('CSV: after the fragment rows and an empty line, one row per family, aspect, level and practice', async () => {
    const { code, out } = await run(['report', folder(PROJECT), '--format', 'csv', '--separator', ';']);
    assert.equal(code, 0);
    const [fragments, levels] = out.split('\r\n\r\n');
    assert.equal(fragments!.split('\r\n')[0], '\uFEFFfile;practice;coder;speaker;code;aspect;text;memo;line');
    assert.equal(fragments!.split('\r\n').length, 1 + 10);
    assert.equal(
      levels,
      [
        'family;aspect;level;practice;fragments',
        'niveau;intentie;niveau/individueel;Breda;1',
        'niveau;intentie;niveau/individueel;tilburg;0',
        'niveau;intentie;niveau/individueel;;0',
        'niveau;intentie;niveau/collectief;Breda;2',
        'niveau;intentie;niveau/collectief;tilburg;0',
        'niveau;intentie;niveau/collectief;;0',
        'niveau;context;niveau/individueel;Breda;0',
        'niveau;context;niveau/individueel;tilburg;0',
        'niveau;context;niveau/individueel;;0',
        'niveau;context;niveau/collectief;Breda;1',
        'niveau;context;niveau/collectief;tilburg;1',
        'niveau;context;niveau/collectief;;0',
        'lus;intentie;lus/hoe;Breda;1',
        'lus;intentie;lus/hoe;tilburg;0',
        'lus;intentie;lus/hoe;;0',
        'lus;intentie;lus/waartoe;Breda;0',
        'lus;intentie;lus/waartoe;tilburg;0',
        'lus;intentie;lus/waartoe;;0',
        'lus;context;lus/hoe;Breda;0',
        'lus;context;lus/hoe;tilburg;0',
        'lus;context;lus/hoe;;0',
        'lus;context;lus/waartoe;Breda;0',
        'lus;context;lus/waartoe;tilburg;1',
        'lus;context;lus/waartoe;;0',
        '',
      ].join('\r\n'),
    );
  });

  test('--coder counts only that coder’s fragments in the matrices', async () => {
    const root = folder({ ...PROJECT, 'tilburg/b.md': '---\ncoder: anna\n---\n[samen]{#context #niveau/collectief}\n' });
    const json = JSON.parse((await run(['report', root, '--format', 'json', '--coder', 'anna'])).out);
    assert.deepEqual(json.learningLevels, [
      {
        family: 'niveau',
        levels: ['niveau/collectief'],
        aspects: [
          { code: 'intentie', levels: { 'niveau/collectief': { fragments: 0, practices: { tilburg: 0 } } } },
          { code: 'context', levels: { 'niveau/collectief': { fragments: 1, practices: { tilburg: 1 } } } },
        ],
      },
    ]);
  });

  test('without a learning family in the codebook or the transcripts: no learningLevels and no second CSV table', async () => {
    const root = folder({ 'codebook.md': '# Intentie {#intentie}\n', 'a.md': '[ja]{#intentie}\n' });
    assert.equal('learningLevels' in JSON.parse((await run(['report', root, '--format', 'json'])).out), false);
    assert.equal((await run(['report', root, '--format', 'csv'])).out, '\uFEFFfile,practice,coder,speaker,code,aspect,text,memo,line\r\na.md,,,,intentie,intentie,ja,,1\r\n');
  });

  test('the family in the codebook but no level coded yet: an empty list, and the CSV table’s header only', async () => {
    const root = folder({ 'codebook.md': CODEBOOK, 'a.md': '[ja]{#intentie}\n' });
    assert.deepEqual(JSON.parse((await run(['report', root, '--format', 'json'])).out).learningLevels, []);
    assert.equal(
      (await run(['report', root, '--format', 'csv'])).out,
      '\uFEFFfile,practice,coder,speaker,code,aspect,text,memo,line\r\na.md,,,,intentie,intentie,ja,,1\r\n\r\nfamily,aspect,level,practice,fragments\r\n',
    );
  });
});
