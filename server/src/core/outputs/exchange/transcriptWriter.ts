// Writes imported conversations as Kader transcripts: front matter, then one turn
// `[hh:mm:ss] **Name:** …` per run of speech by the same speaker.

import { stringify } from 'yaml';
import { localize } from '../../l10n';
import type { Locale } from '../../types';
import { REMARK_BUDGET } from '../../parse';
import { escapeText, foldWhitespace, speakerLabel } from './escape';
import { IMPORT_LIMITS, tooMuchText, type ImportKind } from './importLimits';

export interface ImportOptions {
  title?: string;
  practice?: string;
  /** An ISO date, when the caller knows it (e.g. from the file name). */
  date?: string;
  /** Put `[hh:mm:ss]` at the start of each turn. */
  timestamps?: boolean;
  locale?: Locale;
}

/** A file a project import writes: a plain name (no folder) in the folder imported into, and its text. */
export interface ImportedFile {
  name: string;
  text: string;
}

export type ImportResult =
  | {
      ok: true;
      markdown: string;
      participants: string[];
      turns: number;
      /** What the import changed or left out, to tell the user. */
      notes?: string[];
      /** A project import (`.qdpx`): every file it writes, `markdown` being its report. */
      files?: ImportedFile[];
    }
  | { ok: false; message: string };

export interface Utterance {
  speaker?: string;
  /** Seconds from the start, when known. */
  start?: number;
  text: string;
  /**
   * A block already written as Markdown with its text escaped (a heading, list item, table or
   * note of a Word file): written as it is, between the turns.
   */
  block?: string;
}

