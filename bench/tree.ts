// Times the views' tree requests on the benchmark corpus, through the core functions the
// `kader/tree` handler calls (treeLevel), answers serialized as JSON the way the server sends them:
//
//   node --import tsx bench/tree.ts [--quick] [--runs N] [--root DIR]
//
// "after a change" re-sets one transcript first (as typing does), so the index's generation moves
// on and the buckets are built again; "warm" asks again without a change.

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { aspectTree, treeLevel, type TreeNode, type TreeQuery, type AggregateView } from '../server/src/core/index/aggregate';
import { loadProject } from '../server/src/workspace/project';
import { generateCorpus } from './corpus';
import { stats } from './stats';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, runs: { type: 'string', default: '20' }, root: { type: 'string' } },
});
const runs = Number(values.runs);
const SEED = 20201112;

interface Sample {
  ms: number;
  /** CPU time of the process (all threads), less sensitive to a busy machine than wall time. */
  cpuMs: number;
  bytes: number;
}

function cpuSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

async function main(): Promise<void> {
  const root = values.root ?? path.join(__dirname, 'corpus', values.quick ? 'quick' : 'full');
  const corpus = generateCorpus(root, { files: values.quick ? 30 : 300, seed: SEED, largeOutside: values.quick });
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'kader-tree-cache-'));
  const project = await loadProject(root, { locale: 'nl', cacheDir });
  rmSync(cacheDir, { recursive: true, force: true });
  const { index, codebook } = project;
  let fragments = 0;
  for (const document of index.all()) fragments += document.fragments.length;
  console.log(`load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  console.log(`${index.size} transcripts, ${fragments} fragments, ${(corpus.bytes / 1024 / 1024).toFixed(1)} MB`);

  const documents = index.all();
  let touched = 0;
  const change = (): void => {
    const document = documents[touched++ % documents.length]!;
    index.set(document.key, document.path, document.model);
  };
  const level = (view: AggregateView, parent?: TreeQuery): Sample & { nodes: TreeNode[] } => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const nodes = treeLevel(index, codebook, view, {}, 'nl', parent);
    const bytes = JSON.stringify({ roots: nodes, coders: index.coders() }).length;
    return { ms: performance.now() - start, cpuMs: cpuSince(cpu), bytes, nodes };
  };
  const biggest = (nodes: TreeNode[]): TreeNode => nodes.reduce((a, b) => (b.count > a.count ? b : a));

  const report = (name: string, measure: () => Sample): void => {
    measure(); // warm-up: JIT
    const ms: number[] = [];
    const cpuMs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const run = measure();
      ms.push(run.ms);
      cpuMs.push(run.cpuMs);
      bytes = run.bytes;
    }
    const wall = stats(ms);
    const cpu = stats(cpuMs);
    const figure = (n: number): string => String(n).padStart(8);
    console.log(`${name.padEnd(62)} wall p50 ${figure(wall.p50)} p95 ${figure(wall.p95)} ms | cpu p50 ${figure(cpu.p50)} p95 ${figure(cpu.p95)} ms | ${(bytes / 1024).toFixed(1)} KB`);
  };

  // Once: the first request after the index is loaded sorts every document's fragments.
  const first = level('aspects');
  console.log(`aspects: roots, first request after loading: wall ${first.ms.toFixed(2)} ms, cpu ${first.cpuMs.toFixed(2)} ms`);

  for (const view of ['aspects', 'practices'] as const) {
    const roots = level(view).nodes;
    const first = biggest(roots);
    const second = biggest(level(view, first.query).nodes);
    const third = biggest(level(view, second.query).nodes);
    report(`${view}: roots, after a change`, () => (change(), level(view)));
    report(`${view}: roots, warm`, () => level(view));
    report(`${view}: expand ${first.id} (${first.count}), after a change`, () => (change(), level(view, first.query)));
    report(`${view}: expand ${first.id}, warm`, () => level(view, first.query));
    report(`${view}: expand ${second.id} (${second.count}), after a change`, () => (change(), level(view, second.query)));
    report(`${view}: leaves of ${third.id} (${third.count}), after a change`, () => (change(), level(view, third.query)));
  }
  report('whole aspects tree (aspectTree, for reports), after a change', () => {
    change();
    const cpu = process.cpuUsage();
    const start = performance.now();
    const bytes = JSON.stringify(aspectTree(index, codebook, {}, 'nl')).length;
    return { ms: performance.now() - start, cpuMs: cpuSince(cpu), bytes };
  });
}

void main();
