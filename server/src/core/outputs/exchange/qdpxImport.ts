// Import of a whole REFI-QDA project (`.qdpx`): a zip with `project.qde` and the sources' texts.
// Writes one transcript per text source and coder (Kader's team model: each coder's coding of a
// conversation is a file of its own), `codebook.md`, and an import report that lists, with
// counts, what Kader could not represent exactly. Names in the archive are only looked up in it,
// never used as paths: the files written are named after the sources, made safe (segmentOf).
// A project Kader exported gives back each transcript's own Markdown where nobody changed its text
// or codings (carriedTranscripts.ts), and its speakers' cases as `participants` and `persons`.

import { stringify } from 'yaml';
import { decodeText } from '../../fileText';
import { localize, type Translate } from '../../l10n';
import type { Locale } from '../../types';
import { carriedMarkdownPath, carriedTranscript, type SourceSelection } from './carriedTranscripts';
import { foldWhitespace, printable } from './escape';
import { IMPORT_LIMITS, tooLargeUnpacked, tooManyParts, tooMuchText } from './importLimits';
import { stableGuid } from './kaderIds';
import { codebookMarkdown, segmentOf } from './qdcImport';
import { readQde, type OtherKind, type QdeCase, type QdeProject, type QdeSource, type VariableValue } from './qdeRead';
import { writeBody, type BodyCoding } from './qdpxBody';
import type { ImportedFile, ImportOptions, ImportResult } from './transcriptWriter';
import { readZip, type Inflater } from './zip';

/** The import report's file name: not Markdown, so Kader does not take it for a transcript. */
export const IMPORT_REPORT = 'import-report.txt';

/** Front matter keys Kader reads itself: a variable of that name is written as `name (variable)`. */
const RESERVED = new Set(['title', 'practice', 'coder', 'memo', 'cases', 'sets', 'participants', 'date', 'counted', 'kader', 'persons', 'personen', 'case memo']);

type Problem = OtherKind | 'unsafe-path' | 'missing-text' | 'unreadable-text' | 'outside-text' | 'blank-selection' | 'uncoded-selection' | 'unknown-code' | 'set-notes' | 'case-codes' | 'case-selections';

function problemText(problem: Problem, n: number, t: Translate): string {
  switch (problem) {
    case 'picture':
      return t('pictures (and their codings): {0}', n);
    case 'audio':
      return t('audio sources (and their codings): {0}', n);
    case 'video':
      return t('video sources (and their codings): {0}', n);
    case 'pdf-region':
      return t('regions coded on PDF pages: {0}', n);
    case 'pdf-without-text':
      return t('PDF sources without a text representation: {0}', n);
    case 'transcript-of-media':
      return t('transcripts synchronised with audio or video: {0}', n);
    case 'external-text':
      return t('text sources whose text is outside the project file: {0}', n);
    case 'link':
      return t('links between objects: {0}', n);
    case 'graph':
      return t('graphs: {0}', n);
    case 'unsafe-path':
      return t('text sources with an unsafe path inside the project file (not read): {0}', n);
    case 'missing-text':
      return t('text sources whose text is missing from the project file: {0}', n);
    case 'unreadable-text':
      return t('text sources whose text is not readable text: {0}', n);
    case 'outside-text':
      return t('selections outside their source\'s text: {0}', n);
    case 'blank-selection':
      return t('codings of white space only: {0}', n);
    case 'uncoded-selection':
      return t('selections without a code (their memos are listed below): {0}', n);
    case 'unknown-code':
      return t('codings of a code that is not in the codebook: {0}', n);
    case 'set-notes':
      return t('notes in sets: {0}', n);
    case 'case-codes':
      return t('codes assigned to cases: {0}', n);
    case 'case-selections':
      return t('selections assigned to cases: {0}', n);
  }
}

/** A file name's stem (no folder, no extension) as a safe file name part. */
function stem(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return segmentOf(dot > 0 ? base.slice(0, dot) : base);
}

/** The zip entry of `internal://name` (REFI-QDA: the `sources` folder); undefined for a path that is not a plain name. */
function internalEntry(path: string): string | undefined | null {
  const match = /^internal:\/\/(.*)$/i.exec(path.trim());
  if (!match) return undefined;
  const name = match[1]!;
  return /^[^/\\\p{Cc}]+$/u.test(name) && name !== '.' && name !== '..' ? `sources/${name}` : null;
}

/** Code-point offset → UTF-16 offset in `text`. */
function codeUnits(text: string): (point: number) => number {
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    map.push(i);
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) i++;
  }
  map.push(text.length);
  return (point) => map[point] ?? -1;
}

/** A case Kader exported for a person (refiQda.ts): its guid is derived from its name, the person's id. */
function isKaderPerson(c: QdeCase): boolean {
  return c.guid === stableGuid('person', c.name);
}

