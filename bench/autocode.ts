// Auto-coding in the benchmark: a phrase that occurs 5,000 times (50 transcripts, 100 times in
// each, between speakers' turns and coded fragments), previewed through the language server
// (kader/autocode/preview over JSON-RPC) as Auto-code… asks for it: every occurrence found, its
// coding read back, each with its line of context. Reported: p50 and the slowest of the samples
// (target ≤ 1 s), and the p50 against the server's start and scan of the same folder in the same
// run (reading and parsing those 50 files once).
//
// Alone, on its own server: node --import tsx bench/autocode.ts

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AutocodePreviewRequest } from '../server/src/protocol';
import { random } from './corpus';
import { BenchServer } from './lsp';

export const AUTOCODE_PHRASE = 'het buurthuis';
const FILES = 50;
const PER_FILE = 100;
const SAMPLES = 5;

export interface AutocodeFigures {
  phrase: string;
  occurrences: number;
  matches: number;
  p50: number;
  max: number;
  samples: number;
  /** p50 ÷ the server's start and scan of the same folder. */
  vsScan: number;
}

const WORDS = ['we', 'praten', 'met', 'bewoners', 'over', 'de', 'wijk', 'en', 'wat', 'ze', 'nodig', 'hebben', 'soms', 'lukt', 'dat', 'goed', 'gemeente', 'vrijwilligers', 'samen', 'leren'];

/** A folder of transcripts in which the phrase occurs exactly FILES × PER_FILE times. */
export function writeAutocodeCorpus(root: string, seed = 20201112): number {
  const next = random(seed);
  const words = (n: number): string => Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]!).join(' ');
  mkdirSync(root, { recursive: true });
  let occurrences = 0;
  for (let f = 0; f < FILES; f++) {
    const lines = ['---', `practice: Wijkteam ${f % 5}`, `coder: codeur${f % 2}`, '---', `# Gesprek ${f + 1}`, ''];
    for (let p = 0; p < PER_FILE; p++) {
      const speaker = p % 3 === 0 ? 'Interviewer' : `S${(p % 4) + 1}`;
      if (p % 10 === 0) lines.push(`## Vraag ${p / 10 + 1} — ${words(5)}? {#intentie}`, '');
      const coded = p % 7 === 0 ? ` [${words(4)}]{#actanten/persoon}` : '';
      lines.push(`**${speaker}:** ${words(12)} in ${AUTOCODE_PHRASE} ${words(10)}.${coded} ${words(8)}.`, '');
      occurrences++;
    }
    writeFileSync(path.join(root, `gesprek-${String(f + 1).padStart(2, '0')}.md`), lines.join('\n'));
  }
  return occurrences;
}

/** Times the preview of the phrase on a server that has the folder loaded; `scanMs` is its start and scan. */
export async function benchAutocode(server: BenchServer, scanMs: number, occurrences: number): Promise<AutocodeFigures> {
  const ask = () => server.connection.sendRequest(AutocodePreviewRequest, { target: { kind: 'phrase', text: AUTOCODE_PHRASE }, code: 'space-en-place/place' });
  const samples: number[] = [];
  let matches = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    const result = await ask();
    samples.push(performance.now() - start);
    matches = result.matches.length;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number): number => Math.round(n * 100) / 100;
  const p50 = round(sorted[Math.ceil(sorted.length / 2) - 1]!);
  return { phrase: AUTOCODE_PHRASE, occurrences, matches, p50, max: round(sorted[sorted.length - 1]!), samples: SAMPLES, vsScan: round(p50 / scanMs) };
}

/** The whole row: its own folder and server (start and scan timed), the preview timed, all removed after. */
export async function benchAutocodeAlone(options: { dist?: boolean } = {}): Promise<AutocodeFigures> {
  const root = mkdtempSync(path.join(tmpdir(), 'kader-autocode-bench-'));
  try {
    const occurrences = writeAutocodeCorpus(path.join(root, 'project'));
    const server = await BenchServer.start({ folders: [path.join(root, 'project')], locale: 'nl', dist: options.dist });
    try {
      return await benchAutocode(server, server.startMs, occurrences);
    } finally {
      await server.dispose();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const f = await benchAutocodeAlone();
  console.log(`auto-code preview of "${f.phrase}" (${f.occurrences} occurrences, ${f.matches} matches): p50 ${f.p50} / max ${f.max} ms over ${f.samples} (${f.vsScan}× the server's start and scan of those files)`);
}

if (require.main === module) void main();
