// The XML the REFI-QDA export writes, read back by a real parser (libxml2, through xmllint's
// Canonical XML output): every foreign string arrives exactly as it was, except the characters
// XML 1.0 cannot hold, which arrive as U+FFFD. Invented names and text only.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { validateXML } from 'xmllint-wasm';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { withKaderId } from '../../server/src/core/outputs/exchange/kaderIds';
import { codebookXml, projectExport, stableGuid } from '../../server/src/core/outputs/exchange/refiQda';
import { escapeXmlAttribute, escapeXmlText, XmlElement, xmlDocument } from '../../server/src/core/outputs/exchange/xmlWriter';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import type { Codebook } from '../../server/src/core/types';

const schemas = path.resolve(__dirname, '../fixtures/refi-qda');

const C0 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join('');
/** Markup, entity look-alikes, a CDATA end, every C0 control, line ends, lone and reversed surrogates, non-characters. */
const HOSTILE = `<a> & "b" 'c' ]]> &amp; &#65; &nbsp; R&D; ${C0} \r\n \r \t \u007f\u0085\u2028 \ud800 \udc00 \udc00\ud800 😀 \ud83d \ufffe \uffff`;

/** What a parser can read back: each character XML 1.0 forbids as U+FFFD (written independently of the writer). */
function readable(text: string): string {
  let out = '';
  for (const c of text) {
    const p = c.codePointAt(0)!;
    const allowed = p === 0x9 || p === 0xa || p === 0xd || (p >= 0x20 && p <= 0xd7ff) || (p >= 0xe000 && p <= 0xfffd) || p >= 0x10000;
    out += allowed ? c : '\uFFFD';
  }
  return out;
}

/** Canonical XML's escaping (W3C C14N 1.0 §2.3) of text and of an attribute value. */
const c14nText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
const c14nAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;');
const text = (s: string): string => c14nText(readable(s));
const attribute = (s: string): string => c14nAttribute(readable(s));

async function canonical(xml: string): Promise<string> {
  const result = await validateXML({ xml: [{ fileName: 'export.xml', contents: xml }], normalization: 'c14n' });
  assert.equal(result.valid, true, result.rawOutput);
  return result.normalized;
}

async function assertValid(xml: string, xsd: string): Promise<void> {
  const result = await validateXML({ xml: [{ fileName: 'export.xml', contents: xml }], schema: [readFileSync(path.join(schemas, xsd), 'utf8')] });
  assert.deepEqual(result.errors, [], result.rawOutput);
}

function assertWritable(xml: string): void {
  assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(xml), 'no character XML forbids');
  assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(xml), 'no lone surrogate');
  assert.ok(!xml.includes(']]>'), 'no CDATA end');
}

describe('REFI-QDA XML writer', () => {
  test('a parser reads back every attribute value and text exactly, forbidden characters as U+FFFD', async () => {
    const samples = [HOSTILE, '', ' ', '  leading and trailing  ', '\n', '\r\n', ...Array.from({ length: 0x80 }, (_, i) => `x${String.fromCharCode(i)}y`)];
    for (const sample of samples) {
      const root = new XmlElement('r', { a: sample }).txt(sample);
      const xml = xmlDocument(root);
      assertWritable(xml);
      const expected = sample ? `<r a="${attribute(sample)}">${text(sample)}</r>\n` : '<r a=""></r>\n';
      assert.equal(await canonical(xml), expected, JSON.stringify(sample));
    }
  });

  test('the escaping functions: markup and line ends as references, nothing else touched', () => {
    assert.equal(escapeXmlText('a < b && c > d ]]> "q" \'s\' \t\n\r'), 'a &lt; b &amp;&amp; c &gt; d ]]&gt; "q" \'s\' \t\n&#xD;');
    assert.equal(escapeXmlAttribute('a < b && c > d "q" \'s\' \t\n\r'), 'a &lt; b &amp;&amp; c &gt; d &quot;q&quot; \'s\' &#x9;&#xA;&#xD;');
    assert.equal(escapeXmlText('&amp; &#65; &nbsp;'), '&amp;amp; &amp;#65; &amp;nbsp;');
    assert.equal(escapeXmlText('\u0000\u001f\ud800😀\udc00\ufffe\uffff\ufffd'), '\uFFFD\uFFFD\uFFFD😀\uFFFD\uFFFD\uFFFD\ufffd');
  });

  test('layout: declaration, two-space indent, attributes in the given order, empty elements closed, no final line break', () => {
    const root = new XmlElement('Root', { xmlns: 'urn:x', b: '2', skipped: undefined, a: '1' });
    root.ele('Empty');
    root.ele('Text').txt('one\ntwo');
    root.ele('Blank').txt('');
    root.ele('Outer').ele('Inner', { c: '3' });
    assert.equal(
      xmlDocument(root),
      '<?xml version="1.0" encoding="utf-8"?>\n<Root xmlns="urn:x" b="2" a="1">\n  <Empty/>\n  <Text>one\ntwo</Text>\n  <Blank/>\n  <Outer>\n    <Inner c="3"/>\n  </Outer>\n</Root>',
    );
  });

  test('names are never foreign text, and an element has text or elements, not both', () => {
    assert.throws(() => new XmlElement('a b'));
    assert.throws(() => new XmlElement('a', { 'x="1" y': '2' }));
    assert.throws(() => new XmlElement('a').ele('<b>'));
    assert.throws(() => new XmlElement('a').txt('t').ele('b'));
    const parent = new XmlElement('a');
    parent.ele('b');
    assert.throws(() => parent.txt('t'));
  });
});

