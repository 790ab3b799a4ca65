// Incremental parsing: `parseTranscript(text, cache)` re-reads only the chunks an edit touched,
// and its result equals a fresh parse.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTranscript, type ChunkCache } from '../../server/src/core/transcript';
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
  const cache = { chunks: new Map() as ChunkCache };
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
    const cache = { chunks: new Map() as ChunkCache };
    parseTranscript(DOC, cache);
    const before = new Map(cache.chunks);
    const changed = edit(DOC, DOC.indexOf('Slot.'), 5, 'Anders.');
    parseTranscript(changed, cache);
    assert.ok(!cache.chunks.has('Slot.'));
    assert.ok(cache.chunks.has('Anders.'));
    let reused = 0;
    for (const [source, result] of cache.chunks) {
      if (before.get(source) === result) reused++;
    }
    assert.equal(reused, cache.chunks.size - 1);
  });

  it('shifts reused chunks to their new place', () => {
    const cache = { chunks: new Map() as ChunkCache };
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
    const cache = { chunks: new Map() as ChunkCache };
    const first = parseTranscript(DOC, cache);
    const copy = structuredClone(first);
    parseTranscript('x\n\n' + DOC, cache);
    parseTranscript(DOC.replace('Slot.', 'Slot [x]{#y}.'), cache);
    assert.deepEqual(first, copy);
  });
});
