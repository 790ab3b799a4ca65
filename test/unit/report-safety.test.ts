// Reports on a project whose file names, front matter, fragments and memos are hostile (invented
// names only): CSV cells never run as formulas, Markdown and HTML carry no link but Kader's own
// relative file links, and the text report sends no control character to the terminal.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { csvReport, htmlReport, markdownReport, textReport, type ReportInput } from '../../server/src/core/outputs/report';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { linksOf } from './markdownLinks';

const CODEBOOK = parseCodebook('# Intentie {#intentie}\nWaarom?\n');
const LINK_NAME = 'a>) [klik](javascript:alert(7)) (<b.md';
const IMAGE_NAME = '![img](http:x.png) `x` <script>|pipe.md';
const HREF = 'a%3E%29%20%5Bklik%5D%28javascript%3Aalert%287%29%29%20%28%3Cb.md#L5';
const IMAGE_HREF = '%21%5Bimg%5D%28http%3Ax.png%29%20%60x%60%20%3Cscript%3E%7Cpipe.md#L4';
const LINK = String.raw`[a&gt;) \[klik\]\(javascript:alert(7)) (&lt;b.md:5](${HREF})`;

const FILES: Record<string, string> = {
  [LINK_NAME]: [
    '---',
    `practice: '=HYPERLINK("http://x","klik")'`,
    `coder: "+cmd|' /C calc'!A0"`,
    '---',
    '**S1:** [=1+1]{#intentie memo="@SUM(1,2)"} en [`<img src=x onerror=alert(1)>` \\[x\\](javascript:alert(1))]{#intentie memo="<img src=x onerror=alert(2)> [y](javascript:alert(3)) | -1"}',
    '',
  ].join('\n'),
  [IMAGE_NAME]: '---\npractice: "\\e[31mrood"\n---\n**\x1b[31mS2:** Tekst \x1b]0;titel\x07 hier. {#intentie}\n',
};


function input(): ReportInput {
  const index = new WorkspaceIndex();
  for (const [file, text] of Object.entries(FILES)) index.set(file, file, parseTranscript(text));
  return { index, codebook: CODEBOOK, locale: 'en' };
}

