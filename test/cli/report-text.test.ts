// `kader report` in text format: the tree of the Aspects view or of the Practices view
// (`--group-by`), and with `--quotes` each quote under its code, on one line that is safe for a
// terminal. Invented names only.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { folder, run } from './helpers';

const PROJECT = {
  'codebook.md': '# Intentie {#intentie}\nWaarom?\n\n## Gestuurd {#intentie/gestuurd}\nMoeten.\n\n# Context {#context}\nWaar?\n',
  'breda/a.md': '---\npractice: Breda\ncoder: anna\n---\n**S1:** [ik moest]{#intentie/gestuurd memo="echt zo"} en [wilde]{#intentie}.\n',
  'tilburg/b.md': '**Interviewer:** Over de gemeente,\nen de wijk. {#intentie #context}\n',
};

describe('kader report --format text', () => {
  test('--group-by aspect (the default) and --group-by practice give the two views’ trees', async () => {
    const root = folder(PROJECT);
    const byAspect = ['Intentie #intentie  3', '  Gestuurd #intentie/gestuurd  1', '    Breda  1', '  Breda  1', '  tilburg  1', 'Context #context  1', '  tilburg  1', ''].join('\n');
    assert.deepEqual(await run(['report', root]), { code: 0, out: byAspect, err: '' });
    assert.deepEqual(await run(['report', root, '--group-by', 'aspect']), { code: 0, out: byAspect, err: '' });
    assert.deepEqual(await run(['report', root, '--group-by', 'practice']), {
      code: 0,
      out: ['Breda  2', '  Intentie #intentie  2', '    Gestuurd #intentie/gestuurd  1', 'tilburg  1', '  Intentie #intentie  1', '  Context #context  1', ''].join('\n'),
      err: '',
    });
  });

  test('--quotes: each quote under its code with speaker, transcript and line, its memo under it', async () => {
    const root = folder(PROJECT);
    assert.deepEqual(await run(['report', root, '--quotes']), {
      code: 0,
      out: [
        'Intentie #intentie  3',
        '  Gestuurd #intentie/gestuurd  1',
        '    Breda  1',
        '      “ik moest” — S1, breda/a.md:5',
        '        memo: echt zo',
        '  Breda  1',
        '    “wilde” — S1, breda/a.md:5',
        '  tilburg  1',
        '    “Interviewer: Over de gemeente, en de wijk.” — Interviewer, tilburg/b.md:1',
        'Context #context  1',
        '  tilburg  1',
        '    “Interviewer: Over de gemeente, en de wijk.” — Interviewer, tilburg/b.md:1',
        '',
      ].join('\n'),
      err: '',
    });
    assert.deepEqual(await run(['report', root, '--quotes', '--group-by', 'practice', '--lang', 'nl']), {
      code: 0,
      out: [
        'Breda  2',
        '  Intentie #intentie  2',
        '    Gestuurd #intentie/gestuurd  1',
        '      “ik moest” — S1, breda/a.md:5',
        '        memo: echt zo',
        '    “wilde” — S1, breda/a.md:5',
        'tilburg  1',
        '  Intentie #intentie  1',
        '    “Interviewer: Over de gemeente, en de wijk.” — Interviewer, tilburg/b.md:1',
        '  Context #context  1',
        '    “Interviewer: Over de gemeente, en de wijk.” — Interviewer, tilburg/b.md:1',
        '',
      ].join('\n'),
      err: '',
    });
  });

  test('--quotes: a quote without a speaker, and --coder keeps only that coder’s quotes', async () => {
    const root = folder({ 'codebook.md': '# Context {#context}\n', 'a.md': '---\ncoder: bert\n---\nGeen spreker hier. {#context}\n', 'b.md': '---\ncoder: anna\n---\n[iets]{#context}\n' });
    assert.deepEqual(await run(['report', root, '--quotes', '--coder', 'bert']), {
      code: 0,
      out: ['Context #context  1', '  (no practice)  1', '    “Geen spreker hier.” — a.md:4', ''].join('\n'),
      err: '',
    });
  });

  test('--quotes: control characters in a quote, speaker, memo or file name are shown, never run', async () => {
    const root = folder({
      'codebook.md': '# Context {#context}\n',
      'x/\x1b[2Jwis.md': '**\x1bcS2:** [rood\x1bc titel\x07 \u202eomgekeerd]{#context memo="regel\x1b[1A\x1b[K weg"}\n',
    });
    const { code, out } = await run(['report', root, '--quotes']);
    assert.equal(code, 0);
    assert.equal(
      out,
      [
        'Context #context  1',
        '  x  1',
        '    “rood␛c titel␇ ⟨U+202E⟩omgekeerd” — ␛cS2, x/␛[2Jwis.md:1',
        '      memo: regel␛[1A␛[K weg',
        '',
      ].join('\n'),
    );
    assert.doesNotMatch(out, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  test('--quotes belongs to the text format: with another format it is a usage error', async () => {
    const root = folder(PROJECT);
    assert.deepEqual(await run(['report', root, '--quotes', '--format', 'json']), {
      code: 2,
      out: '',
      err: 'kader: --quotes goes with --format text (the other formats always hold the quotes)\nRun "kader --help" for usage.\n',
    });
    assert.deepEqual(await run(['report', root, '--quotes', '--format', 'csv', '--lang', 'nl']), {
      code: 2,
      out: '',
      err: 'kader: --quotes hoort bij --format text (de andere formaten bevatten de citaten altijd)\nZie "kader --help" voor het gebruik.\n',
    });
  });

  test('--group-by takes aspect or practice only', async () => {
    assert.deepEqual(await run(['report', folder(PROJECT), '--group-by', 'coder']), {
      code: 2,
      out: '',
      err: 'kader: --group-by must be one of aspect, practice (got "coder")\nRun "kader --help" for usage.\n',
    });
  });
});
