// The CLI on a folder of transcripts with hostile names and text (invented names only): what it
// writes to files, to standard output and to standard error runs no formula, opens no link but
// its own relative file links, and sends no control character to the terminal.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { validateXML } from 'xmllint-wasm';
import { linksOf } from '../unit/markdownLinks';
import { folder, run, temp } from './helpers';

const LINK_NAME = 'a>) [klik](javascript:alert(7)) (<b.md';
const LINK_HREF = 'a%3E%29%20%5Bklik%5D%28javascript%3Aalert%287%29%29%20%28%3Cb.md#L5';
const ESCAPE_NAME = 'rood\x1b[31m\x1b]0;titel\x07.md';
const BROKEN_NAME = 'kapot\x1b[2J.md';

function hostileFolder(): string {
  return folder({
    [LINK_NAME]: [
      '---',
      `practice: '=HYPERLINK("http://x","klik")'`,
      `coder: "+cmd|' /C calc'!A0"`,
      '---',
      '**S1:** [=1+1]{#intentie memo="@SUM(1,2)"} en [`<img src=x onerror=alert(1)>`]{#intentie memo="[y](javascript:alert(3))"}',
      '',
    ].join('\n'),
    [ESCAPE_NAME]: '---\npractice: "\\e[2Jleeg"\n---\n[twee keer]{#intentie #intentie}\n',
    [BROKEN_NAME]: Buffer.from([0x61, 0xff, 0xfe, 0x62]),
    'twee\nregels.md': Buffer.from([0xff]),
    'codebook.md': '# Intentie {#intentie}\nWaarom?\n',
  });
}

/** No C0 control but tab, LF and CR, no DEL, no C1 control. */
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;


const CSV_ROWS = [
  `${LINK_NAME},"'=HYPERLINK(""http://x"",""klik"")","'+cmd|' /C calc'!A0",S1,intentie,intentie,"'=1+1","'@SUM(1,2)",5`,
  `${LINK_NAME},"'=HYPERLINK(""http://x"",""klik"")","'+cmd|' /C calc'!A0",S1,intentie,intentie,<img src=x onerror=alert(1)>,[y](javascript:alert(3)),5`,
  '"rood␛[31m␛]0;titel␇.md",␛[2Jleeg,,,intentie,intentie,twee keer,,4',
];

