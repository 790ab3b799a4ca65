// A coding written as parts (SYNTAX.md §3.5) is one coding in a REFI-QDA export: one
// PlainTextSelection from its first part's start to its last part's end when the parts follow one
// another, one per part (with the same codes) when other text lies between them; and a project
// import → export → import keeps the parts. Invented text only.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { joinedParts } from '../../server/src/core/fragmentParts';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { stableGuid } from '../../server/src/core/outputs/exchange/kaderIds';
import { importQdpx } from '../../server/src/core/outputs/exchange/qdpxImport';
import { projectExport } from '../../server/src/core/outputs/exchange/refiQda';
import { builtInCodebook, parseCodebook } from '../../server/src/core/parse/codebook';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import type { Codebook } from '../../server/src/core/types';
import { project, qdpx, selection, textSource, USERS } from '../fixtures/qdpx/build';

/** The `<Sources>` element of the export of `text` as `g.md`. */
function exportedSources(text: string, codebook: Codebook = builtInCodebook('nl')): string {
  const index = new WorkspaceIndex();
  index.set('g.md', 'g.md', parseTranscript(text));
  const { xml } = projectExport({ name: 'P', index, codebook, textOf: () => text, now: '2026-12-05T00:00:00Z' });
  return xml.slice(xml.indexOf('  <Sources>'), xml.indexOf('</Sources>') + '</Sources>'.length);
}

const source = stableGuid('source', 'g.md');
const user = stableGuid('user', 'anna');
const sel = (span: string): string => stableGuid('selection', `g.md#${span}`);
const coding = (span: string, code: string): string => stableGuid('coding', `g.md#${span}#${code}`);
const code = (id: string): string => stableGuid('code', id);

