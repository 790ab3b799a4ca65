import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { builtInCodebook, parseCodebook } from '../../server/src/core/parse/codebook';
import { frameworkCodebookMarkdown } from '../../server/src/core/framework';
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
        'title: Uit MAXQDA',
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

  test('export then import keeps every code with its id, whatever its name', () => {
    const markdown = '# Intentie {#intentie color="#4E79A7"}\n\nWaarom?\n\n## Gestuurd {#intentie/gestuurd}\n\n# Uitkomst en waarde {#outcome}\n';
    const back = importQdc(codebookXml(parseCodebook(markdown)));
    assert.deepEqual(back, { ok: true, markdown, codes: 3 });
  });

  for (const locale of ['en', 'nl'] as const) {
    test(`the framework codebook in ${locale === 'en' ? 'English' : 'Dutch'}: export then import gives the same codebook.md`, () => {
      const title = locale === 'nl' ? 'Codeboek lerende praktijken' : 'Codebook for learning practices';
      const back = importQdc(codebookXml(builtInCodebook(locale)), locale, title);
      assert.ok(back.ok);
      assert.equal(back.markdown, frameworkCodebookMarkdown(locale));
      assert.deepEqual(
        parseCodebook(back.markdown).codes.map((c) => c.code),
        builtInCodebook(locale).codes.map((c) => c.code),
      );
    });
  }

  test('a code moved to another parent in another tool keeps its last segment under the new parent; a carried description stays Markdown only where it codes nothing', () => {
    const xml = `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="1" name="Context"><Description>Kader: #context</Description>
<Code guid="2" name="Door organisatie gestuurd"><Description>Waarom?

Kader: #intentie/gestuurd</Description></Code></Code>
<Code guid="3" name="Nog een"><Description>**Nadruk** en […] blijven.

# Geen kop

[a]{#b} &lt;b&gt;c&lt;/b&gt;

Kader: #context</Description></Code>
<Code guid="4" name="Geen id"><Description>Kader: #geen code</Description></Code>
</Codes></CodeBook>`;
    const back = importQdc(xml);
    assert.ok(back.ok);
    assert.equal(
      back.markdown,
      [
        '# Context {#context}',
        '',
        '## Door organisatie gestuurd {#context/gestuurd}',
        '',
        'Waarom?',
        '',
        '# Nog een {#context-2}',
        '',
        '**Nadruk** en […] blijven.',
        '',
        '\\# Geen kop',
        '',
        '\\[a\\]\\{#b\\} \\<b\\>c\\</b\\>',
        '',
        '# Geen id {#geen-id}',
        '',
        'Kader: #geen code',
        '',
      ].join('\n'),
    );
  });

  test('a title that is not only words is quoted', () => {
    const xml = '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="1" name="A"/></Codes></CodeBook>';
    const titleOf = (title: string): string => {
      const back = importQdc(xml, 'en', title);
      return back.ok ? back.markdown.split('\n')[1]! : '';
    };
    assert.equal(titleOf('Codeboek 2024'), 'title: Codeboek 2024');
    assert.equal(titleOf('2024'), 'title: "2024"');
    assert.equal(titleOf('yes'), 'title: "yes"');
    assert.equal(titleOf('Codes: deel 1'), 'title: "Codes: deel 1"');
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