describe('reports of hostile names and text', () => {
  test('CSV: every text cell that starts like a formula is shown behind a quote; the line stays a number', () => {
    assert.equal(
      csvReport(input()),
      [
        'file,practice,coder,speaker,code,aspect,text,memo,line',
        `![img](http:x.png) \`x\` <script>|pipe.md,␛[31mrood,,␛[31mS2,intentie,intentie,"␛[31mS2: Tekst ␛]0;titel␇ hier.",,4`,
        `${LINK_NAME},"'=HYPERLINK(""http://x"",""klik"")","'+cmd|' /C calc'!A0",S1,intentie,intentie,"'=1+1","'@SUM(1,2)",5`,
        `${LINK_NAME},"'=HYPERLINK(""http://x"",""klik"")","'+cmd|' /C calc'!A0",S1,intentie,intentie,<img src=x onerror=alert(1)> [x](javascript:alert(1)),<img src=x onerror=alert(2)> [y](javascript:alert(3)) | -1,5`,
        '',
      ].join('\r\n'),
    );
    assert.equal(csvReport(input(), ';').split('\r\n')[2], `${LINK_NAME};"'=HYPERLINK(""http://x"",""klik"")";"'+cmd|' /C calc'!A0";S1;intentie;intentie;"'=1+1";"'@SUM(1,2)";5`);
  });

  test('Markdown: names, quotes and memos are text; the only links are relative, encoded file links', () => {
    const markdown = markdownReport(input());
    assert.equal(
      markdown,
      [
        '# Kader report',
        '',
        '2 transcripts, 3 coded fragments, 2 practices.',
        '',
        '| Aspect | ␛\\[31mrood | =HYPERLINK("http://x","klik") | Total |',
        '|---|---:|---:|---:|',
        '| Intentie | 1 | 2 | 3 |',
        '',
        '## Intentie (`#intentie`) — 3 fragments',
        '',
        '> Waarom?',
        '',
        '### ␛\\[31mrood — 1 fragment',
        '',
        String.raw`- “Tekst ␛\]0;titel␇ hier.” — **␛\[31mS2**, [!\[img\]\(http:x.png) \`x\` &lt;script&gt;\|pipe.md:4](%21%5Bimg%5D%28http%3Ax.png%29%20%60x%60%20%3Cscript%3E%7Cpipe.md#L4)`,
        '',
        '### =HYPERLINK("http://x","klik") — 2 fragments',
        '',
        `- “=1+1” — **S1**, ${LINK}`,
        '  - _@SUM(1,2)_',
        String.raw`- “&lt;img src=x onerror=alert(1)&gt; \[x\]\(javascript:alert(1))” — **S1**, ${LINK}`,
        String.raw`  - _&lt;img src=x onerror=alert(2)&gt; \[y\]\(javascript:alert(3)) \| -1_`,
        '',
      ].join('\n'),
    );
    assert.deepEqual(linksOf(markdown), [`link ${IMAGE_HREF}`, `link ${HREF}`, `link ${HREF}`]);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(markdown), 'no control character');
    const byPractice = markdownReport(input(), { groupBy: 'practice' });
    assert.ok(byPractice.includes(`## =HYPERLINK("http://x","klik") — 2 fragments\n\n### Intentie (\`#intentie\`) — 2 fragments\n\n- “=1+1” — **S1**, ${LINK}\n`), byPractice);
  });

  test('HTML: every foreign string escaped, every href relative, no image, no script', () => {
    const html = htmlReport(input());
    const body = html.slice(html.indexOf('<body>'));
    assert.ok(
      body.includes(
        '<li>“=1+1” — <strong>S1</strong>, <a href="a%3E%29%20%5Bklik%5D%28javascript%3Aalert%287%29%29%20%28%3Cb.md#L5">a>) [klik]&#x28;javascript:alert(7)) (&#x3C;b.md:5</a>\n<ul>\n<li><em>@SUM(1,2)</em></li>',
      ),
      body,
    );
    assert.ok(body.includes('<li><em>&#x3C;img src=x onerror=alert(2)> [y]&#x28;javascript:alert(3)) | -1</em></li>'), body);
    assert.ok(body.includes('<a href="%21%5Bimg%5D%28http%3Ax.png%29%20%60x%60%20%3Cscript%3E%7Cpipe.md#L4">![img]&#x28;http:x.png) `x` &#x3C;script>|pipe.md:4</a>'), body);
    assert.ok(body.includes('<th align="right">=HYPERLINK("http://x","klik")</th>'), body);
    const hrefs = [...html.matchAll(/\b(href|src)="([^"]*)"/g)].map((m) => m[2]);
    assert.deepEqual(hrefs, [IMAGE_HREF, HREF, HREF]);
    assert.ok(!/<(img|script|iframe|object|svg)\b/i.test(html), 'no element from the text');
    assert.ok(!/(href|src)="[^"]*javascript:/i.test(html), 'no javascript: link');
    assert.ok(!html.includes(']('), 'no text that even looks like a Markdown link');
  });

  test('HTML: a bare web address in a memo is text, not a link', () => {
    const index = new WorkspaceIndex();
    index.set('a.md', 'a.md', parseTranscript('[zie]{#intentie memo="http://e.nl, www.e.nl en a@b.nl"}\n'));
    const html = htmlReport({ index, codebook: CODEBOOK, locale: 'en' });
    assert.ok(html.includes('<li><em>http://e.nl, www.e.nl en a@b.nl</em></li>'), html);
    assert.deepEqual([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]), ['a.md#L1']);
  });

  test('text: control characters are shown, not sent to the terminal', () => {
    assert.equal(textReport(input()), ['Intentie #intentie  3', '  ␛[31mrood  1', '  =HYPERLINK("http://x","klik")  2', ''].join('\n'));
  });
});
