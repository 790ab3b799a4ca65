import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { proposalEdits, proposeCodings, type AutocodeResult, type AutocodeTarget } from '../../server/src/core/autocode';
import { applyEdits } from '../../server/src/core/edits';
import { parseTranscript } from '../../server/src/core/parse/transcript';

const doc = [
  '---',
  'practice: Wijkteam Oost',
  'title: over bewoners',
  '---',
  '# Gesprek {#context}',
  '',
  '## Vraag 1 — Wat is de bedoeling? {#intentie}',
  '',
  '**Interviewer:** Wat doen jullie met Bewoners?',
  '',
  '**S1:** We praten [met bewoners]{#actanten} en met `bewoners` in code.',
  'Soms met bewóners op straat.',
  '',
  '**Interviewer:** En verder?',
  'Nog een regel.',
  '',
  '## Vraag 2 — Waar? {#space-en-place}',
  '',
  '**S2:** In het buurthuis. [bewoners]{#outcome}',
  '',
  '```',
  'bewoners in een codeblok',
  '```',
  '',
].join('\n');

function run(text: string, target: AutocodeTarget, code: string): { result: AutocodeResult; out: string } {
  const result = proposeCodings(text, parseTranscript(text), target, code);
  return { result, out: applyEdits(text, proposalEdits(result.proposals)) };
}

function fragmentsWith(text: string, code: string): { kind: string; text: string }[] {
  return parseTranscript(text)
    .fragments.filter((f) => f.codes.includes(code))
    .map((f) => ({ kind: f.kind, text: f.text }));
}

