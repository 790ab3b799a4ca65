import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import {
  csvNumber,
  csvRow,
  csvText,
  isRelativeHref,
  jsonText,
  markdownCode,
  markdownFileLink,
  markdownText,
  relativeHref,
  terminalLine,
  terminalText,
} from '../../server/src/core/outputs/outputEscaping';

/** Invented hostile strings: formulas, links, images, HTML, controls, table breaks. */
const HOSTILE = [
  '=1+1',
  '@SUM(1,2)',
  '=HYPERLINK("http://x","klik")',
  "+cmd|' /C calc'!A0",
  'a>) [klik](javascript:alert(7)) (<b.md',
  '](x)',
  '![img](http://e/x.png)',
  '`code` ``two``',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  'a | b | c',
  'zie http://e.nl, www.e.nl of a@b.nl',
  '&lt;b&gt; &amp; &#106;avascript',
  '*nadruk* _ook_ ~~weg~~',
  '{#intentie memo="x"}',
  '# kop #',
  '- lijst',
  '1. lijst',
  '> citaat',
  'twee\nregels\r\nen\rnog',
  'rood \x1b[31m en \x9b31m',
  'omgekeerd \u202Egpj.md',
  '<https://e.nl>',
  '[ref]: http://e.nl',
];

interface Node {
  type: string;
  url?: string;
  children?: Node[];
}

/**
 * The nodes of a Markdown document, by type; a bare web or e-mail address that a GFM reader links
 * after parsing (no escape prevents that) is counted as `address`.
 */
function nodeTypes(markdown: string): string[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown) as Node;
  const types: string[] = [];
  const walk = (node: Node): void => {
    const address = node.type === 'link' && /^(https?:\/\/|mailto:)/.test(node.url ?? '');
    types.push(address ? 'address' : node.type);
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
  return types;
}

describe('CSV cells', () => {
  test('a formula-like start is shown behind a quote, inside a quoted field', () => {
    assert.equal(csvText('=1+1', ','), `"'=1+1"`);
    assert.equal(csvText('@SUM(1,2)', ','), `"'@SUM(1,2)"`);
    assert.equal(csvText('=HYPERLINK("http://x","klik")', ','), `"'=HYPERLINK(""http://x"",""klik"")"`);
    assert.equal(csvText("+cmd|' /C calc'!A0", ','), `"'+cmd|' /C calc'!A0"`);
    assert.equal(csvText('-2+3', ';'), `"'-2+3"`);
    assert.equal(csvText('\t=1', ','), `"'\t=1"`);
    assert.equal(csvText('\tgewoon', ','), `"'\tgewoon"`);
    assert.equal(csvText('\r=1', ','), `"'\n=1"`);
    assert.equal(csvText('  =1+1', ','), `"'  =1+1"`);
    assert.equal(csvText('\u00a0@x', ','), `"'\u00a0@x"`);
    assert.equal(csvText('＝1+1', ','), `"'＝1+1"`);
    assert.equal(csvText('＋1', ','), `"'＋1"`);
    assert.equal(csvText('－1', ','), `"'－1"`);
    assert.equal(csvText('＠x', ','), `"'＠x"`);
  });

  test('other text is written as it is, quoted only when it must be', () => {
    assert.equal(csvText('gewoon', ','), 'gewoon');
    assert.equal(csvText('a=b', ','), 'a=b');
    assert.equal(csvText('a, b', ','), '"a, b"');
    assert.equal(csvText('a; b', ','), '"a; b"');
    assert.equal(csvText('zei "ja"', ';'), '"zei ""ja"""');
    assert.equal(csvText('twee\r\nregels', ','), '"twee\nregels"');
    assert.equal(csvText('', ','), '');
  });

  test('controls that are no line break or tab are made visible', () => {
    assert.equal(csvText('rood\x1b[31m\x00\x9b', ','), 'rood␛[31m␀⟨U+009B⟩');
    assert.equal(csvText('eerst\rdan', ','), '"eerst\ndan"');
  });

  test("Kader's own numbers stay numbers, negative ones too; text that looks like a number does not", () => {
    assert.equal(csvNumber(-0.12), '-0.12');
    assert.equal(csvNumber(3), '3');
    assert.equal(csvNumber(Number.NaN), '');
    assert.equal(csvRow(['-0.12', -0.12, 7, '=7'], ','), `"'-0.12",-0.12,7,"'=7"`);
    assert.equal(csvRow(['a', 'b;c', 1], ';'), 'a;"b;c";1');
  });
});

