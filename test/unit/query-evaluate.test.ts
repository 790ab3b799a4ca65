// Coding queries over an index of invented transcripts parsed with the real parser: the exact
// fragments each term, operator and relation finds, each conversation once unless a coder is named.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { filteredFragments, treeLevel, type TreeFilter } from '../../server/src/core/index/aggregate';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { builtInCodebook } from '../../server/src/core/parse/codebook';
import { parseTranscript } from '../../server/src/core/parse/transcript';
import { countedOnce, evaluateQuery, parseQuery, queryMatches, type QueryScope } from '../../server/src/core/query';
import { md } from './helpers';

/** Two codings of one conversation (anna's counts: the first coder by name), and two more transcripts. */
function conversation(coder: string, coding: string): string {
  return md('---', 'practice: Leergemeenschap Breda', `coder: ${coder}`, 'jaar: 2', 'date: 2021-03-04', '---', '', `**S1:** ${coding}`, '');
}

const FILES: Record<string, string> = {
  'breda/gesprek-1.md': md(
    '---', 'practice: Leergemeenschap Breda', 'coder: anna', 'jaar: 1', 'date: 2020-11-12', 'thema: [armoede, schulden]', 'persons:', '  S1: P01', '---', '',
    '## Vraag 1 {#intentie}', '',
    '**Interviewer:** Waarom doen jullie mee?', '',
    '**S1:** [Omdat het moest]{#intentie/gestuurd}. [Wij werken samen met bewoners]{#activiteit}.', '',
    '**S2:** Ik [wilde zélf graag]{#intentie/vrijwillig}. {#context}', '',
    '## Vraag 2', '',
    '::: {#actanten}', '**S1:** De [gemeente]{#actanten/beleid} betaalt.', '', '**S2:** Dat merk je.', ':::', '',
    '**S3:** [Met Bewoners praten]{#outcome}.', '',
  ),
  'breda/gesprek-2-anna.md': conversation('anna', 'Wij [praten met de wijk]{#activiteit/uitwisselen}.'),
  'breda/gesprek-2-bram.md': conversation('bram', '[Wij praten met de wijk]{#activiteit}.'),
  'tilburg/werksessie.md': md(
    '---', 'practice: Netwerk Tilburg', 'coder: bram', 'jaar: 3', 'thema: wonen', '---', '',
    'Verslag van de werksessie. [De wethouder opent]{#actanten/beleid}.', '',
    'Daarna [praten we over de sociale basis]{#activiteit}.', '',
    'Veel later [komt de coöperatie ter sprake]{#context}.', '',
  ),
};

function indexOf(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [path, text] of Object.entries(files)) index.set(path, path, parseTranscript(text));
  return index;
}

const INDEX = indexOf(FILES);

/** The fragments a query finds, as `path: text`. */
function found(text: string, scope: QueryScope = {}): string[] {
  const parsed = parseQuery(text, 'en');
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return evaluateQuery(INDEX, parsed.query, scope).map(({ document, fragment }) => `${document.path}: ${fragment.text}`);
}

const SECTION_1 = 'breda/gesprek-1.md: Vraag 1 Interviewer: Waarom doen jullie mee? S1: Omdat het moest. Wij werken samen met bewoners. S2: Ik wilde zélf graag.';
const GESTUURD = 'breda/gesprek-1.md: Omdat het moest';
const SAMEN = 'breda/gesprek-1.md: Wij werken samen met bewoners';
const S2_TURN = 'breda/gesprek-1.md: S2: Ik wilde zélf graag.';
const VRIJWILLIG = 'breda/gesprek-1.md: wilde zélf graag';
const DIV = 'breda/gesprek-1.md: S1: De gemeente betaalt. S2: Dat merk je.';
const GEMEENTE = 'breda/gesprek-1.md: gemeente';
const OUTCOME = 'breda/gesprek-1.md: Met Bewoners praten';
const WIJK_ANNA = 'breda/gesprek-2-anna.md: praten met de wijk';
const WIJK_BRAM = 'breda/gesprek-2-bram.md: Wij praten met de wijk';
const WETHOUDER = 'tilburg/werksessie.md: De wethouder opent';
const BASIS = 'tilburg/werksessie.md: praten we over de sociale basis';
const COOPERATIE = 'tilburg/werksessie.md: komt de coöperatie ter sprake';

