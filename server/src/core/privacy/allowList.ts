// The project's allow-list: words and names that are not personal data (a street that is a
// landmark, an organisation's public name, a word that only looks like a name). It is a file the
// team commits, `kader-privacy-allow.txt` at the top of the project: one entry per line, `#`
// starts a comment. It holds no personal data by what it is for.

/** The allow-list's file name, at the top of a project (a workspace folder, the CLI's folder). */
export const ALLOW_LIST_FILE = 'kader-privacy-allow.txt';

/** The entries of an allow-list file: its lines without comments and surrounding white space. */
export function parseAllowList(text: string): string[] {
  const entries: string[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const entry = line.replace(/(^|\s)#.*$/, '').trim();
    if (entry !== '') entries.push(entry);
  }
  return entries;
}

/** The text of a new allow-list file, with a line that says what it is. */
export function newAllowList(header: string): string {
  return `# ${header}\n`;
}

/** Where a new entry goes (the end, on a line of its own) and what is written there. */
export function allowListAddition(text: string, entry: string): { offset: number; newText: string } {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const needsBreak = text.length > 0 && !/[\r\n]$/.test(text);
  return { offset: text.length, newText: `${needsBreak ? eol : ''}${entry}${eol}` };
}
