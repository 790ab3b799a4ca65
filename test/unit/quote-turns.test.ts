// A quote over several turns is read turn by turn.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { quoteParts } from '../../server/src/core/outputs/quoteTurns';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { md } from './helpers';

function partsOf(text: string): ReturnType<typeof quoteParts>[] {
  const index = new WorkspaceIndex();
  const document = index.set('a.md', 'a.md', parseTranscript(text));
  return document.fragments.map((fragment) => quoteParts({ document, fragment }));
}

test('a coded section: its heading, then each turn with its speaker', () => {
  const [section] = partsOf(md('## Waarom doe je mee? {#intentie}', '', '**Interviewer:** Vertel eens.', '', '**S1:** Omdat het moest.', '', '**S2:** Ik wilde zelf.', ''));
  assert.deepEqual(section, [
    { text: 'Waarom doe je mee?' },
    { speaker: 'Interviewer', text: 'Vertel eens.' },
    { speaker: 'S1', text: 'Omdat het moest.' },
    { speaker: 'S2', text: 'Ik wilde zelf.' },
  ]);
});

test('a coded paragraph of one turn: its words without the label; an inline fragment as it is', () => {
  const [block, inline] = partsOf(md('**S1:** Eerlijk gezegd [omdat het moest]{#intentie/gestuurd}. {#intentie}', ''));
  assert.deepEqual(block, [{ speaker: 'S1', text: 'Eerlijk gezegd omdat het moest.' }]);
  assert.deepEqual(inline, [{ speaker: 'S1', text: 'omdat het moest' }]);
});

test('a div over two turns; words that only look like a label stay in their turn', () => {
  const [div] = partsOf(md('::: {#context}', '**S1:** De gemeente zegt: S2: doe maar.', '', '**S2:** En wij doen.', ':::', ''));
  assert.deepEqual(div, [
    { speaker: 'S1', text: 'De gemeente zegt: S2: doe maar.' },
    { speaker: 'S2', text: 'En wij doen.' },
  ]);
});
