// A shortcut past remark for the commonest chunk: one line — a paragraph, optionally opening
// with a speaker label (`**S1:**`, after an optional `[00:12:34]`), or an ATX heading — whose
// characters Markdown reads as literal text: letters, digits, punctuation without meaning, and
// Kader's brackets and attribute blocks (`[…]{#code memo="…"}`), which remark leaves as text too.
// For such a line the syntax tree is known without parsing; the chunk reader then reads it as
// usual. Anything else returns undefined and goes through remark. test/unit/perf-shortcut.test.ts
// shows the results deepEqual remark's.

import type { Heading, Paragraph, PhrasingContent, Root, Strong, Text } from 'mdast';

/** Characters with no Markdown meaning in a line (`[`, `]`, `{`, `}`, `#`, `=` checked below). */
const LITERAL = /^[\p{L}\p{N} .,;:?!'"()%/“”‘’…–—=#[\]{}-]*$/u;
/** Sequences that do mean something: links, images, footnotes, definitions, autolinks. */
const MEANINGFUL = /\]\(|\]\[|!\[|\[\^|\]:|www\.|:\/\/|\[\]/i;
const LABEL = /^(\[\d{1,2}:\d{2}(?::\d{2})?\] )?\*\*([\p{L}\p{N}](?:[\p{L}\p{N} ]{0,40}[\p{L}\p{N}])?)(:\*\*(?= |$)|\*\*(?=:))/u;
const HEADING = /^(#{1,6}) +(?=[^ ])/;
const STARTS_PLAIN = /^[\p{L}[]/u;

const at = (offset: number): { line: number; column: number; offset: number } => ({ line: 1, column: offset + 1, offset });
const span = (start: number, end: number): { start: ReturnType<typeof at>; end: ReturnType<typeof at> } => ({ start: at(start), end: at(end) });

function text(source: string, start: number, end: number): Text {
  return { type: 'text', value: source.slice(start, end), position: span(start, end) };
}

/** The tree remark would make of `source`, when the shortcut applies; else undefined. */
export function plainTree(source: string): Root | undefined {
  const length = source.length;
  if (length === 0 || length > 4000) return undefined;
  const last = source.charCodeAt(length - 1);
  if (last === 32 || last === 35 /* # */) return undefined;
  if (source.includes('\n') || source.includes('\r') || MEANINGFUL.test(source)) return undefined;

  const heading = HEADING.exec(source);
  if (heading) {
    const from = heading[0].length;
    if (!LITERAL.test(source.slice(from))) return undefined;
    const node: Heading = { type: 'heading', depth: heading[1]!.length as Heading['depth'], children: [text(source, from, length)], position: span(0, length) };
    return { type: 'root', children: [node], position: span(0, length) };
  }

  const children: PhrasingContent[] = [];
  const label = LABEL.exec(source);
  let rest = 0;
  if (label) {
    const open = label[1] ? label[1].length : 0;
    const nameEnd = open + 2 + label[2]!.length;
    const innerEnd = label[3]!.startsWith(':') ? nameEnd + 1 : nameEnd;
    if (open > 0) children.push(text(source, 0, open));
    const strong: Strong = { type: 'strong', children: [text(source, open + 2, innerEnd)], position: span(open, innerEnd + 2) };
    children.push(strong);
    rest = innerEnd + 2;
  } else if (!STARTS_PLAIN.test(source)) {
    return undefined;
  }
  if (!LITERAL.test(source.slice(rest))) return undefined;
  if (rest < length) children.push(text(source, rest, length));
  const paragraph: Paragraph = { type: 'paragraph', children, position: span(0, length) };
  return { type: 'root', children: [paragraph], position: span(0, length) };
}
