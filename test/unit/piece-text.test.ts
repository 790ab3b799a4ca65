// The open document's text in pieces (core/parse/pieceText.ts, workspace/documents.ts): after any edits
// it reads as the string would, and converts places as LineIndex and vscode-languageserver-textdocument do.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PIECE_LENGTH, PieceText } from '../../server/src/core/parse/pieceText';
import { LineIndex } from '../../server/src/core/parse/text';
import { OpenText } from '../../server/src/workspace/documents';

// Texts of a few pieces, with line breaks of every kind, some right at the places pieces are cut.
const bit = fc.constantFrom('a', 'bc', ' ', '\n', '\r', '\r\n', '\n\n', 'é', '😀', 'x'.repeat(PIECE_LENGTH - 1), 'y'.repeat(2 * PIECE_LENGTH));
const text = fc.array(bit, { maxLength: 12 }).map((parts) => parts.join(''));
const change = fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 * PIECE_LENGTH }), insert: text });

function sameAsString(pieces: PieceText, expected: string): void {
  const lines = new LineIndex(expected);
  assert.equal(pieces.length, expected.length);
  assert.equal(pieces.toString(), expected);
  assert.equal(pieces.lineCount, lines.lineCount);
  for (let line = 0; line < lines.lineCount; line++) assert.equal(pieces.lineStart(line), lines.lineStarts[line]);
  const offsets = new Set([0, expected.length, ...lines.lineStarts, ...lines.lineStarts.map((s) => s - 1), PIECE_LENGTH, PIECE_LENGTH + 1, 2 * PIECE_LENGTH - 1, 3 * PIECE_LENGTH]);
  for (const offset of offsets) {
    if (offset < 0 || offset > expected.length) continue;
    assert.deepEqual(pieces.position(offset), lines.position(offset), `position ${offset}`);
    assert.equal(pieces.slice(offset, offset + 3), expected.slice(offset, offset + 3));
    assert.equal(pieces.slice(Math.max(0, offset - PIECE_LENGTH - 5), offset), expected.slice(Math.max(0, offset - PIECE_LENGTH - 5), offset));
  }
}

describe('PieceText', () => {
  it('reads as the string after any edits, with the same line starts and positions', () => {
    fc.assert(
      fc.property(text, fc.array(change, { maxLength: 8 }), (start, changes) => {
        let expected = start;
        let pieces = PieceText.from(start);
        sameAsString(pieces, expected);
        for (const c of changes) {
          const at = c.at % (expected.length + 1);
          const previous = pieces;
          pieces = pieces.edited(at, at + c.remove, c.insert);
          expected = expected.slice(0, at) + c.insert + expected.slice(at + c.remove);
          sameAsString(pieces, expected);
          assert.notEqual(previous.toString(), undefined); // the version before is intact
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the version before an edit as it was', () => {
    const before = PieceText.from('a\nb\r\nc'.repeat(PIECE_LENGTH / 2));
    const copy = before.toString();
    const after = before.edited(PIECE_LENGTH, PIECE_LENGTH + 7, 'ZZ\r');
    assert.equal(before.slice(0, before.length), copy);
    assert.equal(after.slice(PIECE_LENGTH, PIECE_LENGTH + 3), 'ZZ\r');
  });
});

describe('OpenText', () => {
  it('answers as vscode-languageserver-textdocument after the same incremental changes', () => {
    // Lines within the document (the library's update goes wrong on others; clients never send them).
    const position = fc.record({ line: fc.nat(), character: fc.integer({ min: 0, max: 3 * PIECE_LENGTH }) });
    const lspChange = fc.record({ start: position, end: position, text });
    fc.assert(
      fc.property(text, fc.array(fc.array(lspChange, { minLength: 1, maxLength: 3 }), { maxLength: 5 }), (start, versions) => {
        let ours = new OpenText('file:///a.md', 'markdown', 1, PieceText.from(start));
        let theirs = TextDocument.create('file:///a.md', 'markdown', 1, start);
        let version = 1;
        for (const changes of versions) {
          version++;
          for (const c of changes) {
            const inside = (p: { line: number; character: number }): { line: number; character: number } => ({ line: p.line % theirs.lineCount, character: p.character });
            const events = [{ range: { start: inside(c.start), end: inside(c.end) }, text: c.text }];
            ours = OpenText.update(ours, events, version).document;
            theirs = TextDocument.update(theirs, events, version);
          }
          assert.equal(ours.getText(), theirs.getText());
          assert.equal(ours.lineCount, theirs.lineCount);
          for (let line = -1; line <= ours.lineCount; line++) {
            for (const character of [-1, 0, 1, 5, PIECE_LENGTH]) {
              assert.equal(ours.offsetAt({ line, character }), theirs.offsetAt({ line, character }), `offsetAt ${line}:${character}`);
            }
            assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line));
            assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line));
          }
          for (const offset of [-1, 0, 1, ours.getText().length, ours.getText().length + 1, ...[...ours.getText().matchAll(/[\r\n]/g)].map((m) => m.index + 1)]) {
            assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `positionAt ${offset}`);
          }
          const range = { start: { line: changes[0]!.start.line % theirs.lineCount, character: changes[0]!.start.character }, end: { line: changes[0]!.end.line % theirs.lineCount, character: 1 } };
          assert.equal(ours.getText(range), theirs.getText(range));
        }
      }),
      { numRuns: 100 },
    );
  });
});
