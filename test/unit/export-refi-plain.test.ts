import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { validateXML } from 'xmllint-wasm';
import { readJournalEntry } from '../../server/src/core/index/memos';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { exportBytes } from '../../server/src/core/outputs/exchange/exchange';
import { carriedMarkdownPath, carriedTranscript, type SourceSelection } from '../../server/src/core/outputs/exchange/carriedTranscripts';
import { readKaderId, stableGuid } from '../../server/src/core/outputs/exchange/kaderIds';
import { plainSource } from '../../server/src/core/parse/plainSource';
import { projectExport } from '../../server/src/core/outputs/exchange/refiQda';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { plainText } from '../../server/src/core/parse/chunk';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { CASES } from '../hostile/cases';

const schema = readFileSync(path.resolve(__dirname, '../fixtures/refi-qda/Project.xsd'), 'utf8');

/** 59 letters and an emoji: the name of its selection ends with the whole emoji. */
const LONG = `${'A'.repeat(59)}😀 en verder`;

const transcript = [
  '---',
  'practice: Breda',
  'coder: anna',
  'jaar: 2024',
  'memo: Eerste gesprek.',
  'persons:',
  '  S1: P01',
  '---',
  '# Gesprek over [samenwerking]{#context}',
  '',
  '## Vraag 1 — Waarom doe je mee? {#intentie}',
  '',
  `**S1:** Ik kwam [omdat het *moest*, zie [de site](https://example.org/x)]{#intentie/gestuurd memo="twijfel"} en [${LONG}]{#outcome}.`,
  '',
  '**Interviewer:** En _toen_?',
  '',
  '**S1:** [De gemeente [betaalt]{#actanten/beleid}]{#context/macht}.',
  '',
  '| Wie | Rol |',
  '|-----|-----|',
  '| [Anna]{#actanten} | voorzitter |',
  '',
  '- eerste punt',
  '- tweede punt',
  '',
].join('\r\n');

const codebook = '# Intentie {#intentie}\n\nWaarom?\n\n## Gestuurd {#intentie/gestuurd}\n\nGevraagd.\n\n### Memo\n\nTwijfel over de grens.\n';

function exported(): ReturnType<typeof projectExport> {
  const index = new WorkspaceIndex();
  index.set('breda/gesprek.md', 'breda/gesprek.md', parseTranscript(transcript));
  return projectExport({
    name: 'Gesprekken',
    index,
    codebook: parseCodebook(codebook),
    textOf: () => transcript,
    journal: [readJournalEntry('memos/2024-01-01.md', '# Eerste indruk\n\nOver #intentie.\n')],
    now: '2026-12-05T00:00:00Z',
  });
}

const ARRAYS = new Set(['Code', 'Case', 'SourceRef', 'SelectionRef', 'TextSource', 'PlainTextSelection', 'Coding', 'NoteRef', 'Note', 'VariableValue', 'Variable', 'User']);
type Xml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function parsed(xml: string): Xml {
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, trimValues: false, isArray: (name) => ARRAYS.has(name) }).parse(xml).Project;
}

/** Kader code id of each code GUID, read from the descriptions. */
function codeIds(project: Xml): Map<string, string> {
  const ids = new Map<string, string>();
  const visit = (codes: Xml[] = []): void => {
    for (const code of codes) {
      ids.set(code.guid, readKaderId(String(code.Description ?? '')).id!);
      visit(code.Code);
    }
  };
  visit(project.CodeBook.Codes.Code);
  return ids;
}

const PLAIN = [
  'Gesprek over samenwerking',
  '',
  'Vraag 1 — Waarom doe je mee?',
  '',
  `S1: Ik kwam omdat het moest, zie de site en ${LONG}.`,
  '',
  'Interviewer: En toen?',
  '',
  'S1: De gemeente betaalt.',
  '',
  'Wie\tRol',
  'Anna\tvoorzitter',
  '',
  '- eerste punt',
  '- tweede punt',
].join('\n');

/** Where `quote` lies in PLAIN, in code points. */
function where(quote: string): [number, number] {
  const start = [...PLAIN.slice(0, PLAIN.indexOf(quote))].length;
  return [start, start + [...quote].length];
}

