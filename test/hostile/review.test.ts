// The safety review's attacks, replayed end to end through the `kader` CLI: a folder or file as an
// attacker would hand it over, and what must not happen (a program run, a formula, a link, a code
// planted, an unbounded expansion). The units behind each fix have exact tests of their own; this
// suite keeps the attacks themselves in the hostile corpus.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { Document, Packer, Paragraph } from 'docx';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { folder, run, temp } from '../cli/helpers';

/** RFC 4180 fields of a CSV text (quotes doubled inside quoted fields). */
function csvCells(text: string, separator = ','): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator || c === '\n') {
      cells.push(cell);
      cell = '';
    } else if (c !== '\r' && c !== '\uFEFF') cell += c;
  }
  if (cell) cells.push(cell);
  return cells;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd } });
}

describe('the safety review, replayed through the CLI', () => {
  test('1. a repository whose config starts programs: kader agree --rev runs none of them', () => {
    const repo = temp('kader-review-git-');
    const marker = path.join(repo, 'ran');
    const script = path.join(repo, 'script.sh');
    writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
    chmodSync(script, 0o755);
    writeFileSync(path.join(repo, 'a.md'), '**A:** [hallo]{#intentie}\n');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, '-c', 'user.name=Kader Test', '-c', 'user.email=test@example.invalid', 'add', 'a.md');
    // A commit with a signature header, so that log.showSignature asks gpg.program to verify it.
    const tree = git(repo, 'write-tree').trim();
    const commit = [
      `tree ${tree}`,
      'author Kader Test <test@example.invalid> 1700000000 +0000',
      'committer Kader Test <test@example.invalid> 1700000000 +0000',
      'gpgsig -----BEGIN PGP SIGNATURE-----',
      ' ',
      ' iQEzBAABCAAdFiEEAAAAAAAAAAAAAAAAAAAAAAAAAAAFAmVVVVUACgkQAAAAAAAA',
      ' =AAAA',
      ' -----END PGP SIGNATURE-----',
      '',
      'eerste versie',
      '',
    ].join('\n');
    const hash = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: repo, input: commit, encoding: 'utf8' }).trim();
    git(repo, 'update-ref', 'refs/heads/main', hash);
    writeFileSync(path.join(repo, 'a.md'), '**A:** [hallo]{#intentie #context}\n');
    writeFileSync(
      path.join(repo, '.git', 'config'),
      readFileSync(path.join(repo, '.git', 'config'), 'utf8') +
        `[log]\n\tshowSignature = true\n[gpg]\n\tprogram = ${script}\n[core]\n\tfsmonitor = ${script}\n\tpager = ${script}\n[diff]\n\texternal = ${script}\n`,
    );
    // The control: plain git in this repository does run the script.
    try {
      git(repo, 'log', '-1');
    } catch {
      // The script exits 1; git may fail with it. What counts is that it ran.
    }
    assert.ok(existsSync(marker), 'the hostile config runs its program for plain git (the test is live)');
    execFileSync('rm', [marker]);

    return run(['agree', 'a.md', '--rev', 'main'], repo).then((result) => {
      assert.equal(result.code, 0, result.err);
      assert.match(result.out, /a\.md@main/);
      assert.ok(!existsSync(marker), 'kader agree --rev ran a program the repository named');
    });
  });

  test('2. cells that Excel reads as formulas are neutralised in every CSV Kader writes', async () => {
    const root = folder({
      'a.md': [
        '---',
        'practice: "=HYPERLINK(\\"http://example.invalid\\",\\"klik\\")"',
        "coder: \"+cmd|' /C calc'!A0\"",
        '---',
        '',
        '**S1:** [=1+1]{#intentie memo="@SUM(1,2)"} en [-2+3]{#context}',
        '',
      ].join('\n'),
    });
    const report = await run(['report', root, '--format', 'csv']);
    assert.equal(report.code, 0, report.err);
    const out = path.join(temp(), 'fragments.csv');
    const exported = await run(['export', root, '--format', 'csv', '--out', out]);
    assert.equal(exported.code, 0, exported.err);
    for (const text of [report.out, readFileSync(out, 'utf8')]) {
      const cells = csvCells(text);
      assert.ok(cells.some((c) => c.includes('=1+1')), 'the fragment text is still there to read');
      for (const cell of cells) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `a cell starts a formula: ${JSON.stringify(cell)}`);
    }
  });

  test('3. a small Word file that expands to hundreds of megabytes is refused, and nothing is written', { timeout: 120_000 }, async () => {
    const small = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Hallo')] }] }));
    const entries = unzipSync(new Uint8Array(small));
    const paragraph = '<w:p><w:r><w:t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</w:t></w:r></w:p>';
    const document = new TextDecoder().decode(entries['word/document.xml']!);
    const body = paragraph.repeat(Math.ceil((200 * 1024 * 1024) / paragraph.length));
    entries['word/document.xml'] = strToU8(document.replace('<w:body>', `<w:body>${body}`));
    const bomb = zipSync(entries, { level: 9 });
    assert.ok(bomb.length < 2 * 1024 * 1024, `the bomb is small (${bomb.length} bytes)`);
    const dir = temp();
    writeFileSync(path.join(dir, 'bom.docx'), bomb);
    const result = await run(['import', 'bom.docx', '--out', 'uit'], dir);
    assert.equal(result.code, 1);
    assert.match(result.err, /bom\.docx/);
    assert.doesNotMatch(result.err, /unexpected error/);
    assert.ok(!existsSync(path.join(dir, 'uit')) || readdirSync(path.join(dir, 'uit')).length === 0, 'nothing was written');
  });

  test('4. a WebVTT speaker name and cue text plant no codes', async () => {
    const dir = temp();
    writeFileSync(
      path.join(dir, 'gesprek.vtt'),
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v [a]{#evil memo="x"}>Hallo [daar]{#evil2}\n\n00:00:03.000 --> 00:00:04.000\n<v Noor>::: {#evil3}\n',
    );
    const imported = await run(['import', 'gesprek.vtt', '--out', 'uit'], dir);
    assert.equal(imported.code, 0, imported.err);
    const report = await run(['report', path.join(dir, 'uit'), '--format', 'json']);
    const json = JSON.parse(report.out) as { fragments: unknown[] };
    assert.deepEqual(json.fragments, []);
    const check = await run(['check', path.join(dir, 'uit')]);
    assert.equal(check.code, 0, check.out + check.err);
  });

  test('5. 200,000 nested tags in a cue end with a transcript or a clear message, not a stack overflow', async () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'diep.vtt'), `WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n${'<b>'.repeat(200_000)}diep${'</b>'.repeat(200_000)}\n`);
    const result = await run(['import', 'diep.vtt', '--out', 'uit'], dir);
    assert.doesNotMatch(result.err, /unexpected error|call stack/i, result.err);
    assert.ok(result.code === 0 || result.code === 1, result.err);
  });

  test('6. a .qdc description cannot define codes in codebook.md', async () => {
    const dir = temp();
    const qdc = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="test">
  <Codes>
    <Code guid="00000000-0000-0000-0000-000000000001" name="Echt" isCodable="true">
      <Description>Uitleg
---
# Evil {#evil}
&lt;script&gt;alert(1)&lt;/script&gt;</Description>
    </Code>
  </Codes>
</CodeBook>`;
    writeFileSync(path.join(dir, 'boek.qdc'), qdc);
    const result = await run(['import', 'boek.qdc', '--out', 'uit'], dir);
    assert.equal(result.code, 0, result.err);
    const markdown = readFileSync(path.join(dir, 'uit', 'codebook.md'), 'utf8');
    const codebook = parseCodebook(markdown);
    assert.deepEqual(
      codebook.codes.map((c) => c.code),
      ['echt'],
    );
    assert.doesNotMatch(markdown, /^<script>/m);
  });

  test('7. a file name cannot put a link or an image into the Markdown and HTML reports', async () => {
    const name = 'a>) [klik](javascript:alert(7)) (<b.md';
    const root = folder({ [name]: '---\npractice: P\n---\n\n**S1:** [hallo]{#intentie}\n', 'b.md': '![x](http://example.invalid/x.png) [y]{#context}\n' });
    for (const format of ['markdown', 'html']) {
      const result = await run(['report', root, '--format', format]);
      assert.equal(result.code, 0, result.err);
      assert.doesNotMatch(result.out, /\]\(javascript:/i, format);
      assert.doesNotMatch(result.out, /href="javascript:/i, format);
      assert.doesNotMatch(result.out, /<b\.md/, format);
      assert.doesNotMatch(result.out, /!\[x\]\(http/, format);
    }
  });

  test('10. a transcript past the size limit is reported and skipped, not parsed', async () => {
    const root = folder({ 'groot.md': `[x]{#intentie} ${'a'.repeat(2 * 1024 * 1024)}\n`, 'klein.md': '[y]{#intentie}\n' });
    const result = await run(['check', root, '--max-size', '1']);
    assert.match(result.err + result.out, /groot\.md/);
    const report = await run(['report', root, '--format', 'json', '--max-size', '1']);
    const json = JSON.parse(report.out) as { fragments: { path: string }[] };
    assert.deepEqual(
      json.fragments.map((f) => f.path),
      ['klein.md'],
    );
  });
});
