// A matrix in the benchmark: codes (aspects and sub-codes) × a front matter key (`ronde`) over the
// whole corpus, through the language server (kader/matrix over JSON-RPC) with the index warm, as
// the Statistics page asks for it. Reported: the first ask (the matrix made; the index keeps it
// until it changes), then p50 and p95 of asking again (target p95 ≤ 200 ms) and the p95 against
// the tree roots' p95 of the same run (kader/tree without a filter: what the views ask on every change).
//
// Alone, on its own server (start + scan not timed): node --import tsx bench/matrix.ts [--quick]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MatrixRequest, TreeRequest, type MatrixParams } from '../server/src/protocol';
import { generateCorpus } from './corpus';
import { BenchServer } from './lsp';

export const BENCH_MATRIX: MatrixParams = { rows: 'code', columns: { attribute: 'ronde' }, measure: 'fragments' };
const SAMPLES = 20;

export interface MatrixFigures {
  /** The first ask after the index was loaded: the matrix made (later asks get the index's copy until it changes). */
  firstMs: number;
  /** Rows × columns of the matrix. */
  size: string;
  /** Fragments counted. */
  total: number;
  p50: number;
  p95: number;
  samples: number;
  /** p95 of the matrix ÷ p95 of the tree roots of the same run. */
  vsTree: number;
}

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Times `kader/matrix` on a server whose index is loaded; `treeP95` is the tree roots' p95 of the same run. */
export async function benchMatrix(server: BenchServer, treeP95: number): Promise<MatrixFigures> {
  const firstStart = performance.now();
  const first = await server.connection.sendRequest(MatrixRequest, BENCH_MATRIX);
  const firstMs = round(performance.now() - firstStart);
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    await server.connection.sendRequest(MatrixRequest, BENCH_MATRIX);
    samples.push(performance.now() - start);
  }
  const p95 = round(percentile(samples, 0.95));
  return { firstMs, size: `${first.rows.length} × ${first.columns.length}`, total: first.total, p50: round(percentile(samples, 0.5)), p95, samples: SAMPLES, vsTree: round(p95 / treeP95) };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const root = path.join(__dirname, 'corpus', quick ? 'quick' : 'full');
  generateCorpus(root, { files: quick ? 30 : 300, seed: 20201112, largeOutside: quick });
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'kader-matrix-bench-'));
  const server = await BenchServer.start({ folders: [root], cacheDir, locale: 'nl' });
  try {
    await server.connection.sendRequest(TreeRequest, { view: 'aspects' });
    const tree: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const start = performance.now();
      await server.connection.sendRequest(TreeRequest, { view: 'aspects' });
      tree.push(performance.now() - start);
    }
    const figures = await benchMatrix(server, percentile(tree, 0.95));
    console.log(`matrix codes × ronde (${figures.size}, ${figures.total} fragments): first ${figures.firstMs} ms, then p50 ${figures.p50} / p95 ${figures.p95} ms (${figures.vsTree}× the tree roots' p95)`);
  } finally {
    await server.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

if (require.main === module) void main();