describe('REFI-QDA export: the plain text a reader sees', () => {
  test('no speaker bold, heading marks, table pipes, link targets, emphasis or coding; LF only', () => {
    assert.equal(plainSource(transcript, parseTranscript(transcript)).text, PLAIN);
    const files = exported().sources;
    assert.equal(files[0]!.text, PLAIN);
  });

  test('each selection is its fragment’s words in that text (code points), and its fragment text folded', () => {
    const model = parseTranscript(transcript);
    const plain = plainSource(transcript, model);
    const points = Array.from(plain.text);
    const quoted = model.fragments.map((f) => {
      const s = plain.selection(f.content.span);
      return [f.codes.join(' '), s.start, s.end, points.slice(s.start, s.end).join('')];
    });
    const section = PLAIN.slice(PLAIN.indexOf('Vraag'));
    assert.deepEqual(quoted, [
      ['context', 13, 25, 'samenwerking'],
      ['intentie', 27, [...PLAIN].length, section],
      ['intentie/gestuurd', 69, 97, 'omdat het moest, zie de site'],
      ['outcome', ...where(LONG), LONG],
      ['context/macht', ...where('De gemeente betaalt'), 'De gemeente betaalt'],
      ['actanten/beleid', ...where('betaalt'), 'betaalt'],
      ['actanten', ...where('Anna'), 'Anna'],
    ]);
    assert.deepEqual(where(LONG), [101, 171]);
    for (const [i, f] of model.fragments.entries()) if (f.kind === 'inline') assert.equal(plainText(String(quoted[i]![3])), f.text);
  });
});

describe('REFI-QDA export: hostile transcripts', () => {
  test('the plain source never throws, has no CR, and every selection lies inside it', () => {
    let read = 0;
    for (const hostile of CASES) {
      const text = hostile.core && hostile.core.as !== 'codebook' ? hostile.files('unit')[hostile.subject] : undefined;
      if (typeof text !== 'string' || text.length > 200_000) continue;
      const model = parseTranscript(text);
      const plain = plainSource(text, model);
      const points = [...plain.text].length;
      assert.ok(!plain.text.includes('\r'), hostile.name);
      for (const f of model.fragments) {
        const s = plain.selection(f.content.span);
        assert.ok(s.start >= 0 && s.start <= s.end && s.end <= points, `${hostile.name}: ${JSON.stringify(s)} of ${points}`);
      }
      read++;
    }
    assert.ok(read >= 10, `${read} hostile transcripts read`);
  });
});

describe('REFI-QDA export: the project', () => {
  test('validates against Project.xsd', async () => {
    const result = await validateXML({ xml: [{ fileName: 'project.qde', contents: exported().xml }], schema: [schema] });
    assert.deepEqual(result.errors, [], result.rawOutput);
  });

  test('selections: names never split a character, whatever the XML escaping; codings name Kader ids', () => {
    const { xml } = exported();
    assert.ok(xml.includes(` name="${'A'.repeat(59)}😀" `), xml);
    assert.ok(!xml.includes('\uFFFD'));
    const project = parsed(xml);
    const ids = codeIds(project);
    const source = project.Sources.TextSource[0];
    assert.deepEqual(
      source.PlainTextSelection.map((s: Xml) => [s.name, Number(s.startPosition), Number(s.endPosition), s.Coding.map((c: Xml) => ids.get(c.CodeRef.targetGUID)).join(' ')]),
      [
        ['samenwerking', 13, 25, 'context'],
        ['Vraag 1 — Waarom doe je mee? S1: Ik kwam omdat het moest, zi', 27, [...PLAIN].length, 'intentie'],
        ['omdat het moest, zie de site', 69, 97, 'intentie/gestuurd'],
        [`${'A'.repeat(59)}😀`, 101, 171, 'outcome'],
        ['De gemeente betaalt', ...where('De gemeente betaalt'), 'context/macht'],
        ['betaalt', ...where('betaalt'), 'actanten/beleid'],
        ['Anna', ...where('Anna'), 'actanten'],
      ],
    );
  });

  test('practices and speakers are cases: a person’s case holds the transcript and the fragments in the person’s turns', () => {
    const project = parsed(exported().xml);
    const source = project.Sources.TextSource[0];
    const selectionName = new Map<string, string>(source.PlainTextSelection.map((s: Xml) => [s.guid, s.name]));
    assert.deepEqual(
      project.Cases.Case.map((c: Xml) => [c.name, (c.SourceRef ?? []).map((r: Xml) => r.targetGUID === source.guid), (c.SelectionRef ?? []).map((r: Xml) => selectionName.get(r.targetGUID))]),
      [
        ['Breda', [true], []],
        ['P01', [true], ['omdat het moest, zie de site', `${'A'.repeat(59)}😀`, 'De gemeente betaalt', 'betaalt', 'Anna']],
        ['Interviewer (breda/gesprek.md)', [true], []],
      ],
    );
    assert.deepEqual(
      source.VariableValue.map((v: Xml) => [project.Variables.Variable.find((d: Xml) => d.guid === v.VariableRef.targetGUID)?.name, v.IntegerValue]),
      [['jaar', '2024']],
    );
  });

  test('memos are notes: on the selection, the code and the source; the journal on the project', () => {
    const project = parsed(exported().xml);
    const notes = new Map<string, string>(project.Notes.Note.map((n: Xml) => [n.guid, `${n.name}: ${n.PlainTextContent}`]));
    const source = project.Sources.TextSource[0];
    const noted = (element: Xml): string[] => (element.NoteRef ?? []).map((r: Xml) => notes.get(r.targetGUID));
    assert.deepEqual(source.PlainTextSelection.map(noted).flat(), ['omdat het moest, zie de site: twijfel']);
    assert.deepEqual(noted(project.CodeBook.Codes.Code[0].Code[0]), ['Gestuurd: Twijfel over de grens.']);
    assert.deepEqual(noted(source), ['breda/gesprek.md: Eerste gesprek.']);
    assert.deepEqual(noted(project), ['Eerste indruk: # Eerste indruk\n\nOver #intentie.']);
    assert.equal(notes.size, 4);
  });
});

