// `kader autocode`: --dry-run prints every changed line before and after and writes nothing; a
// real run writes exactly those changes and prints the same lines.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { folder, run } from './helpers';

const OOST = [
  '---',
  'practice: Wijkteam Oost',
  '---',
  '**Interviewer:** Hoe werken jullie met bewoners?',
  '',
  '**S1:** Met `bewoners` in code en [bewoners]{#actanten} gecodeerd. Bewoners!',
  '',
].join('\n');
const WEST = '---\npractice: Wijkteam West\n---\n**S2:** Geen treffer hier.\n';

const DRY_OUT = [
  'oost.md:4',
  '- **Interviewer:** Hoe werken jullie met bewoners?',
  '+ **Interviewer:** Hoe werken jullie met [bewoners]{#actanten/persoon}?',
  'oost.md:6',
  '- **S1:** Met `bewoners` in code en [bewoners]{#actanten} gecodeerd. Bewoners!',
  '+ **S1:** Met `bewoners` in code en [bewoners]{#actanten #actanten/persoon} gecodeerd. [Bewoners]{#actanten/persoon}!',
  '',
].join('\n');

describe('kader autocode', () => {
  test('--dry-run prints each changed line before and after, and writes nothing', async () => {
    const root = folder({ 'oost.md': OOST, 'west.md': WEST });
    const result = await run(['autocode', root, '--phrase', 'Bewoners', '#actanten/persoon', '--dry-run']);
    assert.deepEqual(result, { code: 0, out: DRY_OUT, err: 'kader: 3 codings in 1 file would be written; nothing was written (--dry-run) (1 inside code or markup, left alone)\n' });
    assert.equal(readFileSync(path.join(root, 'oost.md'), 'utf8'), OOST);
  });

  test('without --dry-run it writes exactly those changes and prints them', async () => {
    const root = folder({ 'oost.md': OOST, 'west.md': WEST });
    const result = await run(['autocode', root, '--phrase', 'bewoners', 'actanten/persoon']);
    assert.deepEqual(result, { code: 0, out: DRY_OUT, err: 'kader: wrote 3 codings in 1 file (1 inside code or markup, left alone)\n' });
    assert.equal(
      readFileSync(path.join(root, 'oost.md'), 'utf8'),
      OOST.replace('met bewoners?', 'met [bewoners]{#actanten/persoon}?').replace('{#actanten} gecodeerd. Bewoners!', '{#actanten #actanten/persoon} gecodeerd. [Bewoners]{#actanten/persoon}!'),
    );
    assert.equal(readFileSync(path.join(root, 'west.md'), 'utf8'), WEST);
    // Run again: everything is coded already.
    assert.deepEqual(await run(['autocode', root, '--phrase', 'bewoners', 'actanten/persoon']), {
      code: 0,
      out: '',
      err: 'kader: wrote 0 codings in 0 files (3 already coded; 1 inside code or markup, left alone)\n',
    });
  });

  test("--speaker codes each paragraph of the speaker's turns; --lang nl speaks Dutch", async () => {
    const root = folder({ 'oost.md': OOST });
    const result = await run(['autocode', root, '--speaker', 'interviewer', '#activiteit', '--lang', 'nl']);
    assert.deepEqual(result, {
      code: 0,
      out: 'oost.md:4\n- **Interviewer:** Hoe werken jullie met bewoners?\n+ **Interviewer:** Hoe werken jullie met bewoners? {#activiteit}\n',
      err: 'kader: 1 codering geschreven in 1 bestand\n',
    });
  });

  test('a query (EXPR before the code): the fragments it matches get the code added', async () => {
    const root = folder({ 'oost.md': OOST, 'west.md': WEST });
    assert.deepEqual(await run(['autocode', root, '#actanten', '#outcome', '--dry-run']), {
      code: 0,
      out: 'oost.md:6\n- **S1:** Met `bewoners` in code en [bewoners]{#actanten} gecodeerd. Bewoners!\n+ **S1:** Met `bewoners` in code en [bewoners]{#actanten #outcome} gecodeerd. Bewoners!\n',
      err: 'kader: 1 coding in 1 file would be written; nothing was written (--dry-run)\n',
    });
  });

  test('usage errors: two targets, a missing code, an invalid code', async () => {
    const root = folder({ 'oost.md': OOST });
    assert.deepEqual(await run(['autocode', root, '--phrase', 'a', '--speaker', 'b', '#x']), { code: 2, out: '', err: 'kader: give one of --phrase, --speaker and --heading\nRun "kader --help" for usage.\n' });
    assert.deepEqual(await run(['autocode', root, '--phrase', 'a']), { code: 2, out: '', err: 'kader: name the folder and the code: kader autocode FOLDER --phrase TEXT "#code"\nRun "kader --help" for usage.\n' });
    assert.deepEqual(await run(['autocode', root, '--heading', 'Vraag 1', '#geen code']), {
      code: 2,
      out: '',
      err: 'kader: "geen code" is not a valid code: use letters, digits, - and _, with / between levels.\nRun "kader --help" for usage.\n',
    });
  });
});
