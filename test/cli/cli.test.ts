import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { folder, run } from './helpers';

const examples = path.resolve(__dirname, '../../examples');

describe('kader check', () => {
  test('the example project has no errors, warnings or information', async () => {
    const { code, out, err } = await run(['check', examples]);
    assert.equal(code, 0);
    assert.equal(err, '8 files checked: 0 errors, 0 warnings.\n');
    assert.equal(out, '');
  });

  test('the example project is pseudonymised: the privacy check finds no personal data', async () => {
    const { code, out, err } = await run(['check', '--privacy', examples]);
    assert.equal(code, 0);
    assert.equal(out, '');
    assert.equal(err, '7 transcripts checked: 0 certain and 0 likely findings of personal data.\n');
  });

  test('text format: path:line:col: severity rule: message, 1-based', async () => {
    const root = folder({ 'a.md': 'Eerste regel.\n\n[tekst]{#intentie #intentie} en {#open\n' });
    const { code, out } = await run(['check', root]);
    assert.equal(code, 1);
    assert.equal(
      out,
      'a.md:3:19: warning duplicate-code: #intentie is already given to this fragment.\n' +
        'a.md:3:33: error unclosed-attributes: This attribute block “{” is not closed on its line: add “}”.\n',
    );
  });

  test('json format: LSP ranges, paths relative to the folder', async () => {
    const root = folder({ 'sub/b.md': '[x]{#onbekend}\n' });
    const { code, out } = await run(['check', root, '--format', 'json']);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(out), [
      {
        path: 'sub/b.md',
        range: { start: { line: 0, character: 4 }, end: { line: 0, character: 13 } },
        severity: 'warning',
        rule: 'undefined-code',
        message: '#onbekend is not in the codebook.',
      },
    ]);
  });

  test('--max-warnings as ESLint does, and Dutch messages', async () => {
    const root = folder({ 'b.md': '[x]{#onbekend}\n' });
    assert.equal((await run(['check', root, '--max-warnings', '1'])).code, 0);
    const strict = await run(['check', root, '--max-warnings', '0', '--lang', 'nl']);
    assert.equal(strict.code, 1);
    assert.match(strict.out, /#onbekend staat niet in het codeboek\./);
    assert.match(strict.err, /te veel waarschuwingen \(1, hoogstens 0 toegestaan\)/);
  });

  test('bad input: unreadable, binary and invalid UTF-8 files are skipped with a message', async () => {
    const root = folder({
      'goed.md': '[x]{#intentie}\n',
      'binair.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      'kapot.md': Buffer.from([0x61, 0xff, 0xfe, 0x62]),
    });
    symlinkSync(path.join(root, 'lus.md'), path.join(root, 'lus.md'));
    const { code, err } = await run(['check', root]);
    assert.equal(code, 0);
    assert.match(err, /binair\.md: skipped: contains NUL bytes/);
    assert.match(err, /kapot\.md: skipped: is not valid UTF-8/);
    assert.match(err, /lus\.md: skipped: /);
    assert.match(err, /1 file checked/);
  });

  test('a folder that does not exist, and unknown options, exit 2 with a clear message', async () => {
    const missing = await run(['check', '/nonexistent/kader']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /the folder "\/nonexistent\/kader" does not exist/);
    const unknown = await run(['report', examples, '--format', 'pdf']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /--format must be one of text, json, markdown, html, csv/);
    assert.equal((await run(['frobnicate'])).code, 2);
  });
});

