// New Transcript's interview guide from the project's own codebook: its aspects' dialogue
// questions as written there, in its language, each heading carrying its aspect.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtInCodebook, parseCodebook } from '../../server/src/core/parse';
import { codebookLocale, guideQuestions, transcriptTemplate, type GuideCode } from '../../server/src/core/interviewGuide';

const CODEBOOK = [
  '---',
  'title: Codeboek wijkteams',
  '---',
  '# Intentie {#intentie color="#4E79A7"}',
  'Waarom zit je aan tafel bij het wijkteam?',
  '',
  '## Gestuurd {#intentie/gestuurd}',
  'Gevraagd door de organisatie.',
  '',
  '# Samenwerking {#samenwerking}',
  'Hoe werken de partners samen? En wie neemt het voortouw?',
  '',
  '# Actanten {#actanten}',
  'Personen, dingen en gebeurtenissen.',
  '',
  '# Leerniveau {#niveau}',
  'Leert de persoon of de groep?',
  '',
].join('\n');

const codesOf = (text: string): GuideCode[] => parseCodebook(text).codes.map((c) => ({ code: c.code, name: c.name, description: c.shortDescription }));

test('the guide takes the questions of the project’s codebook, in its order and words; an aspect without a question gets an empty turn', () => {
  const codes = codesOf(CODEBOOK);
  assert.deepEqual(guideQuestions(codes), [
    { code: 'intentie', name: 'Intentie', question: 'Waarom zit je aan tafel bij het wijkteam?' },
    { code: 'samenwerking', name: 'Samenwerking', question: 'Hoe werken de partners samen? En wie neemt het voortouw?' },
    { code: 'actanten', name: 'Actanten' },
  ]);
  assert.equal(codebookLocale(codes), 'nl');
  assert.equal(
    transcriptTemplate('nl', 'Wijkteam Oost', 'noor', '2026-12-04', guideQuestions(codes)),
    [
      '---',
      'practice: Wijkteam Oost',
      'coder: noor',
      'title: Reflectiegesprek',
      'date: 2026-12-04',
      'participants: [Interviewer, S1, S2]',
      '---',
      '# Reflectiegesprek',
      '',
      '<!-- Codeer tekst: selecteer woorden en druk op Ctrl+Alt+K (Cmd+Alt+K op een Mac). -->',
      '',
      '## Vraag 1 — Intentie {#intentie}',
      '',
      '**Interviewer:** Waarom zit je aan tafel bij het wijkteam?',
      '',
      '<!-- Doorvragen: Doe je vrijwillig mee, of ben je gestuurd door je organisatie? -->',
      '',
      '**S1:** ',
      '',
      '## Vraag 2 — Samenwerking {#samenwerking}',
      '',
      '**Interviewer:** Hoe werken de partners samen? En wie neemt het voortouw?',
      '',
      '**S1:** ',
      '',
      '## Vraag 3 — Actanten {#actanten}',
      '',
      '**Interviewer:** ',
      '',
      '<!-- Doorvragen: Welke personen, welke dingen (beleidsstukken, protocollen, tradities, de vlaai bij de koffie) en welke gebeurtenissen (bezuinigingen, aanbestedingen) bepalen het leren? -->',
      '',
      '**S1:** ',
      '',
      '## Afsluiting — wat is er geleerd?',
      '',
      '**Interviewer:** Wat heb je zelf geleerd, en wat heeft de groep samen geleerd? Ging het over hoe jullie iets doen, waarom, of ook waartoe?',
      '',
      '**S1:** ',
      '',
    ].join('\n'),
  );
});

test('the language of a codebook comes from its aspects’ names; a codebook of its own does not tell', () => {
  const names = (book: ReturnType<typeof builtInCodebook>): GuideCode[] => book.codes.map((c) => ({ code: c.code, name: c.name }));
  assert.equal(codebookLocale(names(builtInCodebook('en'))), 'en');
  assert.equal(codebookLocale(names(builtInCodebook('nl'))), 'nl');
  assert.equal(codebookLocale([{ code: 'samenwerking', name: 'Samenwerking' }, { code: 'context', name: 'Context' }]), undefined);
  // Codes in use that the codebook lacks are not asked about.
  assert.deepEqual(guideQuestions([{ code: 'los', name: 'los', description: 'Waarom?', defined: false }]), []);
});