describe('Auto-coding', () => {
  test('a phrase: every whole-word occurrence, accents and case folded, never in markup, code or the front matter', () => {
    const { result, out } = run(doc, { kind: 'phrase', text: 'bewoners' }, '#actanten/persoon');
    assert.deepEqual(
      result.proposals.map((p) => [p.range.start.line, p.range.start.character, p.shape, p.alreadyCoded, p.context]),
      [
        [8, 37, 'inline', false, { before: '**Interviewer:** Wat doen jullie met ', text: 'Bewoners', after: '?' }],
        [10, 23, 'inline', false, { before: '**S1:** We praten [met ', text: 'bewoners', after: ']{#actanten} en met `bewoners` in code.' }],
        [11, 9, 'inline', false, { before: 'Soms met ', text: 'bewóners', after: ' op straat.' }],
        [18, 27, 'addCode', false, { before: '**S2:** In het buurthuis. [', text: 'bewoners', after: ']{#outcome}' }],
      ],
    );
    // The occurrence in inline code and the one in the code block cannot be coded: skipped.
    assert.equal(result.skipped, 2);
    assert.equal(
      out,
      doc
        .replace('met Bewoners?', 'met [Bewoners]{#actanten/persoon}?')
        .replace('[met bewoners]{#actanten}', '[met [bewoners]{#actanten/persoon}]{#actanten}')
        .replace('met bewóners op', 'met [bewóners]{#actanten/persoon} op')
        .replace('[bewoners]{#outcome}', '[bewoners]{#outcome #actanten/persoon}'),
    );
    assert.deepEqual(fragmentsWith(out, 'actanten/persoon'), [
      { kind: 'inline', text: 'Bewoners' },
      { kind: 'inline', text: 'bewoners' },
      { kind: 'inline', text: 'bewóners' },
      { kind: 'inline', text: 'bewoners' },
    ]);
    assert.equal(parseTranscript(out).fragments.length, parseTranscript(doc).fragments.length + 3);
  });

  test('a phrase of two words: only whole words with white space between them, not across existing markup', () => {
    const { result, out } = run(doc, { kind: 'phrase', text: 'MET  Bewoners' }, 'intentie');
    // "met bewoners" inside [met bewoners]{#actanten} is exactly that fragment: the code is added.
    // "met bewóners" on line 11 is whole words; "met `bewoners`" is not (a back-tick between).
    assert.deepEqual(result.proposals.map((p) => [p.range.start.line, p.shape, p.alreadyCoded]), [
      [8, 'inline', true],
      [10, 'inline', true],
      [11, 'inline', true],
    ]);
    assert.equal(out, doc, 'everything under ## Vraag 1 {#intentie} is coded #intentie already');
  });

  test('occurrences already coded with the code are listed as such and not coded again', () => {
    const { result, out } = run(doc, { kind: 'phrase', text: 'bewoners' }, 'actanten');
    assert.deepEqual(result.proposals.map((p) => [p.range.start.line, p.alreadyCoded, p.edits.length]), [
      [8, false, 2],
      [10, true, 0],
      [11, false, 2],
      [18, false, 1],
    ]);
    assert.equal(
      out,
      doc
        .replace('met Bewoners?', 'met [Bewoners]{#actanten}?')
        .replace('met bewóners op', 'met [bewóners]{#actanten} op')
        .replace('[bewoners]{#outcome}', '[bewoners]{#outcome #actanten}'),
    );
  });

  test("a speaker: each paragraph of each of the speaker's turns becomes a block fragment", () => {
    const { result, out } = run(doc, { kind: 'speaker', text: 'interviewer' }, 'activiteit');
    assert.deepEqual(result.proposals.map((p) => [p.range, p.shape, p.context.text]), [
      [{ start: { line: 8, character: 0 }, end: { line: 8, character: 46 } }, 'block', '**Interviewer:** Wat doen jullie met Bewoners?'],
      [{ start: { line: 13, character: 0 }, end: { line: 14, character: 14 } }, 'block', '**Interviewer:** En verder?'],
    ]);
    assert.equal(result.proposals[1]!.context.after, ' …');
    assert.equal(out, doc.replace('met Bewoners?\n', 'met Bewoners? {#activiteit}\n').replace('Nog een regel.\n', 'Nog een regel. {#activiteit}\n'));
    assert.deepEqual(fragmentsWith(out, 'activiteit'), [
      { kind: 'block', text: 'Interviewer: Wat doen jullie met Bewoners?' },
      { kind: 'block', text: 'Interviewer: En verder? Nog een regel.' },
    ]);
  });

  test('a heading: every paragraph of the sections whose heading has the words (whole words)', () => {
    const { result, out } = run(doc, { kind: 'heading', text: 'vraag 2' }, 'context/macht');
    assert.deepEqual(result.proposals.map((p) => [p.range.start.line, p.shape, p.alreadyCoded]), [[18, 'block', false]]);
    assert.equal(result.skipped, 0, 'the code block under the heading is no paragraph: not proposed');
    assert.equal(out, doc.replace('[bewoners]{#outcome}\n', '[bewoners]{#outcome} {#context/macht}\n'));
    assert.deepEqual(fragmentsWith(out, 'context/macht'), [{ kind: 'block', text: 'S2: In het buurthuis. bewoners' }]);
    assert.deepEqual(run(doc, { kind: 'heading', text: 'vraag' }, 'context').result.proposals.every((p) => p.alreadyCoded), true);
    assert.deepEqual(run(doc, { kind: 'heading', text: 'vra' }, 'context/macht').result.proposals, []);
  });

  test('a block already coded with another code gets the code added to its attribute block', () => {
    const text = '**S1:** Eerst dit. {#intentie}\n\n**S2:** Dan dat.\n';
    const { result, out } = run(text, { kind: 'speaker', text: 'S1' }, 'context');
    assert.deepEqual(result.proposals.map((p) => p.shape), ['addCode']);
    assert.equal(out, '**S1:** Eerst dit. {#intentie #context}\n\n**S2:** Dan dat.\n');
  });

  test("a query's fragments: the code added to each one's attribute block, unless it has it", () => {
    const model = parseTranscript(doc);
    const fragments = model.fragments.filter((f) => f.kind === 'inline');
    const result = proposeCodings(doc, model, { kind: 'query', text: '#actanten OR #outcome' }, 'outcome', { fragments });
    assert.deepEqual(result.proposals.map((p) => [p.range.start.line, p.shape, p.alreadyCoded, p.context.text]), [
      [10, 'addCode', false, 'met bewoners'],
      [18, 'addCode', true, 'bewoners'],
    ]);
    const out = applyEdits(doc, proposalEdits(result.proposals));
    assert.equal(out, doc.replace('[met bewoners]{#actanten}', '[met bewoners]{#actanten #outcome}'));
    assert.deepEqual(fragmentsWith(out, 'outcome'), [
      { kind: 'inline', text: 'met bewoners' },
      { kind: 'inline', text: 'bewoners' },
    ]);
  });

  test('whole words in any writing: accents written apart, a hyphen, a line break, never across a blank line', () => {
    const text = 'Het be\u0301woners-overleg.\nMet bewoners-\noverleg niet. Bewoners-overleggen ook niet.\n\nbewoners-\n\noverleg\n';
    const spans = (phrase: string) => proposeCodings(text, parseTranscript(text), { kind: 'phrase', text: phrase }, 'x').proposals.map((p) => text.slice(p.span.start, p.span.end));
    assert.deepEqual(spans('BEWONERS-overleg'), ['be\u0301woners-overleg']);
    assert.deepEqual(spans('bewoners overleg'), []);
    assert.deepEqual(spans('met bewoners'), ['Met bewoners']);
    assert.deepEqual(spans('niet bewoners'), []);
  });

  test('an invalid code or nothing to look for: a message, no proposals', () => {
    assert.deepEqual(proposeCodings(doc, parseTranscript(doc), { kind: 'phrase', text: 'x' }, '#no good'), {
      proposals: [],
      skipped: 0,
      message: '"no good" is not a valid code: use letters, digits, - and _, with / between levels.',
    });
    assert.equal(
      proposeCodings(doc, parseTranscript(doc), { kind: 'phrase', text: ' … ' }, 'intentie', { locale: 'nl' }).message,
      'Typ de woorden om naar te zoeken: een zinsdeel, een spreker of de woorden van een kop.',
    );
  });
});
