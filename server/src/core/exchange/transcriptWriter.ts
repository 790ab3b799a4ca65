// Writes imported conversations as Kader transcripts: front matter, then one turn
// `[hh:mm:ss] **Name:** …` per run of speech by the same speaker.

import { stringify } from 'yaml';
import type { Locale } from '../types';

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

/** Escapes what Markdown or Kader would read as syntax, so the words stay words. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\[\]{}*_`<>]/g, '\\$&').replace(/^(\s*)([#>+-]|\d+\.)(\s)/, '$1\\$2$3');
}

const EMPTY = { en: 'There is no spoken text in this file.', nl: 'Dit bestand bevat geen gesproken tekst.' } as const;

/** Merges consecutive utterances of one speaker into turns and writes the transcript. */
export function writeTranscript(utterances: Utterance[], options: ImportOptions): ImportResult {
  const turns: Utterance[] = [];
  for (const u of utterances) {
    const text = u.text.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const last = turns[turns.length - 1];
    if (last && last.speaker === u.speaker) last.text += ` ${text}`;
    else turns.push({ speaker: u.speaker, start: u.start, text });
  }
  if (turns.length === 0) return { ok: false, message: EMPTY[options.locale ?? 'en'] };
  const participants = [...new Set(turns.map((t) => t.speaker).filter((s): s is string => s !== undefined))];
  const front: Record<string, unknown> = {};
  if (options.title) front['title'] = options.title;
  if (options.practice) front['practice'] = options.practice;
  if (options.date) front['date'] = options.date;
  front['participants'] = participants;
  const body = turns.map((turn) => {
    const stamp = options.timestamps && turn.start !== undefined ? `[${timestamp(turn.start)}] ` : '';
    const label = turn.speaker ? `**${turn.speaker.replace(/[*:\\]/g, '')}:** ` : '';
    return `${stamp}${label}${escapeMarkdown(turn.text)}`;
  });
  const markdown = `---\n${stringify(front).replace(/\n$/, '')}\n---\n\n${body.join('\n\n')}\n`;
  return { ok: true, markdown, participants, turns: turns.length };
}
