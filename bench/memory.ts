// Where the index's heap goes: the heap a full index holds (the method of bench/run.ts: gc twice,
// heapUsed + arrayBuffers, before and after `loadProject`), per model part, for models from the
// workers (cold: empty cache) and from the cache (warm), and after every part has been read.
//
//   node --expose-gc --import tsx bench/memory.ts            # a 60-file corpus (bench/corpus/memory-60)
//   node --expose-gc --import tsx bench/memory.ts --files 120
//   node --expose-gc --import tsx bench/memory.ts --full     # the benchmark's corpus (bench/corpus/full)
//   node --expose-gc --import tsx bench/memory.ts --quick    # the corpus of `npm run bench -- --quick`
//   node --expose-gc --import tsx bench/memory.ts --full --rss   # only a cold index: its peak RSS
//   node --expose-gc --import tsx bench/memory.ts --full --rss --like-bench   # remark over every file first, as bench/run.ts
//
// The index keeps models in the compact form (server/src/core/index/compactModel.ts): for those, the
// compact stores' parts are listed. For comparison, the same models as plain objects (what the
// index held before: every part materialised) are broken down by removing one part after the
// other from every model and measuring the heap each removal frees (shape-preserving assignments,
// so no object changes its layout). "Right after reading every part" holds every part built;
// "once that request is over" is after the garbage collector took the parts nothing holds.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { WorkspaceIndex, type IndexedDocument } from '../server/src/core/index/workspaceIndex';
import { fromJson, toJson } from '../server/src/workspace/modelCache';
import { loadProject, type Project } from '../server/src/workspace/project';
import { generateCorpus } from './corpus';
import { round } from './stats';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SEED = 20201112;
const args = process.argv.slice(2);
const full = args.includes('--full');
/** The corpus of `npm run bench -- --quick`. */
const quick = args.includes('--quick');
const rssOnly = args.includes('--rss');
/** As bench/run.ts does before its cold index: remark over every file in this thread first. */
const likeBench = args.includes('--like-bench');
const filesArg = args.indexOf('--files');
const files = full ? 300 : quick ? 30 : filesArg >= 0 ? Number(args[filesArg + 1]) : 60;

const mb = (bytes: number): number => round(bytes / 1024 / 1024);

let lastArrayBuffers = 0;
function heapNow(): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  lastArrayBuffers = usage.arrayBuffers;
  return usage.heapUsed + usage.arrayBuffers;
}

const log = (line: string): void => void process.stdout.write(`${line}\n`);

interface Row {
  part: string;
  bytes: number;
  note?: string;
}

function printRows(title: string, rows: Row[], corpusBytes: number): void {
  log(`\n${title}`);
  const w = Math.max(...rows.map((r) => r.part.length));
  for (const r of rows) {
    log(`  ${r.part.padEnd(w)}  ${String(mb(r.bytes)).padStart(8)} MB  ${String(round(r.bytes / corpusBytes, 3)).padStart(6)} MB/MB${r.note ? `  ${r.note}` : ''}`);
  }
}

/** Counts that explain the figures: objects and characters per part. */
function counts(documents: IndexedDocument[]): string[] {
  let fragments = 0;
  let textChars = 0;
  let twoByteTexts = 0;
  let markup = 0;
  let occurrences = 0;
  let diagnostics = 0;
  let turns = 0;
  let headings = 0;
  let blocks = 0;
  let bareWords = 0;
  for (const d of documents) {
    fragments += d.fragments.length;
    for (const f of d.fragments) {
      textChars += f.text.length;
      if (/[^\u0000-\u00ff]/.test(f.text)) twoByteTexts++;
      markup += f.markup.length;
    }
    occurrences += d.codes.length;
    diagnostics += d.diagnostics.length;
  }
  for (const d of documents) {
    turns += d.model.turns.length;
    headings += d.model.headings.length;
    blocks += d.model.attributeBlocks.length;
    for (const b of d.model.attributeBlocks) bareWords += b.bareWords.length;
  }
  return [
    `${documents.length} documents, ${fragments} fragments (${markup} markup spans), ${occurrences} code occurrences, ${blocks} attribute blocks (${bareWords} bare words), ${turns} turns, ${headings} headings, ${diagnostics} diagnostics`,
    `fragment texts: ${textChars} characters (${mb(textChars)} MB as one-byte strings; ${twoByteTexts} texts need two bytes a character)`,
  ];
}

