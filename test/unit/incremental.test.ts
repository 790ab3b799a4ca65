// Incremental parsing: `parseTranscript(text, cache)` re-reads only the chunks an edit touched,
// and its result equals a fresh parse.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { codeLookup, transcriptDiagnostics } from '../../server/src/core/parse/check';
import { builtInCodebook } from '../../server/src/core/parse/codebook';
import { LineIndex } from '../../server/src/core/parse/text';
import { ParseCache, parseTranscript } from '../../server/src/core/parse/transcript';
import { OpenDocuments } from '../../server/src/workspace/documents';
import { md } from './helpers';

const DOC = md(
  '---',
  'practice: Breda',
  'participants: [Anna]',
  '---',
  '# Gesprek {#context}',
  '',
  '**S1:** Ik kwam [omdat het moest]{#intentie/gestuurd}.',
  '',
  'Anna: en ik [niet]{#intentie} {#activiteit}',
  '',
  '::: {#actanten}',
  '**S2:** Het [beleid]{#actanten/beleid} was streng.',
  ':::',
  '',
  '```',
  '[geen]{#code}',
  '```',
  '',
  '## Vraag 2',
  '',
  'Slot.',
);

function edit(text: string, at: number, remove: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}

function checkSteps(steps: string[]): void {
  const cache = new ParseCache();
  for (const text of steps) {
    assert.deepEqual(parseTranscript(text, cache), parseTranscript(text), JSON.stringify(text));
  }
}

/** fast-check's counterexample of a second byte-order mark typed before the first, kept as an example. */
const BOM_DOUBLED = {
  text: `\uFEFF${DOC}`,
  steps: [
    { changes: [{ at: 0, remove: 0, insert: '\uFEFF' }], pull: false, model: false, full: 0 },
    { changes: [{ at: 0, remove: 0, insert: '' }], pull: false, model: false, full: 0 },
  ],
};

