// The benchmark: `npm run bench` (full corpus, ~20 MB) or `npm run bench -- --quick` (a tenth).
// Generates the seeded corpus into bench/corpus/, measures reading, remark alone, cold and warm
// indexing, keystroke-to-diagnostics, queries, a rename, and memory; prints a table and writes
// bench/results.json.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { aspectTree, practiceTree } from '../server/src/core/aggregate';
import { checkCodes, codeLookup } from '../server/src/core/check';
import { messageOf } from '../server/src/core/messages';
import { LineIndex } from '../server/src/core/text';
import { parseTranscript, type ChunkCache } from '../server/src/core/transcript';
import type { Transcript } from '../server/src/core/types';
import { hoverText } from '../server/src/features/hover';
import { renameEdits } from '../server/src/features/rename';
import { readText } from '../server/src/workspace/files';
import { Indexer } from '../server/src/workspace/indexer';
import { loadProject, type Project } from '../server/src/workspace/project';
import type { Folder } from '../server/src/workspace/workspaceFolders';
import { generateCorpus, random } from './corpus';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const quick = process.argv.includes('--quick');
const SEED = 20201112;
const here = __dirname;

interface Stats {
  p50: number;
  p95: number;
  n: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50: round(at(0.5)), p95: round(at(0.95)), n: samples.length };
}

const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;
const mb = (bytes: number): number => round(bytes / 1024 / 1024);

function heapNow(): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Wall time, and CPU time of the whole process (all threads: the workers count too). */
async function time<T>(f: () => Promise<T> | T): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await f();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, value };
}

/** CPU milliseconds used by this process since `from` (a `process.cpuUsage()`). */
function cpuSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

/** Random edits of the kinds a coder makes, applied one after the other. */
function* edits(text: string, count: number, rnd: () => number): Generator<{ kind: string; text: string }> {
  const pick = (n: number): number => Math.floor(rnd() * n);
  const paragraph = '**S2:** Dat is een [nieuw geplakt stuk]{#context/macht} over de wijk en de gemeente, met een memo erbij.';
  for (let i = 0; i < count; i++) {
    const r = rnd();
    let at = pick(text.length);
    // Edit inside a paragraph: move to a position within a line of text.
    while (at > 0 && text[at - 1] === '\n' && text[at] === '\n') at--;
    if (r < 0.5) {
      const ch = 'abcdefghijklmnopqrstuvwxyz e'[pick(28)]!;
      text = text.slice(0, at) + ch + text.slice(at);
      yield { kind: 'type', text };
    } else if (r < 0.75) {
      if (text[at] === '\n') at = Math.max(0, at - 1);
      text = text.slice(0, at) + text.slice(at + 1);
      yield { kind: 'delete', text };
    } else if (r < 0.85) {
      const lineStart = text.lastIndexOf('\n', at) + 1;
      text = text.slice(0, lineStart) + paragraph + '\n\n' + text.slice(lineStart);
      yield { kind: 'paste', text };
    } else {
      let brace = text.indexOf('{#', at);
      if (brace < 0) brace = text.indexOf('{#');
      const insertAt = brace + 2 + pick(4);
      text = text.slice(0, insertAt) + 'x' + text.slice(insertAt);
      yield { kind: 'attribute', text };
    }
  }
}