describe('Markdown text', () => {
  test('hostile strings come out as the exact escaped text', () => {
    assert.equal(markdownText('a>) [klik](javascript:alert(7)) (<b.md'), String.raw`a&gt;) \[klik\]\(javascript:alert(7)) (&lt;b.md`);
    assert.equal(markdownText('![img](http://e/x.png)'), String.raw`!\[img\]\(http://e/x.png)`);
    assert.equal(markdownText('<img src=x onerror=alert(1)>'), String.raw`&lt;img src=x onerror=alert(1)&gt;`);
    assert.equal(markdownText('a | b'), String.raw`a \| b`);
    assert.equal(markdownText('&amp; # x'), String.raw`\&amp; \# x`);
    assert.equal(markdownText('- lijst'), String.raw`\- lijst`);
    assert.equal(markdownText('12. lijst'), String.raw`12\. lijst`);
    assert.equal(markdownText('-0.12'), '-0.12');
    assert.equal(markdownText('twee\nregels\r\nen\rnog'), 'twee regels en nog');
    assert.equal(markdownText('rood \x1b[31m \u202Eomgekeerd'), String.raw`rood ␛\[31m ⟨U+202E⟩omgekeerd`);
    assert.equal(markdownText('gewone woorden, ook (haakjes) en 10:30.'), 'gewone woorden, ook (haakjes) en 10:30.');
  });

  test('no hostile string parses as anything but text, in a paragraph, a table cell, a heading or a link text', () => {
    for (const hostile of HOSTILE) {
      const text = markdownText(hostile);
      const contexts = [`${text}`, `| ${text} |\n|---|\n| ${text} |`, `## ${text}`, `- “${text}” — **${text}**`, `> ${text}`, markdownFileLink(hostile, hostile, 'L1')];
      for (const markdown of contexts) {
        const types = nodeTypes(markdown).filter((t) => !['root', 'paragraph', 'text', 'table', 'tableRow', 'tableCell', 'heading', 'list', 'listItem', 'strong', 'blockquote', 'address'].includes(t));
        const expected = markdown.startsWith('[') ? ['link'] : [];
        assert.deepEqual(types, expected, `${JSON.stringify(hostile)} in ${JSON.stringify(markdown)}`);
      }
    }
  });

  test('a code span no backtick can close', () => {
    assert.equal(markdownCode('#intentie'), '`#intentie`');
    assert.equal(markdownCode('a`b'), '``a`b``');
    assert.equal(markdownCode('`x'), '`` `x ``');
  });
});

describe('relative links', () => {
  test('every segment percent-encoded: no scheme, no way out of the destination', () => {
    assert.equal(relativeHref('breda/a.md', 'L5'), 'breda/a.md#L5');
    assert.equal(relativeHref('a>) [klik](javascript:alert(7)) (<b.md', 'L5'), 'a%3E%29%20%5Bklik%5D%28javascript%3Aalert%287%29%29%20%28%3Cb.md#L5');
    assert.equal(relativeHref('javascript:alert(1)'), 'javascript%3Aalert%281%29');
    assert.equal(relativeHref('/etc/passwd'), './etc/passwd');
    assert.equal(relativeHref('//e.nl/x'), './e.nl/x');
    assert.equal(relativeHref('map met spatie/a\\b.md'), 'map%20met%20spatie/a%5Cb.md');
    assert.equal(markdownFileLink('a>) [klik](javascript:alert(7)) (<b.md:5', 'a>) [klik](javascript:alert(7)) (<b.md', 'L5'),
      String.raw`[a&gt;) \[klik\]\(javascript:alert(7)) (&lt;b.md:5](a%3E%29%20%5Bklik%5D%28javascript%3Aalert%287%29%29%20%28%3Cb.md#L5)`);
  });

  test('only relative hrefs pass', () => {
    for (const href of ['a.md#L1', './a.md', 'map/a%20b.md', '#L1']) assert.ok(isRelativeHref(href), href);
    for (const href of ['javascript:alert(1)', 'JavaScript:x', 'data:text/html,x', 'http://e.nl', '//e.nl', '\\\\e.nl\\x', 'vbscript:x', ' javascript:x']) assert.ok(!isRelativeHref(href), href);
  });
});

describe('terminal and JSON', () => {
  test('controls are shown, never sent', () => {
    assert.equal(terminalLine('a\x1b[2Jb\rc\nd\te\x07\x7f\x9b\u2066'), 'a␛[2Jb␍c␊d\te␇␡⟨U+009B⟩⟨U+2066⟩');
    assert.equal(terminalText('regel 1\nregel\x1b]0;titel\x07 2\n'), 'regel 1\nregel␛]0;titel␇ 2\n');
  });

  test('JSON escapes what JSON.stringify leaves raw, and reads back as the same value', () => {
    const value = { name: 'a\x1b[31m\x9b\u202e\u2028', n: -0.12 };
    const text = jsonText(value);
    assert.ok(!/[\u0000-\u001f\u007f-\u009f\u2028\u202e]/.test(text.replace(/\n/g, '')), text);
    assert.deepEqual(JSON.parse(text), value);
    assert.equal(text, '{\n  "name": "a\\u001b[31m\\u009b\\u202e\\u2028",\n  "n": -0.12\n}');
  });
});
