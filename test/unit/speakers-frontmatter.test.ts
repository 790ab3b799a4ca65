// SYNTAX.md §5 (front matter) and §6 (speakers).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnosticsOf, mark, mark1, md, parse, range, slice } from './helpers';
import { messageOf } from '../../server/src/core/messages';

describe('speaker turns (§6)', () => {
  it('opens turns with **S1:** and **Interviewer**:, with exact label and turn spans', () => {
    const { text, spans } = mark(md('««**S1:**» Hallo daar.', '', '»««**Interviewer**:» Waarom?', '»'));
    const t = parse(text);
    assert.deepEqual(t.turns, [
      { speaker: 'S1', span: spans[0], label: spans[1] },
      { speaker: 'Interviewer', span: spans[2], label: spans[3] },
    ]);
  });

  it('accepts a timestamp before the label, in brackets or not', () => {
    const { text, spans } = mark(md('«[00:12:34] **S1:**» ja', '', '«00:12:35 **S2:**» nee', '', '«[1:02] **S3**:» misschien'));
    const t = parse(text);
    assert.deepEqual(
      t.turns.map((x) => [x.speaker, x.label]),
      [
        ['S1', spans[0]],
        ['S2', spans[1]],
        ['S3', spans[2]],
      ],
    );
  });

  it('opens a turn with a plain Name: only for listed participants', () => {
    const text = md('---', 'participants: [Anna, "Dr. Bos", 3]', '---', 'Anna: hallo', '', 'Carl: niet', '', 'Dr. Bos: ja', '', '3: drie');
    const t = parse(text);
    assert.deepEqual(
      t.turns.map((x) => [x.speaker, slice(text, x.label)]),
      [
        ['Anna', 'Anna:'],
        ['Dr. Bos', 'Dr. Bos:'],
        ['3', '3:'],
      ],
    );
    assert.deepEqual(t.frontMatter.participants, ['Anna', 'Dr. Bos', '3']);
    assert.equal(parse('Anna: hallo').turns.length, 0, 'without participants a plain name is no label');
  });

  it('needs the label at the start of a paragraph, ending in a colon', () => {
    for (const text of ['Hij zei **S1:** ja', '**S1** ja', '**:** ja', 'tekst\n**S1:** ja', '*S1:* ja']) {
      assert.deepEqual(parse(text).turns, [], text);
    }
  });

  it('lasts until the next turn or heading', () => {
    const text = md('**S1:** een', '', 'nog S1', '', '## Kop', '', 'geen spreker', '', '**S2:** twee', '', '### Dieper', 'x');
    const t = parse(text);
    assert.deepEqual(
      t.turns.map((x) => [x.speaker, slice(text, x.span)]),
      [
        ['S1', '**S1:** een\n\nnog S1\n\n'],
        ['S2', '**S2:** twee\n\n'],
      ],
    );
  });

  it('runs to the end of the file for the last turn', () => {
    const text = '**S1:** een\n\nmeer\n';
    assert.deepEqual(parse(text).turns[0]!.span, { start: 0, end: text.length });
  });

  it('gives each fragment the speaker of the turn in which its content starts', () => {
    const text = md(
      '[voor]{#a}',
      '',
      '**S1:** [een]{#b} {#c}',
      '',
      '[nog S1]{#d}',
      '',
      '::: {#e}',
      '',
      '**S2:** twee',
      ':::',
      '',
      '## Kop {#f}',
      '',
      '[na de kop]{#g}',
      '',
      '- **S3:** in een lijst [x]{#h}',
    );
    const t = parse(text);
    assert.deepEqual(
      t.fragments.map((f) => [f.codes[0], f.speaker ?? null]),
      [
        ['a', null],
        ['c', 'S1'],
        ['b', 'S1'],
        ['d', 'S1'],
        ['e', 'S2'],
        ['f', null],
        ['g', null],
        ['h', 'S3'],
      ],
    );
  });

  it('does not take a label from a code block or HTML', () => {
    assert.deepEqual(parse(md('```', '**S1:** x', '```')).turns, []);
    assert.deepEqual(parse(md('<div>', '**S1:** x', '</div>')).turns, []);
  });
});

