// Export to REFI-QDA (QDA-XML 1.0), the exchange format of ATLAS.ti, MAXQDA, NVivo and QualCoder:
// the codebook as `.qdc`, the project as `project.qde` plus, per transcript, the plain text its
// reader sees (plainSource.ts) and its Markdown for Kader itself (carriedTranscripts.ts), zipped
// into `.qdpx` by the caller. Selections count Unicode code points in that LF-only plain text.
// Codes carry their Kader id (kaderIds.ts); memos become notes; practices and speakers, cases.

import { parentOf } from '../../codes';
import { listPersons } from '../../index/speakers';
import { sortJournal, type JournalEntry } from '../../index/memos';
import type { AttributeValue, Codebook } from '../../types';
import type { IndexedDocument, WorkspaceIndex } from '../../index/workspaceIndex';
import { carriedMarkdownPath, sourceSelections } from './carriedTranscripts';
import { codeGuid, stableGuid, withKaderId } from './kaderIds';
import { XmlElement, xmlDocument } from './xmlWriter';

export { stableGuid };

const PROJECT_NS = 'urn:QDA-XML:project:1.0';
const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';
const ORIGIN = 'Kader';
const NAME_LENGTH = 60;

/** The first characters of a fragment as its name, cut between code points, never inside a surrogate pair. */
function shortName(text: string): string {
  return Array.from(text).slice(0, NAME_LENGTH).join('');
}

interface CodeTree {
  code: string;
  children: CodeTree[];
}

/** Every code of the codebook and in use, as a tree by path (parents added where missing). */
function codeForest(codebook: Codebook, used: Iterable<string>): CodeTree[] {
  const all = new Set<string>();
  const add = (code: string): void => {
    if (all.has(code)) return;
    all.add(code);
    const parent = parentOf(code);
    if (parent) add(parent);
  };
  for (const c of codebook.codes) add(c.code);
  for (const c of used) add(c);
  const order = codebook.codes.map((c) => c.code);
  const rank = (code: string): number => (order.includes(code) ? order.indexOf(code) : order.length);
  const nodes = new Map([...all].map((code) => [code, { code, children: [] as CodeTree[] }]));
  const roots: CodeTree[] = [];
  for (const code of [...all].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
    const parent = parentOf(code);
    (parent ? nodes.get(parent)!.children : roots).push(nodes.get(code)!);
  }
  return roots;
}

/** A note: a memo's text as a REFI-QDA `<Note>`, referred to by `NoteRef`s. */
interface ExportNote {
  guid: string;
  name: string;
  text: string;
  creatingUser?: string;
}

function addCodes(parent: XmlElement, trees: CodeTree[], codebook: Codebook, notes?: ExportNote[]): void {
  for (const tree of trees) {
    const definition = codebook.codes.find((c) => c.code === tree.code);
    const element = parent.ele('Code', {
      guid: codeGuid(tree.code),
      name: definition?.name ?? tree.code,
      isCodable: 'true',
      color: definition?.color || undefined,
    });
    // The name is a label; the id rides in the description (kaderIds.ts).
    element.ele('Description').txt(withKaderId(definition?.description ?? '', tree.code));
    if (notes && definition?.memo) {
      const note = { guid: stableGuid('code-memo', tree.code), name: definition.name, text: definition.memo };
      notes.push(note);
      element.ele('NoteRef', { targetGUID: note.guid });
    }
    addCodes(element, tree.children, codebook, notes);
  }
}

/** The codebook as a REFI-QDA `.qdc` document. */
export function codebookXml(codebook: Codebook, used: Iterable<string> = []): string {
  const root = new XmlElement('CodeBook', { xmlns: CODEBOOK_NS, origin: ORIGIN });
  addCodes(root.ele('Codes'), codeForest(codebook, used), codebook);
  return xmlDocument(root);
}

export interface ProjectExport {
  /** `project.qde`. */
  xml: string;
  /**
   * The other files of the `.qdpx`, by their path inside it: the plain-text sources
   * (`sources/<guid>.txt`) and the transcripts' Markdown (`kader/<guid>.md`, carriedTranscripts.ts).
   */
  sources: { path: string; text: string }[];
}

function variableType(value: AttributeValue): 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date' {
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Float';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return 'Date';
  return 'Text';
}

function variableValue(parent: XmlElement, type: string, value: AttributeValue): void {
  const element = { Text: 'TextValue', Boolean: 'BooleanValue', Integer: 'IntegerValue', Float: 'FloatValue', Date: 'DateValue' }[type]!;
  parent.ele(element).txt(Array.isArray(value) ? value.map(String).join(', ') : String(value));
}

export interface ProjectInput {
  name: string;
  index: WorkspaceIndex;
  codebook: Codebook;
  /** The text of each indexed document, by key. */
  textOf: (document: IndexedDocument) => string;
  /** The project journal (`memos/`): project notes. */
  journal?: readonly JournalEntry[];
  /** ISO date-time written as the creation time (the caller's clock). */
  now: string;
}

/**
 * The whole project: users from coders, codes (with their memos as notes), front matter as
 * variables, practices and speakers as cases, one text source per transcript with a selection per
 * fragment, its codings and its memo as a note, transcript memos and the journal as notes.
 */
