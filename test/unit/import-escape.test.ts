import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import fc from 'fast-check';
import { readChunk } from '../../server/src/core/parse/chunk';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { importDocx } from '../../server/src/core/outputs/exchange/docx';
import { escapeAttributeValue, escapeHeading, escapeSpeaker, escapeText, foldWhitespace } from '../../server/src/core/outputs/exchange/escape';
import { importQdc } from '../../server/src/core/outputs/exchange/qdcImport';
import { timestamp, writeTranscript, type Utterance } from '../../server/src/core/outputs/exchange/transcriptWriter';
import { importWebVtt } from '../../server/src/core/outputs/exchange/webvtt';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import type { Transcript } from '../../server/src/core/types';

/** No coding, no sections or divs, nothing worse than information. */
function assertInert(model: Transcript, markdown: string): void {
  assert.deepEqual(model.fragments, [], markdown);
  assert.deepEqual(model.codes, [], markdown);
  assert.deepEqual(model.attributeBlocks, [], markdown);
  assert.deepEqual(model.headings, [], markdown);
  assert.deepEqual(
    model.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'),
    [],
    markdown,
  );
}

describe('imported foreign text carries no syntax: exact output', () => {
  test('a VTT voice, cue text and speakerless cues', () => {
    const vtt = [
      'WEBVTT',
      '',
      '00:00:01.000 --> 00:00:02.000',
      '<v [a]{#evil memo="x"}>Hallo [b]{#evil2}</v>',
      '',
      '00:00:03.000 --> 00:00:04.000',
      '<v **Bram:**>::: {#evil3}</v>',
      '',
      '00:00:05.000 --> 00:00:06.000',
      '# Kop {#evil4}',
      '',
      '00:00:07.000 --> 00:00:08.000',
      '---',
      '',
      '00:00:09.000 --> 00:00:10.000',
      '1. lijst &amp;amp; <b>vet</b> <c>x</c> | a | b |',
      '',
    ].join('\n');
    const result = importWebVtt(vtt);
    assert.deepEqual(result, {
      ok: true,
      markdown: [
        '---',
        'participants:',
        `  - '[a]{#evil memo="x"}'`,
        '  - "**Bram:**"',
        '---',
        '',
        '**\\[a\\]\\{#evil memo="x"\\}:** Hallo \\[b\\]\\{#evil2\\}',
        '',
        '**\\*\\*Bram:\\*\\*:** ::: \\{#evil3\\}',
        '',
        '\\# Kop \\{#evil4\\} --- 1. lijst \\&amp; vet x | a | b |',
        '',
      ].join('\n'),
      participants: ['[a]{#evil memo="x"}', '**Bram:**'],
      turns: 3,
    });
    const model = parseTranscript(result.markdown);
    assertInert(model, result.markdown);
    assert.deepEqual(
      model.turns.map((t) => t.speaker),
      ['[a]{#evil memo="x"}', '**Bram:**'],
    );
    assert.deepEqual(model.frontMatter.participants, ['[a]{#evil memo="x"}', '**Bram:**']);
  });

  test('Word paragraphs: text, a Teams speaker line, a heading and a fence', async () => {
    const doc = new Document({
      sections: [{ children: ['[a]{#evil} en <b>', '**Bram:** ::: {#x}', 'Anna [x]{#y}   0:05', '# kop {#z}', ':::'].map((t) => new Paragraph({ children: [new TextRun(t)] })) }],
    });
    const result = await importDocx(new Uint8Array(await Packer.toBuffer(doc)), { timestamps: true });
    assert.deepEqual(result, {
      ok: true,
      markdown: [
        '---',
        'participants:',
        '  - Anna [x]{#y}',
        '---',
        '',
        '\\[a\\]\\{#evil\\} en \\<b\\> \\*\\*Bram:\\*\\* ::: \\{#x\\}',
        '',
        '[00:00:05] **Anna \\[x\\]\\{#y\\}:** # kop \\{#z\\} :::',
        '',
      ].join('\n'),
      participants: ['Anna [x]{#y}'],
      turns: 2,
    });
    assertInert(parseTranscript(result.markdown), result.markdown);
  });

  test('a .qdc: a description with --- and a heading, <script>, a name with braces and hashes, a bad colour', () => {
    const xml = `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="1" name="Intentie {#x} ## [y]" color="#4E79A7"><Description>Gewoon.
---
# Evil {#evil}
&lt;script&gt;alert(1)&lt;/script&gt;

::: {#div}

- lijst</Description>
<Code guid="2" name="#sub *x*" color="red&quot; #evil2"/>
</Code></Codes></CodeBook>`;
    const result = importQdc(xml, 'en', 'Uit {#t}\n---');
    assert.deepEqual(result, {
      ok: true,
      markdown: [
        '---',
        'title: "Uit {#t} ---"',
        '---',
        '',
        '# Intentie \\{\\#x\\} \\#\\# \\[y\\] {#intentie-x-y color="#4E79A7"}',
        '',
        'Gewoon. --- # Evil \\{#evil\\} \\<script\\>alert(1)\\</script\\>',
        '',
        '\\::: \\{#div\\}',
        '',
        '\\- lijst',
        '',
        '## \\#sub \\*x\\* {#intentie-x-y/sub-x}',
        '',
      ].join('\n'),
      codes: 2,
    });
    const codebook = parseCodebook(result.markdown);
    assert.deepEqual(codebook.diagnostics, []);
    assert.equal(codebook.title, 'Uit {#t} ---');
    assert.deepEqual(
      codebook.codes.map((c) => [c.code, c.name, c.color, c.shortDescription]),
      [
        ['intentie-x-y', 'Intentie {#x} ## [y]', '#4E79A7', 'Gewoon. --- # Evil {#evil} <script>alert(1)</script>'],
        ['intentie-x-y/sub-x', '#sub *x*', undefined, ''],
      ],
    );
    assert.deepEqual(
      readChunk(codebook.codes[0]!.description).blocks.map((b) => b.text),
      ['Gewoon. --- # Evil {#evil} <script>alert(1)</script>', '::: {#div}', '- lijst'],
    );
  });

  test('a long turn of markup is written as paragraphs within remark\'s budget: one turn, read exactly', () => {
    const words = Array.from({ length: 300 }, (_, i) => `[w${i}]{#x}`).join(' ');
    const result = writeTranscript([{ speaker: 'Anna', text: words }, { speaker: 'Bram', text: 'Ja.' }], {});
    assert.ok(result.ok);
    const paragraphs = result.markdown.split('\n---\n\n')[1]!.trimEnd().split('\n\n');
    assert.equal(paragraphs.length, 3);
    assert.ok(paragraphs[0]!.startsWith('**Anna:** \\[w0\\]\\{#x\\} '));
    assert.ok(paragraphs[1]!.startsWith('\\[w'));
    assert.equal(paragraphs[2], '**Bram:** Ja.');
    const model = parseTranscript(result.markdown);
    assertInert(model, result.markdown);
    assert.deepEqual(model.diagnostics, []);
    assert.deepEqual(
      model.turns.map((t) => t.speaker),
      ['Anna', 'Bram'],
    );
    const body = result.markdown.slice(model.frontMatter.span!.end);
    const read = body.trim().split('\n\n').flatMap((paragraph) => readChunk(paragraph).blocks.map((b) => b.text));
    assert.equal(read.join(' '), `Anna: ${words} Bram: Ja.`);
  });

  test('words without a speaker that open with a participant\'s "Name:" are written as that turn', () => {
    const result = writeTranscript([{ speaker: 'Anna', text: 'Hallo.' }, { speaker: 'Bram', text: 'Dag.' }, { text: 'Anna: nog iets' }, { text: 'Piet: niet genoemd' }], {});
    assert.ok(result.ok);
    assert.equal(result.markdown.split('\n---\n\n')[1], '**Anna:** Hallo.\n\n**Bram:** Dag.\n\n**Anna:** nog iets\n\nPiet: niet genoemd\n');
  });

  test('the escaping functions', () => {
    assert.equal(escapeText('# niet [kop] {#x} *y* `z` <b> ~s~ &amp; & a'), '\\# niet \\[kop\\] \\{#x\\} \\*y\\* \\`z\\` \\<b\\> \\~s\\~ \\&amp; & a');
    assert.equal(escapeText('12) en\n\n:::'), '12\\) en :::');
    assert.equal(escapeText('- x', false), '- x');
    assert.equal(escapeSpeaker(' **Anna:**\n'), '\\*\\*Anna:\\*\\*');
    assert.equal(escapeHeading('C# {#x}'), 'C\\# \\{\\#x\\}');
    assert.equal(escapeAttributeValue('zei "ja"\\\n'), 'zei \\"ja\\"\\\\');
  });
});

