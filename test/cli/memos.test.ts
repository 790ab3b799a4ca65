// Memos in every report (SYNTAX.md §10): a code's memo from the codebook, a transcript's from its
// front matter, the fragments' as before, and the project journal (memos/) as an appendix; the
// journal is not a transcript. Invented names only.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { folder, run } from './helpers';

const PROJECT = {
  'codebook.md': '# Intentie {#intentie}\nWaarom doen ze mee?\n\n## Memo\nTwijfel tussen gestuurd en vrijwillig.\n\nBespreken in *het* overleg.\n\n# Context {#context}\n',
  'breda/groep-3.md': '---\npractice: Breda\ncoder: anna\nmemo: |\n  Eerste gesprek na de zomer.\n  Rommelige opname.\n---\n**S1:** Ik kwam [omdat het moest]{#intentie memo="twijfel\\nmet #context"}.\n',
  'memos/2021-03-05.md': '# Na Breda\n\nVeel #intentie in [groep 3](../breda/groep-3.md).\n\nVolgende keer #context {#onbekend}.\n',
};

describe('kader report: memos', () => {
  test('markdown: code memos, transcript memos, then the journal as an appendix', async () => {
    const { code, out, err } = await run(['report', folder(PROJECT), '--format', 'markdown']);
    assert.equal(code, 0);
    assert.equal(err, '');
    assert.equal(
      out.slice(out.indexOf('## Intentie')),
      [
        '## Intentie (`#intentie`) — 1 fragment',
        '',
        '> Waarom doen ze mee?',
        '',
        '### Breda — 1 fragment',
        '',
        '- “omdat het moest” — **S1**, [breda/groep-3.md:8](breda/groep-3.md#L8)',
        '  - _twijfel met \\#context_',
        '',
        '## Context (`#context`) — 0 fragments',
        '',
        '_No fragments yet._',
        '',
        '## Code memos',
        '',
        '### Intentie (`#intentie`)',
        '',
        'Twijfel tussen gestuurd en vrijwillig.',
        '',
        'Bespreken in \\*het\\* overleg.',
        '',
        '## Transcript memos',
        '',
        '### [breda/groep-3.md](breda/groep-3.md)',
        '',
        'Eerste gesprek na de zomer. Rommelige opname.',
        '',
        '## Journal',
        '',
        '### Na Breda',
        '',
        '[memos/2021-03-05.md](memos/2021-03-05.md) · `#intentie` · `#context` · `#onbekend` · [groep 3](breda/groep-3.md)',
        '',
        'Veel \\#intentie in \\[groep 3\\]\\(../breda/groep-3.md).',
        '',
        'Volgende keer \\#context \\{\\#onbekend\\}.',
        '',
      ].join('\n'),
    );
  });

  test('text with --quotes, in Dutch: the memos after the tree', async () => {
    const { out } = await run(['report', folder(PROJECT), '--quotes', '--lang', 'nl']);
    assert.equal(
      out,
      [
        'Intentie #intentie  1',
        '  Breda  1',
        '    “omdat het moest” — S1, breda/groep-3.md:8',
        '      memo: twijfel met #context',
        'Context #context  0',
        '',
        'Codememo’s:',
        '  Intentie #intentie: Twijfel tussen gestuurd en vrijwillig. Bespreken in *het* overleg.',
        '',
        'Transcriptmemo’s:',
        '  breda/groep-3.md: Eerste gesprek na de zomer. Rommelige opname.',
        '',
        'Logboek:',
        '  memos/2021-03-05.md — Na Breda',
        '    codes: #intentie, #context, #onbekend',
        '    transcripten: breda/groep-3.md',
        '',
      ].join('\n'),
    );
  });

  test('json: each code and transcript with its memo, and the journal', async () => {
    const json = JSON.parse((await run(['report', folder(PROJECT), '--format', 'json'])).out);
    assert.deepEqual(json.codebook.codes, [
      { code: 'intentie', name: 'Intentie', color: null, description: 'Waarom doen ze mee?', memo: 'Twijfel tussen gestuurd en vrijwillig.\n\nBespreken in *het* overleg.' },
      { code: 'context', name: 'Context', color: null, description: '', memo: null },
    ]);
    assert.deepEqual(json.documents, [
      { path: 'breda/groep-3.md', practice: 'Breda', coder: 'anna', counted: true, attributes: {}, memo: 'Eerste gesprek na de zomer.\nRommelige opname.', fragments: 1 },
    ]);
    assert.equal(json.fragments[0].memo, 'twijfel\nmet #context');
    assert.deepEqual(json.journal, [
      {
        path: 'memos/2021-03-05.md',
        title: 'Na Breda',
        codes: ['intentie', 'context', 'onbekend'],
        transcripts: ['breda/groep-3.md'],
        text: '# Na Breda\n\nVeel #intentie in [groep 3](../breda/groep-3.md).\n\nVolgende keer #context {#onbekend}.',
      },
    ]);
  });

  test('csv: the transcript memo as the last column', async () => {
    const { out } = await run(['report', folder(PROJECT), '--format', 'csv']);
    assert.equal(
      out,
      '\uFEFFfile,practice,coder,speaker,code,aspect,text,memo,line,transcript_memo\r\n' +
        'breda/groep-3.md,Breda,anna,S1,intentie,intentie,omdat het moest,"twijfel\nmet #context",8,"Eerste gesprek na de zomer.\nRommelige opname."\r\n',
    );
  });

  test('check: a journal file is not a transcript (its {#onbekend} is no undefined code)', async () => {
    const { code, out } = await run(['check', folder(PROJECT)]);
    assert.equal(code, 0);
    assert.doesNotMatch(out, /memos|onbekend/);
  });
});