/**
 * The speakers of a source that Kader exported as persons: label → person id. The label of a
 * person of this transcript only is in the id (`S1 (pad/gesprek.md)`, core/index/speakers.ts);
 * else it is the `Label:` that opens the paragraph of a selection the case refers to.
 */
function speakersOf(source: QdeSource, text: string, unit: (point: number) => number, persons: readonly QdeCase[]): Map<string, string> {
  const speakers = new Map<string, string>();
  const starts = new Map(source.selections.map((s) => [s.guid, s.start]));
  for (const person of persons) {
    if (!person.sources.includes(source.guid)) continue;
    const own = person.name.endsWith(` (${source.name})`) ? person.name.slice(0, -source.name.length - 3) : undefined;
    if (own) {
      speakers.set(own, person.name);
      continue;
    }
    for (const guid of person.selections) {
      const start = unit(starts.get(guid) ?? -1);
      if (start < 0) continue;
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      const line = text.slice(lineStart, lineStart + 80);
      const label = /^(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]+)?([^\s:[][^:\n]{0,39}):/u.exec(line)?.[1]?.trim();
      if (label && !speakers.has(label)) speakers.set(label, person.name);
    }
  }
  return speakers;
}

function frontMatter(front: Record<string, unknown>): string {
  return `---\n${stringify(front, { lineWidth: 0 })}---\n`;
}

function readProject(bytes: Uint8Array, locale: Locale, inflate: Inflater | undefined): { ok: true; project: QdeProject; texts: (entry: string) => Uint8Array | undefined } | { ok: false; message: string } {
  const t = localize(locale);
  const limits = { entries: IMPORT_LIMITS.zipEntries, bytes: IMPORT_LIMITS.unpackedBytes };
  const zipProblem = (read: { problem: string; detail?: string }): { ok: false; message: string } => ({
    ok: false,
    message:
      read.problem === 'entries'
        ? tooManyParts('qdpx', locale)
        : read.problem === 'size'
          ? tooLargeUnpacked('qdpx', locale)
          : read.problem === 'mismatch'
            ? t('This project is damaged: its part {0} unpacks to more than the file says; Kader does not import it.', printable(read.detail ?? ''))
            : t('This project cannot be read ({0}).', printable(read.detail ?? 'zip')),
  });
  // REFI-QDA names it project.qde; ATLAS.ti names it after the project (Trial.qde): the one .qde
  // at the top of the archive is taken.
  const qde = readZip(bytes, (name) => /^[^/\\]+\.qde$/i.test(name), limits, inflate);
  if (!qde.ok) return zipProblem(qde);
  const candidates = [...qde.files.keys()];
  const xmlBytes = qde.files.get('project.qde') ?? (candidates.length === 1 ? qde.files.get(candidates[0]!) : undefined);
  if (!xmlBytes) return { ok: false, message: candidates.length > 1 ? t('This is not a REFI-QDA project: it holds several .qde files and no project.qde.') : t('This is not a REFI-QDA project: it holds no project.qde.') };
  if (xmlBytes.length > IMPORT_LIMITS.textChars * 4) return { ok: false, message: tooMuchText('qdpx', locale) };
  const xml = decodeText(xmlBytes);
  if (!xml.ok) return { ok: false, message: t('This is not a REFI-QDA project: its project.qde is not text.') };
  const read = readQde(xml.text, locale);
  if (!read.ok) return read;
  const wanted = new Set<string>();
  for (const source of read.project.sources) {
    const entry = source.plainTextPath ? internalEntry(source.plainTextPath) : undefined;
    if (entry) wanted.add(entry);
    wanted.add(carriedMarkdownPath(source.guid));
  }
  const texts = readZip(bytes, (name) => wanted.has(name), { entries: limits.entries, bytes: limits.bytes - xmlBytes.length }, inflate);
  if (!texts.ok) return zipProblem(texts);
  return { ok: true, project: read.project, texts: (entry) => texts.files.get(entry) };
}

/** One transcript to write: a source's text with one coder's codings. */
interface Written {
  source: QdeSource;
  coder?: string;
  codings: BodyCoding[];
  /** The same codings in code points, as the export wrote them (carriedTranscripts.ts). */
  selections: SourceSelection[];
}