/** Foreign text: every piece of syntax Kader or Markdown knows, among ordinary words. */
const SYNTAX = [
  '[', ']', '{', '}', '#', '*', '_', '`', '<', '>', ':::', '---', '|', '\\', '1.', '2)', '-', '+', '=', '~', '&', '!', '"', ':',
  '\n', '\n\n', '\t', ' ', '**X:**', '[a]{#evil}', '{#evil memo="x"}', '&amp;', '&#35;', '<!--', '-->', '```', '~~~', '<<<<<<<', '=======',
  '>>>>>>>', '[00:12:34]', '00:12:34', 'Anna:', 'Bram de Vries:', '![a](b)', '[^1]', '# ', '> ', '- ', '    ',
  '===', '***', '___', '\u00a0', '\r\n', '&nbsp;',
];
const WORD = fc.oneof(fc.constantFrom(...SYNTAX), fc.constantFrom('Anna', 'Bram', 'ja', 'nee', 'S1', 'é', '1', 'x'));
const foreign = (max: number): fc.Arbitrary<string> => fc.array(WORD, { maxLength: max }).map((parts) => parts.join(''));
const SPEAKER = fc.option(fc.oneof(foreign(8), fc.constantFrom('Anna', 'Bram de Vries')), { nil: undefined });

/** What the writer should make of the utterances: its turns, as the parser should read them back. */
function expectedParagraphs(utterances: Utterance[], timestamps = false): (Utterance & { continued?: true })[] {
  const spoken = utterances
    .map((u) => ({ speaker: u.speaker === undefined ? undefined : foldWhitespace(u.speaker) || undefined, start: u.start, text: foldWhitespace(u.text) }))
    .filter((u) => u.text);
  const listed = new Set(spoken.flatMap((u) => (u.speaker ? [u.speaker] : [])));
  const turns: { speaker?: string; start?: number; text: string; continued?: true }[] = [];
  for (const u of spoken) {
    let { speaker, text } = u;
    const plain = speaker === undefined ? /^([\p{L}\p{N}][^:\n\r]{0,60}?):(?=\s|$)/u.exec(text) : null;
    if (plain && listed.has(plain[1]!.trim())) {
      speaker = plain[1]!.trim();
      text = text.slice(plain[0].length).trim();
    }
    const last = turns[turns.length - 1];
    // With timestamps, a cue of the same speaker with a time of its own is a paragraph with that time.
    const opensTurn = listed.has(/^([\p{L}\p{N}][^:\n\r]{0,60}?):(?=\s|$)/u.exec(text)?.[1]?.trim() ?? '\0');
    if (last && last.speaker === speaker && timestamps && u.start !== undefined && u.start !== last.start && text && !opensTurn) turns.push({ speaker, start: u.start, text, continued: true });
    else if (last && last.speaker === speaker) last.text = foldWhitespace(`${last.text} ${text}`);
    else turns.push({ speaker, start: u.start, text });
  }
  return turns;
}