describe('incremental parsing', () => {
  it('gives the same result as a fresh parse after edits of every kind', () => {
    const at = (s: string) => DOC.indexOf(s);
    checkSteps([
      DOC,
      edit(DOC, at('Slot.'), 0, 'Nieuw [stuk]{#outcome}.\n\n'),
      edit(DOC, at('omdat'), 5, 'want'),
      edit(DOC, at(']{#intentie}'), 1, ''), // breaks a fragment
      edit(DOC, at('```\n[geen]'), 3, ''), // opens the code block no more
      edit(DOC, at(':::\n\n```'), 3, ''), // unclosed div
      edit(DOC, at('practice'), 0, 'coder: [x\n'), // broken front matter
      edit(DOC, 0, 4, ''), // no front matter any more
      edit(DOC, at('\n\nAnna'), 2, ' '), // joins two paragraphs
      edit(DOC, at('# Gesprek'), 0, '<<<<<<< a\n=======\n>>>>>>> b\n'),
      DOC,
    ]);
  });

  it('reuses the results of unchanged chunks', () => {
    const cache = new ParseCache();
    parseTranscript(DOC, cache);
    const before = cache.results();
    const changed = edit(DOC, DOC.indexOf('Slot.'), 5, 'Anders.');
    parseTranscript(changed, cache);
    const after = cache.results();
    assert.ok(!after.has('Slot.'));
    assert.ok(after.has('Anders.'));
    let reused = 0;
    for (const [source, result] of after) {
      if (before.get(source) === result) reused++;
    }
    assert.equal(reused, after.size - 1);
  });

  it('shifts reused chunks to their new place', () => {
    const cache = new ParseCache();
    const text = md('Een [a]{#x}.', '', 'Twee [b]{#y}.');
    parseTranscript(text, cache);
    const moved = 'Nieuw begin.\n\n' + text;
    const result = parseTranscript(moved, cache);
    assert.deepEqual(result, parseTranscript(moved));
    assert.deepEqual(
      result.fragments.map((f) => moved.slice(f.full.span.start, f.full.span.end)),
      ['[a]{#x}', '[b]{#y}'],
    );
  });

  it('handles the same chunk text twice in one document', () => {
    const para = '**S1:** [ja]{#a}';
    checkSteps([md(para, '', para), md(para, '', 'x', '', para), md(para)]);
  });

  it('does not let one parse change the results of another', () => {
    const cache = new ParseCache();
    const first = parseTranscript(DOC, cache);
    const copy = structuredClone(first);
    parseTranscript('x\n\n' + DOC, cache);
    parseTranscript(DOC.replace('Slot.', 'Slot [x]{#y}.'), cache);
    assert.deepEqual(first, copy);
  });

  it('keeps the model before an edit inside a paragraph and moves the model after it', () => {
    const cache = new ParseCache();
    const before = parseTranscript(DOC, cache);
    const at = DOC.indexOf('streng');
    const after = parseTranscript(edit(DOC, at, 0, 'heel '), cache);
    assert.deepEqual(after, parseTranscript(edit(DOC, at, 0, 'heel ')));
    const fragmentsBefore = before.fragments.filter((f) => f.full.span.end < DOC.indexOf('::: {#actanten}'));
    for (const f of fragmentsBefore) assert.equal(after.fragments[f.id], f);
    const div = after.fragments.find((f) => f.kind === 'div')!;
    assert.equal(div.text, 'S2: Het beleid was heel streng.');
    assert.equal(after.fragments.find((f) => f.codes[0] === 'actanten/beleid')!.parent, div.id);
  });

  it('re-assembles an edit in the last paragraph of a coded section, whose end moves with it', () => {
    const text = md('# Deel een {#context}', '', 'Begin [c]{#z}.', '', '**S1:** Eerste [a]{#x}.', '', 'Laatste zin.', '', '# Deel twee', '', 'Verder [b]{#y}.');
    const cache = new ParseCache();
    const before = parseTranscript(text, cache);
    const longer = edit(text, text.indexOf('zin.'), 0, 'lange ');
    const shorter = edit(text, text.indexOf('\n\nLaatste'), '\n\nLaatste zin.'.length, '');
    for (const changed of [longer, shorter, text]) {
      const after = parseTranscript(changed, cache);
      assert.deepEqual(after, parseTranscript(changed));
      assert.equal(after.fragments[1], before.fragments[1], 'the fragment before the edit is kept, not parsed again');
    }
    const section = parseTranscript(longer, cache).fragments[0]!;
    assert.equal(longer.slice(section.full.span.start, section.full.span.end), md('# Deel een {#context}', '', 'Begin [c]{#z}.', '', '**S1:** Eerste [a]{#x}.', '', 'Laatste lange zin.'));
    assert.deepEqual(section.full.range, { start: { line: 0, character: 0 }, end: { line: 6, character: 18 } });
    const cut = parseTranscript(shorter, cache).fragments[0]!;
    assert.equal(cut.text, 'Deel een Begin c. S1: Eerste a.');
    assert.deepEqual(cut.full.range, { start: { line: 0, character: 0 }, end: { line: 4, character: 23 } });
  });

  it('works out the diagnostics after an edit inside a paragraph without building the model', () => {
    const lookup = codeLookup(builtInCodebook('nl'));
    const cache = new ParseCache();
    parseTranscript(DOC, cache);
    const base = cache.last;
    const changed = edit(DOC, DOC.indexOf('Slot.'), 0, 'Met [een]{#onbekend #intentie #intentie} code.\n\n');
    const diagnostics = cache.diagnostics(changed, lookup);
    assert.equal(cache.last, base, 'no parse ran');
    assert.deepEqual(diagnostics, transcriptDiagnostics(parseTranscript(changed), lookup));
    assert.deepEqual(
      diagnostics.map((d) => [d.rule, changed.slice(d.span.start, d.span.end), d.range.start.line]),
      [
        ['undefined-subcode', '#actanten/beleid', 11],
        ['undefined-code', '#onbekend', 20],
        ['duplicate-code', '#intentie', 20],
      ],
    );
    // The model, asked for afterwards, is that of the same text.
    assert.deepEqual(parseTranscript(changed, cache), parseTranscript(changed));
    assert.equal(cache.diagnosed, undefined);
  });

  it('works out the diagnostics after typing in a heading, its coding included, without building the model', () => {
    const lookup = codeLookup(builtInCodebook('nl'));
    const cache = new ParseCache();
    parseTranscript(DOC, cache);
    const base = cache.last;
    let text = DOC;
    for (const [after, insert] of [['# Ges', 'x'], ['{#context', ' #context #Intentie'], ['## Vraag', ' nu']] as const) {
      text = edit(text, text.indexOf(after) + after.length, 0, insert);
      assert.deepEqual(cache.diagnostics(text, lookup), transcriptDiagnostics(parseTranscript(text), lookup), text);
    }
    assert.equal(cache.last, base, 'no parse ran');
    assert.deepEqual(
      cache.diagnostics(text, lookup).map((d) => [d.rule, text.slice(d.span.start, d.span.end)]),
      [
        ['duplicate-code', '#context'],
        ['code-case', '#Intentie'],
        ['undefined-subcode', '#actanten/beleid'],
      ],
    );
  });

  it('gives the diagnostics of a fresh parse after any sequence of edits (CR LF too), with models asked for in between', () => {
    const pieces = ['x', ' ', '\n', '\n\n', '\r\n', '\r', '**S9:** ', '[', ']', ']{#a}', '{#intentie}', '{#Intentie}', '{#b #b}', '{', '}', '#', '# ', '## K {#c}', '::: {#d}', ':::', '{intentie}'];
    const base = fc.constantFrom(DOC, DOC.replace(/\n/g, '\r\n'), md('# A {#a}', '', 'Een [x]{#intentie/y}.', '', '## B {#b}', '', 'Twee [x]{#c}.', '', '::: {#d}', 'Drie.', '', 'Vier [y]{#e}.', ':::', '', 'Vijf {intentie}.'));
    const step = fc.record({ at: fc.nat(), remove: fc.nat({ max: 5 }), insert: fc.oneof(fc.constantFrom(...pieces), fc.constant('')), model: fc.boolean(), codebook: fc.integer({ min: 0, max: 9 }) });
    const lookups = [codeLookup(builtInCodebook('nl')), codeLookup(builtInCodebook('en'))];
    fc.assert(
      fc.property(base, fc.array(step, { minLength: 1, maxLength: 12 }), (start, steps) => {
        const cache = new ParseCache();
        let text = start;
        let lookup = lookups[0]!;
        parseTranscript(text, cache);
        for (const s of steps) {
          const at = s.at % (text.length + 1);
          text = edit(text, at, s.remove, s.insert);
          if (s.codebook === 0) lookup = lookup === lookups[0] ? lookups[1]! : lookups[0]!;
          const fresh = parseTranscript(text);
          assert.deepEqual(cache.diagnostics(text, lookup), transcriptDiagnostics(fresh, lookup), JSON.stringify(text));
          if (s.model) assert.deepEqual(parseTranscript(text, cache), fresh, JSON.stringify(text));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('an open document (its text in pieces, the change known from the edits): diagnostics and model of a fresh parse after any edits, several between pulls', () => {
    const pieces = ['x', ' ', '\n', '\n\n', '\r\n', '\r', '**S9:** ', '[', ']', ']{#a}', '{#intentie}', '{#b #b}', '{', '}', '# ', '## K {#c}', '::: {#d}', ':::', '{intentie}', '\uFEFF'];
    const base = fc.constantFrom(DOC, DOC.replace(/\n/g, '\r\n'), '\uFEFF' + DOC, md('# A {#a}', '', 'Een [x]{#intentie/y}.', '', '## B {#b}', '', 'Twee [x]{#c}.', '', 'Vijf {intentie}.'));
    const change = fc.record({ at: fc.nat(), remove: fc.nat({ max: 5 }), insert: fc.oneof(fc.constantFrom(...pieces), fc.constant('')) });
    const step = fc.record({ changes: fc.array(change, { minLength: 1, maxLength: 3 }), pull: fc.boolean(), model: fc.boolean(), full: fc.integer({ min: 0, max: 15 }) });
    const lookup = codeLookup(builtInCodebook('nl'));
    fc.assert(
      fc.property(base, fc.array(step, { minLength: 1, maxLength: 10 }), (start, steps) => {
        const documents = new OpenDocuments();
        const entry = documents.open('file:///a.md', 'markdown', 1, start);
        let text = start;
        let version = 1;
        documents.diagnostics(entry, lookup);
        for (const s of steps) {
          const events = s.changes.map((c) => {
            // An LSP position never lies between a CR and its LF.
            const insideCrLf = (offset: number): boolean => text[offset - 1] === '\r' && text[offset] === '\n';
            let at = c.at % (text.length + 1);
            if (insideCrLf(at)) at--;
            let end = Math.min(text.length, at + c.remove);
            if (insideCrLf(end)) end++;
            const lines = new LineIndex(text);
            const event = { range: { start: lines.position(at), end: lines.position(end) }, text: c.insert };
            text = edit(text, at, end - at, c.insert);
            return event;
          });
          documents.change('file:///a.md', ++version, s.full === 0 ? [{ text }] : events);
          assert.equal(entry.document.getText(), text);
          if (!s.pull && !s.model) continue;
          const fresh = parseTranscript(text);
          if (s.pull) assert.deepEqual(documents.diagnostics(entry, lookup), transcriptDiagnostics(fresh, lookup), JSON.stringify(text));
          if (s.model) assert.deepEqual(documents.model(entry), fresh, JSON.stringify(text));
        }
        assert.deepEqual(documents.diagnostics(entry, lookup), transcriptDiagnostics(parseTranscript(text), lookup));
      }),
      {
        numRuns: 300,
        // A second byte-order mark typed before the first: the re-parse stripped the mark twice.
        examples: [[BOM_DOUBLED.text, BOM_DOUBLED.steps]],
      },
    );
  });

  it('an open document of many pieces and chunks: many edits at its top, then in the middle and at the end, then the model', () => {
    const lookup = codeLookup(builtInCodebook('nl'));
    const turns: string[] = ['---', 'practice: Breda', '---', ''];
    for (let i = 0; i < 1500; i++) {
      if (i % 100 === 0) turns.push(`## Vraag ${i} {#context}`, '');
      turns.push(i % 7 === 0 ? `**S1:** Beurt ${i} met [een stuk]{#intentie #intentie}.` : `**S2:** Beurt ${i}, gewoon {#activiteit/x}.`, '');
    }
    let text = turns.join('\n');
    const documents = new OpenDocuments();
    const entry = documents.open('file:///groot.md', 'markdown', 1, text);
    const expected = transcriptDiagnostics(parseTranscript(text), lookup);
    assert.deepEqual(documents.diagnostics(entry, lookup), expected);
    const base = entry.cache.last;
    let version = 1;
    const type = (offset: number, insert: string, remove = 0): void => {
      const lines = new LineIndex(text);
      documents.change('file:///groot.md', ++version, [{ range: { start: lines.position(offset), end: lines.position(offset + remove) }, text: insert }]);
      text = edit(text, offset, remove, insert);
    };
    const top = text.indexOf('Beurt 0') + 5;
    for (let i = 0; i < 60; i++) {
      type(top, i % 3 === 2 ? '\n' : 'e');
      if (i % 10 === 0) assert.deepEqual(documents.diagnostics(entry, lookup), transcriptDiagnostics(parseTranscript(text), lookup));
    }
    type(top, '', 5);
    type(text.indexOf('Beurt 700'), 'Nieuw [stuk]{#onbekend}.\n\n');
    type(text.lastIndexOf('gewoon'), 'heel ');
    assert.deepEqual(documents.diagnostics(entry, lookup), transcriptDiagnostics(parseTranscript(text), lookup));
    assert.equal(entry.cache.last, base, 'no parse ran while typing');
    assert.deepEqual(documents.model(entry), parseTranscript(text));
    type(text.length, '\n\nSlot [x]{#y}.');
    assert.deepEqual(documents.diagnostics(entry, lookup), transcriptDiagnostics(parseTranscript(text), lookup));
  });

  it('equals a fresh parse after any sequence of small edits (typing, deleting, pasting structure)', () => {
    const pieces = ['x', ' ', 'e', '\n', '\n\n', '**S9:** ', 'Anna: ', '[', ']', ']{#a}', '{#b}', '{', '}', '#', '# ', '## K {#c}', ':::', '::: {#d}', '```', '---', '<<<<<<< a', '=======', '>>>>>>> b', '*', '_', '`', '> ', '- '];
    const base = fc.constantFrom(DOC, md('**S1:** Een [a]{#x}.', '', '**S2:** Twee. {#y}', '', '# Deel {#z}', '', 'Drie [b]{#x/y} en [c]{#q}.', '', 'Vier.'), md('# A {#a}', '', 'Een.', '', '## B {#b}', '', 'Twee [x]{#c}.', '', '::: {#d}', 'Drie.', '', 'Vier [y]{#e}.', ':::', '', 'Vijf.'));
    const step = fc.record({ at: fc.nat(), remove: fc.nat({ max: 5 }), insert: fc.oneof(fc.constantFrom(...pieces), fc.constant('')) });
    fc.assert(
      fc.property(base, fc.array(step, { minLength: 1, maxLength: 12 }), (start, steps) => {
        const cache = new ParseCache();
        let text = start;
        parseTranscript(text, cache);
        for (const s of steps) {
          const at = s.at % (text.length + 1);
          text = edit(text, at, s.remove, s.insert);
          assert.deepEqual(parseTranscript(text, cache), parseTranscript(text), JSON.stringify(text));
        }
      }),
      { numRuns: 400 },
    );
  });
});