describe('REFI-QDA export of hostile strings', () => {
  const codebook = (color?: string): Codebook => ({
    builtIn: false,
    codes: [{ code: 'intentie', name: HOSTILE, description: HOSTILE, shortDescription: '', ...(color ? { color } : {}) }],
    diagnostics: [],
  });

  test('codebook: names, descriptions and codes in use arrive intact; the file is valid', async () => {
    const xml = codebookXml(codebook('#4E79A7'), [HOSTILE]);
    assertWritable(xml);
    await assertValid(xml, 'Codebook.xsd');
    const read = await canonical(xml);
    assert.ok(read.includes(`guid="${stableGuid('code', 'intentie')}" isCodable="true" name="${attribute(HOSTILE)}"`), read);
    assert.ok(read.includes(`<Description>${text(withKaderId(HOSTILE, 'intentie'))}</Description>`), read);
    assert.ok(read.includes(`guid="${stableGuid('code', HOSTILE)}" isCodable="true" name="${attribute(HOSTILE)}"`), read);
  });

  test('codebook: a colour is escaped too', async () => {
    const xml = codebookXml(codebook(HOSTILE));
    assertWritable(xml);
    assert.ok((await canonical(xml)).includes(` color="${attribute(HOSTILE)}" `));
  });

  test('project: names, paths, coders, practices, variables, memos and fragment text arrive intact; the file is valid', async () => {
    const line = HOSTILE.replace(/[\r\n]/g, '');
    const memo = line.replace(/["\\]/g, '\\$&');
    const file = `${HOSTILE}.md`;
    const source = `---\npractice: ${JSON.stringify(HOSTILE)}\ncoder: ${JSON.stringify(HOSTILE)}\n${JSON.stringify(HOSTILE)}: ${JSON.stringify(HOSTILE)}\n---\n[${line.replace(/[[\]{}]/g, '')}]{#intentie memo="${memo}"}\n`;
    const model = parseTranscript(source);
    assert.equal(model.fragments[0]?.memo, line, 'the memo is parsed as written');
    const index = new WorkspaceIndex();
    index.set(file, file, model);
    const exported = projectExport({ name: HOSTILE, index, codebook: parseCodebook('# Intentie {#intentie}\n'), textOf: () => source, now: '2026-01-01T00:00:00Z' });
    assertWritable(exported.xml);
    await assertValid(exported.xml, 'Project.xsd');
    const read = await canonical(exported.xml);
    const has = (fragment: string): void => assert.ok(read.includes(fragment), `${fragment}\n---\n${read}`);
    has(`<Project xmlns="urn:QDA-XML:project:1.0" creationDateTime="2026-01-01T00:00:00Z" name="${attribute(HOSTILE)}" origin="Kader">`);
    has(`<User guid="${stableGuid('user', HOSTILE)}" name="${attribute(HOSTILE)}"></User>`);
    has(`<Case guid="${stableGuid('case', HOSTILE)}" name="${attribute(HOSTILE)}">`);
    has(`<Variable guid="${stableGuid('variable', HOSTILE)}" name="${attribute(HOSTILE)}" typeOfVariable="Text"></Variable>`);
    has(` name="${attribute(file)}" plainTextPath="internal://`);
    has(`<TextValue>${text(HOSTILE)}</TextValue>`);
    has(`<PlainTextContent>${text(line)}</PlainTextContent>`);
    const selectionName = attribute(Array.from(model.fragments[0]!.text).slice(0, 60).join(''));
    assert.equal(read.split(` name="${selectionName}"`).length - 1, 2, 'the selection and its note');
  });
});
