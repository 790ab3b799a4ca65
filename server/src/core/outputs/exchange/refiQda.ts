// Export to REFI-QDA (QDA-XML 1.0), the exchange format of ATLAS.ti, MAXQDA, NVivo and QualCoder:
// the codebook as `.qdc`, the project as `project.qde` plus one plain-text source per transcript
// (zipped into `.qdpx` by the caller). Selections count Unicode code points in LF-only text with
// the coding markup and the front matter removed.

import { parentOf } from '../../codes';
import type { AttributeValue, Codebook, Transcript } from '../../types';
import type { IndexedDocument, WorkspaceIndex } from '../../index/workspaceIndex';
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

export interface PlainSource {
  /** LF-only text without coding markup and front matter. */
  text: string;
  /** UTF-16 offset in the transcript → code point offset in `text`. */
  at(offset: number): number;
}

/** The transcript as the other tools read it: the words, without Kader's markup. */
export function plainSource(rawText: string, model: Transcript): PlainSource {
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  const removed = model.fragments.flatMap((f) => f.markup);
  if (model.frontMatter.span) removed.push(model.frontMatter.span);
  removed.sort((a, b) => a.start - b.start);
  const map = new Int32Array(text.length + 1);
  let out = '';
  let points = 0;
  let r = 0;
  for (let i = 0; i < text.length; ) {
    while (r < removed.length && removed[r]!.end <= i) r++;
    if (r < removed.length && removed[r]!.start <= i) {
      for (const end = removed[r]!.end; i < end; i++) map[i] = points;
      continue;
    }
    map[i] = points;
    const c = text.charCodeAt(i);
    if (c === 13) {
      out += '\n';
      points++;
      i++;
      if (text.charCodeAt(i) === 10) map[i++] = points - 1;
      continue;
    }
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    if (pair) map[i + 1] = points;
    out += text.slice(i, i + (pair ? 2 : 1));
    points++;
    i += pair ? 2 : 1;
  }
  map[text.length] = points;
  return { text: out, at: (offset) => map[Math.max(0, Math.min(offset, text.length))]! };
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

function addCodes(parent: XmlElement, trees: CodeTree[], codebook: Codebook): void {
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
    addCodes(element, tree.children, codebook);
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
  /** The plain-text sources, by their path inside the `.qdpx` (`sources/<guid>.txt`). */
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
  /** ISO date-time written as the creation time (the caller's clock). */
  now: string;
}

/** The whole project: users from coders, codes, one text source per transcript, codings, memos as notes, practices as cases, front matter as variables. */
export function projectExport(input: ProjectInput): ProjectExport {
  const { index, codebook } = input;
  const documents = index.all();
  const root = new XmlElement('Project', {
    xmlns: PROJECT_NS,
    name: input.name,
    origin: ORIGIN,
    creationDateTime: input.now,
  });

  const coders = index.coders();
  if (coders.length > 0) {
    const users = root.ele('Users');
    for (const coder of coders) users.ele('User', { guid: stableGuid('user', coder), name: coder });
  }
  addCodes(root.ele('CodeBook').ele('Codes'), codeForest(codebook, index.usedCodes()), codebook);

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

  const practices = index.practices().filter((p): p is string => p !== undefined);
  if (practices.length > 0) {
    const cases = root.ele('Cases');
    for (const practice of practices) {
      const element = cases.ele('Case', { guid: stableGuid('case', practice), name: practice });
      for (const d of documents) if (d.practice === practice) element.ele('SourceRef', { targetGUID: stableGuid('source', d.path) });
    }
  }

  const sources: ProjectExport['sources'] = [];
  const notes: { guid: string; name: string; text: string }[] = [];
  if (documents.length > 0) {
    const sourcesElement = root.ele('Sources');
    for (const d of documents) {
      const guid = stableGuid('source', d.path);
      const plain = plainSource(input.textOf(d), d.model);
      const path = `sources/${guid}.txt`;
      sources.push({ path, text: plain.text });
      const creator = d.coder ? stableGuid('user', d.coder) : undefined;
      const source = sourcesElement.ele('TextSource', { guid, name: d.path, plainTextPath: `internal://${guid}.txt`, creatingUser: creator });
      for (const fragment of d.fragments) {
        const id = `${d.path}#${fragment.full.span.start}-${fragment.full.span.end}`;
        const selection = source.ele('PlainTextSelection', {
          guid: stableGuid('selection', id),
          name: shortName(fragment.text),
          startPosition: String(plain.at(fragment.content.span.start)),
          endPosition: String(plain.at(fragment.content.span.end)),
          creatingUser: creator,
        });
        for (const code of fragment.codes) {
          selection
            .ele('Coding', { guid: stableGuid('coding', `${id}#${code}`), creatingUser: creator })
            .ele('CodeRef', { targetGUID: codeGuid(code) });
        }
        if (fragment.memo) {
          const note = { guid: stableGuid('note', id), name: shortName(fragment.text), text: fragment.memo };
          notes.push(note);
          selection.ele('NoteRef', { targetGUID: note.guid });
        }
      }
      for (const [key, value] of Object.entries(d.attributes)) {
        if (value === null) continue;
        const element = source.ele('VariableValue');
        element.ele('VariableRef', { targetGUID: stableGuid('variable', key) });
        variableValue(element, variableTypes.get(key)!, value);
      }
    }
  }
  if (notes.length > 0) {
    const notesElement = root.ele('Notes');
    for (const note of notes) notesElement.ele('Note', { guid: note.guid, name: note.name }).ele('PlainTextContent').txt(note.text);
  }
  return { xml: xmlDocument(root), sources };
}
