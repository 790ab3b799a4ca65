import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { messageOf } from '../../server/src/core/messages';
import { OpenDocuments } from '../../server/src/workspace/documents';
import { readText } from '../../server/src/workspace/files';
import { bytesOfMB, DEFAULT_MAX_TRANSCRIPT_MB, formatMB, sizeProblem } from '../../server/src/core/fileText';
import { readSettings, sameFileSettings } from '../../server/src/workspace/settings';

test('sizeProblem: over the limit is too large, at it is not; the limit is named in MB', () => {
  assert.equal(sizeProblem(1024, 1024), undefined);
  assert.deepEqual(sizeProblem(1025, 1024), { ok: false, problem: 'too-large', detail: 'is larger than 0.000977 MB' });
  assert.deepEqual(sizeProblem(bytesOfMB(20) + 1, bytesOfMB(20)), { ok: false, problem: 'too-large', detail: 'is larger than 20 MB' });
  assert.equal(formatMB(bytesOfMB(0.5)), '0.5');
  assert.equal(formatMB(bytesOfMB(2.125)), '2.13');
  assert.equal(formatMB(bytesOfMB(0.001)), '0.001');
  assert.equal(formatMB(bytesOfMB(150.4)), '150');
});

test('readText: a file past maxBytes is not read', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kader-size-'));
  try {
    const file = path.join(root, 'a.md');
    writeFileSync(file, 'x'.repeat(2000));
    assert.deepEqual(await readText(file, 1999), { ok: false, problem: 'too-large', detail: 'is larger than 0.00191 MB' });
    assert.deepEqual(await readText(file, 2000), { ok: true, text: 'x'.repeat(2000) });
    assert.equal((await readText(file)).ok, true);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('kader.transcripts.maxSizeMB: read from nested or dotted settings, a positive number or the default; a change rescans', () => {
  assert.equal(readSettings({}).maxSizeMB, DEFAULT_MAX_TRANSCRIPT_MB);
  assert.equal(readSettings({ transcripts: { maxSizeMB: 5 } }).maxSizeMB, 5);
  assert.equal(readSettings({ 'transcripts.maxSizeMB': 0.5 }).maxSizeMB, 0.5);
  for (const bad of [0, -1, '5', null, Infinity, NaN]) assert.equal(readSettings({ transcripts: { maxSizeMB: bad } }).maxSizeMB, DEFAULT_MAX_TRANSCRIPT_MB);
  assert.equal(sameFileSettings(readSettings({}), readSettings({ transcripts: { maxSizeMB: 5 } })), false);
});

test('the too-large message, in English and Dutch', () => {
  const d = { rule: 'too-large' as const, args: { limit: '20', setting: 'kader.transcripts.maxSizeMB' } };
  assert.equal(messageOf(d, 'en'), 'This file is larger than 20 MB (kader.transcripts.maxSizeMB), so Kader does not read it: its codes are not found or counted.');
  assert.equal(messageOf(d, 'nl'), 'Dit bestand is groter dan 20 MB (kader.transcripts.maxSizeMB), dus Kader leest het niet: de codes erin worden niet gevonden of geteld.');
});

test('an open document: its UTF-8 size follows each edit; past the limit it is not parsed and has one warning', () => {
  const documents = new OpenDocuments(() => 40);
  const lookup = { has: () => true } as never;
  // 39 bytes ("é" is two), under the limit: parsed.
  const entry = documents.open('file:///a.md', 'markdown', 1, 'Intro [één]{#intentie}\n\nMeer tekst!!\n');
  assert.equal(entry.bytes, Buffer.byteLength(entry.document.getText()));
  assert.equal(documents.tooLarge(entry), false);
  assert.deepEqual(documents.model(entry).codes.map((c) => c.code), ['intentie']);
  // Two more bytes: past the limit.
  documents.change('file:///a.md', 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'ë' }]);
  assert.equal(entry.bytes, 41);
  assert.equal(documents.tooLarge(entry), true);
  const model = documents.model(entry);
  assert.deepEqual(model.codes, []);
  assert.deepEqual(model.fragments, []);
  const expected = [{ rule: 'too-large', severity: 'warning', args: { limit: '0.0000381', setting: 'kader.transcripts.maxSizeMB' }, span: { start: 0, end: 23 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 23 } } }];
  assert.deepEqual(model.diagnostics, expected);
  assert.deepEqual(documents.diagnostics(entry, lookup), expected);
  // Deleting a line brings it back under the limit: parsed again, incrementally or not.
  documents.change('file:///a.md', 3, [{ range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, text: '' }]);
  assert.equal(entry.bytes, Buffer.byteLength(entry.document.getText()));
  assert.equal(documents.tooLarge(entry), false);
  assert.deepEqual(documents.model(entry).codes.map((c) => c.code), ['intentie']);
  // A full change is measured again.
  documents.change('file:///a.md', 4, [{ text: 'x'.repeat(41) }]);
  assert.equal(entry.bytes, 41);
  assert.equal(documents.tooLarge(entry), true);
});