export function projectExport(input: ProjectInput): ProjectExport {
  const { index, codebook } = input;
  const documents = index.all().sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const root = new XmlElement('Project', {
    xmlns: PROJECT_NS,
    name: input.name,
    origin: ORIGIN,
    creationDateTime: input.now,
  });
  const notes: ExportNote[] = [];

  const coders = index.coders();
  if (coders.length > 0) {
    const users = root.ele('Users');
    for (const coder of coders) users.ele('User', { guid: stableGuid('user', coder), name: coder });
  }
  addCodes(root.ele('CodeBook').ele('Codes'), codeForest(codebook, index.usedCodes()), codebook, notes);

  const variableTypes = new Map<string, string>();
  for (const d of documents) {
    for (const [key, value] of Object.entries(d.attributes)) {
      if (value === null) continue;
      const type = variableType(value);
      const known = variableTypes.get(key);
      variableTypes.set(key, known && known !== type ? 'Text' : type);
    }
  }
  if (variableTypes.size > 0) {
    const variables = root.ele('Variables');
    for (const [name, type] of variableTypes) variables.ele('Variable', { guid: stableGuid('variable', name), name, typeOfVariable: type });
  }

  const sourceGuid = (d: IndexedDocument): string => stableGuid('source', d.path);
  const selectionGuid = (d: IndexedDocument, span: { start: number; end: number }): string => stableGuid('selection', `${d.path}#${span.start}-${span.end}`);
  // Each transcript's selections (carriedTranscripts.ts): a coding written as parts is one selection where its parts follow one another.
  const selectionsOf = new Map(documents.map((d) => [d, sourceSelections(input.textOf(d), d.model)]));
  const practices = index.practices().filter((p): p is string => p !== undefined);
  const persons = listPersons(documents);
  if (practices.length > 0 || persons.length > 0) {
    const cases = root.ele('Cases');
    for (const practice of practices) {
      const element = cases.ele('Case', { guid: stableGuid('case', practice), name: practice });
      for (const d of documents) if (d.practice === practice) element.ele('SourceRef', { targetGUID: sourceGuid(d) });
    }
    // A person is a case: the transcripts where the person speaks and the fragments that start in the person's turns.
    const byPath = new Map<string, IndexedDocument[]>();
    for (const d of documents) byPath.set(d.path, [...(byPath.get(d.path) ?? []), d]);
    for (const { person, appearances } of persons) {
      const element = cases.ele('Case', { guid: stableGuid('person', person.id), name: person.id });
      const speaking: { d: IndexedDocument; labels: readonly string[] }[] = appearances.flatMap((a) => (byPath.get(a.path) ?? []).map((d) => ({ d, labels: a.labels })));
      for (const { d } of speaking) element.ele('SourceRef', { targetGUID: sourceGuid(d) });
      for (const { d, labels } of speaking) {
        for (const { fragments } of selectionsOf.get(d)!.selections) {
          const speaker = fragments[0]!.speaker;
          if (speaker !== undefined && labels.includes(speaker)) element.ele('SelectionRef', { targetGUID: selectionGuid(d, fragments[0]!.full.span) });
        }
      }
    }
  }

  const sources: ProjectExport['sources'] = [];
  if (documents.length > 0) {
    const sourcesElement = root.ele('Sources');
    for (const d of documents) {
      const guid = sourceGuid(d);
      const text = input.textOf(d);
      const { plain, selections } = selectionsOf.get(d)!;
      sources.push({ path: `sources/${guid}.txt`, text: plain.text }, { path: carriedMarkdownPath(guid), text });
      const creator = d.coder ? stableGuid('user', d.coder) : undefined;
      const source = sourcesElement.ele('TextSource', { guid, name: d.path, plainTextPath: `internal://${guid}.txt`, creatingUser: creator });
      for (const { fragments, start, end, codes, memo, text: words } of selections) {
        const first = fragments[0]!;
        const id = `${d.path}#${first.full.span.start}-${first.full.span.end}`;
        const name = shortName(words);
        const selection = source.ele('PlainTextSelection', {
          guid: selectionGuid(d, first.full.span),
          name,
          startPosition: String(start),
          endPosition: String(end),
          creatingUser: creator,
        });
        for (const code of codes) {
          selection.ele('Coding', { guid: stableGuid('coding', `${id}#${code}`), creatingUser: creator }).ele('CodeRef', { targetGUID: codeGuid(code) });
        }
        if (memo) {
          const note = { guid: stableGuid('note', id), name, text: memo, creatingUser: creator };
          notes.push(note);
          selection.ele('NoteRef', { targetGUID: note.guid });
        }
      }
      const memo = d.model.frontMatter.memo;
      if (memo) {
        const title = d.attributes['title'];
        const note = { guid: stableGuid('transcript-memo', d.path), name: typeof title === 'string' && title.trim() ? title.trim() : d.path, text: memo, creatingUser: creator };
        notes.push(note);
        source.ele('NoteRef', { targetGUID: note.guid });
      }
      for (const [key, value] of Object.entries(d.attributes)) {
        if (value === null) continue;
        const element = source.ele('VariableValue');
        element.ele('VariableRef', { targetGUID: stableGuid('variable', key) });
        variableValue(element, variableTypes.get(key)!, value);
      }
    }
  }
  const journalNotes: ExportNote[] = sortJournal([...(input.journal ?? [])]).map((entry) => ({ guid: stableGuid('journal', entry.path), name: entry.title, text: entry.text }));
  if (notes.length + journalNotes.length > 0) {
    const notesElement = root.ele('Notes');
    for (const note of [...notes, ...journalNotes]) {
      notesElement.ele('Note', { guid: note.guid, name: note.name, creatingUser: note.creatingUser }).ele('PlainTextContent').txt(note.text);
    }
  }
  for (const note of journalNotes) root.ele('NoteRef', { targetGUID: note.guid });
  return { xml: xmlDocument(root), sources };
}
