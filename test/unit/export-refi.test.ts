import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { plainSource } from '../../server/src/core/parse/plainSource';
import { codebookXml, projectExport, stableGuid } from '../../server/src/core/outputs/exchange/refiQda';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';

const schemas = path.resolve(__dirname, '../fixtures/refi-qda');
const schema = (name: string): string => readFileSync(path.join(schemas, name), 'utf8');

async function assertValid(xml: string, xsd: string): Promise<void> {
  const result = await validateXML({ xml: [{ fileName: 'export.xml', contents: xml }], schema: [schema(xsd)] });
  assert.deepEqual(result.errors, [], result.rawOutput);
  assert.equal(result.valid, true);
}

const codebookText = '# Intentie {#intentie color="#4E79A7"}\nWaarom doen ze mee?\n\n## Gestuurd {#intentie/gestuurd}\nDe organisatie vraagt het.\n';
const files: Record<string, string> = {
  'breda/a.md':
    '---\npractice: Breda\ncoder: anna\njaar: 2\ndatum: 2020-11-12\n---\r\n**S1:** Ik 😀 kwam [omdat het *moest*]{#intentie/gestuurd memo="twijfel <echt>"} en bleef.\r\n\r\nTweede alinea met café. {#context #intentie}\r\n',
  'tilburg/b.md': '::: {#actanten}\nDe vlaai bij de koffie.\n:::\n',
};

function project(): { index: WorkspaceIndex; texts: Map<string, string> } {
  const index = new WorkspaceIndex();
  const texts = new Map<string, string>();
  for (const [p, text] of Object.entries(files)) {
    index.set(p, p, parseTranscript(text));
    texts.set(p, text);
  }
  return { index, texts };
}

describe('REFI-QDA export', () => {
  test('GUIDs are stable, well-formed and distinct per kind and name', () => {
    assert.equal(stableGuid('code', 'intentie'), stableGuid('code', 'intentie'));
    assert.notEqual(stableGuid('code', 'intentie'), stableGuid('code', 'context'));
    assert.notEqual(stableGuid('code', 'intentie'), stableGuid('source', 'intentie'));
    assert.match(stableGuid('code', 'intentie'), /^[0-9A-F]{8}-[0-9A-F]{4}-8[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
  });

  test('the plain source: no Markdown, no coding markup, no front matter, LF only, offsets in code points', () => {
    const text = files['breda/a.md']!;
    const plain = plainSource(text, parseTranscript(text));
    assert.equal(plain.text, 'S1: Ik 😀 kwam omdat het moest en bleef.\n\nTweede alinea met café.');
    const at = text.indexOf('omdat');
    assert.deepEqual(plain.selection({ start: at, end: text.indexOf(']') }), { start: [...'S1: Ik 😀 kwam '].length, end: [...'S1: Ik 😀 kwam omdat het moest'].length });
  });

  test('the codebook validates against Codebook.xsd, with hierarchy, colours and descriptions', async () => {
    const xml = codebookXml(parseCodebook(codebookText), ['intentie/vrijwillig', 'context']);
    await assertValid(xml, 'Codebook.xsd');
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const codes = parsed.CodeBook.Codes.Code;
    assert.equal(codes[0].name, 'Intentie');
    assert.equal(codes[0].color, '#4E79A7');
    assert.equal(codes[0].Description, 'Waarom doen ze mee?\n\nKader: #intentie');
    assert.deepEqual(codes[0].Code.map((c: { name: string }) => c.name), ['Gestuurd', 'intentie/vrijwillig']);
    assert.equal(codes[1].name, 'context');
  });

  test('the project validates against Project.xsd and every selection finds its fragment again', async () => {
    const { index, texts } = project();
    const exported = projectExport({
      name: 'Test',
      index,
      codebook: parseCodebook(codebookText),
      textOf: (d) => texts.get(d.key)!,
      now: '2026-11-28T12:00:00Z',
    });
    await assertValid(exported.xml, 'Project.xsd');
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['TextSource', 'PlainTextSelection', 'Coding', 'Case', 'SourceRef', 'User', 'Note', 'VariableValue'].includes(name) }).parse(exported.xml);
    const p = parsed.Project;
    assert.deepEqual(p.Users.User, [{ guid: stableGuid('user', 'anna'), name: 'anna' }]);
    assert.deepEqual(p.Cases.Case.map((c: { name: string }) => c.name), ['Breda', 'tilburg', 'S1 (breda/a.md)']);
    assert.deepEqual(p.Variables.Variable.map((v: { name: string; typeOfVariable: string }) => [v.name, v.typeOfVariable]), [['jaar', 'Integer'], ['datum', 'Date']]);
    assert.equal(p.Notes.Note[0].PlainTextContent, 'twijfel <echt>');

    const found: string[] = [];
    for (const source of p.Sources.TextSource) {
      const text = exported.sources.find((s) => s.path === `sources/${source.guid}.txt`)!.text;
      const points = [...text];
      for (const selection of source.PlainTextSelection) {
        const quoted = points.slice(Number(selection.startPosition), Number(selection.endPosition)).join('');
        const codes = selection.Coding.map((c: { CodeRef: { targetGUID: string } }) => c.CodeRef.targetGUID);
        found.push(`${source.name}: ${quoted.trim()} ${codes.length}`);
      }
    }
    assert.deepEqual(found, [
      'breda/a.md: omdat het moest 1',
      'breda/a.md: Tweede alinea met café. 2',
      'tilburg/b.md: De vlaai bij de koffie. 1',
    ]);
  });

  test('a re-export gives identical XML', () => {
    const { index, texts } = project();
    const run = () => projectExport({ name: 'T', index, codebook: parseCodebook(codebookText), textOf: (d) => texts.get(d.key)!, now: '2026-11-28T12:00:00Z' }).xml;
    assert.equal(run(), run());
  });
});
