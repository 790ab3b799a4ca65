// A matrix in the benchmark: codes (aspects and sub-codes) × an attribute over the whole corpus,
// through the language server (kader/matrix over JSON-RPC) with the index warm, as the Statistics
// page asks for it. The index keeps the last matrices it made until it changes, so the samples
// cycle through more code × attribute matrices (a front matter key, practice, coder, speaker,
// each counting fragments, transcripts or characters) than it keeps: every sample makes its
// matrix. Reported: p50 and p95 of those (target p95 ≤ 200 ms), the p95 against the tree roots'
// p95 of the same run (kader/tree without a filter: what the views ask on every change), and
// asking for the same matrix again (the index's copy).
//
// Alone, on its own server (start + scan not timed): node --import tsx bench/matrix.ts [--quick]

import { MatrixRequest, type MatrixParams } from '../server/src/protocol';
import { runAlone } from './alone';
import type { BenchServer } from './lsp';
import { percentile, round } from './stats';

export const BENCH_MATRIX: MatrixParams = { rows: 'code', columns: { attribute: 'ronde' }, measure: 'fragments' };
/** More distinct code × attribute matrices than the index keeps (8), asked in turn. */
const VARIANTS: MatrixParams[] = (['fragments', 'documents', 'characters'] as const).flatMap((measure) =>
  ([{ attribute: 'ronde' }, 'practice', 'coder', 'speaker'] as const).map((columns) => ({ rows: 'code' as const, columns, measure })),
);
const SAMPLES = 24;

export interface MatrixFigures {
  /** The first ask after the index was loaded (codes × ronde, fragments). */
  firstMs: number;
  /** Rows × columns of that matrix. */
  size: string;
  /** Fragments counted in it. */
  total: number;
  /** Of matrices the index does not hold: each sample makes its matrix. */
  p50: number;
  p95: number;
  samples: number;
  /** Asking for the same matrix again: the index's copy. */
  againMs: number;
  /** p95 of the matrix ÷ p95 of the tree roots of the same run. */
  vsTree: number;
}


/** Times `kader/matrix` on a server whose index is loaded; `treeP95` is the tree roots' p95 of the same run. */
export async function benchMatrix(server: BenchServer, treeP95: number): Promise<MatrixFigures> {
  const firstStart = performance.now();
  const first = await server.connection.sendRequest(MatrixRequest, BENCH_MATRIX);
  const firstMs = round(performance.now() - firstStart);
  const againStart = performance.now();
  await server.connection.sendRequest(MatrixRequest, BENCH_MATRIX);
  const againMs = round(performance.now() - againStart);
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    await server.connection.sendRequest(MatrixRequest, VARIANTS[(i + 1) % VARIANTS.length]!);
    samples.push(performance.now() - start);
  }
  const p95 = round(percentile(samples, 0.95));
  return { firstMs, size: `${first.rows.length} × ${first.columns.length}`, total: first.total, p50: round(percentile(samples, 0.5)), p95, samples: SAMPLES, againMs, vsTree: round(p95 / treeP95) };
}

async function main(): Promise<void> {
  await runAlone('matrix', SAMPLES, async (server, treeP95) => {
    const figures = await benchMatrix(server, treeP95);
    console.log(`matrix codes × attribute (codes × ronde ${figures.size}, ${figures.total} fragments): first ${figures.firstMs} ms; each made anew p50 ${figures.p50} / p95 ${figures.p95} ms (${figures.vsTree}× the tree roots' p95); the same again ${figures.againMs} ms`);
  });
}

if (require.main === module) void main();
