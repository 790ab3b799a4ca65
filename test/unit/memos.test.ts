// Memos as documents (SYNTAX.md §10): code memos in the codebook, transcript memos in the front
// matter, the project journal, the list of every memo, and the edit that sets a fragment's memo.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, codingEdits } from '../../server/src/core/edits';
import { isJournalPath, isTranscriptPath } from '../../server/src/core/fileText';
import { linkedPath, memosOf, readJournalEntry } from '../../server/src/core/index/memos';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { LineIndex } from '../../server/src/core/parse/text';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { range } from './helpers';

const codebook = [
  '# Intentie {#intentie}',
  'Wat is de bedoeling?',
  '',
  '## Memo',
  '',
  'Twijfel tussen *gestuurd* en vrijwillig:',
  'bespreken in het teamoverleg.',
  '',
  '## Gestuurd {#intentie/gestuurd}',
  'Omdat de organisatie het vraagt.',
  '',
  '# Context {#context}',
  '### memo',
  'Kort.',
  '# Memo',
  'Geen code ervoor: dit hoort bij Context niet meer.',
  '',
].join('\n');

describe('code memos in the codebook', () => {
  test('a Memo heading right after the description is the memo, not part of the description', () => {
    const book = parseCodebook(codebook);
    assert.deepEqual(
      book.codes.map((c) => ({ code: c.code, description: c.description, memo: c.memo })),
      [
        { code: 'intentie', description: 'Wat is de bedoeling?', memo: 'Twijfel tussen *gestuurd* en vrijwillig:\nbespreken in het teamoverleg.' },
        { code: 'intentie/gestuurd', description: 'Omdat de organisatie het vraagt.', memo: undefined },
        { code: 'context', description: '', memo: 'Kort.' },
      ],
    );
    assert.deepEqual(book.diagnostics, []);
  });
});

describe('transcript memos in the front matter', () => {
  test('memo: | is the transcript memo, kept out of the document attributes', () => {
    const text = '---\npractice: Breda\nmemo: |\n  Eerste gesprek na de zomer.\n  Rommelige opname.\njaar: 2\n---\n\n**S1:** Hallo.\n';
    const fm = parseTranscript(text).frontMatter;
    assert.equal(fm.memo, 'Eerste gesprek na de zomer.\nRommelige opname.');
    assert.deepEqual(fm.attributes, { jaar: 2 });
  });

  test('an empty memo: is no memo', () => {
    assert.equal(parseTranscript('---\nmemo:\n---\nTekst.\n').frontMatter.memo, undefined);
  });
});

describe('the project journal', () => {
  test('memos/ holds journal files, not transcripts', () => {
    assert.equal(isJournalPath('memos/2021-03-01.md'), true);
    assert.equal(isTranscriptPath('memos/2021-03-01.md'), false);
    assert.equal(isJournalPath('breda/memos.md'), false);
    assert.equal(isTranscriptPath('breda/memos/x.md'), true);
  });

  test('a link resolves against the journal file; addresses and paths outside the folder are not transcripts', () => {
    assert.equal(linkedPath('memos/a.md', '../breda/x%20y.md#kop'), 'breda/x y.md');
    assert.equal(linkedPath('memos/a.md', 'b.md'), 'memos/b.md');
    assert.equal(linkedPath('memos/a.md', '../../x.md'), undefined);
    assert.equal(linkedPath('memos/a.md', 'https://example.org/x.md'), undefined);
    assert.equal(linkedPath('memos/a.md', '#kop'), undefined);
  });

  test('an entry: its title, the codes it names and the transcripts it links, with their places', () => {
    const text = [
      '---',
      'date: 2021-03-05',
      '---',
      '# Na het gesprek in Breda',
      '',
      'Veel #intentie/gestuurd in [groep 3](../breda/groep-3.md), weinig #context.',
      'Niet: `#code`, C#, #1, [kop](#intentie), ![beeld](../breda/x.md), [site](https://example.org/a.md).',
      '```',
      '#actanten',
      '```',
      '<!-- #outcome -->',
      'Nog eens #intentie/gestuurd.',
    ].join('\n');
    const entry = readJournalEntry('memos/2021-03-05.md', text);
    assert.equal(entry.title, 'Na het gesprek in Breda');
    assert.equal(entry.text, text.slice(text.indexOf('# Na')));
    assert.deepEqual(entry.codes, [
      { code: 'intentie/gestuurd', range: range(5, 5, 5, 23) },
      { code: 'context', range: range(5, 66, 5, 74) },
      { code: 'intentie/gestuurd', range: range(11, 9, 11, 27) },
    ]);
    assert.deepEqual(entry.links, [{ label: 'groep 3', path: 'breda/groep-3.md', range: range(5, 27, 5, 57) }]);
  });

  test('without a heading the title is the file name', () => {
    assert.equal(readJournalEntry('memos/losse gedachten.md', 'Iets over #context.').title, 'losse gedachten');
  });
});

