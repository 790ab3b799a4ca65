// Escaping of foreign text (names, cue text, Word text, codebook descriptions) for each place an
// importer writes it, so it reads back as the same words and is never Kader or Markdown syntax.
// Every function folds runs of white space (line breaks included) to one space and trims: one
// value never becomes two blocks.

/** Characters that are syntax anywhere in a line: fragments, attribute blocks, emphasis, code, HTML, strike-through. */
const INLINE_SYNTAX = /[\\[\]{}*_`<>~]/g;
/** An entity or character reference, which Markdown would turn into another character. */
const ENTITY = /&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)/g;
/**
 * What opens a block at the start of a line: heading, block quote, list item, thematic break,
 * setext underline, div fence, table row, merge-conflict marker.
 */
const BLOCK_MARKER = /^[#>+\-=:|]/;
/** An ordered list item: the digits cannot be escaped, the `.` or `)` after them can. */
const ORDERED_ITEM = /^(\d{1,9})([.)])/;

export function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The start of a GFM autolink literal (`https://…`, `www.…`), inside which backslash escapes
 * would show: its `:` or `.` is escaped, so the address stays text and every escape in it works.
 */
const AUTOLINK = /\b(https?|ftp)(?=:\/\/)|\b(www)(?=\.)/gi;

function escapeInline(text: string): string {
  return foldWhitespace(text)
    .replace(INLINE_SYNTAX, '\\$&')
    .replace(ENTITY, '\\&')
    .replace(AUTOLINK, (_m, scheme: string | undefined, www: string | undefined) => (scheme ? `${scheme}\\` : `${www}\\`));
}

/**
 * Body text: a paragraph's words. `atLineStart` when nothing precedes the text on its line (no
 * speaker label, no timestamp), so what opens a block there is escaped too.
 */
export function escapeText(text: string, atLineStart = true): string {
  const inline = escapeInline(text);
  return atLineStart ? inline.replace(BLOCK_MARKER, '\\$&').replace(ORDERED_ITEM, '$1\\$2') : inline;
}

/** A speaker's name inside `**…:**`; empty when the name is only white space (then write no label). */
export function escapeSpeaker(name: string): string {
  return escapeInline(name);
}

/** A turn's label: `**Name:** `, or nothing for a name that is only white space. */
export function speakerLabel(name: string | undefined): string {
  const escaped = name === undefined ? '' : escapeSpeaker(name);
  return escaped ? `**${escaped}:** ` : '';
}

/** The text of an ATX heading before its attribute block: `#` is escaped too (a closing sequence). */
export function escapeHeading(text: string): string {
  return escapeInline(text).replace(/#/g, '\\#');
}

/** A value inside `key="…"` of an attribute block (SYNTAX.md §2: `\"` and `\\` escape). */
export function escapeAttributeValue(value: string): string {
  return foldWhitespace(value).replace(/["\\]/g, '\\$&');
}

/**
 * Foreign text inside a message (a part name, a parser's complaint quoting the file): control and
 * format characters shown as `?` (no terminal escape sequences, no line breaks), at most `max`
 * characters.
 */
export function printable(text: string, max = 120): string {
  const shown = text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '?');
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}
