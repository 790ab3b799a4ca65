// A benchmark row run on its own (`node --import tsx bench/<row>.ts [--quick]`): the seeded corpus,
// a server of its own with the index loaded (start and scan not timed), and the tree roots' p95 of
// the same server as the row's baseline.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TreeRequest } from '../server/src/protocol';
import { generateCorpus } from './corpus';
import { BenchServer } from './lsp';
import { percentile } from './stats';

export async function runAlone(name: string, samples: number, row: (server: BenchServer, treeP95: number) => Promise<void>): Promise<void> {
  const quick = process.argv.includes('--quick');
  const root = path.join(__dirname, 'corpus', quick ? 'quick' : 'full');
  generateCorpus(root, { files: quick ? 30 : 300, seed: 20201112, largeOutside: quick });
  const cacheDir = mkdtempSync(path.join(tmpdir(), `kader-${name}-bench-`));
  const server = await BenchServer.start({ folders: [root], cacheDir, locale: 'nl' });
  try {
    await server.connection.sendRequest(TreeRequest, { view: 'aspects' });
    const tree: number[] = [];
    for (let i = 0; i < samples; i++) {
      const start = performance.now();
      await server.connection.sendRequest(TreeRequest, { view: 'aspects' });
      tree.push(performance.now() - start);
    }
    await row(server, percentile(tree, 0.95));
  } finally {
    await server.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
