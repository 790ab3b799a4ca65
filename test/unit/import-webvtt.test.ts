import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeMarkdown, timestamp } from '../../server/src/core/outputs/exchange/transcriptWriter';
import { importWebVtt } from '../../server/src/core/outputs/exchange/webvtt';
import { parseTranscript } from '../../server/src/core/parse/transcript';

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
  test('a Teams file: voices merged per speaker, timestamps, escaped text, front matter', () => {
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
        '[00:00:01] **Anna de Vries:** Goedemorgen allemaal, welkom bij de \\[reflectie\\] \\*sessie\\*. Zullen we beginnen?',
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
