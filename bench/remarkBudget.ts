// How long remark may take on one chunk within chunk.ts's REMARK_BUDGET: the patterns on which
// its work grows fastest, each at the markup budget, timed after a warm-up (best of 5).
// `node --import tsx bench/remarkBudget.ts`

import { REMARK_BUDGET, readChunk } from '../server/src/core/parse/chunk';

const n = REMARK_BUDGET.markup;
const half = Math.floor(n / 2);
const patterns: [string, string][] = [
  ['`a_ ` runs', 'a_ '.repeat(n)],
  ['`a* ` runs', 'a* '.repeat(n)],
  ['`_a_ ` emphasis', '_a_ '.repeat(half)],
  ['`**a ` strong openers', '**a '.repeat(half)],
  ['nested `*`', '*'.repeat(half) + 'a' + '*'.repeat(half)],
  ['nested `[`', '['.repeat(n) + 'x'],
  ['nested fragments', '['.repeat(half) + 'x' + ']{#a}'.repeat(half)],
  ['fragments on one line', '[x]{#a} '.repeat(half)],
  ['`[x](` link openers', '[x]('.repeat(half)],
  ['backticks', '`a'.repeat(n)],
  ['`<a ` tags', '<a '.repeat(n)],
  ['nested quotes', '>'.repeat(n) + ' x'],
  ['plain text at the length budget', 'woord '.repeat(Math.floor(REMARK_BUDGET.length / 6))],
];

for (const [, text] of patterns) readChunk(text.slice(0, 200));
const rows = patterns.map(([name, text]) => {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    readChunk(text);
    best = Math.min(best, performance.now() - start);
  }
  return [name, `${text.length} chars`, `${best.toFixed(1)} ms`];
});
const width = Math.max(...rows.map((r) => r[0]!.length));
process.stdout.write(`remark budget: ${REMARK_BUDGET.markup} markup characters, ${REMARK_BUDGET.length / 1024} kB per chunk\n`);
for (const [name, size, ms] of rows) process.stdout.write(`${name!.padEnd(width)}  ${size!.padStart(14)}  ${ms!.padStart(9)}\n`);
