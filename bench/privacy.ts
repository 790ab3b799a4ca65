// Privacy in the benchmark: the whole corpus searched for personal data and pseudonymised with a
// key of 10,000 invented people, in one pass per transcript with all names at once. The generated
// corpus names nobody, so every speaker turn first gets a sentence naming two people of the key
// (and a phone number every tenth turn). Reported: detection in MB/s and pseudonymisation of the
// whole corpus against the cold index of the same run (target ≤ 2×).

import { findPersonalData, prepareDetection } from '../server/src/core/privacy/detect';
import { parseKey, type Key } from '../server/src/core/privacy/key';
import { parseTranscript } from '../server/src/core/parse';
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

/** The text with a sentence naming two people of the key at the start of every speaker turn. */
function withNames(text: string, key: Key, seed: number): string {
  let turn = seed;
  return text.replace(/^(\*\*[^*\n]+:\*\* )/gm, (label) => {
    turn++;
    const a = key.entries[(turn * 7919) % key.entries.length]!.name;
    const b = key.entries[(turn * 104729) % key.entries.length]!.name;
    return `${label}Ik sprak met ${a} en ${b}${turn % 10 === 0 ? ', bel 06-12345678' : ''}. `;
  });
}

export function benchPrivacy(texts: string[], coldMs: number): PrivacyFigures {
  const { key, errors } = parseKey(inventedKeyText(10_000));
  if (errors.length > 0) throw new Error(`the invented key does not parse: ${JSON.stringify(errors[0])}`);
  const documents: { text: string; model: Transcript }[] = texts.map((original, i) => {
    const text = withNames(original, key, i * 1000);
    return { text, model: parseTranscript(text) };
  });
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
