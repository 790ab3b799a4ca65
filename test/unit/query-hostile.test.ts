// Coding queries over the hostile corpus (test/hostile/cases.ts, unit scale): every transcript the
// core reads is indexed, and queries of every term and relation evaluate over it without throwing.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeText } from '../../server/src/core/fileText';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { evaluateQuery, parseQuery } from '../../server/src/core/query';
import { CASES } from '../hostile/cases';
import { subjectBytes } from '../hostile/generate';

const QUERIES = [
  '#intentie OR NOT #context',
  '#intentie IN #context OR #a OVERLAPS #b',
  '#intentie NEAR/3 #context AND speaker:S1',
  '#x SAMETURN #y OR #x SAMESECTION NOT #y',
  '"de gemeente" OR /bewoner(s)?/i',
  'practice:"Leergemeenschap Breda" OR coder:anna OR jaar:>=2 OR date:<2021',
];

test('every query evaluates over the hostile transcripts, each fragment found once', () => {
  const index = new WorkspaceIndex();
  let read = 0;
  for (const hostile of CASES) {
    if (hostile.core?.as === 'codebook' || hostile.core?.skipped) continue;
    const bytes = subjectBytes(hostile, 'unit');
    if (!bytes) continue;
    const decoded = decodeText(bytes);
    if (!decoded.ok) continue;
    index.set(hostile.name, `${hostile.name}.md`, parseTranscript(decoded.text));
    read++;
  }
  assert.ok(read > 10, `${read} hostile transcripts were read`);
  for (const text of QUERIES) {
    const parsed = parseQuery(text, 'en');
    assert.ok(parsed.ok, text);
    const found = evaluateQuery(index, parsed.query);
    assert.equal(new Set(found.map((r) => `${r.document.key}#${r.fragment.id}`)).size, found.length, text);
  }
});
