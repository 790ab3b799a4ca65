// Privacy in the benchmark: the whole corpus searched for personal data and pseudonymised with a
// key of 10,000 invented people, in one pass per transcript with all names at once. Reported:
// detection in MB/s and pseudonymisation of the whole corpus against the cold index of the same
// run (target ≤ 2×).

import { findPersonalData, prepareDetection } from '../server/src/core/privacy/detect';
import { parseKey } from '../server/src/core/privacy/key';
import { pseudonymise } from '../server/src/core/privacy/pseudonymise';
import type { Transcript } from '../server/src/core/types';
import { inventedKeyText } from '../test/unit/inventedKey';

export interface PrivacyFigures {
  keyEntries: number;
  mb: number;
  /** Findings in the corpus (certain and likely). */
  findings: number;
  detectMs: number;
  detectMBps: number;
  pseudonymiseMs: number;
  /** Pseudonymisation of the whole corpus (its parse included) ÷ the cold index. */
  pseudonymiseVsCold: number;
}

export function benchPrivacy(documents: { text: string; model: Transcript }[], coldMs: number): PrivacyFigures {
  const { key, errors } = parseKey(inventedKeyText(10_000));
  if (errors.length > 0) throw new Error(`the invented key does not parse: ${JSON.stringify(errors[0])}`);
  const prepared = prepareDetection({ key });
  const bytes = documents.reduce((sum, d) => sum + Buffer.byteLength(d.text), 0);
  let findings = 0;
  const detectStart = performance.now();
  for (const { text, model } of documents) findings += findPersonalData(text, model, prepared).length;
  const detectMs = performance.now() - detectStart;
  const pseudonymiseStart = performance.now();
  for (const { text } of documents) pseudonymise(text, key, { prepared, locale: 'nl' });
  const pseudonymiseMs = performance.now() - pseudonymiseStart;
  const mb = bytes / 1024 / 1024;
  const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;
  return {
    keyEntries: key.entries.length,
    mb: round(mb),
    findings,
    detectMs: round(detectMs, 0),
    detectMBps: round(mb / (detectMs / 1000)),
    pseudonymiseMs: round(pseudonymiseMs, 0),
    pseudonymiseVsCold: round(pseudonymiseMs / coldMs),
  };
}