describe('query evaluation: terms', () => {
  test('#code finds the code and its sub-codes, each conversation once (anna counts, not bram)', () => {
    assert.deepEqual(found('#intentie'), [SECTION_1, GESTUURD, VRIJWILLIG]);
    assert.deepEqual(found('#intentie/gestuurd'), [GESTUURD]);
    assert.deepEqual(found('#activiteit'), [SAMEN, WIJK_ANNA, BASIS]);
    assert.deepEqual(found('#Activiteit/Uitwisselen'), [WIJK_ANNA]);
    assert.deepEqual(found('#nergens'), []);
  });

  test('practice: and coder: (a coder looks at every transcript, so the coder chooses)', () => {
    assert.deepEqual(found('practice:"leergemeenschap breda" AND #activiteit'), [SAMEN, WIJK_ANNA]);
    assert.deepEqual(found('coder:bram AND #activiteit'), [WIJK_BRAM, BASIS]);
    assert.deepEqual(found('#activiteit', { coder: 'bram' }), [WIJK_BRAM, BASIS]);
    assert.deepEqual(found('#activiteit/uitwisselen', { coder: 'bram' }), []);
  });

  test('file: (bestand:) the transcript by its path as the views show it', () => {
    assert.deepEqual(found('file:tilburg/werksessie.md'), [WETHOUDER, BASIS, COOPERATIE]);
    assert.deepEqual(found('bestand:"breda/gesprek-2-bram.md"', { coder: 'bram' }), [WIJK_BRAM]);
    assert.deepEqual(found('file:breda/gesprek-2-bram.md AND #activiteit'), [], 'the conversation counts with anna’s coding');
    assert.deepEqual(found('file:tilburg'), []);
  });

  test('speaker: the label, or the person the front matter names', () => {
    assert.deepEqual(found('speaker:s1'), [GESTUURD, SAMEN, DIV, GEMEENTE, WIJK_ANNA]);
    assert.deepEqual(found('speaker:P01 AND #actanten'), [DIV, GEMEENTE]);
    assert.deepEqual(found('speaker:S2'), [S2_TURN, VRIJWILLIG]);
  });

  test('front-matter keys: numbers and dates compare, lists match an element, text is folded', () => {
    assert.deepEqual(found('jaar:>=2 AND #activiteit'), [WIJK_ANNA, BASIS]);
    assert.deepEqual(found('jaar:1 AND #activiteit'), [SAMEN]);
    assert.deepEqual(found('date:<2021 AND #activiteit'), [SAMEN]);
    assert.deepEqual(found('date:2021-03 AND #activiteit'), [WIJK_ANNA]);
    assert.deepEqual(found('thema:Schulden AND #context'), [S2_TURN]);
    assert.deepEqual(found('thema:wonen AND #context'), [COOPERATIE]);
    assert.deepEqual(found('onbekend:1'), []);
  });

  test('quoted words: whole words in order, case and accents aside', () => {
    assert.deepEqual(found('"met bewoners"'), [SECTION_1, SAMEN, OUTCOME]);
    assert.deepEqual(found('"zelf"'), [SECTION_1, S2_TURN, VRIJWILLIG]);
    assert.deepEqual(found('"cooperatie"'), [COOPERATIE]);
    assert.deepEqual(found('"bewoner"'), []);
  });

  test('/pattern/ on the text as written', () => {
    assert.deepEqual(found('/bewoners?\\b/'), [SECTION_1, SAMEN]);
    assert.deepEqual(found('/bewoners?\\b/i'), [SECTION_1, SAMEN, OUTCOME]);
  });
});

