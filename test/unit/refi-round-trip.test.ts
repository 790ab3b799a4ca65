import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { importQdpx } from '../../server/src/core/outputs/exchange/qdpxImport';
import { projectExport } from '../../server/src/core/outputs/exchange/refiQda';
import { builtInCodebook, parseCodebook } from '../../server/src/core/parse/codebook';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import type { Codebook, Locale } from '../../server/src/core/types';

const LONG = `${'A'.repeat(59)}😀 en verder`;

const transcripts: Record<string, string> = {
  'breda/gesprek-anna.md': [
    '---',
    'practice: Breda',
    'coder: anna',
    '---',
    '# Gesprek over [samenwerking]{#context}',
    '',
    '## Vraag 1 — Waarom doe je mee? {#intentie}',
    '',
    `**S1:** Ik kwam [omdat het *moest*, zie [de site](https://example.org/x)]{#intentie/gestuurd memo="twijfel \\"echt\\""} en [${LONG}]{#outcome}.`,
    '',
    '**Interviewer:** En _toen_?',
    '',
    '**S1:** [De gemeente [betaalt]{#actanten/beleid}]{#context/macht}.',
    '',
    '| Wie | Rol |',
    '|-----|-----|',
    '| [Anna]{#actanten} | voorzitter |',
    '',
  ].join('\n'),
  'breda/gesprek-bram.md': [
    '---',
    'practice: Breda',
    'coder: bram',
    '---',
    '**S1:** Ik kwam omdat het moest. {#intentie/gestuurd memo="zeker"}',
    '',
    '::: {#context}',
    '**S2:** De gemeente betaalt.',
    '',
    '**S1:** Dus die beslist.',
    ':::',
    '',
  ].join('\n'),
};

/** What a round trip must keep of each fragment: its codes, text, memo and the transcript's coder. */
function fragmentsOf(text: string): string[] {
  const model = parseTranscript(text);
  return model.fragments.map((f) => JSON.stringify([[...f.codes].sort(), f.text, f.memo ?? null, model.frontMatter.coder ?? null])).sort();
}

function roundTrip(codebook: Codebook, locale: Locale): { files: Map<string, string> } {
  const index = new WorkspaceIndex();
  for (const [path, text] of Object.entries(transcripts)) index.set(path, path, parseTranscript(text));
  const exported = projectExport({ name: 'Gesprekken', index, codebook, textOf: (d) => transcripts[d.key]!, now: '2026-12-05T00:00:00Z' });
  const zip: Record<string, Uint8Array> = { 'project.qde': strToU8(exported.xml) };
  for (const file of exported.sources) zip[file.path] = strToU8(file.text);
  const imported = importQdpx(zipSync(zip), { locale });
  assert.ok(imported.ok, imported.ok ? '' : imported.message);
  return { files: new Map((imported.files ?? []).map((f) => [f.name, f.text])) };
}

describe('Kader → .qdpx → Kader', () => {
  for (const locale of ['en', 'nl'] as const) {
    test(`every fragment comes back with its codes, text, memo and coder; the codebook keeps its ids (${locale})`, () => {
      const codebook = builtInCodebook(locale);
      const { files } = roundTrip(codebook, locale);
      const before = Object.values(transcripts).flatMap(fragmentsOf).sort();
      const after = [...files].filter(([name]) => name !== 'codebook.md' && name.endsWith('.md')).flatMap(([, text]) => fragmentsOf(text)).sort();
      assert.deepEqual(after, before);
      const ids = parseCodebook(files.get('codebook.md')!).codes.map((c) => c.code);
      for (const code of codebook.codes) assert.ok(ids.includes(code.code), code.code);
      for (const code of ['intentie', 'intentie/gestuurd', 'outcome', 'actanten/beleid', 'context/macht']) assert.ok(ids.includes(code), code);
      assert.equal(ids.length, new Set(ids).size);
    });
  }
});
