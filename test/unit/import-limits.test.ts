import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { describe, test } from 'node:test';
import { importDocx } from '../../server/src/core/outputs/exchange/docx';
import { IMPORT_LIMITS, xmlShape } from '../../server/src/core/outputs/exchange/importLimits';
import { importQdc } from '../../server/src/core/outputs/exchange/qdcImport';
import { writeTranscript } from '../../server/src/core/outputs/exchange/transcriptWriter';
import { importWebVtt } from '../../server/src/core/outputs/exchange/webvtt';
import { inflateWithZlib } from '../../server/src/workspace/zlibInflate';
import { deepWordFile, deflatedRepeat, manyParts, rawZip, wordBomb, wordFileWith, wordParts, type RawEntry } from './hostileFiles';

const TOO_LARGE = {
  en: 'This Word file unpacks to more than 50 MB; Kader does not import it.',
  nl: 'Dit Word-bestand is uitgepakt groter dan 50 MB; Kader importeert het niet.',
};

describe('import limits: Word files', () => {
  test('a 600 kB zip bomb (200 MB of paragraphs) is refused from its stated size, before unpacking', async () => {
    const bomb = await wordBomb(200);
    assert.ok(bomb.length < 1024 * 1024);
    assert.deepEqual(await importDocx(bomb), { ok: false, message: TOO_LARGE.en });
    assert.deepEqual(await importDocx(bomb, { locale: 'nl' }), { ok: false, message: TOO_LARGE.nl });
  });

  test('a bomb that states a small size is stopped as soon as it unpacks past it (fflate and zlib)', async () => {
    for (const inflate of [undefined, inflateWithZlib]) {
      for (const stated of [0, 1000, 40 * 1024 * 1024]) {
        assert.deepEqual(await importDocx(await wordBomb(200, stated), {}, inflate), {
          ok: false,
          message: 'This Word file is damaged: its part word/document.xml unpacks to more than the file says; Kader does not import it.',
        });
      }
      assert.equal((await importDocx(await wordBomb(1), {}, inflate)).ok, true);
    }
    assert.deepEqual(await importDocx(await wordBomb(200, 1000), { locale: 'nl' }), {
      ok: false,
      message: 'Dit Word-bestand is beschadigd: het onderdeel word/document.xml is uitgepakt groter dan het bestand opgeeft; Kader importeert het niet.',
    });
  });

  test('more parts than the limit: refused from the zip directory', async () => {
    assert.deepEqual(await importDocx(manyParts(IMPORT_LIMITS.zipEntries + 1)), { ok: false, message: 'This Word file holds more than 5000 parts; Kader does not import it.' });
    assert.deepEqual(await importDocx(manyParts(IMPORT_LIMITS.zipEntries + 1), { locale: 'nl' }), {
      ok: false,
      message: 'Dit Word-bestand bestaat uit meer dan 5000 onderdelen; Kader importeert het niet.',
    });
  });

  test('deeply nested Word XML is refused, not a stack overflow in mammoth; nesting within the limit is read', async () => {
    assert.deepEqual(await importDocx(await deepWordFile(100_000)), { ok: false, message: 'This Word file nests elements more than 256 levels deep; Kader does not import it.' });
    assert.deepEqual(await importDocx(await deepWordFile(100_000), { locale: 'nl' }), { ok: false, message: 'Dit Word-bestand nest elementen meer dan 256 niveaus diep; Kader importeert het niet.' });
    assert.deepEqual(await importDocx(await deepWordFile(120)), { ok: true, markdown: '---\nparticipants: []\n---\n\ndiep\n', participants: [], turns: 1 });
  });

  test('more XML elements than the limit (a 1 MB part of 80,000 paragraphs): refused before mammoth reads them', async () => {
    const unit = '<w:p><w:r><w:t>a</w:t></w:r></w:p>'.repeat(1000);
    const document = deflatedRepeat('<w:document><w:body>', unit, Math.ceil(IMPORT_LIMITS.elements / 3000) + 1, '</w:body></w:document>');
    assert.deepEqual(await importDocx(await wordFileWith(document)), { ok: false, message: 'This Word file holds more than 200,000 XML elements; Kader does not import it.' });
    assert.deepEqual(await importDocx(await wordFileWith(document), { locale: 'nl' }), { ok: false, message: 'Dit Word-bestand bevat meer dan 200.000 XML-elementen; Kader importeert het niet.' });
  });

  test('a small Word file within the limits imports', async () => {
    const result = await importDocx(await wordBomb(1));
    assert.ok(result.ok);
  });

  test('a lying part whose name holds a terminal escape and a line break: shown as ?', async () => {
    const parts = await wordParts(['Hallo.']);
    const bomb = deflatedRepeat('<x>', 'aaaa'.repeat(1024), 1024, '</x>');
    const entries: RawEntry[] = Object.entries(parts).map(([name, content]) => ({ name, data: new Uint8Array(deflateRawSync(content)), method: 8, size: content.length }));
    entries.push({ name: 'word/\u001b[31mrood\n.xml', data: bomb.data, method: 8, size: 10 });
    assert.deepEqual(await importDocx(rawZip(entries)), {
      ok: false,
      message: 'This Word file is damaged: its part word/?[31mrood?.xml unpacks to more than the file says; Kader does not import it.',
    });
  });

  test('not a zip at all: a clear refusal', async () => {
    assert.deepEqual(await importDocx(new TextEncoder().encode('geen zip')), { ok: false, message: 'This Word file cannot be read (no zip directory).' });
  });
});

