// Reads the `project.qde` of a REFI-QDA project (`.qdpx`) into plain data: users, codes, sources
// with their text selections and codings, notes, cases, variables and sets. What Kader cannot
// represent (pictures, audio, video, PDF regions) is counted, never dropped silently.

import { localize } from '../../l10n';
import type { Locale } from '../../types';
import { readRefiXml, textValue, type QdcCode } from './qdcImport';

/** Elements that may occur more than once: always read as lists, in document order. */
const LISTS = new Set([
  'User',
  'Code',
  'NoteRef',
  'Variable',
  'Case',
  'SourceRef',
  'SelectionRef',
  'CodeRef',
  'VariableValue',
  'TextSource',
  'PDFSource',
  'RichTextSource',
  'PictureSource',
  'AudioSource',
  'VideoSource',
  'Representation',
  'PlainTextSelection',
  'PictureSelection',
  'PDFSelection',
  'AudioSelection',
  'VideoSelection',
  'TranscriptSelection',
  'Transcript',
  'Coding',
  'Note',
  'Set',
  'MemberCode',
  'MemberSource',
  'MemberNote',
  'Link',
  'Graph',
]);

type Element = Record<string, unknown>;

export interface QdeCoding {
  code: string;
  user?: string;
}

export interface QdeSelection {
  guid: string;
  /** Code points into the source's LF text. */
  start: number;
  end: number;
  user?: string;
  codings: QdeCoding[];
  /** The texts of the selection's notes and description. */
  memos: string[];
}

export type OtherKind = 'picture' | 'audio' | 'video' | 'pdf-region' | 'pdf-without-text' | 'transcript-of-media' | 'external-text' | 'link' | 'graph';

export interface QdeSource {
  guid: string;
  name: string;
  /** `internal://x.txt` or another path of the plain text, as written. */
  plainTextPath?: string;
  /** The text written inside the project (`<PlainTextContent>`). */
  plainTextContent?: string;
  selections: QdeSelection[];
  memos: string[];
  /** Variable name → value, in written order. */
  variables: [string, VariableValue][];
}

export interface QdeCase {
  guid: string;
  name: string;
  sources: string[];
  memos: string[];
  variables: [string, VariableValue][];
  codes: string[];
  /** The guids of the selections the case refers to (`<SelectionRef>`). */
  selections: string[];
}

export interface QdeSet {
  name: string;
  codes: string[];
  sources: string[];
  notes: number;
  memo: string;
}

export interface QdeProject {
  name: string;
  origin: string;
  users: Map<string, string>;
  /** The `<Code>` trees, each code's notes added to its description. */
  codes: QdcCode[];
  sources: QdeSource[];
  cases: QdeCase[];
  sets: QdeSet[];
  /** Notes no source, selection, code or case refers to: the project's own memos. */
  projectNotes: { name: string; text: string }[];
  /** What Kader does not represent, by kind: how many. */
  other: Map<OtherKind, number>;
}

const list = (value: unknown): Element[] => (Array.isArray(value) ? (value as Element[]) : value && typeof value === 'object' ? [value as Element] : []);
const attr = (element: Element, name: string): string => textValue(element[name]);
const guidOf = (element: Element, name = 'guid'): string => attr(element, name).trim().toUpperCase();

/** The text of `<PlainTextContent>` or `<Description>` (an element with attributes keeps it under `#text`). */
function contentOf(element: Element | undefined, name: string): string {
  if (!element) return '';
  const value = element[name];
  return textValue(Array.isArray(value) ? value[0] : value);
}

export type VariableValue = string | number | boolean;

