// The Speakers view: person → aspect → quotes. A fragment belongs to the person who speaks the
// turn it starts in (speakers.ts); fragments outside any turn are in no person's branch. The
// fragments are those of the other views (filteredFragments: the text and coder filters, each
// conversation counted once), so a person's count is the quotes they said, each once.

import { aspectOf } from '../codes';
import { localize } from '../l10n';
import type { Codebook, Locale, Position, Range } from '../types';
import { aspectsOf, filteredPlaces, fragmentNode, type TreeFilter, type TreeNode, type TreeQuery } from './aggregate';
import { comparePersons, personOf, type Person } from './speakers';
import { CacheKind, PerDocument, type FragmentRef, type IndexedDocument, type WorkspaceIndex } from './workspaceIndex';

/** Per fragment of a document (by its place): who says it and its aspects. Kept while the index holds the document. */
interface DocumentSpeakers {
  labels: readonly (string | undefined)[];
  persons: readonly (Person | undefined)[];
  aspects: readonly (readonly string[])[];
}

const SPEAKERS = new CacheKind(
  (index) =>
    new PerDocument<DocumentSpeakers>(index, (document) => {
      const byLabel = new Map<string, Person>();
      const labels: (string | undefined)[] = [];
      const persons: (Person | undefined)[] = [];
      const aspects: (readonly string[])[] = [];
      for (const fragment of document.fragments) {
        const speaker = fragment.speaker;
        let person: Person | undefined;
        if (speaker !== undefined) {
          person = byLabel.get(speaker);
          if (!person) byLabel.set(speaker, (person = personOf(document, speaker)));
        }
        labels.push(speaker);
        persons.push(person);
        aspects.push([...new Set(fragment.codes.map(aspectOf))]);
      }
      return { labels, persons, aspects };
    }),
);

interface Spoken {
  person: Person;
  /** The places of the person's fragments, per document, in path and document order. */
  places: { document: IndexedDocument; speakers: DocumentSpeakers; at: number[] }[];
  count: number;
  labels: Set<string>;
}

/** The filtered fragments of the index by the person who says them, in `comparePersons` order. */
function spokenBy(index: WorkspaceIndex, filter: TreeFilter): Spoken[] {
  const cache = index.cache(SPEAKERS);
  const byId = new Map<string, Spoken>();
  for (const { document, places } of filteredPlaces(index, filter)) {
    const speakers = cache.of(document);
    for (const at of places) {
      const person = speakers.persons[at];
      if (!person) continue;
      let spoken = byId.get(person.id);
      // A copy: one interviewer label makes the person an interviewer, the cached person stays as it is.
      if (!spoken) byId.set(person.id, (spoken = { person: { ...person }, places: [], count: 0, labels: new Set() }));
      if (person.interviewer) spoken.person.interviewer = true;
      let last = spoken.places[spoken.places.length - 1];
      if (last?.document !== document) spoken.places.push((last = { document, speakers, at: [] }));
      last.at.push(at);
      spoken.count++;
      spoken.labels.add(speakers.labels[at]!);
    }
  }
  return [...byId.values()].sort((a, b) => comparePersons(a.person, b.person));
}

/** The file name without folder and `.md`. */
function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
}

/** What the tree says beside a person: interviewer, the labels of a named person, and where they speak. */
function describe(spoken: Spoken, locale: Locale): string {
  const t = localize(locale);
  const parts: string[] = [];
  if (spoken.person.interviewer) parts.push(t('interviewer'));
  // A named person's labels (a label is its own name otherwise).
  if (spoken.person.path === undefined) parts.push([...spoken.labels].join(', '));
  parts.push(spoken.places.length === 1 ? fileName(spoken.places[0]!.document.path) : t('{0} transcripts', spoken.places.length));
  return parts.join(' · ');
}

function personId(id: string): string {
  return `s:${id}`;
}

function aspectId(id: string, aspect: string): string {
  return `s:${id}/a:${aspect}`;
}

/**
 * One level of the Speakers view: the persons (no `parent`), the aspects a person spoke about
 * (`speaker`), or the quotes (`speaker` and `aspect`). A query that names no node gives none.
 */
export function speakerTree(index: WorkspaceIndex, codebook: Codebook, filter: TreeFilter, locale: Locale, parent?: TreeQuery): TreeNode[] {
  if (parent && (parent.speaker === undefined || parent.code !== undefined || parent.direct || parent.practice !== undefined || parent.level !== undefined)) return [];
  const persons = spokenBy(index, filter);
  if (!parent) {
    return persons.map((spoken) => ({
      id: personId(spoken.person.id),
      kind: 'speaker',
      label: spoken.person.name,
      count: spoken.count,
      hasChildren: spoken.count > 0,
      query: { speaker: spoken.person.id },
      description: describe(spoken, locale),
    }));
  }
  const spoken = persons.find((p) => p.person.id === parent.speaker);
  if (!spoken) return [];
  const speaker = spoken.person.id;
  if (parent.aspect === undefined) {
    const byAspect = new Map<string, number>();
    for (const { speakers, at } of spoken.places) for (const i of at) for (const aspect of speakers.aspects[i]!) byAspect.set(aspect, (byAspect.get(aspect) ?? 0) + 1);
    const byCode = new Map(codebook.codes.map((c) => [c.code, c]));
    return aspectsOf(codebook, byAspect.keys()).flatMap((aspect): TreeNode[] => {
      const count = byAspect.get(aspect) ?? 0;
      if (count === 0) return [];
      const definition = byCode.get(aspect);
      const node: TreeNode = { id: aspectId(speaker, aspect), kind: 'aspect', label: definition?.name ?? aspect, count, hasChildren: true, query: { speaker, aspect }, code: aspect };
      if (definition?.color) node.color = definition.color;
      if (definition?.shortDescription) node.description = definition.shortDescription;
      return [node];
    });
  }
  const aspect = parent.aspect;
  const parentId = aspectId(speaker, aspect);
  const refs: FragmentRef[] = [];
  for (const { document, speakers, at } of spoken.places) {
    const chosen = at.filter((i) => speakers.aspects[i]!.includes(aspect));
    if (chosen.length === 0) continue;
    const fragments = document.fragments;
    for (const i of chosen) refs.push({ document, fragment: fragments[i]! });
  }
  return refs.map((ref) => fragmentNode(parentId, ref));
}

/**
 * The nodes from a person down to the leaf of the fragment of document `key` whose whole range
 * starts at `start`, under the first of its aspects; empty when it has no speaker or the filter hides it.
 */
export function speakerTreePath(index: WorkspaceIndex, codebook: Codebook, filter: TreeFilter, locale: Locale, key: string, start: Position): TreeNode[] {
  const document = index.get(key);
  const at = (range: Range): boolean => range.start.line === start.line && range.start.character === start.character;
  const fragment = document?.fragments.find((f) => at(f.full.range));
  if (!document || fragment?.speaker === undefined) return [];
  const person = personOf(document, fragment.speaker).id;
  const aspects = new Set(fragment.codes.map(aspectOf));
  const aspect = aspectsOf(codebook, aspects).find((a) => aspects.has(a));
  const root = speakerTree(index, codebook, filter, locale).find((node) => node.query?.speaker === person);
  if (!root || aspect === undefined) return [];
  const group = speakerTree(index, codebook, filter, locale, root.query).find((node) => node.query?.aspect === aspect);
  const leaf = group && speakerTree(index, codebook, filter, locale, group.query).find((node) => node.fragment?.key === key && at(node.fragment.fullRange));
  return group && leaf ? [root, group, leaf] : [];
}
