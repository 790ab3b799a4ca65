import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { folder, run } from './helpers';

const MB = 1024 * 1024;
// One byte over one megabyte, and one exactly at it.
const over = `[x]{#intentie} ${'a'.repeat(MB - 15)}\n`;
const at = `[z]{#intentie} ${'a'.repeat(MB - 16)}\n`;

test('check --max-size: a transcript just over the limit is reported with the limit and skipped; one at the limit is read', async () => {
  assert.equal(Buffer.byteLength(over), MB + 1);
  assert.equal(Buffer.byteLength(at), MB);
  const root = folder({ 'groot.md': over, 'precies.md': at, 'klein.md': '[y]{#intentie}\n' });
  const result = await run(['check', root, '--max-size', '1']);
  assert.equal(result.code, 0);
  assert.equal(
    result.out,
    'groot.md:1:1: warning too-large: This file is larger than 1 MB (--max-size), so Kader does not read it: its codes are not found or counted.\n' +
      'precies.md:1:1: information parse-fallback: This paragraph is too long to read as Markdown, so it was read line by line: codes are found, but Markdown details may be missed.\n',
  );
  assert.equal(
    result.err,
    'kader: groot.md: This file is larger than 1 MB (--max-size), so Kader does not read it: its codes are not found or counted.\n2 files checked: 0 errors, 1 warning.\n',
  );
  // The warning counts: --max-warnings 0 fails the run.
  assert.equal((await run(['check', root, '--max-size', '1', '--max-warnings', '0'])).code, 1);
  // Nothing of it reaches a report.
  const report = await run(['report', root, '--format', 'json', '--max-size', '1', '--lang', 'nl']);
  assert.equal(report.code, 0);
  assert.deepEqual((JSON.parse(report.out) as { fragments: { path: string }[] }).fragments.map((f) => f.path).sort(), ['klein.md', 'precies.md']);
  assert.equal(report.err, 'kader: groot.md: Dit bestand is groter dan 1 MB (--max-size), dus Kader leest het niet: de codes erin worden niet gevonden of geteld.\n');
});

test('check: the default limit (20 MB) leaves ordinary transcripts alone; --max-size must be a positive number', async () => {
  const root = folder({ 'groot.md': over });
  const result = await run(['check', root]);
  assert.equal(result.code, 0);
  assert.doesNotMatch(result.out + result.err, /too-large|larger than/);
  for (const bad of ['0', '-1', 'x', '']) {
    const refused = await run(['check', root, '--max-size', bad]);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /^kader: .*--max-size/);
  }
});
