// REFI-QDA export of hostile names and text (invented names only): the XML stays well-formed and
// valid whatever characters the transcripts hold, and no name decides a path inside the .qdpx.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { validateXML } from 'xmllint-wasm';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { codebookXml, projectExport } from '../../server/src/core/outputs/exchange/refiQda';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';

const schemas = path.resolve(__dirname, '../fixtures/refi-qda');

async function assertValid(xml: string, xsd: string): Promise<void> {
  const result = await validateXML({ xml: [{ fileName: 'export.xml', contents: xml }], schema: [readFileSync(path.join(schemas, xsd), 'utf8')] });
  assert.equal(result.valid, true, result.rawOutput);
}

describe('REFI-QDA export of hostile names and text', () => {
  const emoji = '😀'.repeat(59);
  const files: Record<string, string> = {
    '../../buiten\x1b[2J.md': `---\npractice: "prak\\u0000tijk\\uFFFE"\ncoder: "<anna> & \\"bert\\""\nklas: "\\e]0;x\\a"\n---\n[a${emoji}b]{#intentie memo="nul\x00 en \ud800 los"}\n`,
  };

  function exported(): ReturnType<typeof projectExport> {
    const index = new WorkspaceIndex();
    for (const [p, text] of Object.entries(files)) index.set(p, p, parseTranscript(text));
    return projectExport({ name: 'proj\x07ect', index, codebook: parseCodebook('# Inten\x1btie {#intentie}\nWaar\x00om?\n'), textOf: (d) => files[d.path]!, now: '2026-01-01T00:00:00.000Z' });
  }

  test('characters XML forbids are written as U+FFFD; the project stays valid', async () => {
    const { xml } = exported();
    assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe]/.test(xml), 'no character XML forbids');
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(xml), 'no lone surrogate');
    assert.ok(xml.includes('<Project xmlns="urn:QDA-XML:project:1.0" name="proj�ect"'), xml);
    assert.ok(xml.includes('name="../../buiten�[2J.md"'), xml);
    assert.ok(xml.includes('<User guid="'), xml);
    assert.ok(xml.includes('name="&lt;anna&gt; &amp; &quot;bert&quot;"'), xml);
    assert.ok(xml.includes('<PlainTextContent>nul� en � los</PlainTextContent>'), xml);
    assert.ok(xml.includes('<TextValue>�]0;x�</TextValue>'), xml);
    await assertValid(xml, 'Project.xsd');
  });

  test('a selection is named by its first 60 code points, never half a surrogate pair', () => {
    const { xml } = exported();
    assert.ok(xml.includes(`name="a${emoji}"`), xml);
  });

  test('the .qdpx paths are GUIDs, whatever the file names', () => {
    const guid = '[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}';
    assert.deepEqual(
      exported().sources.map((s) => [new RegExp(`^sources/${guid}\\.txt$`).test(s.path), new RegExp(`^kader/${guid}\\.md$`).test(s.path)]),
      [
        [true, false],
        [false, true],
      ],
    );
  });

  test('the codebook stays valid too', async () => {
    const xml = codebookXml(parseCodebook('# Inten\x1btie {#intentie}\nWaar\x00om?\n'));
    assert.ok(xml.includes('name="Inten�tie"'), xml);
    await assertValid(xml, 'Codebook.xsd');
  });
});