describe('import limits: text', () => {
  test('a transcript past the limit of text is refused', () => {
    const words = 'a '.repeat(IMPORT_LIMITS.textChars / 2 + 10);
    assert.deepEqual(writeTranscript([{ speaker: 'Anna', text: words }], {}, 'docx'), {
      ok: false,
      message: 'This Word file holds more than 20 MB of text; Kader imports up to 20 MB.',
    });
    assert.deepEqual(writeTranscript([{ text: words }], { locale: 'nl' }, 'vtt'), { ok: false, message: 'Dit WebVTT-bestand bevat meer dan 20 MB tekst; Kader importeert tot 20 MB.' });
  });

  test('a .vtt past the limit of text is refused before it is parsed', () => {
    const cue = '00:00:01.000 --> 00:00:02.000\n<v Anna>Hallo.</v>\n\n';
    const vtt = `WEBVTT\n\n${cue.repeat(Math.ceil(IMPORT_LIMITS.textChars / cue.length) + 1)}`;
    assert.deepEqual(importWebVtt(vtt), { ok: false, message: 'This WebVTT file holds more than 20 MB of text; Kader imports up to 20 MB.' });
  });

  test('a .qdc past the limit of text is refused before it is parsed', () => {
    const xml = `<CodeBook><Codes>${'<Code name="x"/>'.repeat(IMPORT_LIMITS.textChars / 16 + 1)}</Codes></CodeBook>`;
    assert.deepEqual(importQdc(xml, 'nl'), { ok: false, message: 'Dit codeboek bevat meer dan 20 MB tekst; Kader importeert tot 20 MB.' });
  });
});

