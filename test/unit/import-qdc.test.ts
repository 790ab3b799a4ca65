import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCodebook } from '../../server/src/core/parse/codebook';
import { readChunk } from '../../server/src/core/parse/chunk';
import { codebookXml } from '../../server/src/core/outputs/exchange/refiQda';
import { importQdc, segmentOf } from '../../server/src/core/outputs/exchange/qdcImport';

const qdc = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA">
  <Codes>
    <Code guid="11111111-1111-1111-1111-111111111111" name="Intentie" isCodable="true" color="#4E79A7">
      <Description>Wat is de bedoeling?</Description>
      <Code guid="22222222-2222-2222-2222-222222222222" name="Door organisatie gestuurd" isCodable="true"/>
    </Code>
    <Code guid="33333333-3333-3333-3333-333333333333" name="Space &amp; place" isCodable="true" color="red"/>
  </Codes>
</CodeBook>`;

describe('REFI-QDA codebook import', () => {
  test('names, hierarchy, colours and descriptions become codebook.md', () => {
    const result = importQdc(qdc, 'en', 'Uit MAXQDA');
    assert.ok(result.ok);
    assert.equal(
      result.markdown,
      [
        '---',
        'title: "Uit MAXQDA"',
        '---',
        '',
        '# Intentie {#intentie color="#4E79A7"}',
        '',
        'Wat is de bedoeling?',
        '',
        '## Door organisatie gestuurd {#intentie/door-organisatie-gestuurd}',
        '',
        '# Space & place {#space-place}',
        '',
      ].join('\n'),
    );
    const codebook = parseCodebook(result.markdown);
    assert.deepEqual(codebook.diagnostics, []);
    assert.deepEqual(codebook.codes.map((c) => [c.code, c.name, c.color ?? null]), [
      ['intentie', 'Intentie', '#4E79A7'],
      ['intentie/door-organisatie-gestuurd', 'Door organisatie gestuurd', null],
      ['space-place', 'Space & place', null],
    ]);
  });

  test('a colour with alpha (#AARRGGBB) is read; descriptions stay descriptions whatever they hold; names keep their braces readable', () => {
    const xml = `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="1" name="Jaar {2020}" color="#FF4E79A7"><Description>2020</Description></Code>
<Code guid="2" name="Lijn" color="#80e15759"><Description>Eerst dit.
---
Dan dat.

---

# Geen kop</Description></Code>
<Code guid="3" name="Kleurloos" color="#FF4E79A"><Description>+1</Description></Code>
</Codes></CodeBook>`;
    const result = importQdc(xml);
    assert.deepEqual(result, {
      ok: true,
      markdown: [
        '# Jaar \\{2020\\} {#jaar-2020 color="#4E79A7"}',
        '',
        '2020',
        '',
        '# Lijn {#lijn color="#e15759"}',
        '',
        'Eerst dit. --- Dan dat.',
        '',
        '\\---',
        '',
        '\\# Geen kop',
        '',
        '# Kleurloos {#kleurloos}',
        '',
        '\\+1',
        '',
      ].join('\n'),
      codes: 3,
    });
    const codebook = parseCodebook(result.markdown);
    assert.deepEqual(codebook.diagnostics, []);
    assert.deepEqual(
      codebook.codes.map((c) => [c.code, c.name, c.color ?? null, c.shortDescription]),
      [
        ['jaar-2020', 'Jaar {2020}', '#4E79A7', '2020'],
        ['lijn', 'Lijn', '#e15759', 'Eerst dit. --- Dan dat.'],
        ['kleurloos', 'Kleurloos', null, '+1'],
      ],
    );
    assert.deepEqual(
      readChunk(codebook.codes[1]!.description).blocks.map((b) => b.text),
      ['Eerst dit. --- Dan dat.', '---', '# Geen kop'],
    );
  });

  test('export then import keeps every code', () => {
    const codebook = parseCodebook('# Intentie {#intentie color="#4E79A7"}\nWaarom?\n\n## Gestuurd {#intentie/gestuurd}\n');
    const back = importQdc(codebookXml(codebook));
    assert.ok(back.ok);
    assert.deepEqual(parseCodebook(back.markdown).codes.map((c) => c.code), ['intentie', 'intentie/gestuurd']);
  });

  test('bad input: not XML, not a codebook', () => {
    const notXml = importQdc('<CodeBook><Codes>', 'nl');
    assert.equal(notXml.ok, false);
    assert.match(!notXml.ok ? notXml.message : '', /^Dit bestand is geen geldige XML: /);
    assert.deepEqual(importQdc('<Project name="x"/>'), { ok: false, message: 'This is not a REFI-QDA codebook: it has no <CodeBook> with <Codes>.' });
  });

  test('segments from names', () => {
    assert.equal(segmentOf('Beïnvloeding door beleid!'), 'beïnvloeding-door-beleid');
    assert.equal(segmentOf('***'), 'code');
  });
});