describe('query evaluation: operators', () => {
  test('AND on one fragment, OR, NOT', () => {
    assert.deepEqual(found('#intentie AND "graag"'), [SECTION_1, VRIJWILLIG]);
    assert.deepEqual(found('#outcome OR #actanten/beleid'), [GEMEENTE, OUTCOME, WETHOUDER]);
    assert.deepEqual(found('#actanten AND NOT practice:"Netwerk Tilburg"'), [DIV, GEMEENTE]);
    assert.deepEqual(found('NOT (#intentie OR #activiteit OR #actanten OR #context)'), [OUTCOME]);
  });
});

describe('query evaluation: relations (the fragments of the left side)', () => {
  test('IN: inside a fragment of the right side', () => {
    assert.deepEqual(found('#intentie IN #context'), [VRIJWILLIG]);
    assert.deepEqual(found('#intentie IN #intentie'), [GESTUURD, VRIJWILLIG]);
    assert.deepEqual(found('#actanten/beleid IN #actanten'), [GEMEENTE]);
    assert.deepEqual(found('#context IN #activiteit'), []);
    assert.deepEqual(found('#intentie IN NOT #context'), [GESTUURD, VRIJWILLIG]);
    assert.deepEqual(found('#intentie IN NOT #intentie'), [VRIJWILLIG]);
  });

  test('OVERLAPS: another fragment shares text (nesting included)', () => {
    assert.deepEqual(found('#context OVERLAPS #intentie'), [S2_TURN]);
    assert.deepEqual(found('#outcome OVERLAPS #intentie'), []);
  });

  test('SAMETURN: another fragment in the same speaker turn', () => {
    assert.deepEqual(found('#activiteit SAMETURN #intentie'), [SAMEN]);
    assert.deepEqual(found('#intentie SAMETURN #context'), [VRIJWILLIG]);
    assert.deepEqual(found('#actanten/beleid SAMETURN #actanten'), [GEMEENTE]);
  });

  test('SAMESECTION: under the same heading', () => {
    assert.deepEqual(found('#outcome SAMESECTION #actanten'), [OUTCOME]);
    assert.deepEqual(found('#outcome SAMESECTION #intentie'), []);
  });

  test('NEAR/n: within n turns, or n lines without turns', () => {
    assert.deepEqual(found('#outcome NEAR/1 #intentie'), []);
    assert.deepEqual(found('#outcome NEAR/2 #actanten/beleid'), [OUTCOME]);
    assert.deepEqual(found('#intentie/gestuurd NEAR/0 #activiteit'), [GESTUURD]);
    assert.deepEqual(found('#actanten NEAR/2 #activiteit'), [DIV, GEMEENTE, WETHOUDER]);
    assert.deepEqual(found('#actanten NEAR/1 #activiteit'), []);
    assert.deepEqual(found('#actanten NEAR/3 #context AND practice:"Netwerk Tilburg"'), []);
    assert.deepEqual(found('#actanten NEAR/4 #context'), [DIV, GEMEENTE, WETHOUDER]);
  });

  test('relations combine with the other terms', () => {
    assert.deepEqual(found('(#intentie IN #context) OR (#activiteit AND practice:"Netwerk Tilburg")'), [VRIJWILLIG, BASIS]);
    assert.deepEqual(found('NOT #intentie IN #context AND speaker:S2'), [S2_TURN]);
  });
});

describe('query as a filter of the views', () => {
  test('the Aspects view counts the fragments the query finds; with the text filter, both', () => {
    const codebook = builtInCodebook('en');
    const counts = (filter: TreeFilter): string[] =>
      treeLevel(INDEX, codebook, 'aspects', filter, 'en')
        .filter((n) => n.count > 0)
        .map((n) => `${n.code} ${n.count}`);
    assert.deepEqual(counts({ query: 'practice:"Leergemeenschap Breda"' }), ['intentie 3', 'activiteit 2', 'context 1', 'actanten 2', 'outcome 1']);
    assert.deepEqual(counts({ query: '#activiteit' }), ['activiteit 3']);
    assert.deepEqual(counts({ query: '#activiteit', coder: 'bram' }), ['activiteit 2']);
    assert.deepEqual(counts({ query: '#activiteit', text: 'wijk' }), ['activiteit 1']);
    assert.deepEqual(counts({ query: '#intentie IN #context' }), ['intentie 1']);
    assert.deepEqual(counts({ query: '#a AND' }), []);
    assert.deepEqual(
      filteredFragments(INDEX, { query: '#actanten NEAR/2 #activiteit' }).map((r) => r.fragment.text),
      ['S1: De gemeente betaalt. S2: Dat merk je.', 'gemeente', 'De wethouder opent'],
    );
  });
});