/**
 * Frees the model parts one after the other, in every document the project holds; the heap
 * each step frees is that part's share. Destroys the project's models.
 */
function stripBreakdown(project: Project): Row[] {
  const documents = project.index.all();
  const rows: Row[] = [];
  let last = heapNow();
  const step = (part: string, strip: () => void, note?: string): void => {
    strip();
    const now = heapNow();
    rows.push({ part, bytes: last - now, note });
    last = now;
  };
  const span = { start: 0, end: 0 };
  const located = { span, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  const none: never[] = [];
  const empty = {};
  // The lazy parts first: assigning them drops the JSON they were kept as (not parsed yet).
  step('headings + turns + attributeBlocks', () => {
    for (const d of documents) {
      d.model.headings = none;
      d.model.turns = none;
      d.model.attributeBlocks = none;
    }
  });
  step('diagnostics', () => {
    for (const d of documents) d.model.diagnostics.length = 0;
  });
  step('fragment texts', () => {
    for (const d of documents) for (const f of d.fragments) f.text = '';
  });
  step('fragment content + full (Located: span + range)', () => {
    for (const d of documents) for (const f of d.fragments) f.content = f.full = located;
  });
  step('fragment markup spans', () => {
    for (const d of documents) for (const f of d.fragments) f.markup = none;
  });
  step('fragment attributeBlock span', () => {
    for (const d of documents) for (const f of d.fragments) f.attributeBlock = span;
  });
  step('fragment codes, memo, speaker, attributes', () => {
    for (const d of documents) {
      for (const f of d.fragments) {
        f.codes = none;
        f.attributes = empty;
        if (f.memo !== undefined) f.memo = '';
        if (f.speaker !== undefined) f.speaker = '';
      }
    }
  });
  step('fragment objects and arrays', () => {
    for (const d of documents) d.model.fragments.length = 0;
  });
  step('code occurrences (code, fragment, span, range)', () => {
    for (const d of documents) d.model.codes.length = 0;
  });
  step('the rest (front matter, documents, index maps)', () => {
    documents.length = 0;
    project.index = undefined as never;
  });
  rows.push({ part: 'total (the sum)', bytes: rows.reduce((n, r) => n + r.bytes, 0) });
  return rows;
}

/** What reading every part of every model costs on top of the index as loaded. */
function readAll(project: Project): void {
  for (const d of project.index.all()) {
    void d.model.headings.length;
    void d.model.turns.length;
    void d.model.attributeBlocks.length;
    void JSON.stringify(d.model).length;
  }
}

interface CompactStats {
  parts: Record<string, number>;
}

async function compactStats(project: Project): Promise<CompactStats | undefined> {
  try {
    const compact = (await import('../server/src/core/index/compactModel')) as { storeStats?: (models: unknown[]) => CompactStats };
    return compact.storeStats?.(project.index.all().map((d) => d.model));
  } catch {
    return undefined;
  }
}

// Each phase is its own function, so that no project outlives it in a suspended frame.

async function coldPhase(root: string, cacheDir: string, corpusBytes: number): Promise<void> {
  // Cold: models from the workers (the cache is empty).
  const before = heapNow();
  const buffersBefore = lastArrayBuffers;
  const start = performance.now();
  const cold = await loadProject(root, { locale: 'nl', cacheDir });
  const ms = performance.now() - start;
  const heap = heapNow() - before;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  log(`cold index: ${round(ms, 0)} ms, heap ${mb(heap)} MB = ${round(heap / corpusBytes)} MB/MB (array buffers ${mb(lastArrayBuffers - buffersBefore)} MB); peak RSS so far ${mb(peakRss)} MB`);
  const stats = await compactStats(cold);
  if (stats) {
    printRows(
      'compact store (cold index), by part',
      Object.entries(stats.parts).map(([part, bytes]) => ({ part, bytes })),
      corpusBytes,
    );
  } else {
    printRows('cold index as held, by part', stripBreakdown(cold), corpusBytes);
  }
}

async function warmPhase(root: string, cacheDir: string, corpusBytes: number): Promise<void> {
  // Warm: models from the cache.
  const before = heapNow();
  const buffersBefore = lastArrayBuffers;
  const start = performance.now();
  const warm = await loadProject(root, { locale: 'nl', cacheDir });
  const ms = performance.now() - start;
  const heap = heapNow() - before;
  log(`\nwarm index: ${round(ms, 0)} ms, heap ${mb(heap)} MB = ${round(heap / corpusBytes)} MB/MB (array buffers ${mb(lastArrayBuffers - buffersBefore)} MB)`);
  readAll(warm);
  const read = heapNow() - before;
  log(`right after reading every part of every model (JSON.stringify of each): heap ${mb(read)} MB = ${round(read / corpusBytes)} MB/MB`);
  // Parts read are kept while anything holds them, and at least to the end of the current job.
  await new Promise((resolve) => setImmediate(resolve));
  const settled = heapNow() - before;
  log(`and once that request is over: heap ${mb(settled)} MB = ${round(settled / corpusBytes)} MB/MB`);
}

async function eagerPhase(root: string, cacheDir: string, corpusBytes: number): Promise<void> {
  // The breakdown of eager models: each model as the index held it before the compact form
  // (plain objects, the attribute blocks' codes shared with the model's), by part.
  const loaded = await loadProject(root, { locale: 'nl', cacheDir });
  const models = loaded.index.all().map((d) => ({ key: d.key, path: d.path, json: toJson(d.model) }));
  loaded.index = new WorkspaceIndex();
  const eager: Project = { ...loaded, index: new WorkspaceIndex() };
  for (const { key, path: relative, json } of models) {
    const model = fromJson(json);
    const m = model as unknown as Record<string, unknown>;
    for (const k of Object.keys(m)) {
      const value = m[k];
      Object.defineProperty(m, k, { value, writable: true, enumerable: true, configurable: true });
    }
    eager.index.set(key, relative, model);
  }
  models.length = 0;
  log('');
  for (const line of counts(eager.index.all())) log(line);
  printRows('eager models (every part as plain objects), by part', stripBreakdown(eager), corpusBytes);
}

async function main(): Promise<void> {
  const root = path.join(__dirname, 'corpus', full ? 'full' : quick ? 'quick' : `memory-${files}`);
  const corpus = generateCorpus(root, { files, seed: SEED, largeOutside: !full });
  const corpusBytes = corpus.bytes;
  log(`corpus: ${corpus.transcripts.length} transcripts, ${mb(corpusBytes)} MB in ${root}`);
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'kader-memory-cache-'));
  try {
    if (rssOnly) {
      if (likeBench) {
        const processor = unified().use(remarkParse).use(remarkGfm);
        let texts: string[] = corpus.transcripts.map((relative) => readFileSync(path.join(root, relative), 'utf8'));
        for (const text of texts) processor.parse(text);
        texts = [];
        log(`after remark over every file: peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB, RSS now ${mb(process.memoryUsage().rss)} MB`);
      }
      const start = performance.now();
      const before = heapNow();
      const project = await loadProject(root, { locale: 'nl', cacheDir });
      const heap = heapNow() - before;
      log(`cold index ${round(performance.now() - start, 0)} ms, ${project.index.size} files; index heap ${mb(heap)} MB = ${round(heap / corpusBytes)} MB/MB`);
      const cpu = process.cpuUsage();
      log(`peak RSS (whole process, all threads): ${mb(process.resourceUsage().maxRSS * 1024)} MB; RSS now ${mb(process.memoryUsage().rss)} MB; CPU ${round((cpu.user + cpu.system) / 1000, 0)} ms`);
      return;
    }

    await coldPhase(root, cacheDir, corpusBytes);
    await warmPhase(root, cacheDir, corpusBytes);
    await eagerPhase(root, cacheDir, corpusBytes);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
