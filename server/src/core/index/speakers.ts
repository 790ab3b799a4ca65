// Who a speaker is (SYNTAX.md §6): the person behind a speaker label, the case of many analyses.
// Within a transcript a label (`S1`, `Interviewer`) is one person. Across transcripts the same
// person is recognised only when the front matter says so, with a `persons:` (or `personen:`) map
// from label to a person id (`S1: P07`); the same id in two transcripts is one person. A label the
// map does not name is a person of its own transcript only.

import type { Transcript } from '../types';

/** What `personOf` needs of a transcript: its path in the folder and its front matter (an `IndexedDocument` is one). */
export interface SpeakerDocument {
  path: string;
  model: Pick<Transcript, 'frontMatter'>;
}

export interface Person {
  /**
   * Stable and unique in a folder: the id the front matter gives (`P07`), else the label with the
   * transcript's path (`S1 (groep-3/gesprek.md)`). Readable, so it can head a column.
   */
  id: string;
  /** What to call the person: the id the front matter gives, else the label. */
  name: string;
  /** For a person the front matter does not name: the transcript the label belongs to. */
  path?: string;
  /** The label or the id says interviewer (Interviewer, Onderzoeker, Gespreksleider, I, …). */
  interviewer: boolean;
}

/** Where a person speaks: a transcript and the labels the person has in it. */
export interface Appearance {
  path: string;
  labels: string[];
}

export interface PersonListing {
  person: Person;
  /** In path order. */
  appearances: Appearance[];
}

// The words transcripts use for the one who asks (Dutch and English), alone or followed by a number or separator.
const INTERVIEWER = /^(?:interviewer|interviewster|onderzoeker|onderzoekster|researcher|gespreksleider|gespreksleidster|moderator|facilitator|int|i)(?:$|[\s\d_.-])/i;

/** The label or person id names an interviewer. */
export function isInterviewer(name: string): boolean {
  return INTERVIEWER.test(name.trim());
}

/** The person who speaks as `speaker` in `document`. */
export function personOf(document: SpeakerDocument, speaker: string): Person {
  const persons = document.model.frontMatter.persons;
  // Own keys only: a speaker called `constructor` is not named by Object.prototype.
  const named = persons && Object.hasOwn(persons, speaker) ? persons[speaker] : undefined;
  if (named !== undefined) return { id: named, name: named, interviewer: isInterviewer(speaker) || isInterviewer(named) };
  return { id: `${speaker} (${document.path})`, name: speaker, path: document.path, interviewer: isInterviewer(speaker) };
}

/** Names with their numbers in order (P2 before P10). One collator: making one per comparison is slow. */
const NAMES = new Intl.Collator(undefined, { numeric: true });

/** Persons in the order to list them: interviewers last; by name, numbers in order (P2 before P10); then by transcript. */
export function comparePersons(a: Person, b: Person): number {
  if (a.interviewer !== b.interviewer) return a.interviewer ? 1 : -1;
  return NAMES.compare(a.name, b.name) || NAMES.compare(a.path ?? '', b.path ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Every person who speaks (has a turn) in `documents`, with the transcripts and labels, sorted by `comparePersons`. */
export function listPersons(documents: Iterable<SpeakerDocument & { model: Pick<Transcript, 'frontMatter' | 'turns'> }>): PersonListing[] {
  const byId = new Map<string, PersonListing>();
  const sorted = [...documents].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const document of sorted) {
    const labels = [...new Set(document.model.turns.map((turn) => turn.speaker))];
    for (const label of labels) {
      const person = personOf(document, label);
      let listing = byId.get(person.id);
      if (!listing) byId.set(person.id, (listing = { person, appearances: [] }));
      // One interviewer label makes the person an interviewer.
      if (person.interviewer) listing.person.interviewer = true;
      const last = listing.appearances[listing.appearances.length - 1];
      if (last?.path === document.path) last.labels.push(label);
      else listing.appearances.push({ path: document.path, labels: [label] });
    }
  }
  return [...byId.values()].sort((a, b) => comparePersons(a.person, b.person));
}
