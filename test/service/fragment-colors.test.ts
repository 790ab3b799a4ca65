// kader/documentFragments: a fragment with several codes gives the colour of each (the editor shows
// every code); a fragment with one code keeps only `color`.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentFragmentsResult } from '../../server/src/protocol';
import { startService } from './harness';

test('kader/documentFragments: the colour of each code of a fragment with several, null where the codebook has none', async (t) => {
  const h = await startService(t);
  const breda = h.uri('breda/gesprek-1.md');
  await h.open(breda, 'Nieuw [stuk]{#onbekend #context/macht #activiteit} en [meer]{#activiteit}\n');
  const result = await h.request<DocumentFragmentsResult>('kader/documentFragments', { uri: breda });
  assert.deepEqual(
    result.fragments.map((f) => ({ codes: f.codes, color: f.color, colors: f.colors })),
    [
      { codes: ['onbekend', 'context/macht', 'activiteit'], color: undefined, colors: [null, '#F28E2B', '#59A14F'] },
      { codes: ['activiteit'], color: '#59A14F', colors: undefined },
    ],
  );
});
