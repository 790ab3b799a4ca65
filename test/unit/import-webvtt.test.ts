import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeMarkdown, timestamp } from '../../server/src/core/outputs/exchange/transcriptWriter';
import { importWebVtt } from '../../server/src/core/outputs/exchange/webvtt';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { readChunk } from '../../server/src/core/parse/chunk';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const teams = `\uFEFFWEBVTT

NOTE Teams-transcriptie, automatisch

0f3a-1
00:00:01.250 --> 00:00:04.000 align:start position:10%
<v Anna de Vries>Goedemorgen allemaal,
welkom bij de [reflectie] *sessie*.</v>

0f3a-2
00:00:04.500 --> 00:00:06.000
<v Anna de Vries>Zullen we beginnen?</v>

0f3a-3
00:01:06.500 --> 00:01:09.000
<v.loud Bram Jansen>Ja &amp; graag, ik ben er {klaar} voor.</v>

0f3a-4
01:02:03.000 --> 01:02:05.000
<v Anna de Vries>Dank je.</v>
`;

describe('WebVTT import', () => {
  test('a Teams file: voices merged per speaker, each cue with its own time, escaped text, front matter', () => {
    const result = importWebVtt(teams, { title: 'Gesprek 1', practice: 'Breda', date: '2020-11-12', timestamps: true });
    assert.ok(result.ok);
    assert.equal(
      result.markdown,
      [
        '---',
        'title: Gesprek 1',
        'practice: Breda',
        'date: 2020-11-12',
        'participants:',
        '  - Anna de Vries',
        '  - Bram Jansen',
        '---',
        '',
        '[00:00:01] **Anna de Vries:** Goedemorgen allemaal, welkom bij de \\[reflectie\\] \\*sessie\\*.',
        '',
        '[00:00:04] Zullen we beginnen?',
        '',
        '[00:01:06] **Bram Jansen:** Ja & graag, ik ben er \\{klaar\\} voor.',
        '',
        '[01:02:03] **Anna de Vries:** Dank je.',
        '',
      ].join('\n'),
    );
    assert.equal(result.turns, 3);
  });

  test('the imported transcript parses into turns without diagnostics, and its words stay words', () => {
    const result = importWebVtt(teams);
    assert.ok(result.ok);
    const model = parseTranscript(result.markdown);
    assert.deepEqual(model.diagnostics, []);
    assert.deepEqual(model.turns.map((t) => t.speaker), ['Anna de Vries', 'Bram Jansen', 'Anna de Vries']);
    assert.deepEqual(model.fragments, []);
    assert.deepEqual(model.frontMatter.participants, ['Anna de Vries', 'Bram Jansen']);
  });

  test('a Zoom file: `Name: text` cues without voice tags', () => {
    const zoom = 'WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\nAnna: Hallo daar\n\n2\n00:00:02.000 --> 00:00:03.000\nAnna: nog iets\n\n3\n00:00:03.000 --> 00:00:04.000\nBram: Hoi\n';
    const result = importWebVtt(zoom);
    assert.ok(result.ok);
    assert.equal(result.markdown, '---\nparticipants:\n  - Anna\n  - Bram\n---\n\n**Anna:** Hallo daar nog iets\n\n**Bram:** Hoi\n');
  });

  test('cue text that looks like Markdown stays text, without a visible backslash; each cue keeps its time', () => {
    const cues = ['1. eerst dit', '1) lijst', '&amp;copy; daar', '---', '#', '> citaat', '* ster', '_x_', '[a]', '{b}', 'En ik zei toen: nee'];
    const at = (i: number): string => `00:00:${String(i).padStart(2, '0')}.000`;
    const vtt = (voice: string): string => `WEBVTT\n\n${cues.map((c, i) => `${at(i)} --> ${at(i)}\n${voice}${c}\n`).join('\n')}`;
    const plain = importWebVtt(vtt(''));
    assert.ok(plain.ok);
    const words = '\\> citaat \\* ster \\_x\\_ \\[a\\] \\{b\\} En ik zei toen: nee';
    assert.equal(plain.markdown, `---\nparticipants: []\n---\n\n1\\. eerst dit 1) lijst \\&copy; daar --- # ${words}\n`);
    const timed = importWebVtt(vtt('<v Bea>'), { timestamps: true });
    assert.ok(timed.ok);
    const paragraphs = ['[00:00:00] **Bea:** 1. eerst dit', '[00:00:01] 1) lijst', '[00:00:02] \\&copy; daar', '[00:00:03] ---', '[00:00:04] #', '[00:00:05] \\> citaat', '[00:00:06] \\* ster'];
    paragraphs.push('[00:00:07] \\_x\\_', '[00:00:08] \\[a\\]', '[00:00:09] \\{b\\}', '[00:00:10] En ik zei toen: nee');
    assert.equal(timed.markdown, `---\nparticipants:\n  - Bea\n---\n\n${paragraphs.join('\n\n')}\n`);
    assert.equal(timed.turns, 1);
    for (const result of [plain, timed]) {
      const model = parseTranscript(result.markdown);
      assert.deepEqual([model.fragments, model.diagnostics], [[], []]);
      const body = result.markdown.slice(model.frontMatter.span!.end).trim();
      // What Kader reads, and what a Markdown preview shows: the cue text as written (`&amp;copy;` is the text `&copy;`).
      const read = body.split('\n\n').flatMap((p) => readChunk(p).blocks.map((b) => b.text));
      const html = String(unified().use(remarkParse).use(remarkRehype).use(rehypeStringify).processSync(body));
      const spoken = cues.map((c) => c.replace('&amp;', '&'));
      if (result === plain) {
        assert.deepEqual(read, [spoken.join(' ')]);
        assert.equal(html, '<p>1. eerst dit 1) lijst &#x26;copy; daar --- # > citaat * ster _x_ [a] {b} En ik zei toen: nee</p>');
      } else {
        assert.deepEqual(read, spoken.map((c, i) => `[00:00:${String(i).padStart(2, '0')}] ${i === 0 ? 'Bea: ' : ''}${c}`));
        assert.equal(html.split('\n').length, cues.length);
        assert.ok(!html.includes('\\') && !/<(?:ol|ul|li|h1|hr|blockquote|em)>/.test(html), html);
      }
    }
  });

  test('a Zoom `Name:` is a speaker only when it opens two cues or the file is written that way: a colon in a sentence is words', () => {
    const once = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nGoedemorgen.\n\n00:00:03.000 --> 00:00:04.000\nEn ik zei toen: nee, dat doen we niet.\n\n00:00:05.000 --> 00:00:06.000\nDaarna ging het beter.\n';
    const result = importWebVtt(once);
    assert.ok(result.ok);
    assert.equal(result.markdown, '---\nparticipants: []\n---\n\nGoedemorgen. En ik zei toen: nee, dat doen we niet. Daarna ging het beter.\n');
  });

  test('not WebVTT, or no spoken text: a clear message in English or Dutch', () => {
    assert.deepEqual(importWebVtt('1\n00:00:01,000 --> 00:00:02,000\nHallo\n'), {
      ok: false,
      message: 'This is not a WebVTT file: it does not start with "WEBVTT".',
    });
    assert.deepEqual(importWebVtt('WEBVTT\n\nNOTE alleen een notitie\n', { locale: 'nl' }), {
      ok: false,
      message: 'Dit bestand bevat geen gesproken tekst.',
    });
  });

  test('helpers', () => {
    assert.equal(timestamp(3723.9), '01:02:03');
    assert.equal(escapeMarkdown('# niet [kop] {#x} *y* `z` <b>'), '\\# niet \\[kop\\] \\{#x\\} \\*y\\* \\`z\\` \\<b\\>');
  });
});