describe('every memo of a project', () => {
  test('codes, transcripts, fragments and journal entries, each kind in order', () => {
    const index = new WorkspaceIndex();
    index.set('b', 'breda/groep-3.md', parseTranscript('---\npractice: Breda\ntitle: Groep 3\nmemo: Rommelige opname.\n---\n**S1:** Ik kwam [omdat het moest]{#intentie/gestuurd memo="twijfel"}.\n'));
    index.set('t', 'tilburg/terugblik.md', parseTranscript('Alles {#context memo="regel 1\\nregel 2"}\n\nNiets {#context}\n'));
    const book = parseCodebook(codebook);
    const journal = [
      readJournalEntry('memos/b.md', '# Later\nZie [terug](../tilburg/terugblik.md) en [weg](../weg.md) en [terug](../tilburg/terugblik.md), #context.'),
      readJournalEntry('memos/a.md', '# Eerst\n#intentie'),
    ];
    assert.deepEqual(memosOf(index, book, 'codebook.md', journal), [
      { kind: 'code', path: 'codebook.md', label: 'Intentie', text: book.codes[0]!.memo, range: range(0, 0, 0, 22), codes: ['intentie'] },
      { kind: 'code', path: 'codebook.md', label: 'Context', text: 'Kort.', range: range(11, 0, 11, 20), codes: ['context'] },
      { kind: 'transcript', path: 'breda/groep-3.md', label: 'Groep 3', text: 'Rommelige opname.', range: range(0, 0, 0, 0), codes: [], practice: 'Breda' },
      { kind: 'fragment', path: 'breda/groep-3.md', label: 'omdat het moest', text: 'twijfel', range: range(5, 17, 5, 32), codes: ['intentie/gestuurd'], practice: 'Breda', speaker: 'S1' },
      { kind: 'fragment', path: 'tilburg/terugblik.md', label: 'Alles', text: 'regel 1\nregel 2', range: range(0, 0, 0, 5), codes: ['context'], practice: 'tilburg' },
      { kind: 'journal', path: 'memos/a.md', label: 'Eerst', text: '# Eerst\n#intentie', range: range(0, 0, 0, 0), codes: ['intentie'], links: [] },
      {
        kind: 'journal',
        path: 'memos/b.md',
        label: 'Later',
        text: journal[0]!.text,
        range: range(0, 0, 0, 0),
        codes: ['context'],
        links: [
          { label: 'terug', path: 'tilburg/terugblik.md', known: true },
          { label: 'weg', path: 'weg.md', known: false },
        ],
      },
    ]);
  });

  test('the built-in codebook (no codebook file) has no code memos', () => {
    assert.deepEqual(memosOf(new WorkspaceIndex(), parseCodebook(codebook), undefined, []), []);
  });
});

describe('Add Memo / Edit Memo on the fragment at the cursor', () => {
  const at = (text: string, word: string) => new LineIndex(text).position(text.indexOf(word));
  const memo = (text: string, word: string, value: string) => {
    const result = codingEdits(text, parseTranscript(text), { action: 'memo', position: at(text, word), memo: value });
    return { out: applyEdits(text, result.edits), edits: result.edits.length, message: result.message };
  };

  test('adds memo="…" before the }, escaped, several lines written \\n', () => {
    const text = '**S1:** Ik kwam [omdat het moest]{#intentie/gestuurd}.\n';
    assert.equal(memo(text, 'moest', 'Zegt "moeten".\r\nC:\\map\n').out, '**S1:** Ik kwam [omdat het moest]{#intentie/gestuurd memo="Zegt \\"moeten\\".\\nC:\\\\map"}.\n');
  });

  test('replaces an existing memo, and reads back as the memo given', () => {
    const text = 'Alles samen. {#context memo="oud" kleur=rood}\n';
    const { out } = memo(text, 'samen', 'nieuw\nen meer');
    assert.equal(out, 'Alles samen. {#context memo="nieuw\\nen meer" kleur=rood}\n');
    assert.equal(parseTranscript(out).fragments[0]!.memo, 'nieuw\nen meer');
  });

  test('an empty memo removes it with the space before it; no memo and empty: no edit', () => {
    assert.equal(memo('Alles samen. {#context memo="oud" kleur=rood}\n', 'samen', '  \n ').out, 'Alles samen. {#context kleur=rood}\n');
    assert.deepEqual(memo('Alles samen. {#context}\n', 'samen', ''), { out: 'Alles samen. {#context}\n', edits: 0, message: undefined });
  });

  test('the innermost fragment gets the memo; outside every fragment a message', () => {
    const text = '[Ik kwam [omdat het moest]{#intentie/gestuurd} maar bleef]{#intentie}\n\nVrij.\n';
    assert.equal(memo(text, 'moest', 'binnen').out, '[Ik kwam [omdat het moest]{#intentie/gestuurd memo="binnen"} maar bleef]{#intentie}\n\nVrij.\n');
    assert.deepEqual(memo(text, 'Vrij', 'x'), { out: text, edits: 0, message: 'There is no coded fragment here.' });
  });
});
