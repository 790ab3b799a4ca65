// The project's saved queries, `queries.md` in the project folder: a `## Name` heading per query
// and under it a fenced block with the info string `kader-query` holding the query. Anything else
// in the file (a title, notes under a heading) is the team's own text and is kept as it is.
// Pure: text in, queries or one text edit out; no vscode import, so plain Node tests check it.

export { SAVED_QUERIES_FILE } from '../../../server/src/core/fileText';

/** The info string of a query's fenced block. */
export const QUERY_FENCE_INFO = 'kader-query';

export interface SavedQuery {
  name: string;
  query: string;
  /** 0-based line of the heading. */
  line: number;
}

/** A line range to replace with `newText` (0-based lines; `end` is exclusive, at column 0). */
export interface LineEdit {
  startLine: number;
  endLine: number;
  newText: string;
}

const HEADING = /^ {0,3}##[ \t]+(.*?)[ \t]*$/;
const OTHER_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** A heading's text: without a closing sequence of `#` (CommonMark) and without spaces around. */
function headingText(raw: string): string {
  return raw.replace(/(?:^|[ \t]+)#+[ \t]*$/, '').trim();
}

interface Fence {
  /** The opening line. */
  open: number;
  /** The closing line, or the number of lines when the block runs to the end. */
  close: number;
  info: string;
}

/** The fenced block opening at `line`, or undefined when the line opens none. */
function fenceAt(lines: readonly string[], line: number): Fence | undefined {
  const match = FENCE_OPEN.exec(lines[line]!);
  if (!match) return undefined;
  const marker = match[2]!;
  const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
  let close = line + 1;
  while (close < lines.length && !closing.test(lines[close]!)) close++;
  return { open: line, close, info: match[3]! };
}

interface Section {
  name: string;
  line: number;
  /** The first `kader-query` block under the heading. */
  fence?: Fence;
}

/** The `## ` sections of the file, each with its first query block; a heading inside a fenced block is no heading. */
function sectionsOf(lines: readonly string[]): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  for (let i = 0; i < lines.length; i++) {
    const fence = fenceAt(lines, i);
    if (fence) {
      if (current && !current.fence && fence.info === QUERY_FENCE_INFO) current.fence = fence;
      i = fence.close;
      continue;
    }
    const heading = HEADING.exec(lines[i]!);
    if (heading) {
      current = { name: headingText(heading[1]!), line: i };
      sections.push(current);
    } else if (OTHER_HEADING.test(lines[i]!)) current = undefined;
  }
  return sections;
}

/** The saved queries in the file's order; a heading without a query block, or with an empty one, is not a query. */
export function parseSavedQueries(text: string): SavedQuery[] {
  const lines = splitLines(text);
  const queries: SavedQuery[] = [];
  for (const section of sectionsOf(lines)) {
    if (!section.fence || !section.name) continue;
    const query = lines
      .slice(section.fence.open + 1, section.fence.close)
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' ');
    if (query) queries.push({ name: section.name, query, line: section.line });
  }
  return queries;
}

/** Why `name` cannot name a saved query (it would read back otherwise), or undefined when it can. */
export function savedQueryNameProblem(name: string): 'empty' | 'unreadable' | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'empty';
  if (/[\r\n]/.test(name) || headingText(trimmed) !== trimmed) return 'unreadable';
  return undefined;
}

/** A fence longer than any run of backticks in the query. */
function fenceFor(query: string): string {
  const longest = Math.max(0, ...[...query.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function block(name: string, query: string): string[] {
  const fence = fenceFor(query);
  return [`## ${name.trim()}`, '', `${fence}${QUERY_FENCE_INFO}`, query.trim(), fence];
}

/**
 * The edit that saves `query` as `name` in the file's `text` (undefined: there is no file yet, and
 * `title` opens the new one): the block of a query of that name replaced, else a new section at the
 * end. Lines end as the file's first line does.
 */
export function saveQueryEdit(text: string | undefined, name: string, query: string, title: string): LineEdit {
  if (text === undefined || text.trim() === '') {
    return { startLine: 0, endLine: text === undefined ? 0 : splitLines(text).length, newText: [`# ${title}`, '', ...block(name, query), ''].join('\n') };
  }
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  const lines = splitLines(text);
  const existing = sectionsOf(lines).find((s) => s.name === name.trim() && s.fence);
  if (existing?.fence) {
    const fence = fenceFor(query);
    const closed = existing.fence.close < lines.length;
    return {
      startLine: existing.fence.open,
      endLine: closed ? existing.fence.close + 1 : lines.length,
      newText: [`${fence}${QUERY_FENCE_INFO}`, query.trim(), fence].join(eol) + (closed ? eol : ''),
    };
  }
  // The last line that is not blank kept, then one blank line, the new section, and a newline at the end.
  let last = lines.length - 1;
  while (last > 0 && lines[last]!.trim() === '') last--;
  return { startLine: last, endLine: lines.length, newText: [lines[last]!, '', ...block(name, query), ''].join(eol) };
}

/** `text` with `edit` applied (what the editor shows after it). */
export function applyLineEdit(text: string, edit: LineEdit): string {
  const lines = splitLines(text);
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  const before = lines.slice(0, edit.startLine);
  const after = lines.slice(edit.endLine);
  const head = before.length ? before.join(eol) + eol : '';
  return head + edit.newText + after.join(eol);
}
