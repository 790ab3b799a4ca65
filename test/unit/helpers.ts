// Fixtures for the core's unit tests. A fixture is written with `«` and `»` around the spans a
// test expects, so expected offsets and LSP ranges are read from the text instead of counted.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { LineIndex } from '../../server/src/core/parse/text';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import type { Diagnostic, Fragment, Range, Span, Transcript } from '../../server/src/core/types';

export const OPEN = '«';
export const CLOSE = '»';

export interface Marked {
  /** The text without markers. */
  text: string;
  /** The marked spans, in the order of their `«` (markers may nest). */
  spans: Span[];
}

/** Removes `«` `»` markers from `source` and returns the spans they enclosed. */
export function mark(source: string): Marked {
  let text = '';
  const spans: Span[] = [];
  const open: number[] = [];
  for (const ch of source) {
    if (ch === OPEN) {
      open.push(spans.length);
      spans.push({ start: text.length, end: -1 });
    } else if (ch === CLOSE) {
      const index = open.pop();
      assert.ok(index !== undefined, `unmatched ${CLOSE} in fixture`);
      spans[index]!.end = text.length;
    } else {
      text += ch;
    }
  }
  assert.equal(open.length, 0, `unmatched ${OPEN} in fixture`);
  return { text, spans };
}

/** One marked span. */
export function mark1(source: string): { text: string; span: Span } {
  const { text, spans } = mark(source);
  assert.equal(spans.length, 1, 'expected exactly one marked span');
  return { text, span: spans[0]! };
}

/** Joins lines with LF. */
export function md(...lines: string[]): string {
  return lines.join('\n');
}

/** An LSP range, written compactly. */
export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/** The range of a span, computed independently of the core (LF, CRLF and CR line ends). */
export function rangeOf(text: string, span: Span): Range {
  const at = (offset: number) => {
    let line = 0;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, character: offset - lineStart };
  };
  return { start: at(span.start), end: at(span.end) };
}

export function parse(text: string): Transcript {
  return parseTranscript(text);
}

/** What a fragment looks like in a test: its kind, codes, plain text and exact content. */
export function summary(text: string, f: Fragment): { kind: string; codes: string[]; text: string; content: string; parent: number } {
  return { kind: f.kind, codes: f.codes, text: f.text, content: slice(text, f.content.span), parent: f.parent };
}

export function summaries(text: string, t: Transcript = parse(text)): ReturnType<typeof summary>[] {
  return t.fragments.map((f) => summary(text, f));
}

/** Diagnostics as `[rule, severity, covered text]`. */
export function diagnosticsOf(text: string, diagnostics: Diagnostic[] = parse(text).diagnostics): [string, string, string][] {
  return diagnostics.map((d) => [d.rule, d.severity, slice(text, d.span)]);
}

/** Asserts that a located thing covers exactly `span`, with the LSP range of that span. */
export function assertLocated(text: string, actual: { span: Span; range: Range }, span: Span, message?: string): void {
  assert.deepEqual(actual.span, span, message);
  assert.deepEqual(actual.range, rangeOf(text, span), message);
}

/** The text with every markup span of every fragment removed. */
export function withoutMarkup(text: string, t: Transcript): string {
  const spans = t.fragments.flatMap((f) => f.markup).sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.start < at) assert.fail(`overlapping markup spans at ${s.start}`);
    out += text.slice(at, s.start);
    at = s.end;
  }
  return out + text.slice(at);
}

export { LineIndex };

/** Makes temporary folders for a test file; all are removed after its tests. */
export function temporaryFolders(): (prefix: string) => string {
  const made: string[] = [];
  after(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