export function timestamp(seconds: number): string {
  const s = Math.floor(seconds);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** `h:mm:ss`, `mm:ss` or `h:mm:ss.fff` → seconds. */
export function parseClock(clock: string): number {
  return clock
    .split(':')
    .map(Number)
    .reduce((total, part) => total * 60 + part, 0);
}

/** Escapes what Markdown or Kader would read as syntax in a paragraph, so the words stay words. */
export const escapeMarkdown = escapeText;

/** A plain `Name:` at the start of a paragraph, as the transcript parser reads it (core/parse/chunk.ts). */
const PLAIN_LABEL = /^([\p{L}\p{N}][^:\n\r]{0,60}?):(?=\s|$)/u;

/** What a paragraph may hold to be read by remark, not the rougher line reader (core/parse/chunk.ts). */
const PARAGRAPH = { markup: REMARK_BUDGET.markup - 50, length: REMARK_BUDGET.length / 2 };
const MARKUP = /[[\]*_`<>]/g;

/**
 * A turn's words in paragraphs within PARAGRAPH (a turn runs on over paragraphs without a label),
 * split between words, never where the next paragraph would open with a participant's `Name:`.
 * A single word beyond the budget stays whole.
 */
function paragraphsOf(text: string, prefix: string, participants: ReadonlySet<string>): string[] {
  const words = text.split(' ');
  const pieces: string[] = [];
  let from = 0;
  let markup = prefix.match(MARKUP)?.length ?? 0;
  let length = prefix.length;
  for (let i = 0; i < words.length; i++) {
    const escaped = escapeText(words[i]!, false);
    const wordMarkup = escaped.match(MARKUP)?.length ?? 0;
    if (i > from && (markup + wordMarkup > PARAGRAPH.markup || length + escaped.length + 1 > PARAGRAPH.length)) {
      const plain = PLAIN_LABEL.exec(words.slice(i, i + 64).join(' '));
      if (!plain || !participants.has(plain[1]!.trim())) {
        pieces.push(words.slice(from, i).join(' '));
        from = i;
        markup = 0;
        length = 0;
      }
    }
    markup += wordMarkup;
    length += escaped.length + 1;
  }
  pieces.push(words.slice(from).join(' '));
  return pieces;
}

/** A run of speech by one speaker: one part per time it was given (one part without timestamps). */
interface Turn {
  speaker?: string;
  parts: { start?: number; text: string }[];
  /** A Markdown block between the turns (Utterance.block). */
  block?: string;
}

/** The front matter's YAML, each value on one line (`lineWidth: 0`: never folded). */
function frontMatterYaml(front: Record<string, unknown>): string {
  return stringify(front, { lineWidth: 0 }).replace(/\n$/, '');
}

/**
 * Merges consecutive utterances of one speaker into turns and writes the transcript. Speaker
 * names and words are foreign text: folded to one line and escaped (escape.ts).
 */
export function writeTranscript(utterances: Utterance[], options: ImportOptions, kind: ImportKind = 'transcript'): ImportResult {
  const locale = options.locale ?? 'en';
  const spoken: Utterance[] = [];
  let length = 0;
  for (const u of utterances) {
    if (u.block !== undefined) {
      length += u.block.length + 2;
      if (length > IMPORT_LIMITS.textChars) return { ok: false, message: tooMuchText(kind, locale) };
      if (u.block.trim()) spoken.push({ text: '', block: u.block });
      continue;
    }
    const text = foldWhitespace(u.text);
    if (!text) continue;
    length += text.length + 1;
    if (length > IMPORT_LIMITS.textChars) return { ok: false, message: tooMuchText(kind, locale) };
    spoken.push({ speaker: u.speaker === undefined ? undefined : foldWhitespace(u.speaker) || undefined, start: u.start, text });
  }
  if (!spoken.some((u) => u.block === undefined)) return { ok: false, message: localize(locale)('There is no spoken text in this file.') };
  const participants = [...new Set(spoken.map((t) => t.speaker).filter((s): s is string => s !== undefined))];
  const listed = new Set(participants);
  const turns: Turn[] = [];
  // A paragraph that opens with a participant's `Name:` would be read as their turn.
  const opensTurn = (text: string): boolean => listed.has(PLAIN_LABEL.exec(text)?.[1]?.trim() ?? '\0');
  const timed = (start: number | undefined): start is number => options.timestamps === true && start !== undefined && Number.isFinite(start);
  for (const u of spoken) {
    if (u.block !== undefined) {
      turns.push({ parts: [], block: u.block });
      continue;
    }
    let { speaker, text } = u;
    // Words without a speaker that open with a participant's `Name:` are read as that
    // participant's turn (SYNTAX.md §6, a plain label): written so, the label shows it.
    const plain = speaker === undefined ? PLAIN_LABEL.exec(text) : null;
    if (plain && listed.has(plain[1]!.trim())) {
      speaker = plain[1]!.trim();
      text = text.slice(plain[0].length).trim();
    }
    const last = turns[turns.length - 1];
    if (last && last.block === undefined && last.speaker === speaker) {
      // With timestamps, each cue that has its own time keeps it: a paragraph of the same turn.
      const part = last.parts[last.parts.length - 1]!;
      if (timed(u.start) && u.start !== part.start && text && !opensTurn(text)) last.parts.push({ start: u.start, text });
      else if (text) part.text = part.text ? `${part.text} ${text}` : text;
    } else turns.push({ speaker, parts: [{ start: u.start, text }] });
  }
  const front: Record<string, unknown> = {};
  if (options.title) front['title'] = foldWhitespace(options.title);
  if (options.practice) front['practice'] = foldWhitespace(options.practice);
  if (options.date) front['date'] = foldWhitespace(options.date);
  front['participants'] = participants;
  const body = turns.flatMap((turn) =>
    turn.block !== undefined ? [turn.block] : turn.parts.map((part, p) => {
      const stamp = timed(part.start) ? `[${timestamp(part.start)}] ` : '';
      // The speaker's label opens the turn; the later paragraphs of the turn carry only their time.
      const label = p === 0 ? speakerLabel(turn.speaker) : '';
      const pieces = paragraphsOf(part.text, `${stamp}${label}`, listed);
      return pieces.map((piece, i) => (i === 0 ? `${stamp}${label}${escapeText(piece, !stamp && !label)}`.trimEnd() : escapeText(piece))).join('\n\n');
    }),
  );
  const markdown = `---\n${frontMatterYaml(front)}\n---\n\n${body.join('\n\n')}\n`;
  if (markdown.length > IMPORT_LIMITS.textChars) return { ok: false, message: tooMuchText(kind, locale) };
  return { ok: true, markdown, participants, turns: turns.filter((t) => t.block === undefined).length };
}