describe('property: imported foreign text reads back as the same words and codes nothing', () => {
  test('writeTranscript: speakers, words, participants', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ speaker: SPEAKER, text: foreign(24), start: fc.option(fc.nat(40_000), { nil: undefined }) }), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (utterances, timestamps) => {
          const result = writeTranscript(utterances, { timestamps });
          const expected = expectedParagraphs(utterances, timestamps);
          if (!result.ok) {
            assert.equal(expected.length, 0);
            return;
          }
          const model = parseTranscript(result.markdown);
          assertInert(model, result.markdown);
          assert.deepEqual(model.frontMatter.participants, result.participants);
          assert.deepEqual(
            model.turns.map((t) => t.speaker),
            expected.flatMap((p) => (p.speaker && !p.continued ? [p.speaker] : [])),
            result.markdown,
          );
          const body = result.markdown.slice(model.frontMatter.span!.end);
          const paragraphs = body.trim().split('\n\n');
          const read = foldWhitespace(paragraphs.flatMap((paragraph) => readChunk(paragraph).blocks.map((b) => b.text)).join(' '));
          const written = expected.map((p) => {
            const stamp = timestamps && p.start !== undefined ? `[${timestamp(p.start)}] ` : '';
            return `${stamp}${p.speaker && !p.continued ? `${p.speaker}: ` : ''}${p.text}`;
          });
          assert.equal(read, foldWhitespace(written.join(' ')), result.markdown);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('escapeAttributeValue: a memo reads back as the words, in the one fragment it belongs to', () => {
    fc.assert(
      fc.property(foreign(12), (words) => {
        const markdown = `**Anna:** [woorden]{#code memo="${escapeAttributeValue(words)}"}\n`;
        const model = parseTranscript(markdown);
        assert.deepEqual(
          model.fragments.map((f) => [f.codes, f.memo]),
          [[['code'], foldWhitespace(words)]],
          markdown,
        );
        assert.deepEqual(model.diagnostics, [], markdown);
      }),
      { numRuns: 300 },
    );
  });

  test('importWebVtt: voices and cue text', () => {
    const escapeCue = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n\s*\r?\n|\r\r/g, '\n').replace(/-->/g, '--&gt;');
    fc.assert(
      fc.property(fc.array(fc.record({ voice: fc.option(foreign(6), { nil: undefined }), text: foreign(16) }), { minLength: 1, maxLength: 5 }), (cues) => {
        const usable = cues.filter((c) => escapeCue(c.text).trim() && !/^\s*$/.test(c.text));
        fc.pre(usable.length > 0);
        const vtt = `WEBVTT\n\n${usable
          .map((c, i) => {
            const voice = c.voice === undefined ? '' : c.voice.replace(/[>\r\n&]/g, ' ').trim();
            return `00:00:${String(i).padStart(2, '0')}.000 --> 00:00:${String(i).padStart(2, '0')}.500\n${voice ? `<v ${voice}>` : ''}${escapeCue(c.text)}`;
          })
          .join('\n\n')}\n`;
        const result = importWebVtt(vtt);
        if (!result.ok) return;
        const model = parseTranscript(result.markdown);
        assertInert(model, result.markdown);
        assert.deepEqual(model.frontMatter.participants, result.participants);
        assert.deepEqual(new Set(model.turns.map((t) => t.speaker)), new Set(result.participants));
      }),
      { numRuns: 200 },
    );
  });

  test('importQdc: exactly the codes of the .qdc, names and descriptions as written', () => {
    const xmlText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#13;');
    const paragraphsOf = (description: string): string[] =>
      description
        .split(/\r?\n[ \t]*\r?\n|\r[ \t]*\r/)
        .map(foldWhitespace)
        .filter(Boolean);
    fc.assert(
      fc.property(fc.array(fc.record({ name: foreign(6), description: foreign(20), child: fc.option(foreign(4), { nil: undefined }) }), { minLength: 1, maxLength: 4 }), (codes) => {
        const xml = `<CodeBook><Codes>${codes
          .map(
            (c, i) =>
              `<Code guid="${i}" name="${xmlText(c.name)}"><Description>${xmlText(c.description)}</Description>${c.child === undefined ? '' : `<Code guid="c${i}" name="${xmlText(c.child)}"/>`}</Code>`,
          )
          .join('')}</Codes></CodeBook>`;
        const result = importQdc(xml);
        assert.ok(result.ok, xml);
        const codebook = parseCodebook(result.markdown);
        assert.deepEqual(
          codebook.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'),
          [],
          result.markdown,
        );
        const expected = codes.flatMap((c) => [
          { name: foldWhitespace(c.name) || 'code', paragraphs: paragraphsOf(c.description) },
          ...(c.child === undefined ? [] : [{ name: foldWhitespace(c.child) || 'code', paragraphs: [] }]),
        ]);
        assert.equal(codebook.codes.length, expected.length, result.markdown);
        assert.equal(result.codes, expected.length);
        codebook.codes.forEach((code, i) => {
          assert.equal(code.name, expected[i]!.name, result.markdown);
          const read = readChunk(code.description).blocks.map((b) => b.text);
          assert.deepEqual(read.map(foldWhitespace), expected[i]!.paragraphs, result.markdown);
        });
      }),
      { numRuns: 300 },
    );
  });
});
