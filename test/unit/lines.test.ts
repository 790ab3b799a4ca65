// The line scan (lines.ts): front matter, div fences, merge conflicts and chunks, before any
// Markdown is read.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanLines } from '../../server/src/core/parse/lines';
import { mark, mark1, md, slice } from './helpers';

describe('scanLines: front matter', () => {
  it('finds front matter at the very start, fences included', () => {
    const { text, spans } = mark('«---\n«title: x\n»---\n»Tekst');
    const scan = scanLines(text);
    assert.deepEqual(scan.frontMatter, { span: spans[0], body: spans[1] });
    assert.equal(scan.unclosedFrontMatter, undefined);
    assert.deepEqual(
      scan.chunks.map((c) => slice(text, c)),
      ['Tekst'],
    );
  });

  it('accepts ... as the closing fence, and CRLF line ends', () => {
    const text = '---\r\na: 1\r\n...\r\nTekst';
    assert.deepEqual(scanLines(text).frontMatter, { span: { start: 0, end: 16 }, body: { start: 5, end: 11 } });
  });

  it('reports front matter that never closes and reads it as Markdown', () => {
    const text = '---\ntitle: x\n\nTekst';
    const scan = scanLines(text);
    assert.equal(scan.frontMatter, undefined);
    assert.deepEqual(scan.unclosedFrontMatter, { start: 0, end: 3 });
    assert.deepEqual(
      scan.chunks.map((c) => slice(text, c)),
      ['---\ntitle: x', 'Tekst'],
    );
  });

  it('does not see front matter after the start of the file', () => {
    const scan = scanLines('\n---\na: 1\n---\n');
    assert.equal(scan.frontMatter, undefined);
    assert.equal(scan.unclosedFrontMatter, undefined);
    assert.equal(scanLines('--- \na: 1\n---').frontMatter?.body.start, 5, 'trailing blanks after the opening fence are allowed');
    assert.equal(scanLines('----\na: 1\n---').frontMatter, undefined);
  });
});

describe('scanLines: chunks', () => {
  it('cuts at blank lines before flush-left lines', () => {
    const text = md('Een', 'twee', '', 'drie', '', '', '- vier', '', '  vijf', '', 'zes');
    assert.deepEqual(
      scanLines(text).chunks.map((c) => slice(text, c)),
      ['Een\ntwee', 'drie', '- vier\n\n  vijf', 'zes'],
    );
  });

  it('keeps fenced code blocks, HTML comments and raw HTML in one chunk', () => {
    const text = md('```', 'a', '', 'b', '```', '', '<!--', '', 'c', '', '-->', '', '<pre>', '', 'd', '</pre>', '', 'e');
    assert.deepEqual(
      scanLines(text).chunks.map((c) => slice(text, c)),
      ['```\na\n\nb\n```', '<!--\n\nc\n\n-->', '<pre>\n\nd\n</pre>', 'e'],
    );
  });

  it('treats a backtick line with a backtick in its info string as no fence', () => {
    const text = md('```a`b', '', 'c');
    assert.deepEqual(
      scanLines(text).chunks.map((c) => slice(text, c)),
      ['```a`b', 'c'],
    );
  });

  it('closes a code fence only with the same character, at least as long', () => {
    const text = md('~~~~', '```', '~~~', '', 'in code', '~~~~', '', 'uit');
    assert.deepEqual(
      scanLines(text).chunks.map((c) => slice(text, c)),
      ['~~~~\n```\n~~~\n\nin code\n~~~~', 'uit'],
    );
  });
});

describe('scanLines: div fences', () => {
  it('finds opening and closing fences with their coding blocks, and cuts chunks there', () => {
    const text = md('voor', '::: {#a}', 'binnen', ':::: {#b memo="m"}', 'diep', '::::', ':::', 'na');
    const scan = scanLines(text);
    assert.deepEqual(
      scan.fences.map((f) => [f.kind, slice(text, f.line), f.block?.items.map((i) => i.kind === 'code' && i.path)]),
      [
        ['open', '::: {#a}', ['a']],
        ['open', ':::: {#b memo="m"}', ['b', false]],
        ['close', '::::', undefined],
        ['close', ':::', undefined],
      ],
    );
    assert.equal(scan.fences[0]!.next, text.indexOf('binnen'));
    assert.deepEqual(
      scan.chunks.map((c) => slice(text, c)),
      ['voor', 'binnen', 'diep', 'na'],
    );
  });

  it('allows up to three spaces of indentation and blanks after the block', () => {
    const text = md('   ::: {#a}  ', '   :::');
    assert.deepEqual(
      scanLines(text).fences.map((f) => f.kind),
      ['open', 'close'],
    );
    assert.deepEqual(scanLines(md('    ::: {#a}', '    :::')).fences, []);
  });

  it('leaves fences of other tools alone, and the closing fence that belongs to them', () => {
    const text = md('::: note', 'tekst', ':::', '::: {.warning}', 'meer', ':::', '::: {#a}', ':::');
    assert.deepEqual(
      scanLines(text).fences.map((f) => [f.kind, slice(text, f.line)]),
      [
        ['open', '::: {#a}'],
        ['close', ':::'],
      ],
    );
    assert.equal(scanLines(text).fences[1]!.line.start, text.length - 3);
  });

  it('does not see fences inside fenced code blocks', () => {
    const text = md('```', '::: {#a}', ':::', '```', '~~~md', ':::', '~~~');
    assert.deepEqual(scanLines(text).fences, []);
  });

  it('is no fence when text follows the attribute block', () => {
    assert.deepEqual(scanLines('::: {#a} meer').fences, []);
  });

  it('records an unclosed attribute block on a fence line', () => {
    const { text, span } = mark1('::: «{#a memo="x»\ntekst');
    const scan = scanLines(text);
    assert.deepEqual(scan.unclosedFenceBlocks, [span]);
    assert.deepEqual(scan.fences, []);
  });

  it('records fence lines whose block holds bare words only', () => {
    const { text, span } = mark1('::: «{intentie}»\nx\n:::\n::: {.note}\n:::\n::: {lang=en}\n:::');
    const scan = scanLines(text);
    assert.deepEqual(
      scan.missingHashFences.map((b) => b.span),
      [span, { start: text.indexOf('{.note}'), end: text.indexOf('{.note}') + 7 }],
    );
    assert.deepEqual(scan.fences, []);
  });
});

describe('scanLines: merge conflicts', () => {
  it('finds a complete conflict block at its <<<<<<< line', () => {
    const { text, span } = mark1(md('a', '«<<<<<<< HEAD»', 'mine', '=======', 'theirs', '>>>>>>> feature', 'b'));
    assert.deepEqual(scanLines(text).conflicts, [span]);
  });

  it('needs the three markers in order', () => {
    assert.deepEqual(scanLines(md('Kop', '=======', 'tekst')).conflicts, [], 'a lone ======= is a setext heading');
    assert.deepEqual(scanLines(md('<<<<<<< a', 'x', '>>>>>>> b')).conflicts, []);
    assert.deepEqual(scanLines(md('=======', '<<<<<<< a', '>>>>>>> b')).conflicts, []);
    assert.deepEqual(scanLines(md('>>>>>>> a', '=======', '<<<<<<< b')).conflicts, []);
  });

  it('finds several conflicts', () => {
    const text = md('<<<<<<< a', '=======', '>>>>>>> b', '', '<<<<<<< c', '=======', '>>>>>>> d');
    assert.deepEqual(
      scanLines(text).conflicts.map((c) => slice(text, c)),
      ['<<<<<<< a', '<<<<<<< c'],
    );
  });
});