describe('import limits: nesting', () => {
  test('200,000 nested <b> in a cue: a refusal, not "Maximum call stack size exceeded"', () => {
    const vtt = `WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>${'<b>'.repeat(200_000)}diep${'</b>'.repeat(200_000)}</v>\n`;
    assert.deepEqual(importWebVtt(vtt), { ok: false, message: 'This WebVTT file nests elements more than 256 levels deep; Kader does not import it.' });
    assert.deepEqual(importWebVtt(vtt, { locale: 'nl' }), { ok: false, message: 'Dit WebVTT-bestand nest elementen meer dan 256 niveaus diep; Kader importeert het niet.' });
  });

  test('nesting within the limit, and many shallow cues, are read', () => {
    const deep = `WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>${'<b>'.repeat(250)}diep${'</b>'.repeat(250)}</v>\n`;
    assert.deepEqual(importWebVtt(deep), { ok: true, markdown: '---\nparticipants:\n  - Anna\n---\n\n**Anna:** diep\n', participants: ['Anna'], turns: 1 });
    const cue = '00:00:01.000 --> 00:00:02.000\n<v Anna><b>ja</b></v>\n\n';
    const many = importWebVtt(`WEBVTT\n\n${cue.repeat(1000)}`);
    assert.ok(many.ok && many.turns === 1);
  });

  test('deeply nested codes in a .qdc: a refusal, not a stack overflow', () => {
    const xml = `<CodeBook><Codes>${'<Code name="a">'.repeat(100_000)}${'</Code>'.repeat(100_000)}</Codes></CodeBook>`;
    assert.deepEqual(importQdc(xml), { ok: false, message: 'This codebook nests elements more than 256 levels deep; Kader does not import it.' });
    assert.deepEqual(importQdc(xml, 'nl'), { ok: false, message: 'Dit codeboek nest elementen meer dan 256 niveaus diep; Kader importeert het niet.' });
  });

  test('a .qdc of more codes than the element limit: refused before it is parsed', () => {
    const xml = `<CodeBook><Codes>${'<Code name="a"/>'.repeat(IMPORT_LIMITS.elements)}</Codes></CodeBook>`;
    assert.deepEqual(importQdc(xml), { ok: false, message: 'This codebook holds more than 200,000 XML elements; Kader does not import it.' });
  });

  test('xmlShape: self-closing tags, comments, CDATA and quoted ">" do not nest; every element counts', () => {
    const limits = (depth: number, elements = 100): { depth: number; elements: number } => ({ depth, elements });
    assert.deepEqual(xmlShape('<a><b/><!-- <c><c><c> --><![CDATA[<d><d>]]><e x="/>"><f/></e></a>', limits(2)), { elements: 4 });
    assert.deepEqual(xmlShape('<a><b><c/></b></a>', limits(1)), { problem: 'depth', elements: 2 });
    assert.deepEqual(xmlShape('<a x=">"><b y=\'<\'><c></c></b></a>', limits(2)), { problem: 'depth', elements: 3 });
    assert.deepEqual(xmlShape('<a><b/><b/></a>', limits(5, 2)), { problem: 'elements', elements: 3 });
    assert.deepEqual(xmlShape('<a/>', limits(5, 2), 2), { problem: 'elements', elements: 3 });
  });
});

describe('import limits: XML entities in a .qdc', () => {
  const ENTITIES = {
    en: 'This codebook declares its own XML entities (<!ENTITY …>), which Kader does not read. Export the codebook again without them.',
    nl: 'Dit codeboek declareert eigen XML-entiteiten (<!ENTITY …>), die Kader niet leest. Exporteer het codeboek opnieuw zonder.',
  };

  test('billion laughs is refused, not expanded', () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE CodeBook [\n<!ENTITY lol0 "lol">\n${levels}\n]>\n<CodeBook><Codes><Code name="&lol9;"><Description>&lol9;</Description></Code></Codes></CodeBook>`;
    assert.deepEqual(importQdc(xml), { ok: false, message: ENTITIES.en });
    assert.deepEqual(importQdc(xml, 'nl'), { ok: false, message: ENTITIES.nl });
  });

  test('one large entity used many times is refused, and so is an external entity', () => {
    const large = `<!DOCTYPE CodeBook [<!ENTITY big "${'x'.repeat(100_000)}">]><CodeBook><Codes><Code name="a"><Description>${'&big;'.repeat(10_000)}</Description></Code></Codes></CodeBook>`;
    assert.deepEqual(importQdc(large), { ok: false, message: ENTITIES.en });
    const external = '<!DOCTYPE CodeBook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><CodeBook><Codes><Code name="&xxe;"/></Codes></CodeBook>';
    assert.deepEqual(importQdc(external), { ok: false, message: ENTITIES.en });
  });

  test("XML's own entities and character references still read", () => {
    const result = importQdc('<CodeBook><Codes><Code name="A &amp; B &#233;"><Description>&lt;ja&gt;</Description></Code></Codes></CodeBook>');
    assert.deepEqual(result, { ok: true, markdown: '# A & B é {#a-b-é}\n\n\\<ja\\>\n', codes: 1 });
  });
});
