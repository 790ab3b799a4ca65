// Writes imported conversations as Kader transcripts: front matter, then one turn
// `[hh:mm:ss] **Name:** …` per run of speech by the same speaker.

import { stringify } from 'yaml';
import type { Locale } from '../types';
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

export type ImportResult = { ok: true; markdown: string; participants: string[]; turns: number } | { ok: false; message: string };

export interface Utterance {
  speaker?: string;
  /** Seconds from the start, when known. */
  start?: number;
  text: string;
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

const EMPTY = { en: 'There is no spoken text in this file.', nl: 'Dit bestand bevat geen gesproken tekst.' } as const;

/** YAML for the front matter: one line per value (a folded line could not end the block early, but stays readable). */
function frontMatterYaml(front: Record<string, unknown>): string {
  return stringify(front, { lineWidth: 0 }).replace(/\n$/, '');
}

/**
 * Merges consecutive utterances of one speaker into turns and writes the transcript. Speaker
 * names and words are foreign text: folded to one line and escaped (escape.ts).
 */
export function writeTranscript(utterances: Utterance[], options: ImportOptions, kind: ImportKind = 'transcript'): ImportResult {
  const locale = options.locale ?? 'en';
  const turns: Utterance[] = [];
  let length = 0;
  for (const u of utterances) {
    const text = foldWhitespace(u.text);
    if (!text) continue;
    const speaker = u.speaker === undefined ? undefined : foldWhitespace(u.speaker) || undefined;
    length += text.length + 1;
    if (length > IMPORT_LIMITS.textChars) return { ok: false, message: tooMuchText(kind, locale) };
    const last = turns[turns.length - 1];
    if (last && last.speaker === speaker) last.text += ` ${text}`;
    else turns.push({ speaker, start: u.start, text });
  }
  if (turns.length === 0) return { ok: false, message: EMPTY[locale] };
  const participants = [...new Set(turns.map((t) => t.speaker).filter((s): s is string => s !== undefined))];
  const front: Record<string, unknown> = {};
  if (options.title) front['title'] = foldWhitespace(options.title);
  if (options.practice) front['practice'] = foldWhitespace(options.practice);
  if (options.date) front['date'] = foldWhitespace(options.date);
  front['participants'] = participants;
  const body = turns.map((turn) => {
    const stamp = options.timestamps && turn.start !== undefined && Number.isFinite(turn.start) ? `[${timestamp(turn.start)}] ` : '';
    const label = speakerLabel(turn.speaker);
    return `${stamp}${label}${escapeText(turn.text, !stamp && !label)}`;
  });
  const markdown = `---\n${frontMatterYaml(front)}\n---\n\n${body.join('\n\n')}\n`;
  if (markdown.length > IMPORT_LIMITS.textChars) return { ok: false, message: tooMuchText(kind, locale) };
  return { ok: true, markdown, participants, turns: turns.length };
}
