// Incremental parsing: `parseTranscript(text, cache)` re-reads only the chunks an edit touched,
// and its result equals a fresh parse.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ParseCache, parseTranscript } from '../../server/src/core/transcript';
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

