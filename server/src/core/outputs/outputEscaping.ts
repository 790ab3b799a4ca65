// The one place where foreign text (file names, practices, coders, speakers, codes' names,
// fragment text, memos) becomes part of an output Kader writes: a CSV cell, Markdown text, a
// relative link, JSON, or a line for the terminal. Every writer goes through these functions, so
// no output reads a foreign string as a formula, as markup, as a link or as a terminal command.

/**
 * C0 controls, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates (which
 * can show a name reversed). None of them has a place in a report, a table or a terminal line.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A control made visible: its Control Picture (C0 and DEL, e.g. ␛), else its code point (⟨U+009B⟩). */
function picture(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Makes every control character visible except those in `keep` (by default tab and line feed). */
export function visibleControls(text: string, keep = '\t\n'): string {
  return text.replace(CONTROLS, (c) => (keep.includes(c) ? c : picture(c)));
}

/** One line for a terminal: no control character other than tab reaches it, not even a line break. */
export function terminalLine(text: string): string {
  return visibleControls(text, '\t');
}

/** Several lines for a terminal: tab and line feed stay, every other control is made visible. */
export function terminalText(text: string): string {
  return visibleControls(text);
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * One cell of a CSV row. A string is text, from wherever it comes, and is always neutralised; a
 * number is a figure Kader computed itself (a count, a line, a kappa of -0.12) and stays a number.
 */
export type CsvCell = string | number;

/**
 * A cell a spreadsheet would run as a formula (OWASP, CSV injection): it starts with `=`, `+`,
 * `-`, `@`, tab or carriage return, or with their full-width forms `＝＋－＠` (which some
 * spreadsheets read as the ASCII ones), also after leading white space (some spreadsheets trim it).
 */
const FORMULA_START = /^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;

/**
 * A text cell: line breaks as LF (a lone CR would move a terminal's cursor), other controls made
 * visible, a formula-like start behind a `'` (shown, never run), then RFC 4180 quoting.
 */
export function csvText(value: string, separator: string): string {
  const text = visibleControls(value.replace(/\r\n?/g, '\n'));
  if (FORMULA_START.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  return /[",;\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A number cell: written as the number, so a spreadsheet can compute with it. */
export function csvNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/** One CSV row (without its line end). */
export function csvRow(cells: readonly CsvCell[], separator: string): string {
  return cells.map((cell) => (typeof cell === 'number' ? csvNumber(cell) : csvText(cell, separator))).join(separator);
}

// ---------------------------------------------------------------------------------------------
// Markdown

/**
 * Foreign text as Markdown inline text that reads as the same words and is never markup: no
 * emphasis, code, link, image, HTML, entity, table cell break, Kader attribute block, heading
 * close or list start; line breaks become spaces. Safe in a table cell, a heading, a list item, a
 * blockquote and a link text. A bare web or e-mail address stays text here, but GFM readers link
 * it after parsing (no escape prevents that); such a link is only ever http(s) or mailto.
 */
export function markdownText(text: string): string {
  return visibleControls(text.replace(/\r\n|\r|\n/g, ' '), '\t')
    .replace(/[\\`*_{}[\]|~&#]/g, '\\$&')
    // Angle brackets as references and `](` broken up: the text does not even look like a tag or a link.
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'))
    .replace(/\\\]\(/g, '\\]\\(')
    .replace(/^(\s*)([+\-])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2');
}

/** A code span around `text` that no backtick in it can close. */
export function markdownCode(text: string): string {
  const body = visibleControls(text.replace(/\r\n|\r|\n/g, ' '), '\t');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * A link to a file of the project, relative to the folder the report describes: every path
 * segment percent-encoded (so no scheme, no `<`, `>`, parenthesis, space or line break can
 * appear), never starting with `/`. `anchor` is added after `#`, encoded the same way.
 */
export function relativeHref(path: string, anchor?: string): string {
  const encode = (segment: string): string => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const href = path.split('/').map(encode).join('/');
  const relative = href.startsWith('/') || href === '' ? `./${href.replace(/^\/+/, '')}` : href;
  return anchor === undefined ? relative : `${relative}#${encode(anchor)}`;
}

/** A Markdown link to a project file: the text escaped, the target a relative, encoded path (which needs no `<…>`). */
export function markdownFileLink(text: string, path: string, anchor?: string): string {
  return `[${markdownText(text)}](${relativeHref(path, anchor)})`;
}

/** Whether an `href` in a page Kader wrote is one of its own relative file links (no scheme, not protocol-relative, not absolute). */
export function isRelativeHref(href: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(href) && !/^[\\/]{2}/.test(href) && !/[\u0000-\u0020\u007f<>"'`]/.test(href);
}

// ---------------------------------------------------------------------------------------------
// HTML and JSON

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text for HTML and SVG content and for quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON as `JSON.stringify` writes it, with DEL, the C1 controls, the bidirectional controls and
 * the line and paragraph separators also written as `\u` escapes: the same value, and nothing in
 * it a terminal could act on.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