describe('REFI-QDA export: the .qdpx', () => {
  test('the archive holds project.qde, the plain text and the Markdown; the journal of the reports is the project’s notes', async () => {
    const index = new WorkspaceIndex();
    index.set('breda/gesprek.md', 'breda/gesprek.md', parseTranscript(transcript));
    const journal = [readJournalEntry('memos/2024-01-01.md', '# Eerste indruk\n\nOver #intentie.\n')];
    const codes = parseCodebook(codebook);
    const bytes = await exportBytes({ name: 'Gesprekken', index, codebook: codes, textOf: async () => transcript }, { index, codebook: codes, locale: 'nl', journal }, { format: 'qdpx', now: new Date('2026-12-05T00:00:00Z') });
    const files = unzipSync(bytes);
    const guid = stableGuid('source', 'breda/gesprek.md');
    assert.deepEqual(Object.keys(files), ['project.qde', `sources/${guid}.txt`, `kader/${guid}.md`]);
    assert.equal(strFromU8(files[`sources/${guid}.txt`]!), PLAIN);
    assert.equal(strFromU8(files[`kader/${guid}.md`]!), transcript);
    const project = parsed(strFromU8(files['project.qde']!));
    assert.deepEqual(project.NoteRef.map((r: Xml) => project.Notes.Note.find((n: Xml) => n.guid === r.targetGUID).name), ['Eerste indruk']);
  });
});

describe('REFI-QDA export: the transcript’s Markdown for a round trip', () => {
  function importedSource(): { carried: string; plainText: string; selections: SourceSelection[]; coder: string } {
    const { xml, sources } = exported();
    const project = parsed(xml);
    const ids = codeIds(project);
    const notes = new Map<string, string>(project.Notes.Note.map((n: Xml) => [n.guid, n.PlainTextContent]));
    const source = project.Sources.TextSource[0];
    const users = new Map<string, string>(project.Users.User.map((u: Xml) => [u.guid, u.name]));
    const selections = source.PlainTextSelection.map((s: Xml): SourceSelection => {
      const selection: SourceSelection = { start: Number(s.startPosition), end: Number(s.endPosition), codes: s.Coding.map((c: Xml) => ids.get(c.CodeRef.targetGUID)!) };
      const memo = s.NoteRef?.[0] ? notes.get(s.NoteRef[0].targetGUID) : undefined;
      if (memo) selection.memo = memo;
      return selection;
    });
    return {
      carried: sources.find((f) => f.path === carriedMarkdownPath(source.guid))!.text,
      plainText: sources.find((f) => f.path === `sources/${source.guid}.txt`)!.text,
      selections,
      coder: users.get(source.creatingUser)!,
    };
  }

  test('the archive holds the Markdown as written, beside the plain text', () => {
    const { sources } = exported();
    const guid = stableGuid('source', 'breda/gesprek.md');
    assert.deepEqual(
      sources.map((f) => f.path),
      [`sources/${guid}.txt`, `kader/${guid}.md`],
    );
    assert.equal(sources[1]!.text, transcript);
  });

  test('an untouched source gives its Markdown back; a changed text, coding, note or coder does not', () => {
    const source = importedSource();
    assert.equal(carriedTranscript(source.carried, source), transcript);
    assert.equal(carriedTranscript(undefined, source), undefined);
    assert.equal(carriedTranscript(source.carried, { ...source, plainText: source.plainText.replace('betaalt', 'betaalde') }), undefined);
    assert.equal(carriedTranscript(source.carried, { ...source, selections: source.selections.slice(1) }), undefined);
    const recoded = source.selections.map((s, i) => (i === 0 ? { ...s, codes: ['intentie'] } : s));
    assert.equal(carriedTranscript(source.carried, { ...source, selections: recoded }), undefined);
    const renoted = source.selections.map((s) => (s.memo ? { ...s, memo: 'zeker' } : s));
    assert.equal(carriedTranscript(source.carried, { ...source, selections: renoted }), undefined);
    assert.equal(carriedTranscript(source.carried, { ...source, coder: 'bram' }), undefined);
    assert.equal(carriedTranscript(source.carried, { ...source, selections: [...source.selections].reverse() }), transcript);
  });
});
