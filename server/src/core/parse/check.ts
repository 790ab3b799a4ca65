// Diagnostics that need the codebook: undefined codes, codes in the wrong case, missing `#`.
// Kept apart from parsing, so a changed codebook re-checks transcripts without parsing them.

import { aspectOf } from '../codes';
import type { Codebook, Diagnostic, Located, Transcript } from '../types';

export interface CodeLookup {
  defined: Set<string>;
  /** Lower-cased code → the codebook's spelling. */
  folded: Map<string, string>;
}

export function codeLookup(codebook: Codebook): CodeLookup {
  const defined = new Set(codebook.codes.map((c) => c.code));
  const folded = new Map<string, string>();
  for (const code of defined) folded.set(code.toLowerCase(), code);
  return { defined, folded };
}

/** Document order: by start, then by end. */
export const byPlace = (a: Located, b: Located): number => a.span.start - b.span.start || a.span.end - b.span.end;

/** Every diagnostic of a transcript, in order: its syntax, and its codes against a codebook. */
export function transcriptDiagnostics(transcript: Transcript, lookup: CodeLookup): Diagnostic[] {
  return [...transcript.diagnostics, ...checkCodes(transcript, lookup)].sort(byPlace);
}

export function checkCodes(transcript: Pick<Transcript, 'codes' | 'attributeBlocks'>, lookup: CodeLookup): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const occurrence of transcript.codes) {
    const { code } = occurrence;
    if (lookup.defined.has(code)) continue;
    const where = { span: occurrence.span, range: occurrence.range };
    const sameButCase = lookup.folded.get(code.toLowerCase());
    if (sameButCase) {
      out.push({ rule: 'code-case', severity: 'warning', ...where, args: { code, expected: sameButCase } });
      continue;
    }
    const aspect = aspectOf(code);
    if (lookup.defined.has(aspect)) {
      out.push({ rule: 'undefined-subcode', severity: 'information', ...where, args: { code, aspect } });
      continue;
    }
    const aspectCase = lookup.folded.get(aspect.toLowerCase());
    if (aspectCase) {
      const expected = aspectCase + code.slice(aspect.length);
      out.push({ rule: 'code-case', severity: 'warning', ...where, args: { code, expected } });
      continue;
    }
    out.push({ rule: 'undefined-code', severity: 'warning', ...where, args: { code, aspect } });
  }
  for (const block of transcript.attributeBlocks) {
    for (const bare of block.bareWords) {
      if (lookup.defined.has(bare.word)) {
        out.push({ rule: 'missing-hash', severity: 'hint', span: bare.span, range: bare.range, args: { word: bare.word } });
      }
    }
  }
  return out;
}