describe('REFI-QDA export: a coding written as parts', () => {
  test('a crossing pair: the parted coding is one selection from its first part to its last, its memo on it', () => {
    const text = '---\ncoder: anna\n---\n[Ik kwam [omdat het moest]{#intentie/gestuurd part="p1" memo="twijfel"}]{#intentie}[. Daarna]{#intentie/gestuurd part="p1"} bleef ik.\n';
    // Plain text: `Ik kwam omdat het moest. Daarna bleef ik.`. Selections are named after the first fragment's place in the Markdown.
    const outer = `20-${text.indexOf('{#intentie}') + '{#intentie}'.length}`;
    const part = `${text.indexOf('[omdat')}-${text.indexOf('}]{#intentie}') + 1}`;
    assert.equal(
      exportedSources(text),
      [
        '  <Sources>',
        `    <TextSource guid="${source}" name="g.md" plainTextPath="internal://${source}.txt" creatingUser="${user}">`,
        `      <PlainTextSelection guid="${sel(outer)}" name="Ik kwam omdat het moest" startPosition="0" endPosition="23" creatingUser="${user}">`,
        `        <Coding guid="${coding(outer, 'intentie')}" creatingUser="${user}">`,
        `          <CodeRef targetGUID="${code('intentie')}"/>`,
        '        </Coding>',
        '      </PlainTextSelection>',
        `      <PlainTextSelection guid="${sel(part)}" name="omdat het moest. Daarna" startPosition="8" endPosition="31" creatingUser="${user}">`,
        `        <Coding guid="${coding(part, 'intentie/gestuurd')}" creatingUser="${user}">`,
        `          <CodeRef targetGUID="${code('intentie/gestuurd')}"/>`,
        '        </Coding>',
        `        <NoteRef targetGUID="${stableGuid('note', `g.md#${part}`)}"/>`,
        '      </PlainTextSelection>',
        '    </TextSource>',
        '  </Sources>',
      ].join('\n'),
    );
  });

  test('parts with other words between them: one selection per part, each with the coding', () => {
    const text = '---\ncoder: anna\n---\n[Eerst]{#context part="a"} dan [later]{#context part="a"}.\n';
    const xml = exportedSources(text);
    const selections = [...xml.matchAll(/<PlainTextSelection guid="[^"]+" name="([^"]*)" startPosition="(\d+)" endPosition="(\d+)"/g)].map((m) => m.slice(1));
    assert.deepEqual(selections, [
      ['Eerst', '0', '5'],
      ['later', '10', '15'],
    ]);
    assert.equal([...xml.matchAll(new RegExp(`<CodeRef targetGUID="${code('context')}"/>`, 'g'))].length, 2);
  });
});

describe('REFI-QDA export: the speaker of a coding in parts', () => {
  test("the person's case refers to the coding's one selection", () => {
    const text = '**S1:** [Ik kwam [omdat het moest]{#intentie/gestuurd part="p1"}]{#intentie}[. Daarna]{#intentie/gestuurd part="p1"} bleef ik.\n';
    const index = new WorkspaceIndex();
    index.set('g.md', 'g.md', parseTranscript(text));
    const { xml } = projectExport({ name: 'P', index, codebook: builtInCodebook('nl'), textOf: () => text, now: '2026-12-05T00:00:00Z' });
    const refs = [...xml.matchAll(/<SelectionRef targetGUID="([^"]+)"\/>/g)].map((m) => m[1]);
    const selections = [...xml.matchAll(/<PlainTextSelection guid="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(selections.length, 2);
    assert.deepEqual(refs, selections);
  });
});

describe('REFI-QDA: import → export → import keeps a crossing pair as the same parts', () => {
  /** The codings of a transcript as groups of parts: each part's codes and text. */
  const codingsOf = (markdown: string): string[][][] => joinedParts(parseTranscript(markdown).fragments).map((parts) => parts.map((f) => [f.codes.join(' '), f.text]));

  for (const carried of [true, false]) {
    test(`another tool's crossing selections, exported again by Kader and imported (${carried ? 'with' : 'without'} the Markdown in the archive)`, () => {
      const codes = `<CodeBook><Codes><Code guid="A" name="alpha" isCodable="true"/><Code guid="B" name="beta" isCodable="true"/></Codes></CodeBook>`;
      // `een twee drie vier`: A over `een twee drie`, B over `twee drie vier` — they cross.
      const first = importQdpx(
        qdpx({ qde: project(`${USERS}${codes}<Sources>${textSource('T', 'gesprek.txt', selection('S1', 0, 13, ['A']) + selection('S2', 4, 18, ['B']))}</Sources>`), entries: { 'sources/T.txt': 'een twee drie vier' } }),
        { locale: 'en' },
      );
      assert.ok(first.ok);
      const transcript = first.files!.find((f) => f.name === 'gesprek.md')!.text;
      assert.match(transcript, /\n\[een \[twee drie\]\{#beta part="p1"\}\]\{#alpha\} \[vier\]\{#beta part="p1"\}\n$/);
      const codebook = parseCodebook(first.files!.find((f) => f.name === 'codebook.md')!.text);

      const index = new WorkspaceIndex();
      index.set('gesprek.md', 'gesprek.md', parseTranscript(transcript));
      const exported = projectExport({ name: 'P', index, codebook, textOf: () => transcript, now: '2026-12-05T00:00:00Z' });
      assert.deepEqual(
        [...exported.xml.matchAll(/<PlainTextSelection guid="[^"]+" name="([^"]*)" startPosition="(\d+)" endPosition="(\d+)"/g)].map((m) => m.slice(1)),
        [
          ['een twee drie', '0', '13'],
          ['twee drie vier', '4', '18'],
        ],
      );
      const zip: Record<string, Uint8Array> = { 'project.qde': strToU8(exported.xml) };
      for (const file of exported.sources) if (carried || !file.path.startsWith('kader/')) zip[file.path] = strToU8(file.text);
      const second = importQdpx(zipSync(zip), { locale: 'en' });
      assert.ok(second.ok);
      const back = second.files!.find((f) => f.name === 'gesprek.md')!.text;
      if (carried) assert.equal(back, transcript);
      assert.deepEqual(codingsOf(back), [
        [['alpha', 'een twee drie']],
        [
          ['beta', 'twee drie'],
          ['beta', 'vier'],
        ],
      ]);
      assert.deepEqual(codingsOf(back), codingsOf(transcript));
    });
  }
});
