// Kader's own texts hold no personal data: a new transcript (the interview guide, its hints and
// follow-up prompts, in Dutch and English) gets no personal-data finding before anyone speaks.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { transcriptTemplate } from '../../server/src/core/interviewGuide';
import { parseTranscript } from '../../server/src/core/parse';
import { findPersonalData } from '../../server/src/core/privacy/detect';

test('the new-transcript template has no personal-data finding, in Dutch or English', () => {
  for (const locale of ['nl', 'en'] as const) {
    const text = transcriptTemplate(locale, 'wijkteam', 'anna', '2026-12-04');
    const findings = findPersonalData(text, parseTranscript(text)).map((f) => `${f.rule} ${text.slice(f.span.start, f.span.end)}`);
    assert.deepEqual(findings, [], locale);
  }
});