describe('front matter (§5)', () => {
  it('reads practice, coder, participants and other attributes', () => {
    const text = md(
      '---',
      'practice: Leergemeenschap Breda   # the practice',
      'coder: anna',
      'title: Reflectiegesprek groep 3',
      'date: 2020-11-12',
      'participants: [Interviewer, S1, S2]',
      'year: 1',
      'final: true',
      'nothing:',
      'tags:',
      '  - een',
      '  - 2',
      '---',
      'Tekst.',
    );
    const t = parse(text);
    const fm = t.frontMatter;
    assert.equal(fm.practice, 'Leergemeenschap Breda');
    assert.equal(fm.coder, 'anna');
    assert.deepEqual(fm.participants, ['Interviewer', 'S1', 'S2']);
    assert.deepEqual(fm.attributes, {
      title: 'Reflectiegesprek groep 3',
      date: '2020-11-12',
      participants: ['Interviewer', 'S1', 'S2'],
      year: 1,
      final: true,
      nothing: null,
      tags: ['een', 2],
    });
    assert.deepEqual(fm.span, { start: 0, end: text.indexOf('Tekst.') });
    assert.equal(slice(text, fm.valueSpans['practice']!), 'Leergemeenschap Breda');
    assert.equal(slice(text, fm.valueSpans['coder']!), 'anna');
    assert.deepEqual(t.diagnostics, []);
  });

  it('writes dates as ISO strings, also in lists and as timestamps', () => {
    const fm = parse(md('---', 'date: 2020-11-12', 'dates: [2021-01-02, 2022-03-04]', '---')).frontMatter;
    assert.equal(fm.attributes['date'], '2020-11-12');
    assert.deepEqual(fm.attributes['dates'], ['2021-01-02', '2022-03-04']);
  });

  it('has empty front matter without a block', () => {
    assert.deepEqual(parse('Tekst').frontMatter, { attributes: {}, participants: [], valueSpans: {} });
    assert.deepEqual(parse('---\n---\nTekst').frontMatter, { attributes: {}, participants: [], valueSpans: {}, span: { start: 0, end: 8 } });
  });

  it('trims practice and coder', () => {
    const fm = parse(md('---', 'practice: "  Breda "', 'coder: " anna"', '---')).frontMatter;
    assert.equal(fm.practice, 'Breda');
    assert.equal(fm.coder, 'anna');
  });

  it('reports invalid YAML where the YAML parser stops, and still reads the transcript', () => {
    // The unclosed flow sequence is noticed at the end of the YAML: the closing fence.
    const { text, span } = mark1(md('---', 'practice: [nooit gesloten', '«-»--', '[x]{#a}'));
    const t = parse(text);
    assert.equal(t.frontMatter.practice, undefined);
    assert.equal(t.diagnostics.length, 1);
    const d = t.diagnostics[0]!;
    assert.equal(d.rule, 'front-matter');
    assert.equal(d.severity, 'error');
    assert.equal(d.args['problem'], 'syntax');
    assert.match(d.args['detail']!, /Flow sequence/);
    assert.deepEqual(d.span, span);
    assert.deepEqual(d.range, range(2, 0, 2, 1));
    assert.deepEqual(
      t.fragments.map((f) => f.codes[0]),
      ['a'],
    );
  });

  it('reports YAML with a syntax error at its place', () => {
    const text = md('---', 'a: 1', '  b: 2', '---');
    const t = parse(text);
    assert.deepEqual(diagnosticsOf(text, t.diagnostics), [['front-matter', 'error', '1']]);
    assert.deepEqual(t.diagnostics[0]!.range, range(1, 3, 1, 4));
    assert.equal(t.diagnostics[0]!.args['problem'], 'syntax');
  });

  it('reports a practice or coder that is not a string, at its value', () => {
    const text = md('---', 'practice: 12', 'coder: [anna, bert]', 'title: 5', '---');
    const t = parse(text);
    assert.deepEqual(diagnosticsOf(text, t.diagnostics), [
      ['front-matter', 'error', '12'],
      ['front-matter', 'error', '[anna, bert]'],
    ]);
    assert.deepEqual(
      t.diagnostics.map((d) => d.args),
      [
        { problem: 'not-string', key: 'practice' },
        { problem: 'not-string', key: 'coder' },
      ],
    );
    assert.deepEqual(t.diagnostics[0]!.range, range(1, 10, 1, 12));
    assert.equal(t.frontMatter.practice, undefined);
    assert.equal(t.frontMatter.coder, undefined);
    assert.deepEqual(t.frontMatter.attributes, { title: 5 });
  });

  it('warns about an empty practice, at its value or at the key when there is none', () => {
    const forms = ['practice:', 'practice:   ', 'practice: ""', "practice: '  '", 'practice: ~'];
    const found = forms.map((line) => {
      const text = md('---', line, 'coder: anna', '---');
      const t = parse(text);
      assert.equal(t.frontMatter.practice, undefined);
      assert.equal(t.frontMatter.coder, 'anna');
      return [...diagnosticsOf(text, t.diagnostics), t.diagnostics.map((d) => d.args)];
    });
    const empty = { problem: 'empty', key: 'practice' };
    assert.deepEqual(found, [
      ['front-matter', 'warning', 'practice', [empty]],
      ['front-matter', 'warning', 'practice', [empty]],
      ['front-matter', 'warning', '""', [empty]],
      ['front-matter', 'warning', "'  '", [empty]],
      ['front-matter', 'warning', '~', [empty]],
    ].map(([rule, severity, at, args]) => [[rule, severity, at], args]));
    assert.equal(
      messageOf({ rule: 'front-matter', args: empty }, 'en'),
      '“practice” is empty, so the transcript counts under its folder’s name (or under “(no practice)”): write the name of the practice after “practice:”, or remove the line.',
    );
    assert.equal(
      messageOf({ rule: 'front-matter', args: empty }, 'nl'),
      '“practice” is leeg, dus het transcript telt onder de naam van zijn map (of onder “(geen praktijk)”): schrijf de naam van de praktijk achter “practice:”, of verwijder de regel.',
    );
    // An empty coder leaves the transcript without a coder: nothing is counted elsewhere by mistake.
    assert.deepEqual(parse(md('---', 'coder:', '---')).diagnostics, []);
  });

  it('reports front matter that is not a mapping', () => {
    const text = md('---', '- een', '- twee', '---');
    const t = parse(text);
    assert.deepEqual(
      t.diagnostics.map((d) => [d.rule, d.args]),
      [['front-matter', { problem: 'not-mapping' }]],
    );
    assert.deepEqual(t.diagnostics[0]!.range.start, { line: 1, character: 0 });
  });

  it('reports front matter that is never closed, at its opening fence, and reads the rest', () => {
    const text = md('---', 'practice: Breda', '', '[x]{#a}');
    const t = parse(text);
    assert.deepEqual(diagnosticsOf(text, t.diagnostics), [['front-matter', 'error', '---']]);
    assert.deepEqual(t.diagnostics[0]!.range, range(0, 0, 0, 3));
    assert.deepEqual(t.diagnostics[0]!.args, { problem: 'unclosed' });
    assert.equal(t.frontMatter.practice, undefined);
    assert.deepEqual(
      t.fragments.map((f) => f.codes[0]),
      ['a'],
    );
  });

  it('finishes quickly on a YAML alias bomb, with a diagnostic', () => {
    const lines = ['---', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'abcdefghijklmnopqrstuvwxyz';
    for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill('*' + names[i - 1]).join(',')}]`);
    lines.push('---', '[x]{#c}');
    const t = parse(lines.join('\n'));
    assert.deepEqual(
      t.diagnostics.map((d) => [d.rule, d.severity, d.args['problem']]),
      [['front-matter', 'error', 'aliases']],
    );
    assert.equal(messageOf(t.diagnostics[0]!, 'en'), 'The front matter repeats aliases (“*name”) too often to read safely (more than 100).');
    assert.equal(messageOf(t.diagnostics[0]!, 'nl'), 'De front matter herhaalt aliassen (“*naam”) te vaak om veilig te lezen (meer dan 100).');
    assert.deepEqual(t.frontMatter.attributes, {});
    assert.equal(t.fragments.length, 1);
  });

  it('expands a few aliases normally', () => {
    const fm = parse(md('---', 'a: &x [een, twee]', 'b: *x', '---')).frontMatter;
    assert.deepEqual(fm.attributes, { a: ['een', 'twee'], b: ['een', 'twee'] });
  });
});