describe('hostile names and text through the CLI', () => {
  test('report --format csv: formulas shown behind a quote, lines as numbers, no control character', async () => {
    const { code, out, err } = await run(['report', hostileFolder(), '--format', 'csv']);
    assert.equal(code, 0, err);
    assert.equal(out, `\uFEFF${['file,practice,coder,speaker,code,aspect,text,memo,line', ...CSV_ROWS, ''].join('\r\n')}`);
  });

  test('report --format markdown: the file name is link text, its link relative and encoded', async () => {
    const { code, out } = await run(['report', hostileFolder(), '--format', 'markdown']);
    assert.equal(code, 0);
    assert.ok(out.includes(String.raw`- “=1+1” — **S1**, [a&gt;) \[klik\]\(javascript:alert(7)) (&lt;b.md:5](${LINK_HREF})` + '\n  - _@SUM(1,2)_\n'), out);
    assert.ok(out.includes(String.raw`- “&lt;img src=x onerror=alert(1)&gt;” — **S1**, [a&gt;) \[klik\]\(javascript:alert(7)) (&lt;b.md:5](${LINK_HREF})` + '\n  - _\\[y\\]\\(javascript:alert(3))_\n'), out);
    assert.deepEqual(linksOf(out), [
      'link rood%1B%5B31m%1B%5D0%3Btitel%07.md#L4',
      `link ${LINK_HREF}`,
      `link ${LINK_HREF}`,
    ]);
    assert.ok(!RAW_CONTROL.test(out));
  });

  test('report --format html: only relative hrefs, no element from the text', async () => {
    const { code, out } = await run(['report', hostileFolder(), '--format', 'html']);
    assert.equal(code, 0);
    assert.ok(out.includes(`<a href="${LINK_HREF}">a>) [klik]&#x28;javascript:alert(7)) (&#x3C;b.md:5</a>`), out);
    assert.deepEqual(
      [...out.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((m) => m[1]),
      ['rood%1B%5B31m%1B%5D0%3Btitel%07.md#L4', LINK_HREF, LINK_HREF],
    );
    assert.ok(!/<(img|script|iframe|object|svg)\b/i.test(out));
    assert.ok(!RAW_CONTROL.test(out));
  });

  test('export --format csv|md|html --out writes what report writes', async () => {
    const root = hostileFolder();
    const dir = temp();
    for (const [format, report, file] of [
      ['csv', 'csv', 'uit.csv'],
      ['md', 'markdown', 'uit.md'],
      ['html', 'html', 'uit.html'],
    ] as const) {
      const exported = await run(['export', root, '--format', format, '--out', file], dir);
      assert.equal(exported.code, 0, exported.err);
      assert.ok(!RAW_CONTROL.test(exported.err), exported.err);
      assert.equal(readFileSync(path.join(dir, file), 'utf8'), (await run(['report', root, '--format', report])).out, format);
    }
    assert.ok(readFileSync(path.join(dir, 'uit.csv'), 'utf8').includes(CSV_ROWS[0]!));
  });

  test('report text, check, and the skipped-file message show control characters instead of sending them', async () => {
    const root = hostileFolder();
    const report = await run(['report', root]);
    assert.equal(report.out, ['Intentie #intentie  3', '  ␛[2Jleeg  1', '  =HYPERLINK("http://x","klik")  2', ''].join('\n'));
    assert.equal(report.err, 'kader: kapot␛[2J.md: skipped: is not valid UTF-8\nkader: twee␊regels.md: skipped: is not valid UTF-8\n');
    const check = await run(['check', root]);
    assert.equal(check.out, 'rood␛[31m␛]0;titel␇.md:4:23: warning duplicate-code: #intentie is already given to this fragment.\n');
    assert.ok(!RAW_CONTROL.test(check.err), check.err);
  });

  test('report and check --format json escape every control character and read back the same', async () => {
    const root = hostileFolder();
    const report = await run(['report', root, '--format', 'json']);
    assert.ok(!RAW_CONTROL.test(report.out));
    assert.deepEqual(
      JSON.parse(report.out).documents.map((d: { path: string }) => d.path),
      [LINK_NAME, ESCAPE_NAME],
    );
    const check = await run(['check', root, '--format', 'json']);
    assert.ok(!RAW_CONTROL.test(check.out));
    assert.equal(JSON.parse(check.out)[0].path, ESCAPE_NAME);
  });

  test('export --format qdpx: a valid project whatever the names; zip paths never come from a name', async () => {
    const dir = temp();
    const { code, err } = await run(['export', hostileFolder(), '--out', 'p.qdpx'], dir);
    assert.equal(code, 0, err);
    const files = unzipSync(readFileSync(path.join(dir, 'p.qdpx')));
    for (const name of Object.keys(files)) assert.match(name, /^(project\.qde|sources\/[0-9A-F-]{36}\.txt|kader\/[0-9A-F-]{36}\.md)$/);
    const xml = strFromU8(files['project.qde']!);
    assert.ok(xml.includes('name="rood�[31m�]0;titel�.md"'), xml);
    assert.ok(xml.includes('name="a&gt;) [klik](javascript:alert(7)) (&lt;b.md"'), xml);
    const schema = readFileSync(path.resolve(__dirname, '../fixtures/refi-qda/Project.xsd'), 'utf8');
    const result = await validateXML({ xml: [{ fileName: 'project.qde', contents: xml }], schema: [schema] });
    assert.equal(result.valid, true, result.rawOutput);
  });

  test('import: the names of the written files show control characters instead of sending them', async () => {
    const dir = temp();
    const name = 'gesprek\x1b]0;titel\x07.vtt';
    writeFileSync(path.join(dir, name), 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>Hallo.</v>\n');
    const { code, out, err } = await run(['import', name], dir);
    assert.equal(code, 0, err);
    assert.equal(out, 'gesprek␛]0;titel␇.md\n');
    assert.ok(existsSync(path.join(dir, 'gesprek\x1b]0;titel\x07.md')));
  });

  test('agree --format markdown and text: names and text are text, controls shown', async () => {
    const a = '---\ncoder: "[x](javascript:alert(1))"\n---\nIk kwam [omdat \x1bc het moest]{#intentie} en bleef.\n';
    const b = '---\ncoder: bert\n---\nIk kwam omdat \x1bc het moest en bleef.\n';
    const root = folder({ [LINK_NAME]: a, [ESCAPE_NAME]: b });
    const markdown = await run(['agree', LINK_NAME, ESCAPE_NAME, '--format', 'markdown'], root);
    assert.equal(markdown.code, 0, markdown.err);
    assert.ok(markdown.out.startsWith(String.raw`## a&gt;) \[klik\]\(javascript:alert(7)) (&lt;b.md vs rood␛\[31m␛\]0;titel␇.md` + '\n\n' + String.raw`A: a&gt;) \[klik\]\(javascript:alert(7)) (&lt;b.md (\[x\]\(javascript:alert(1)))` + '\n'), markdown.out);
    assert.ok(markdown.out.includes('| 4 | omdat ␛c het moest | #intentie | – |'), markdown.out);
    assert.deepEqual(linksOf(markdown.out), []);
    assert.ok(!RAW_CONTROL.test(markdown.out));
    const text = await run(['agree', LINK_NAME, ESCAPE_NAME], root);
    assert.ok(text.out.includes('"omdat ␛c het moest"'), text.out);
    assert.ok(!RAW_CONTROL.test(text.out));
    const json = await run(['agree', LINK_NAME, ESCAPE_NAME, '--format', 'json'], root);
    assert.ok(!RAW_CONTROL.test(json.out));
    assert.equal(JSON.parse(json.out).b, ESCAPE_NAME);
    const c1 = 'csi\u009b2J.md';
    writeFileSync(path.join(root, c1), b);
    const lossless = await run(['agree', LINK_NAME, c1, '--format', 'json'], root);
    assert.ok(lossless.out.includes('"b": "csi\\u009b2J.md"'), lossless.out);
    assert.equal(JSON.parse(lossless.out).b, c1, 'JSON keeps the name, escaped');
  });
});