export function importQdpx(bytes: Uint8Array, options: ImportOptions, inflate?: Inflater): ImportResult {
  const locale = options.locale ?? 'en';
  const t = localize(locale);
  const read = readProject(bytes, locale, inflate);
  if (!read.ok) return read;
  const { project } = read;
  const problems = new Map<Problem, number>(project.other);
  const problem = (kind: Problem, n = 1): void => {
    if (n > 0) problems.set(kind, (problems.get(kind) ?? 0) + n);
  };
  const unplaced: string[] = [];

  // The codebook, and the code path made for each code's guid.
  const setsOfCodes = project.sets.filter((set) => set.codes.length > 0);
  const codebook = codebookMarkdown(project.codes, locale, project.name || options.title);
  if (!codebook.ok) return codebook;
  const paths = codebook.paths ?? new Map<string, string>();
  let codebookText = codebook.markdown;
  if (setsOfCodes.length > 0) {
    const sets: Record<string, string[]> = {};
    for (const set of setsOfCodes) sets[foldWhitespace(set.name) || 'set'] = set.codes.flatMap((guid) => (paths.has(guid) ? [`#${paths.get(guid)!}`] : []));
    const yaml = stringify({ sets }, { lineWidth: 0 }).trimEnd();
    codebookText = codebookText.startsWith('---\n') ? codebookText.replace(/\n---\n/, `\n${yaml}\n---\n`) : `---\n${yaml}\n---\n\n${codebookText}`;
  }
  problem('set-notes', project.sets.reduce((n, set) => n + set.notes, 0));
  problem('case-codes', project.cases.reduce((n, c) => n + c.codes.length, 0));
  // Kader's own person cases come back as `participants` and `persons` (speakersOf), not as lost.
  const persons = project.cases.filter(isKaderPerson);
  const cases = project.cases.filter((c) => !isKaderPerson(c));
  problem('case-selections', cases.reduce((n, c) => n + c.selections.length, 0));

  const files: ImportedFile[] = [{ name: 'codebook.md', text: codebookText }];
  const taken = new Set(['codebook', stem(IMPORT_REPORT)]);
  const uniqueName = (base: string): string => {
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return `${name}.md`;
  };
  let codings = 0;
  let length = 0;
  let parts = 0;
  let crossing = 0;
  let widened = 0;
  for (const source of project.sources) {
    let raw: string | undefined = source.plainTextContent;
    if (raw === undefined && source.plainTextPath) {
      const entry = internalEntry(source.plainTextPath);
      if (entry === null) problem('unsafe-path');
      else if (entry === undefined) problem('external-text');
      else {
        const content = read.texts(entry);
        if (!content) problem('missing-text');
        else {
          const decoded = decodeText(content);
          if (decoded.ok) raw = decoded.text;
          else problem('unreadable-text');
        }
      }
    } else if (raw === undefined) problem('missing-text');
    if (raw === undefined) continue;
    const text = (raw.startsWith('\uFEFF') ? raw.slice(1) : raw).replace(/\r\n?/g, '\n');
    const unit = codeUnits(text);
    // One transcript per coder; a source nobody coded is one transcript without a coder.
    const byCoder = new Map<string, BodyCoding[]>();
    const selectionsOf = new Map<string, SourceSelection[]>();
    for (const selection of source.selections) {
      const start = unit(selection.start);
      const end = unit(selection.end);
      if (!Number.isInteger(selection.start) || !Number.isInteger(selection.end) || start < 0 || end < 0 || start >= end) {
        problem('outside-text');
        continue;
      }
      const memo = selection.memos.map((m) => m.trim()).join('\n\n') || undefined;
      if (selection.codings.length === 0) {
        problem('uncoded-selection');
        if (memo) unplaced.push(`${source.name}: «${foldWhitespace(text.slice(start, end))}» — ${foldWhitespace(memo)}`);
        continue;
      }
      const users = new Map<string, string[]>();
      for (const coding of selection.codings) {
        const path = paths.get(coding.code);
        if (!path) {
          problem('unknown-code');
          continue;
        }
        const user = coding.user ?? '';
        const codes = users.get(user) ?? [];
        if (!codes.includes(path)) codes.push(path);
        users.set(user, codes);
      }
      for (const [user, codes] of users) {
        const list = byCoder.get(user) ?? [];
        list.push({ start, end, codes, ...(memo ? { memo } : {}) });
        byCoder.set(user, list);
        const points = selectionsOf.get(user) ?? [];
        points.push({ start: selection.start, end: selection.end, codes, ...(memo ? { memo } : {}) });
        selectionsOf.set(user, points);
        codings += codes.length;
      }
    }
    if (byCoder.size === 0) byCoder.set('', []);
    const inCases = cases.filter((c) => c.sources.includes(source.guid));
    const speakers = speakersOf(source, text, unit, persons);
    const inSets = project.sets.filter((s) => s.sources.includes(source.guid)).map((s) => foldWhitespace(s.name));
    const written: Written[] = [...byCoder].map(([user, list]) => ({ source, coder: user ? foldWhitespace(project.users.get(user) ?? user) || user : undefined, codings: list, selections: selectionsOf.get(user) ?? [] }));
    const carriedBytes = read.texts(carriedMarkdownPath(source.guid));
    const carriedText = carriedBytes ? decodeText(carriedBytes) : undefined;
    const carried = carriedText?.ok ? carriedText.text : undefined;
    for (const w of written) {
      const base = stem(source.name);
      const name = (): string => uniqueName(written.length > 1 && w.coder ? `${base}-${segmentOf(w.coder)}` : base);
      // A transcript Kader exported and nobody changed since: its own Markdown, as it was written.
      const own = carriedTranscript(carried, { plainText: text, selections: w.selections, ...(w.coder ? { coder: w.coder } : {}) });
      if (own !== undefined) {
        length += own.length;
        if (length > IMPORT_LIMITS.textChars) return { ok: false, message: tooMuchText('qdpx', locale) };
        files.push({ name: name(), text: own });
        continue;
      }
      const body = writeBody(text, w.codings);
      parts += body.parts;
      crossing += body.crossing;
      widened += body.widened;
      problem('blank-selection', body.blank);
      const front: Record<string, unknown> = { title: foldWhitespace(source.name) || stem(source.name) };
      if (inCases.length > 0) front['practice'] = foldWhitespace(inCases[0]!.name);
      else if (options.practice) front['practice'] = foldWhitespace(options.practice);
      if (inCases.length > 1) front['cases'] = inCases.map((c) => foldWhitespace(c.name));
      if (w.coder) front['coder'] = w.coder;
      if (speakers.size > 0) front['participants'] = [...speakers.keys()];
      const named = [...speakers].filter(([label, id]) => id !== `${label} (${source.name})`);
      if (named.length > 0) front['persons'] = Object.fromEntries(named);
      if (source.memos.length > 0) front['memo'] = source.memos.map((m) => m.trim()).join('\n\n');
      const caseMemos = inCases.flatMap((c) => c.memos.map((m) => m.trim()));
      if (caseMemos.length > 0) front['case memo'] = caseMemos.join('\n\n');
      if (inSets.length > 0) front['sets'] = inSets;
      const values = new Map<string, VariableValue>();
      for (const [name, value] of [...source.variables, ...inCases.flatMap((c) => c.variables)]) {
        const key = foldWhitespace(name);
        const safe = RESERVED.has(key.toLowerCase()) ? `${key} (variable)` : key;
        if (key && !values.has(safe)) values.set(safe, value);
      }
      for (const [key, value] of values) front[key] = value;
      const markdown = `${frontMatter(front)}\n${body.markdown}\n`;
      length += markdown.length;
      if (length > IMPORT_LIMITS.textChars) return { ok: false, message: tooMuchText('qdpx', locale) };
      files.push({ name: name(), text: markdown });
    }
  }

  const transcripts = files.length - 1;
  const notes: string[] = [];
  for (const [kind, n] of problems) notes.push(problemText(kind, n, t));
  const info: string[] = [];
  if (crossing > 0) info.push(t('codings that crossed another, split at its edge into parts with part="…": {0}', crossing));
  if (parts > 0) info.push(t('codings written as parts (part="…", counted as one coding): {0}', parts));
  if (widened > 0) info.push(t('codings with an edge inside a web address, widened to the whole address: {0}', widened));
  const lines = [
    t('Kader imported the REFI-QDA project {0}{1}.', project.name ? `«${foldWhitespace(project.name)}»` : '', project.origin ? t(' (made with {0})', foldWhitespace(project.origin)) : ''),
    t(
      'Written: codebook.md with {0}, {1}, {2}.',
      codebook.codes === 1 ? t('1 code') : t('{0} codes', codebook.codes),
      transcripts === 1 ? t('1 transcript') : t('{0} transcripts', transcripts),
      codings === 1 ? t('1 coding') : t('{0} codings', codings),
    ),
    '',
    ...(notes.length > 0 ? [t('Not represented exactly:'), ...notes.map((n) => `- ${n}`)] : [t('Everything was represented.')]),
    ...(info.length > 0 ? ['', t('Kept, in another form:'), ...info.map((n) => `- ${n}`)] : []),
    ...(project.projectNotes.length > 0 ? ['', t('Project memos:'), ...project.projectNotes.map((n) => `- ${foldWhitespace(n.name)}: ${foldWhitespace(n.text)}`)] : []),
    ...(unplaced.length > 0 ? ['', t('Memos of selections without a code:'), ...unplaced.map((n) => `- ${n}`)] : []),
    '',
  ];
  const report = lines.join('\n');
  files.push({ name: IMPORT_REPORT, text: report });
  return { ok: true, markdown: report, participants: [], turns: transcripts, notes, files };
}