describe('kader report', () => {
  const project = {
    'codebook.md': '# Intentie {#intentie color="#4E79A7"}\nWaarom?\n\n## Gestuurd {#intentie/gestuurd}\nMoeten.\n',
    'breda/a.md': '---\npractice: Breda\ncoder: anna\n---\n**S1:** [ik moest]{#intentie/gestuurd memo="echt"} en [wilde]{#intentie}.\n',
    'tilburg/b.md': 'Over; "quotes", en meer. {#intentie #context}\n',
  };

  test('text: the aspects tree with counts', async () => {
    const { code, out } = await run(['report', folder(project)]);
    assert.equal(code, 0);
    assert.equal(
      out,
      ['Intentie #intentie  3', '  Gestuurd #intentie/gestuurd  1', '    Breda  1', '  Breda  1', '  tilburg  1', 'context #context  1', '  tilburg  1', ''].join('\n'),
    );
  });

  test('json: the documented shape', async () => {
    const { out } = await run(['report', folder(project), '--format', 'json']);
    const json = JSON.parse(out);
    assert.deepEqual(json.codebook, {
      path: 'codebook.md',
      codes: [
        { code: 'intentie', name: 'Intentie', color: '#4E79A7', description: 'Waarom?', memo: null },
        { code: 'intentie/gestuurd', name: 'Gestuurd', color: null, description: 'Moeten.', memo: null },
      ],
    });
    assert.deepEqual(json.documents[0], { path: 'breda/a.md', practice: 'Breda', coder: 'anna', counted: true, attributes: {}, memo: null, fragments: 2 });
    assert.deepEqual(json.fragments[0], {
      path: 'breda/a.md',
      practice: 'Breda',
      coder: 'anna',
      speaker: 'S1',
      codes: ['intentie/gestuurd'],
      kind: 'inline',
      text: 'ik moest',
      memo: 'echt',
      range: { start: { line: 4, character: 9 }, end: { line: 4, character: 17 } },
    });
    assert.deepEqual(json.aspects, [
      { code: 'intentie', fragments: 3, practices: { Breda: 2, tilburg: 1 } },
      { code: 'context', fragments: 1, practices: { tilburg: 1 } },
    ]);
  });

  test('csv: one row per fragment and code, BOM, quoted, semicolons for Dutch Excel', async () => {
    const { out } = await run(['report', folder(project), '--format', 'csv', '--separator', ';']);
    assert.ok(out.startsWith('\uFEFFfile;practice;coder;speaker;code;aspect;text;memo;line\r\n'));
    const rows = out.slice(1).trim().split('\r\n');
    assert.equal(rows.length, 1 + 4);
    assert.equal(rows[3], 'tilburg/b.md;tilburg;;;intentie;intentie;"Over; ""quotes"", en meer.";;1');
  });

  test('markdown: a cover with counts, then quotes per aspect and practice', async () => {
    const { out } = await run(['report', folder(project), '--format', 'markdown']);
    assert.ok(
      out.startsWith(
        '# Kader report\n\n2 transcripts, 3 coded fragments, 2 practices.\n\n' +
          '| Aspect | Breda | tilburg | Total |\n|---|---:|---:|---:|\n| Intentie | 2 | 1 | 3 |\n| context | 0 | 1 | 1 |\n\n',
      ),
      out,
    );
    assert.ok(
      out.includes(
        '## Intentie (`#intentie`) — 3 fragments\n\n> Waarom?\n\n### Breda — 2 fragments\n\n' +
          '- “ik moest” — **S1**, [breda/a.md:5](breda/a.md#L5) `#intentie/gestuurd`\n  - _echt_\n',
      ),
      out,
    );
  });

  test('markdown grouped by practice, and HTML with the same content, transcript text escaped', async () => {
    const hostile = folder({ 'x/a.md': '[<script>alert(1)</script> *nadruk* [link](javascript:alert(1))]{#intentie memo="<img src=x onerror=alert(1)>"}\n' });
    const byPractice = await run(['report', hostile, '--format', 'markdown', '--group-by', 'practice']);
    assert.match(byPractice.out, /## x — 1 fragment\n\n### Intention \(`#intentie`\) — 1 fragment\n/);
    const html = await run(['report', hostile, '--format', 'html']);
    assert.equal(html.code, 0);
    assert.ok(html.out.startsWith('<!DOCTYPE html>'));
    assert.ok(!html.out.includes('<script'), html.out);
    assert.ok(!html.out.includes('<img'), html.out);
    assert.ok(!html.out.includes('href="javascript'), html.out);
    assert.ok(html.out.includes('<li>“alert(1) nadruk link” — <a href="x/a.md#L1">x/a.md:1</a>'), html.out);
    assert.ok(html.out.includes('<em>&#x3C;img src=x onerror=alert(1)></em>'), html.out);
    assert.match(html.out, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
  });

  test('the example project reports every practice', async () => {
    const { code, out } = await run(['report', examples, '--format', 'json']);
    assert.equal(code, 0);
    const json = JSON.parse(out);
    assert.equal(json.documents.length, 7);
    assert.deepEqual([...new Set(json.documents.map((d: { practice: string }) => d.practice))].length, 3);
    assert.ok(json.fragments.length > 50);
  });
});
