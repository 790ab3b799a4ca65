// Which folders are Kader projects (core/kaderProject.ts): the front matter keys that mark a
// transcript, and the decision from the setting and the evidence.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasKaderFrontMatter, isKaderProject } from '../../server/src/core/kaderProject';
import { readSettings } from '../../server/src/workspace/settings';

test('Kader front matter: `practice`, `coder` or `kader` at the top level of front matter at the very start', () => {
  const cases: [string, boolean][] = [
    ['---\npractice: Breda\n---\nTekst', true],
    ['---\r\ntitle: Gesprek\r\ncoder: noor\r\n---\r\n', true],
    ['\ufeff---\nkader: true\n---\n', true],
    ['---\npractice:\n---\n', true],
    ['---\ntitle: Installation\nauthor: iemand\n---\n# Install\n', false],
    ['---\ntitle: x\n---\npractice: Breda\n', false],
    ['---\nmeta:\n  practice: Breda\n---\n', false],
    ['# Kop\n---\npractice: Breda\n---\n', false],
    ['practice: Breda\n', false],
    ['---\npractices: Breda\n---\n', false],
    ['---\npractice: Breda', true],
    ['', false],
  ];
  assert.deepEqual(
    cases.map(([text]) => [text, hasKaderFrontMatter(text)]),
    cases,
  );
});

test('a folder is a project by the setting, else by a codebook or a marked transcript', () => {
  const evidence = [
    { codebook: false, marked: false },
    { codebook: true, marked: false },
    { codebook: false, marked: true },
  ];
  assert.deepEqual(
    (['auto', 'always', 'never'] as const).map((setting) => evidence.map((e) => isKaderProject(setting, e))),
    [
      [false, true, true],
      [true, true, true],
      [false, false, false],
    ],
  );
  assert.deepEqual(
    [{ project: 'always' }, { kader: { project: 'never' } }, { project: 'ja' }, {}].map((raw) => readSettings(raw).project),
    ['always', 'never', 'auto', 'auto'],
  );
});
