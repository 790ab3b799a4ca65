// `--coder NAME` with no transcript coded by NAME is refused with the coders there are, instead
// of an empty report or export. Invented names only.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { folder, run } from './helpers';

const PROJECT = {
  'codebook.md': '# Context {#context}\n',
  'a.md': '---\ncoder: bert\n---\n[ja]{#context}\n',
  'b.md': '---\ncoder: anna\n---\n[nee]{#context}\n',
  'c.md': '[zonder codeur]{#context}\n',
};

describe('kader report/export --coder', () => {
  test('a coder that codes a transcript: only that coder’s fragments', async () => {
    assert.deepEqual(await run(['report', folder(PROJECT), '--coder', 'anna']), { code: 0, out: 'Context #context  1\n  (no practice)  1\n', err: '' });
  });

  test('no such coder: exit 2, naming the coders there are, for every format and for export', async () => {
    const root = folder(PROJECT);
    const err = 'kader: no transcript is coded by "Anna"; the coders are: "anna", "bert"\nRun "kader --help" for usage.\n';
    for (const format of ['text', 'json', 'markdown', 'html', 'csv']) {
      assert.deepEqual(await run(['report', root, '--coder', 'Anna', '--format', format]), { code: 2, out: '', err }, format);
    }
    const out = path.join(root, 'uit.csv');
    assert.deepEqual(await run(['export', root, '--format', 'csv', '--coder', 'Anna', '--out', out]), { code: 2, out: '', err });
    assert.equal(existsSync(out), false);
    assert.deepEqual(await run(['report', root, '--coder', 'carla', '--lang', 'nl']), {
      code: 2,
      out: '',
      err: 'kader: geen transcript is gecodeerd door "carla"; de codeurs zijn: "anna", "bert"\nZie "kader --help" voor het gebruik.\n',
    });
  });

  test('no transcript names a coder: said so, in English and Dutch', async () => {
    const root = folder({ 'a.md': '[ja]{#context}\n' });
    assert.deepEqual(await run(['report', root, '--coder', 'anna']), {
      code: 2,
      out: '',
      err: 'kader: no transcript is coded by "anna": no transcript names its coder (“coder:” in the front matter)\nRun "kader --help" for usage.\n',
    });
    assert.deepEqual(await run(['report', root, '--coder', '', '--lang', 'nl']), {
      code: 2,
      out: '',
      err: 'kader: geen transcript is gecodeerd door "": geen transcript noemt zijn codeur (“coder:” in de front matter)\nZie "kader --help" voor het gebruik.\n',
    });
  });

  test('a coder name with control characters is shown, never run', async () => {
    const root = folder({ 'a.md': '---\ncoder: "b\\e[2Jert"\n---\n[ja]{#context}\n' });
    assert.deepEqual(await run(['report', root, '--coder', 'x\x1b[1Ay']), {
      code: 2,
      out: '',
      err: 'kader: no transcript is coded by "x␛[1Ay"; the coders are: "b␛[2Jert"\nRun "kader --help" for usage.\n',
    });
  });
});