/** A typed value as front matter writes it: numbers and booleans as such, everything else as text. */
function typedValue(type: string | undefined, text: string): VariableValue {
  if (type === 'BooleanValue' && /^(true|false)$/i.test(text.trim())) return text.trim().toLowerCase() === 'true';
  if ((type === 'IntegerValue' || type === 'FloatValue') && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}

/** `<VariableValue>`s as name → value, through the variables' guids. */
function variableValues(element: Element, variables: Map<string, string>): [string, VariableValue][] {
  const values: [string, VariableValue][] = [];
  for (const value of list(element['VariableValue'])) {
    const ref = list(value['VariableRef'])[0];
    const name = ref ? variables.get(guidOf(ref, 'targetGUID')) : undefined;
    if (name === undefined) continue;
    const typed = ['TextValue', 'BooleanValue', 'IntegerValue', 'FloatValue', 'DateValue', 'DateTimeValue'].find((key) => key in value);
    values.push([name, typedValue(typed, typed ? textValue(value[typed]) : '')]);
  }
  return values;
}

export type QdeRead = { ok: true; project: QdeProject } | { ok: false; message: string };

export function readQde(xml: string, locale: Locale): QdeRead {
  const read = readRefiXml<{ Project?: Element }>(xml, 'qdpx', locale, LISTS);
  if (!read.ok) return read;
  const root = read.parsed.Project;
  if (!root || typeof root !== 'object') return { ok: false, message: localize(locale)('This is not a REFI-QDA project: its project.qde has no <Project>.') };
  const other = new Map<OtherKind, number>();
  const count = (kind: OtherKind, n = 1): void => {
    if (n > 0) other.set(kind, (other.get(kind) ?? 0) + n);
  };

  const notes = new Map<string, { name: string; text: string }>();
  for (const note of list(list(root['Notes'])[0]?.['Note'])) notes.set(guidOf(note), { name: attr(note, 'name'), text: contentOf(note, 'PlainTextContent') });
  const referred = new Set<string>();
  /** The texts of an element's `<NoteRef>`s and its `<Description>`. */
  const memosOf = (element: Element): string[] => {
    const memos: string[] = [];
    const description = contentOf(element, 'Description');
    if (description.trim()) memos.push(description);
    for (const ref of list(element['NoteRef'])) {
      const guid = guidOf(ref, 'targetGUID');
      referred.add(guid);
      const text = notes.get(guid)?.text;
      if (text?.trim()) memos.push(text);
    }
    return memos;
  };

  const users = new Map<string, string>();
  for (const user of list(list(root['Users'])[0]?.['User'])) users.set(guidOf(user), attr(user, 'name') || attr(user, 'id'));

  // Each code's notes join its description (the codebook holds one description per code).
  const codeRoots = list(list(list(root['CodeBook'])[0]?.['Codes'])[0]?.['Code']) as QdcCode[];
  const stack = [...codeRoots];
  for (let code = stack.pop(); code; code = stack.pop()) {
    const element = code as Element;
    const extra = list(element['NoteRef']).length > 0 ? memosOf({ NoteRef: element['NoteRef'] }) : [];
    if (extra.length > 0) code.Description = [textValue(code.Description), ...extra].filter((d) => d.trim()).join('\n\n');
    stack.push(...(Array.isArray(code.Code) ? code.Code : []));
  }

  const variables = new Map<string, string>();
  for (const variable of list(list(root['Variables'])[0]?.['Variable'])) variables.set(guidOf(variable), attr(variable, 'name'));

  const sources: QdeSource[] = [];
  const sourcesElement = list(root['Sources'])[0] ?? {};
  const readText = (source: Element, name: string): QdeSource => {
    const selections: QdeSelection[] = [];
    for (const selection of list(source['PlainTextSelection'])) {
      const codings = list(selection['Coding']).flatMap((coding) => {
        const ref = list(coding['CodeRef'])[0];
        if (!ref) return [];
        const user = guidOf(coding, 'creatingUser') || guidOf(selection, 'creatingUser');
        return [{ code: guidOf(ref, 'targetGUID'), ...(user ? { user } : {}) }];
      });
      const user = guidOf(selection, 'creatingUser');
      selections.push({
        guid: guidOf(selection),
        start: Number(attr(selection, 'startPosition')),
        end: Number(attr(selection, 'endPosition')),
        ...(user ? { user } : {}),
        codings,
        memos: memosOf(selection),
      });
    }
    const plainTextPath = attr(source, 'plainTextPath');
    const content = source['PlainTextContent'];
    return {
      guid: guidOf(source),
      name,
      ...(plainTextPath ? { plainTextPath } : {}),
      ...(content !== undefined ? { plainTextContent: contentOf(source, 'PlainTextContent') } : {}),
      selections,
      memos: memosOf(source),
      variables: variableValues(source, variables),
    };
  };
  for (const kind of ['TextSource', 'RichTextSource'] as const) {
    for (const source of list(sourcesElement[kind])) sources.push(readText(source, attr(source, 'name')));
  }
  for (const source of list(sourcesElement['PDFSource'])) {
    count('pdf-region', list(source['PDFSelection']).length);
    const representation = list(source['Representation'])[0];
    if (!representation) {
      count('pdf-without-text');
      continue;
    }
    const read = readText(representation, attr(source, 'name'));
    sources.push({ ...read, guid: guidOf(source), memos: [...memosOf(source), ...read.memos], variables: [...variableValues(source, variables), ...read.variables] });
  }
  count('picture', list(sourcesElement['PictureSource']).length);
  for (const kind of ['AudioSource', 'VideoSource'] as const) {
    for (const source of list(sourcesElement[kind])) {
      count(kind === 'AudioSource' ? 'audio' : 'video');
      count('transcript-of-media', list(source['Transcript']).length);
    }
  }
  count('link', list(list(root['Links'])[0]?.['Link']).length);
  count('graph', list(list(root['Graphs'])[0]?.['Graph']).length);

  const cases: QdeCase[] = list(list(root['Cases'])[0]?.['Case']).map((element) => ({
    guid: guidOf(element),
    name: attr(element, 'name'),
    sources: list(element['SourceRef']).map((ref) => guidOf(ref, 'targetGUID')),
    memos: memosOf(element),
    variables: variableValues(element, variables),
    codes: list(element['CodeRef']).map((ref) => guidOf(ref, 'targetGUID')),
    selections: list(element['SelectionRef']).map((ref) => guidOf(ref, 'targetGUID')),
  }));
  const sets: QdeSet[] = list(list(root['Sets'])[0]?.['Set']).map((element) => ({
    name: attr(element, 'name'),
    codes: list(element['MemberCode']).map((ref) => guidOf(ref, 'targetGUID')),
    sources: list(element['MemberSource']).map((ref) => guidOf(ref, 'targetGUID')),
    notes: list(element['MemberNote']).length,
    memo: contentOf(element, 'Description'),
  }));
  const projectNotes = [...notes].filter(([guid, note]) => !referred.has(guid) && note.text.trim()).map(([, note]) => note);
  return {
    ok: true,
    project: { name: attr(root, 'name'), origin: attr(root, 'origin'), users, codes: codeRoots, sources, cases, sets, projectNotes, other },
  };
}