async function main(): Promise<void> {
  const files = quick ? 30 : 300;
  const root = path.join(here, 'corpus', quick ? 'quick' : 'full');
  const generated = await time(() => generateCorpus(root, { files, seed: SEED, largeOutside: quick }));
  const corpus = generated.value;
  const corpusMB = corpus.bytes / 1024 / 1024;
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  log(`corpus: ${corpus.transcripts.length} transcripts, ${round(corpusMB)} MB in ${root} (${round(generated.ms, 0)} ms)`);

  // (1) Reading all files, and remark alone over all of them (the baseline).
  const readRun = await time(async () => {
    const texts: string[] = [];
    for (const relative of corpus.transcripts) {
      const read = await readText(path.join(root, relative));
      if (read.ok) texts.push(read.text);
    }
    return texts;
  });
  let texts: string[] = readRun.value;
  const processor = unified().use(remarkParse).use(remarkGfm);
  processor.parse('warm up *remark* [x]{#y}');
  const remarkRun = await time(() => {
    for (const text of texts) processor.parse(text);
  });
  log(`read ${round(readRun.ms, 0)} ms, remark ${round(remarkRun.ms, 0)} ms`);
  texts = [];
  readRun.value.length = 0;

  // (2) Cold index (empty cache) and warm index (a new indexer on the same cache).
  // RSS now, and the process's high-water mark so far (all threads), after each phase.
  const rss: Record<string, { now: number; peak: number }> = {};
  const rssAt = (phase: string): void => {
    rss[phase] = { now: mb(process.memoryUsage().rss), peak: mb(process.resourceUsage().maxRSS * 1024) };
  };
  rssAt('afterRemark');
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'kader-bench-cache-'));
  const heapBefore = heapNow();
  let coldProject: Project | undefined;
  const cold = await time(async () => {
    coldProject = await loadProject(root, { locale: 'nl', cacheDir });
  });
  if (!coldProject) throw new Error('no project');
  const heapAfter = heapNow();
  const indexHeap = heapAfter - heapBefore;
  const coldSize = coldProject.index.size;
  let fragments = 0;
  for (const document of coldProject.index.all()) fragments += document.fragments.length;
  log(`cold ${round(cold.ms, 0)} ms (${coldSize} files, ${fragments} fragments), index heap ${mb(indexHeap)} MB`);
  // A restart: the cold index is gone before the warm one is built; the warm one is used from here on.
  coldProject = undefined;
  heapNow();
  rssAt('afterColdIndex');
  const warm = await time(() => loadProject(root, { locale: 'nl', cacheDir }));
  const project: Project = warm.value;
  const warmIndexer = new Indexer({ cacheDir });
  let fromCache = 0;
  {
    const sources = corpus.transcripts.map((relative) => ({ key: relative, path: relative, file: path.join(root, relative) }));
    const { outcomes } = await warmIndexer.indexFiles(sources);
    for (const o of outcomes) if (o.ok && o.from === 'cache') fromCache++;
    await warmIndexer.dispose();
  }
  rssAt('afterWarmIndex');
  log(`warm ${round(warm.ms, 0)} ms (${fromCache}/${corpus.transcripts.length} from the cache)`);
  if (project.index.size !== coldSize) throw new Error('warm index differs in size');

  // (3) Keystroke → diagnostics on the 10,000-line transcript.
  const largeText = readFileSync(corpus.largeFile, 'utf8');
  const lookup = codeLookup(project.codebook);
  const diagnose = (model: Transcript): number => {
    const all = [...model.diagnostics, ...checkCodes(model, lookup)];
    return all.map((d) => ({ range: d.range, message: messageOf(d, 'nl'), code: d.rule })).length;
  };
  const cache: { chunks: ChunkCache } = { chunks: new Map() };
  diagnose(parseTranscript(largeText, cache));
  const editCount = quick ? 40 : 200;
  const fullEvery = quick ? 20 : 25; // a full re-parse is slow: sample it
  const incremental: number[] = [];
  const incrementalCpu: number[] = [];
  const full: number[] = [];
  const byKind: Record<string, number[]> = {};
  let n = 0;
  for (const edit of edits(largeText, editCount, random(SEED + 1))) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    diagnose(parseTranscript(edit.text, cache));
    const ms = performance.now() - start;
    incrementalCpu.push(cpuSince(cpu));
    incremental.push(ms);
    (byKind[edit.kind] ??= []).push(ms);
    if (n++ % fullEvery === 0) {
      const t = performance.now();
      diagnose(parseTranscript(edit.text));
      full.push(performance.now() - t);
    }
  }
  const keystroke = stats(incremental);
  rssAt('afterKeystrokes');
  log(`keystroke incremental p50 ${keystroke.p50} p95 ${keystroke.p95} ms; full p50 ${stats(full).p50} ms`);

  // (4) Queries, through the functions the server's handlers call (hover.ts, aggregate.ts).
  const folder = { index: project.index, codebook: project.codebook } as unknown as Folder;
  const documents = project.index.all();
  const rnd = random(SEED + 2);
  const codes = project.index.usedCodes();
  const completion: number[] = [];
  const hover: number[] = [];
  const tree: number[] = [];
  const documentFragments: number[] = [];
  for (let i = 0; i < (quick ? 20 : 50); i++) {
    const prefix = codes[Math.floor(rnd() * codes.length)]!.slice(0, 1 + Math.floor(rnd() * 4));
    completion.push(
      (
        await time(() => {
          const usage = project.index.codeUsage();
          const defined = project.codebook.codes.map((c) => c.code);
          const known = [...defined, ...project.index.usedCodes().filter((c) => !defined.includes(c))];
          const items = known
            .filter((c) => c.startsWith(prefix))
            .map((c) => ({ label: `#${c}`, detail: String(usage.get(c) ?? 0), documentation: project.codebook.codes.find((d) => d.code === c)?.description }));
          return JSON.stringify(items).length;
        })
      ).ms,
    );
    const code = codes[Math.floor(rnd() * codes.length)]!;
    hover.push((await time(() => JSON.stringify(hoverText(folder, code, 'nl')).length)).ms);
    if (i % 5 === 0) {
      const view = i % 10 === 0 ? aspectTree : practiceTree;
      tree.push((await time(() => JSON.stringify(view(project.index, project.codebook, {}, 'nl')).length)).ms);
    }
    const document = documents[Math.floor(rnd() * documents.length)]!;
    documentFragments.push(
      (
        await time(() => {
          const blocks = new Map(document.model.attributeBlocks.map((b) => [b.span.start, b.range]));
          const list = document.fragments.map((f) => ({
            id: f.id,
            parent: f.parent,
            kind: f.kind,
            codes: f.codes,
            text: f.text,
            memo: f.memo,
            speaker: f.speaker,
            range: f.content.range,
            fullRange: f.full.range,
            attributeRange: blocks.get(f.attributeBlock.start),
          }));
          return JSON.stringify({ version: null, fragments: list }).length;
        })
      ).ms,
    );
  }
  log(`queries: completion p95 ${stats(completion).p95}, hover p95 ${stats(hover).p95}, tree p95 ${stats(tree).p95}, fragments p95 ${stats(documentFragments).p95} ms`);

  rssAt('afterQueries');
  // (5) Renaming an aspect used in every file: the edits (rename.ts), then re-indexing.
  const aspect = 'intentie';
  const users = project.index.documentsUsing(aspect, true);
  const renameIndexer = new Indexer({ cacheDir });
  const renameTexts = new Map<string, string>();
  for (const d of users) renameTexts.set(d.key, readFileSync(path.join(root, d.path), 'utf8'));
  const renameEditsRun = await time(() => {
    let count = 0;
    const changed = new Map<string, string>();
    for (const d of users) {
      const text = renameTexts.get(d.key)!;
      const list = renameEdits(text, d.model, aspect, 'bedoeling');
      count += list.length;
      const lines = new LineIndex(text);
      let out = text;
      for (const e of [...list].reverse()) out = out.slice(0, lines.offset(e.range.start)) + e.newText + out.slice(lines.offset(e.range.end));
      changed.set(d.key, out);
    }
    return { count, changed };
  });
  const reindex = await time(async () => {
    const sources = [...renameEditsRun.value.changed].map(([key, text]) => ({ key, path: key, file: key, text }));
    const { outcomes } = await renameIndexer.indexFiles(sources);
    for (const o of outcomes) if (o.ok) project.index.set(o.key, o.path, o.model);
  });
  await renameIndexer.dispose();
  log(`rename: ${renameEditsRun.value.count} edits in ${users.length} files: ${round(renameEditsRun.ms, 0)} ms, re-index ${round(reindex.ms, 0)} ms`);

  rssAt('afterRename');
  rmSync(cacheDir, { recursive: true, force: true });
  const peakRss = process.resourceUsage().maxRSS * 1024;

  const results = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    node: process.version,
    cpus: (await import('node:os')).availableParallelism(),
    corpus: { transcripts: corpus.transcripts.length, mb: round(corpusMB), fragments, largeLines: largeText.split('\n').length },
    remarkMs: round(remarkRun.ms, 0),
    readMs: round(readRun.ms, 0),
    coldMs: round(cold.ms, 0),
    warmMs: round(warm.ms, 0),
    coldVsRemark: round(cold.ms / remarkRun.ms),
    warmVsRead: round(warm.ms / readRun.ms),
    // CPU time (all threads) tells the work apart from the machine's load; wall time is what counts.
    cpu: {
      remarkMs: round(remarkRun.cpuMs, 0),
      readMs: round(readRun.cpuMs, 0),
      coldMs: round(cold.cpuMs, 0),
      warmMs: round(warm.cpuMs, 0),
      coldVsRemark: round(cold.cpuMs / remarkRun.cpuMs),
      warmVsRead: round(warm.cpuMs / readRun.cpuMs),
      keystrokeIncremental: stats(incrementalCpu),
    },
    loadAverage: (await import('node:os')).loadavg().map((l) => round(l)),
    keystroke: { incremental: keystroke, full: stats(full), byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, stats(v)])) },
    queries: { completion: stats(completion), hover: stats(hover), tree: stats(tree), documentFragments: stats(documentFragments), through: 'core functions (hover.ts, aggregate.ts), serialized to JSON' },
    rename: { files: users.length, edits: renameEditsRun.value.count, editsMs: round(renameEditsRun.ms, 0), reindexMs: round(reindex.ms, 0) },
    memory: { indexHeapMB: mb(indexHeap), heapPerCorpusMB: round(indexHeap / corpus.bytes), peakRssMB: mb(peakRss), rssMB: rss },
  };
  const targets = {
    coldVsRemark: results.coldVsRemark <= 1.0,
    warmVsRead: results.warmVsRead <= 5,
    keystrokeP95: keystroke.p95 <= 15,
    heapPerCorpusMB: results.memory.heapPerCorpusMB <= 1,
    peakRss: results.memory.peakRssMB <= 400,
  };
  writeFileSync(path.join(here, 'results.json'), JSON.stringify({ ...results, targets }, null, 2) + '\n');

  const rows: [string, string, string][] = [
    ['corpus', `${results.corpus.transcripts} files, ${results.corpus.mb} MB, ${fragments} fragments`, ''],
    ['read', `${results.readMs} ms`, ''],
    ['remark (baseline)', `${results.remarkMs} ms`, ''],
    ['cold index', `${results.coldMs} ms`, `coldVsRemark ${results.coldVsRemark} (≤ 1.0: ${targets.coldVsRemark ? 'met' : 'NOT met'})`],
    ['warm index', `${results.warmMs} ms`, `warmVsRead ${results.warmVsRead} (≤ 5: ${targets.warmVsRead ? 'met' : 'NOT met'})`],
    ['keystroke incremental', `p50 ${keystroke.p50} / p95 ${keystroke.p95} ms`, `≤ 15 ms p95: ${targets.keystrokeP95 ? 'met' : 'NOT met'}`],
    ['keystroke CPU time', `p50 ${results.cpu.keystrokeIncremental.p50} / p95 ${results.cpu.keystrokeIncremental.p95} ms`, ''],
    ['CPU time (all threads)', `remark ${results.cpu.remarkMs}, cold ${results.cpu.coldMs}, read ${results.cpu.readMs}, warm ${results.cpu.warmMs} ms`, `cold/remark ${results.cpu.coldVsRemark}, warm/read ${results.cpu.warmVsRead}`],
    ['keystroke full re-parse', `p50 ${results.keystroke.full.p50} / p95 ${results.keystroke.full.p95} ms`, ''],
    ['completion', `p50 ${results.queries.completion.p50} / p95 ${results.queries.completion.p95} ms`, ''],
    ['hover', `p50 ${results.queries.hover.p50} / p95 ${results.queries.hover.p95} ms`, ''],
    ['tree', `p50 ${results.queries.tree.p50} / p95 ${results.queries.tree.p95} ms`, ''],
    ['document fragments', `p50 ${results.queries.documentFragments.p50} / p95 ${results.queries.documentFragments.p95} ms`, ''],
    ['rename aspect', `${results.rename.edits} edits in ${results.rename.files} files: ${results.rename.editsMs} ms + re-index ${results.rename.reindexMs} ms`, ''],
    ['index heap', `${results.memory.indexHeapMB} MB (${results.memory.heapPerCorpusMB} MB per MB)`, `≤ 1: ${targets.heapPerCorpusMB ? 'met' : 'NOT met'}`],
    ['peak RSS', `${results.memory.peakRssMB} MB (whole run)`, `≤ 400: ${targets.peakRss ? 'met' : 'NOT met'}`],
    ['peak RSS by phase', Object.entries(rss).map(([k, v]) => `${k} ${v.peak}`).join(', '), ''],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  process.stdout.write(`\nKader benchmark (${results.mode}, node ${results.node}, ${results.cpus} cpus, load average ${results.loadAverage.join(' ')})\n\n`);
  for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}\n`);
  process.stdout.write(`\nwritten to ${path.join(here, 'results.json')}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
