// The speaker as a case (core/index/speakers.ts): a label is a person within its transcript; the
// front matter's `persons:` map names the same person across transcripts.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { comparePersons, isInterviewer, listPersons, personOf } from '../../server/src/core/index/speakers';
import { messageOf } from '../../server/src/core/messages';
import { diagnosticsOf, md, parse } from './helpers';

// Invented conversations: P07 speaks as S1 in the first and as S2 in the second.
const FIRST = md('---', 'practice: Buurtteam Deventer', 'participants: [Interviewer, S1, S2]', 'persons:', '  S1: P07', '  S2: P12', '---', '**Interviewer:** Waarom?', '', '**S1:** Omdat het moest.', '', '**S2:** Ik wilde het zelf.', '');
const SECOND = md('---', 'practice: Buurtteam Deventer', 'personen: {S2: P07, Interviewer: onderzoeker-1}', '---', '**Interviewer:** En nu?', '', '**S1:** Geen idee.', '', '**S2:** Nu wel.', '');

const first = { path: 'deventer/eerste.md', model: parse(FIRST) };
const second = { path: 'deventer/tweede.md', model: parse(SECOND) };

describe('persons in the front matter', () => {
  test('persons: and personen: map labels to person ids, and are no document attribute', () => {
    assert.deepEqual(first.model.frontMatter.persons, { S1: 'P07', S2: 'P12' });
    assert.deepEqual(second.model.frontMatter.persons, { S2: 'P07', Interviewer: 'onderzoeker-1' });
    assert.deepEqual(first.model.frontMatter.attributes, { participants: ['Interviewer', 'S1', 'S2'] });
    assert.deepEqual(first.model.diagnostics, []);
    assert.deepEqual(second.model.diagnostics, []);
  });

  test('a number as id is read as text', () => {
    assert.deepEqual(parse(md('---', 'persons: {S1: 7}', '---', '')).frontMatter.persons, { S1: '7' });
  });

  test('a list or a nested value is an error on the value, in plain words', () => {
    const text = md('---', 'persons: [S1, S2]', '---', '');
    const model = parse(text);
    assert.deepEqual(diagnosticsOf(text, model.diagnostics), [['front-matter', 'error', '[S1, S2]']]);
    assert.equal(model.frontMatter.persons, undefined);
    assert.equal(
      messageOf(model.diagnostics[0]!, 'en'),
      '“persons” names the person of each speaker, one per line: “S1: P07” (the speaker’s label, a colon, an invented or pseudonymous id).',
    );
    assert.equal(
      messageOf(model.diagnostics[0]!, 'nl'),
      '“persons” noemt bij elke spreker de persoon, één per regel: “S1: P07” (het label van de spreker, een dubbele punt, een verzonnen of gepseudonimiseerde code).',
    );
    const nested = md('---', 'personen:', '  S1: {naam: x}', '---', '');
    assert.deepEqual(diagnosticsOf(nested, parse(nested).diagnostics), [['front-matter', 'error', 'S1: {naam: x}\n']]);
  });

  test('an empty persons: says nothing and names no one', () => {
    const model = parse(md('---', 'persons:', '---', ''));
    assert.deepEqual(model.diagnostics, []);
    assert.equal(model.frontMatter.persons, undefined);
  });
});

describe('personOf', () => {
  test('the same id in two transcripts is one person', () => {
    assert.deepEqual(personOf(first, 'S1'), { id: 'P07', name: 'P07', interviewer: false });
    assert.deepEqual(personOf(second, 'S2'), { id: 'P07', name: 'P07', interviewer: false });
  });

  test('a label the front matter does not name is a person of its transcript only', () => {
    assert.deepEqual(personOf(second, 'S1'), { id: 'S1 (deventer/tweede.md)', name: 'S1', path: 'deventer/tweede.md', interviewer: false });
    assert.deepEqual(personOf(first, 'Interviewer'), { id: 'Interviewer (deventer/eerste.md)', name: 'Interviewer', path: 'deventer/eerste.md', interviewer: true });
    assert.deepEqual(personOf(second, 'Interviewer'), { id: 'onderzoeker-1', name: 'onderzoeker-1', interviewer: true });
  });

  test('a label that is a name of Object.prototype is a label like any other', () => {
    const odd = { path: 'vreemd.md', model: parse(md('---', 'persons: {__proto__: P01, S1: P02}', '---', '**constructor:** Ja.', '', '**__proto__:** Nee.', '')) };
    assert.deepEqual(Object.keys(odd.model.frontMatter.persons!), ['__proto__', 'S1']);
    assert.deepEqual(personOf(odd, '__proto__'), { id: 'P01', name: 'P01', interviewer: false });
    assert.deepEqual(personOf(odd, 'constructor'), { id: 'constructor (vreemd.md)', name: 'constructor', path: 'vreemd.md', interviewer: false });
    assert.deepEqual(personOf(odd, 'toString'), { id: 'toString (vreemd.md)', name: 'toString', path: 'vreemd.md', interviewer: false });
  });

  test('interviewers by their label or id, in Dutch and English', () => {
    const said = ['Interviewer', 'interviewster 2', 'Onderzoeker', 'Gespreksleider', 'I', 'I2', 'INT', 'Moderator', 'Researcher_A'];
    const not = ['S1', 'Ineke', 'R', 'Deelnemer', 'Interviewee', 'Intern'];
    assert.deepEqual(said.filter((s) => !isInterviewer(s)), []);
    assert.deepEqual(not.filter(isInterviewer), []);
  });
});

describe('listPersons', () => {
  test('every person who speaks, with the transcripts and labels; interviewers last, ids in number order', () => {
    const third = { path: 'zwolle/gesprek.md', model: parse(md('---', 'persons: {S1: P2}', '---', '**S1:** Ja.', '', '**S1:** Nog eens.', '')) };
    assert.deepEqual(listPersons([second, third, first]), [
      { person: { id: 'P2', name: 'P2', interviewer: false }, appearances: [{ path: 'zwolle/gesprek.md', labels: ['S1'] }] },
      {
        person: { id: 'P07', name: 'P07', interviewer: false },
        appearances: [
          { path: 'deventer/eerste.md', labels: ['S1'] },
          { path: 'deventer/tweede.md', labels: ['S2'] },
        ],
      },
      { person: { id: 'P12', name: 'P12', interviewer: false }, appearances: [{ path: 'deventer/eerste.md', labels: ['S2'] }] },
      { person: { id: 'S1 (deventer/tweede.md)', name: 'S1', path: 'deventer/tweede.md', interviewer: false }, appearances: [{ path: 'deventer/tweede.md', labels: ['S1'] }] },
      { person: { id: 'Interviewer (deventer/eerste.md)', name: 'Interviewer', path: 'deventer/eerste.md', interviewer: true }, appearances: [{ path: 'deventer/eerste.md', labels: ['Interviewer'] }] },
      { person: { id: 'onderzoeker-1', name: 'onderzoeker-1', interviewer: true }, appearances: [{ path: 'deventer/tweede.md', labels: ['Interviewer'] }] },
    ]);
  });

  test('comparePersons puts an interviewer after everyone else', () => {
    assert.ok(comparePersons({ id: 'A', name: 'A', interviewer: true }, { id: 'Z', name: 'Z', interviewer: false }) > 0);
  });
});
