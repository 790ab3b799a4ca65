// A coding query in the benchmark: three terms and a relation over the whole corpus, through the
// language server (kader/query over JSON-RPC) with the index warm, as a researcher asks it in
// the query box. Reported: p50 and p95 (target p95 ≤ 100 ms) and the p95 against the tree roots'
// p95 of the same run (kader/tree without a filter: what the views ask on every change).
//
// Alone, on its own server (start + scan not timed): node --import tsx bench/query.ts [--quick]

import { QueryRequest } from '../server/src/protocol';
import { runAlone } from './alone';
import type { BenchServer } from './lsp';
import { percentile, round } from './stats';

/** Three terms (two codes and a speaker) and a relation (NEAR/2). */
export const BENCH_QUERY = '#intentie NEAR/2 #context AND speaker:S1';
const SAMPLES = 30;

export interface QueryFigures {
  query: string;
  /** Fragments found. */
  count: number;
  p50: number;
  p95: number;
  samples: number;
  /** p95 of the query ÷ p95 of the tree roots of the same run. */
  vsTree: number;
}


/** Times `kader/query` on a server whose index is loaded; `treeP95` is the tree roots' p95 of the same run. */
export async function benchQuery(server: BenchServer, treeP95: number): Promise<QueryFigures> {
  const ask = (): Promise<unknown> => server.connection.sendRequest(QueryRequest, { query: BENCH_QUERY, limit: 200 });
  // The first ask reads each transcript's facts once (kept while the index holds the transcript).
  const first = await server.connection.sendRequest(QueryRequest, { query: BENCH_QUERY, limit: 200 });
  if (!first.ok) throw new Error(`the benchmark query is malformed: ${first.message}`);
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    await ask();
    samples.push(performance.now() - start);
  }
  const p95 = round(percentile(samples, 0.95));
  return { query: BENCH_QUERY, count: first.count, p50: round(percentile(samples, 0.5)), p95, samples: SAMPLES, vsTree: round(p95 / treeP95) };
}

async function main(): Promise<void> {
  await runAlone('query', SAMPLES, async (server, treeP95) => {
    const figures = await benchQuery(server, treeP95);
    console.log(`coding query "${figures.query}": ${figures.count} fragments, p50 ${figures.p50} / p95 ${figures.p95} ms (${figures.vsTree}× the tree roots' p95)`);
  });
}

if (require.main === module) void main();
