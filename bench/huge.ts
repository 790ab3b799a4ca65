// Keystrokes in a very large open transcript (`npm run bench` runs it on one of about 10 MB):
// through the language server over JSON-RPC, didOpen, then per keystroke an incremental
// didChange of one character at the top, in the middle or at the end, and at once a
// textDocument/diagnostic pull; the time from sending the change to the report.
// `node --import tsx bench/huge.ts 25000 50000` runs it alone for those sizes (paragraphs).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DocumentDiagnosticRequest } from 'vscode-languageserver-protocol';
import { fileUri } from '../server/src/workspace/uris';
import { codebook, hugeTranscript } from './corpus';
import { BenchServer, positionAt } from './lsp';

export interface HugeResult {
  paragraphs: number;
  mb: number;
  openMs: number;
  /** Wall milliseconds per keystroke, by where it was typed. */
  samples: Record<'top' | 'middle' | 'end', number[]>;
  /** Diagnostic reports that were not full reports of the expected count. */
  wrong: number;
}


/** Opens the text under `uri` in `server`, types `count` characters at each of three places, closes it. */
export async function measureHuge(server: BenchServer, uri: string, text: string, paragraphs: number, count: number): Promise<HugeResult> {
  // As VS Code pulls: with the result id of the report it holds; "unchanged" keeps that report.
  let held: { resultId?: string; count: number } = { count: -1 };
  const pull = async (): Promise<number> => {
    const report = await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, ...(held.resultId ? { previousResultId: held.resultId } : {}) });
    if (report.kind === 'full') held = { resultId: report.resultId, count: report.items.length };
    else if (report.resultId !== held.resultId) return -1;
    return held.count;
  };
  const openStart = performance.now();
  await server.open(uri, text);
  const expected = await pull();
  const openMs = performance.now() - openStart;
  const samples: HugeResult['samples'] = { top: [], middle: [], end: [] };
  let wrong = 0;
  // A place inside a line of text: at the end of the first spoken word (sentence-initial, so a
  // letter typed there makes no new finding) after the front matter, half way, and in the last turn.
  const frontMatterEnd = text.indexOf('\n---\n') + 5;
  const firstWordEnd = (label: number): number => text.indexOf(' ', label + 4);
  const places: Record<keyof HugeResult['samples'], number> = {
    top: firstWordEnd(text.indexOf(':** ', frontMatterEnd)),
    middle: firstWordEnd(text.indexOf(':** ', text.length >> 1)),
    end: firstWordEnd(text.lastIndexOf(':** ')),
  };
  const positions = { top: positionAt(text, places.top), middle: positionAt(text, places.middle), end: positionAt(text, places.end) };
  // The three places take turns, so that garbage collection (of the parse at opening, say) falls on each alike.
  for (let i = 0; i < count * 3; i++) {
    const where = (['top', 'middle', 'end'] as const)[i % 3]!;
    const position = positions[where];
    const start = performance.now();
    // Typing a letter, then deleting it again: the text stays the same size.
    const typed = Math.floor(i / 3) % 2 === 0;
    const range = typed ? { start: position, end: position } : { start: position, end: { line: position.line, character: position.character + 1 } };
    await server.edit(uri, range, typed ? 'e' : '');
    const items = await pull();
    samples[where].push(performance.now() - start);
    if (items !== expected) wrong++;
  }
  await server.close(uri);
  return { paragraphs, mb: Buffer.byteLength(text) / 1024 / 1024, openMs, samples, wrong };
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const folder = mkdtempSync(path.join(tmpdir(), 'kader-huge-'));
  writeFileSync(path.join(folder, 'codebook.md'), codebook());
  const nodeArgs = process.env['KADER_HUGE_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['KADER_HUGE_PROF']}`] : [];
  const server = await BenchServer.start({ folders: [folder], nodeArgs });
  try {
    for (const paragraphs of sizes.length > 0 ? sizes : [25000]) {
      const text = hugeTranscript(7, paragraphs);
      const result = await measureHuge(server, fileUri(path.join(folder, `groot-${paragraphs}.md`)), text, paragraphs, 6);
      const fmt = (ms: number[]): string => ms.map((m) => Math.round(m)).join(' ');
      process.stdout.write(`${paragraphs} paragraphs (${result.mb.toFixed(2)} MB): open ${Math.round(result.openMs)} ms; top ${fmt(result.samples.top)}; middle ${fmt(result.samples.middle)}; end ${fmt(result.samples.end)}; wrong ${result.wrong}\n`);
    }
  } finally {
    await server.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
  if (server.errors.length > 0) process.stderr.write(server.errors.join('\n'));
}

if (require.main === module) void main();