describe('query evaluation: property', () => {
  test('every query that parses evaluates without an exception, to fragments in path and document order, each once', () => {
    const term = fc.constantFrom('#intentie', '#actanten/beleid', '#nergens', 'practice:"Leergemeenschap Breda"', 'coder:bram', 'speaker:S1', 'speaker:P01', 'jaar:>=2', 'date:<2021', 'thema:wonen', '"met bewoners"', '/praten|zelf/i');
    const query: fc.Arbitrary<string> = fc.letrec<{ q: string }>((tie) => ({
      q: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        term,
        fc.tuple(tie('q'), fc.constantFrom('AND', 'OR', 'IN', 'OVERLAPS', 'NEAR/0', 'NEAR/3', 'SAMETURN', 'SAMESECTION'), tie('q')).map(([a, op, b]) => `(${a} ${op} ${b})`),
        tie('q').map((q) => `NOT ${q}`),
      ),
    })).q;
    const order = new Map<string, number>();
    for (const document of INDEX.all()) document.fragments.forEach((fragment) => order.set(`${document.path}#${fragment.id}`, order.size));
    fc.assert(
      fc.property(query, (text) => {
        const parsed = parseQuery(text, 'en');
        assert.ok(parsed.ok, text);
        const places = evaluateQuery(INDEX, parsed.query).map(({ document, fragment }) => order.get(`${document.path}#${fragment.id}`)!);
        for (let i = 1; i < places.length; i++) assert.ok(places[i - 1]! < places[i]!, text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('query evaluation: after an edit', () => {
  test('words and patterns search the edited transcript again; the others are remembered', () => {
    const index = indexOf({ 'a.md': md('**S1:** [Oude tekst]{#intentie}.', ''), 'b.md': md('**S2:** [Nieuwe buren]{#context}.', '') });
    const find = (text: string): string[] => {
      const parsed = parseQuery(text, 'en');
      assert.ok(parsed.ok);
      return evaluateQuery(index, parsed.query).map(({ document, fragment }) => `${document.path}: ${fragment.text}`);
    };
    assert.deepEqual(find('"nieuwe" OR /oude/i'), ['a.md: Oude tekst', 'b.md: Nieuwe buren']);
    index.set('a.md', 'a.md', parseTranscript(md('**S1:** [Nieuwe tekst]{#intentie}.', '')));
    assert.deepEqual(find('"nieuwe" OR /oude/i'), ['a.md: Nieuwe tekst', 'b.md: Nieuwe buren']);
    assert.deepEqual(find('/oude/i'), []);
  });
});

describe('query evaluation: a coding written as parts', () => {
  test('counts once, by its first part, in the views and countedOnce; evaluateQuery gives every part', () => {
    const index = indexOf({ 'a.md': md('**S1:** [Eerst dit]{#context part="k1"} en dan [dat daar]{#context part="k1"}.', '') });
    const parsed = parseQuery('#context', 'en');
    assert.ok(parsed.ok);
    assert.deepEqual(evaluateQuery(index, parsed.query).map((r) => r.fragment.text), ['Eerst dit', 'dat daar']);
    assert.deepEqual(countedOnce(index, queryMatches(index, parsed.query)).map((m) => m.places), [[0]]);
    assert.deepEqual(filteredFragments(index, { query: '#context' }).map((r) => r.fragment.text), ['Eerst dit']);
  });
});
