// The Speakers view: person → aspect → quotes. A fragment belongs to the person who speaks the
// turn it starts in (speakers.ts); fragments outside any turn are in no person's branch. The
// fragments are those of the other views (filteredFragments: the text and coder filters, each
// conversation counted once), so a person's count is the quotes they said, each once.

import { aspectOf } from '../codes';
import { localize } from '../l10n';
import type { Codebook, Locale, Position, Range } from '../types';
import { aspectsOf, filteredFragments, fragmentNode, type TreeFilter, type TreeNode, type TreeQuery } from './aggregate';
import { comparePersons, personOf, type Person } from './speakers';
import type { FragmentRef, WorkspaceIndex } from './workspaceIndex';

interface Spoken {
  person: Person;
  refs: FragmentRef[];
  /** The transcripts' paths and the labels the person has in them, in order of appearance. */
  paths: Set<string>;
  labels: Set<string>;
}

/** The filtered fragments of the index by the person who says them, in `comparePersons` order. */
function spokenBy(index: WorkspaceIndex, filter: TreeFilter): Spoken[] {
  const byId = new Map<string, Spoken>();
  for (const ref of filteredFragments(index, filter)) {
    const speaker = ref.fragment.speaker;
    if (speaker === undefined) continue;
    const person = personOf(ref.document, speaker);
    let spoken = byId.get(person.id);
    if (!spoken) byId.set(person.id, (spoken = { person, refs: [], paths: new Set(), labels: new Set() }));
    if (person.interviewer) spoken.person.interviewer = true;
    spoken.refs.push(ref);
    spoken.paths.add(ref.document.path);
    spoken.labels.add(speaker);
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
  parts.push(spoken.paths.size === 1 ? fileName([...spoken.paths][0]!) : t('{0} transcripts', spoken.paths.size));
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
      count: spoken.refs.length,
      hasChildren: spoken.refs.length > 0,
      query: { speaker: spoken.person.id },
      description: describe(spoken, locale),
    }));
  }
  const spoken = persons.find((p) => p.person.id === parent.speaker);
  if (!spoken) return [];
  const speaker = spoken.person.id;
  if (parent.aspect === undefined) {
    const byAspect = new Map<string, number>();
    for (const ref of spoken.refs) for (const aspect of new Set(ref.fragment.codes.map(aspectOf))) byAspect.set(aspect, (byAspect.get(aspect) ?? 0) + 1);
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
  return spoken.refs.filter((ref) => ref.fragment.codes.some((code) => aspectOf(code) === aspect)).map((ref) => fragmentNode(parentId, ref));
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
