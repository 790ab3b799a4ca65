// Memos as documents (SYNTAX.md §10): the memos on fragments (`memo="…"`), on codes (a `Memo`
// heading in the codebook), on transcripts (`memo:` in the front matter), and the project journal:
// the Markdown files of `memos/`, which name codes (`#intentie`) and link transcripts. A journal
// file is not a transcript: it is read here, not parsed as one. Pure: the service reads the files.

import { LineIndex, stripBom } from '../parse';
import type { Codebook, Range } from '../types';
import { comparePractice, type WorkspaceIndex } from './workspaceIndex';

/** A `#code` named in a journal entry, where it is written. */
export interface JournalCode {
  code: string;
  range: Range;
}

/** A link from a journal entry to a transcript: its label and the transcript's path in the folder. */
export interface JournalLink {
  label: string;
  /** Relative to the folder, with `/`. */
  path: string;
  range: Range;
}

/** One Markdown file of the project journal. */
export interface JournalEntry {
  /** Relative to the folder: `memos/…`. */
  path: string;
  /** The first heading's text, else the file name without `.md`. */
  title: string;
  /** The Markdown text without the front matter, trimmed. */
  text: string;
  /** The codes it names, in written order (each place). */
  codes: JournalCode[];
  /** The transcripts it links, in written order. */
  links: JournalLink[];
}

const CODE_MENTION = /(?<![\p{L}\p{N}_\-/&#\\(`])#(\p{L}[\p{L}\p{N}_-]*(?:\/[\p{L}\p{N}][\p{L}\p{N}_-]*)*)/gu;
const LINK = /(?<!!)\[([^\]\r\n]*)\]\(\s*<?([^()\s<>]+)>?(?:\s+"[^"\r\n]*")?\s*\)/g;
const HEADING = /^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/m;
const FENCE = /^ {0,3}(`{3,}|~{3,})[^\r\n]*(?:\r\n?|\n)[\s\S]*?(?:^ {0,3}\1[ \t]*$|(?![\s\S]))/gm;
const CODE_SPAN = /(`+)[^`][\s\S]*?\1/g;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const FRONT_MATTER = /^---[ \t]*(?:\r\n?|\n)[\s\S]*?(?:\r\n?|\n)(?:---|\.\.\.)[ \t]*(?=\r\n?|\n|$)/;

/** `text` with code blocks, code spans, comments and the front matter blanked (same length: offsets stay). */
function readableText(text: string): string {
  const blank = (s: string): string => s.replace(/[^\r\n]/g, ' ');
  return text.replace(FRONT_MATTER, blank).replace(FENCE, blank).replace(COMMENT, blank).replace(CODE_SPAN, blank);
}

/** The folder path that a link `target` in the file `from` points to; undefined for an address or a path outside the folder. */
export function linkedPath(from: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/') || target.startsWith('#')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURI(target.replace(/[?#].*$/, ''));
  } catch {
    return undefined;
  }
  const parts = from.split('/').slice(0, -1);
  for (const part of decoded.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length > 0 ? parts.join('/') : undefined;
}

/** Reads one journal file (`path` relative to the folder). Linear in the text. */
export function readJournalEntry(path: string, rawText: string): JournalEntry {
  const text = stripBom(rawText);
  const lines = new LineIndex(text);
  const readable = readableText(text);
  const codes: JournalCode[] = [];
  for (const m of readable.matchAll(CODE_MENTION)) {
    codes.push({ code: m[1]!, range: lines.range({ start: m.index, end: m.index + m[0].length }) });
  }
  const links: JournalLink[] = [];
  for (const m of readable.matchAll(LINK)) {
    const target = linkedPath(path, m[2]!);
    if (target === undefined || !target.toLowerCase().endsWith('.md')) continue;
    const label = text.slice(m.index + 1, m.index + 1 + m[1]!.length).trim();
    links.push({ label: label || target, path: target, range: lines.range({ start: m.index, end: m.index + m[0].length }) });
  }
  const heading = HEADING.exec(readable);
  const name = path.split('/').pop()!.replace(/\.md$/i, '');
  const bodyStart = FRONT_MATTER.exec(text)?.[0].length ?? 0;
  return { path, title: heading ? text.slice(heading.index, heading.index + heading[0].length).replace(HEADING, '$1').trim() : name, text: text.slice(bodyStart).trim(), codes, links };
}

/** The journal's entries in path order (their file names usually start with a date). */
export function sortJournal(entries: JournalEntry[]): JournalEntry[] {
  return [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export type MemoKind = 'fragment' | 'code' | 'transcript' | 'journal';

/** One memo of a project, as the Memos view and the reports list it. */
export interface Memo {
  kind: MemoKind;
  /** The file that holds it, relative to the folder (the codebook's path for a code's memo). */
  path: string;
  /** Fragment: its text; code: its name; transcript: its title or path; journal: the entry's title. */
  label: string;
  /** The memo itself (a journal entry: its whole text). */
  text: string;
  /** Where it is: the fragment's or code heading's range; the file's start for the others. */
  range: Range;
  /** Fragment: its codes; code: the code itself; journal: the codes it names (each once, in order). */
  codes: string[];
  /** Journal: the transcripts it links (each once, in order), and whether the project has them. */
  links?: { label: string; path: string; known: boolean }[];
  /** Fragment and transcript: the practice of the transcript. */
  practice?: string;
  speaker?: string;
}

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Every memo of a project, grouped by kind: codes (codebook order), transcripts (path order),
 * fragments (path, then place), journal entries (path order). Linear in the fragments.
 */
export function memosOf(index: WorkspaceIndex, codebook: Codebook, codebookPath: string | undefined, journal: JournalEntry[]): Memo[] {
  const out: Memo[] = [];
  for (const c of codebook.codes) {
    if (c.memo === undefined || codebookPath === undefined) continue;
    out.push({ kind: 'code', path: codebookPath, label: c.name, text: c.memo, range: c.definition?.range ?? START, codes: [c.code] });
  }
  const documents = index.all().sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : comparePractice(a.practice, b.practice)));
  for (const d of documents) {
    const memo = d.model.frontMatter.memo;
    if (memo === undefined) continue;
    const title = d.attributes['title'];
    const transcript: Memo = { kind: 'transcript', path: d.path, label: typeof title === 'string' && title.trim() ? title.trim() : d.path, text: memo, range: START, codes: [] };
    if (d.practice !== undefined) transcript.practice = d.practice;
    out.push(transcript);
  }
  for (const d of documents) {
    for (const f of d.fragments) {
      if (f.memo === undefined || f.memo.trim() === '') continue;
      const memo: Memo = { kind: 'fragment', path: d.path, label: f.text, text: f.memo, range: f.content.range, codes: f.codes };
      if (d.practice !== undefined) memo.practice = d.practice;
      if (f.speaker !== undefined) memo.speaker = f.speaker;
      out.push(memo);
    }
  }
  const paths = new Set(documents.map((d) => d.path));
  for (const entry of sortJournal(journal)) {
    const links = new Map<string, { label: string; path: string; known: boolean }>();
    for (const l of entry.links) if (!links.has(l.path)) links.set(l.path, { label: l.label, path: l.path, known: paths.has(l.path) });
    out.push({ kind: 'journal', path: entry.path, label: entry.title, text: entry.text, range: START, codes: [...new Set(entry.codes.map((c) => c.code))], links: [...links.values()] });
  }
  return out;
}
