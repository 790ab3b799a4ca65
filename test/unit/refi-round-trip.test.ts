import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { strFromU8, strToU8, zipSync } from 'fflate';
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
    'memo: Eerste gesprek, rumoerig.',
    'persons:',
    '  S1: P07',
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

/** The `.qdpx` Kader exports of `transcripts`, its entries by path. */
function exportedZip(codebook: Codebook): Record<string, Uint8Array> {
  const index = new WorkspaceIndex();
  for (const [path, text] of Object.entries(transcripts)) index.set(path, path, parseTranscript(text));
  const exported = projectExport({ name: 'Gesprekken', index, codebook, textOf: (d) => transcripts[d.key]!, now: '2026-12-05T00:00:00Z' });
  const zip: Record<string, Uint8Array> = { 'project.qde': strToU8(exported.xml) };
  for (const file of exported.sources) zip[file.path] = strToU8(file.text);
  return zip;
}

/** Export, `change` the archive (as another tool might), import. */
function roundTrip(codebook: Codebook, locale: Locale, change: (zip: Record<string, Uint8Array>) => void = () => {}): { files: Map<string, string>; report: string } {
  const zip = exportedZip(codebook);
  change(zip);
  const imported = importQdpx(zipSync(zip), { locale });
  assert.ok(imported.ok, imported.ok ? '' : imported.message);
  return { files: new Map((imported.files ?? []).map((f) => [f.name, f.text])), report: imported.markdown };
}

/** Without the transcripts' Markdown: the import builds each transcript from its source, as for another tool's project. */
function withoutMarkdown(zip: Record<string, Uint8Array>): void {
  for (const path of Object.keys(zip)) if (path.startsWith('kader/')) delete zip[path];
}

describe('Kader → .qdpx → Kader', () => {
  for (const locale of ['en', 'nl'] as const) {
    test(`every fragment comes back with its codes, text, memo and coder; the codebook keeps its ids (${locale})`, () => {
      const codebook = builtInCodebook(locale);
      const { files } = roundTrip(codebook, locale, withoutMarkdown);
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

describe('Kader → .qdpx → Kader: the transcripts as they were written', () => {
  for (const locale of ['en', 'nl'] as const) {
    test(`each transcript comes back byte for byte: speakers, headings, table, link, emphasis, nested fragments, two coders, memos (${locale})`, () => {
      const { files } = roundTrip(builtInCodebook(locale), locale);
      assert.deepEqual(
        [...files].filter(([name]) => name !== 'codebook.md' && name.endsWith('.md')),
        [
          ['gesprek-anna.md', transcripts['breda/gesprek-anna.md']],
          ['gesprek-bram.md', transcripts['breda/gesprek-bram.md']],
        ],
      );
    });
  }

  test('a selection another tool moved: that transcript is built from its source, the other comes back as written', () => {
    const codebook = builtInCodebook('nl');
    const { files } = roundTrip(codebook, 'nl', (zip) => {
      const xml = strFromU8(zip['project.qde']!);
      // bram's first selection, `Ik kwam omdat het moest.` (0–28 in its plain text), now ends a word earlier.
      const moved = xml.replace(/(<PlainTextSelection [^>]*startPosition="0" endPosition=")28(")/, '$121$2');
      assert.notEqual(moved, xml);
      zip['project.qde'] = strToU8(moved);
    });
    assert.equal(files.get('gesprek-anna.md'), transcripts['breda/gesprek-anna.md']);
    assert.equal(
      files.get('gesprek-bram.md'),
      ['---', 'title: breda/gesprek-bram.md', 'practice: Breda', 'coder: bram', 'participants:', '  - S1', '  - S2', '---', '', '[S1: Ik kwam omdat het]{#intentie/gestuurd memo="zeker"} moest.', '', '::: {#context}', '', 'S2: De gemeente betaalt.', '', 'S1: Dus die beslist.', '', ':::', ''].join('\n'),
    );
  });
});

/** The report of importing the project Kader exported: nothing lost, the person cases included. */
const REPORT = ['Kader imported the REFI-QDA project «Gesprekken» (made with Kader).', 'Written: codebook.md with 29 codes, 2 transcripts, 9 codings.', '', 'Everything was represented.', ''].join('\n');
describe('Kader → .qdpx → Kader: the speakers', () => {
  test('the persons Kader exported as cases come back as participants and persons, and the report does not list them', () => {
    const { files, report } = roundTrip(builtInCodebook('en'), 'en', withoutMarkdown);
    assert.match(files.get('gesprek-anna.md')!, /^---\ntitle: breda\/gesprek-anna.md\npractice: Breda\ncoder: anna\nparticipants:\n  - S1\n  - Interviewer\npersons:\n  S1: P07\nmemo: Eerste gesprek, rumoerig.\n---\n/);
    const model = parseTranscript(files.get('gesprek-bram.md')!);
    assert.deepEqual(model.turns.map((turn) => turn.speaker), ['S1', 'S2', 'S1']);
    assert.equal(report, REPORT);
  });

  test('a named person is found by the label that opens the turn of a selection, after a timestamp too', () => {
    const text = '---\npersons:\n  S1: P07\n  Interviewer: onderzoeker-1\n---\n[00:01:02] **Interviewer:** Hoe [ging]{#intentie} het?\n\n[00:01:09] **S1:** Het ging [goed]{#outcome}.\n';
    const index = new WorkspaceIndex();
    index.set('g.md', 'g.md', parseTranscript(text));
    const exported = projectExport({ name: 'P', index, codebook: builtInCodebook('nl'), textOf: () => text, now: '2026-12-05T00:00:00Z' });
    const zip: Record<string, Uint8Array> = { 'project.qde': strToU8(exported.xml) };
    for (const file of exported.sources) zip[file.path] = strToU8(file.text);
    withoutMarkdown(zip);
    const imported = importQdpx(zipSync(zip), { locale: 'en' });
    assert.ok(imported.ok);
    assert.match(imported.files!.find((f) => f.name === 'g.md')!.text, /^---\ntitle: g.md\nparticipants:\n  - S1\n  - Interviewer\npersons:\n  S1: P07\n  Interviewer: onderzoeker-1\n---\n/);
    assert.doesNotMatch(imported.markdown, /cases/);
  });

  test('a Kader round trip with the Markdown: the same report', () => {
    assert.equal(roundTrip(builtInCodebook('en'), 'en').report, REPORT);
  });
});
