// The benchmark in the browser (`npm run bench -- --browser`, also part of the full run): the
// quick corpus indexed by the browser server bundle (dist/browser/server.js) in a Web Worker of
// headless Chromium, its files given by the page through kader/fs/* as vscode.workspace.fs would;
// then keystroke → diagnostics on the 10,000-line transcript there. The Node figure of the same
// run: the bundled Node server (dist/server.js, no model cache) indexing the same folder from disk.

import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { DocumentDiagnosticRequest } from 'vscode-languageserver-protocol';
import { fileUri } from '../server/src/workspace/uris';
import { fullCapabilities } from '../test/server/client';
import type { PageInput, PageResult } from './browser/page';
import { generateCorpus, random } from './corpus';
import { edits } from './edits';
import { BenchServer, ensureBundle, positionAt } from './lsp';

const SEED = 20201112;
const RUNS = 3;

export interface BrowserFigures {
  transcripts: number;
  nodeIndexMs: number;
  browserIndexMs: number;
  /** Browser index time ÷ Node index time (target ≤ 2). */
  indexRatio: number;
  browserOpenMs: number;
  /** Diagnostics of the large transcript when opened in the browser, and by the Node server. */
  openDiagnostics: number;
  nodeOpenDiagnostics: number;
  /** What the server logged as errors in the browser. */
  errors: string[];
  keystroke: { p50: number; p95: number; max: number; samples: number };
}

function filesOf(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.md')) files[child] = readFileSync(path.join(root, child), 'utf8');
    }
  };
  walk('');
  return files;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const round = (n: number): number => Math.round(n * 10) / 10;

export async function benchBrowser(log: (line: string) => void = console.log): Promise<BrowserFigures> {
  const root = path.join(__dirname, 'corpus', 'quick');
  const corpus = await generateCorpus(root, { files: 30, seed: SEED, largeOutside: true });
  const serverSource = readFileSync(ensureBundle('dist/browser/server.js'), 'utf8');
  const page = await esbuild.build({ entryPoints: [path.join(__dirname, 'browser/page.ts')], bundle: true, platform: 'browser', format: 'iife', write: false, conditions: ['worker'], logLevel: 'silent' });
  const pageScript = page.outputFiles[0]!.text;

  const largeText = readFileSync(corpus.largeFile, 'utf8');
  const changes: PageInput['edits'] = [];
  let current = largeText;
  for (const edit of edits(largeText, 40, random(SEED + 1))) {
    changes.push({ range: { start: positionAt(current, edit.at), end: positionAt(current, edit.at + edit.removed) }, text: edit.inserted });
    current = edit.text;
  }
  const input: PageInput = {
    serverSource,
    capabilities: fullCapabilities(true),
    files: filesOf(root),
    large: { relative: `groot/${path.basename(corpus.largeFile)}`, text: largeText },
    edits: changes,
  };

  const nodeRuns: number[] = [];
  let nodeOpenDiagnostics = -1;
  for (let i = 0; i < RUNS; i++) {
    const server = await BenchServer.start({ folders: [root], dist: true, locale: 'nl' });
    nodeRuns.push(server.startMs);
    if (i === 0) {
      const uri = fileUri(path.join(root, ...input.large.relative.split('/')));
      await server.open(uri, largeText);
      const report = await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      nodeOpenDiagnostics = report.kind === 'full' ? report.items.length : -1;
    }
    await server.dispose();
  }

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const results: PageResult[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      await tab.addScriptTag({ content: pageScript });
      results.push(await tab.evaluate((given) => (globalThis as unknown as { kaderBench(input: PageInput): Promise<PageResult> }).kaderBench(given), input));
      if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const nodeIndexMs = median(nodeRuns);
  const browserIndexMs = median(results.map((r) => r.indexMs));
  const keystrokes = results.flatMap((r) => r.keystrokeMs);
  const figures: BrowserFigures = {
    transcripts: results[0]!.transcripts,
    nodeIndexMs: round(nodeIndexMs),
    browserIndexMs: round(browserIndexMs),
    indexRatio: Math.round((browserIndexMs / nodeIndexMs) * 100) / 100,
    browserOpenMs: round(median(results.map((r) => r.openMs))),
    openDiagnostics: results[0]!.openDiagnostics,
    nodeOpenDiagnostics,
    errors: results.flatMap((r) => r.errors),
    keystroke: { p50: round(percentile(keystrokes, 50)), p95: round(percentile(keystrokes, 95)), max: round(Math.max(...keystrokes)), samples: keystrokes.length },
  };
  log(
    `browser: ${figures.transcripts} files indexed in ${figures.browserIndexMs} ms (Node ${figures.nodeIndexMs} ms, ratio ${figures.indexRatio}, target ≤ 2); ` +
      `opened the 10,000-line transcript in ${figures.browserOpenMs} ms (${figures.openDiagnostics} diagnostics, Node ${figures.nodeOpenDiagnostics}); keystroke → diagnostics p50 ${figures.keystroke.p50} ms, p95 ${figures.keystroke.p95} ms (target ≤ 20), max ${figures.keystroke.max} ms over ${figures.keystroke.samples}`,
  );
  return figures;
}

if (require.main === module) {
  benchBrowser().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
