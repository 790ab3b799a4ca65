// Import of Teams and Zoom WebVTT transcripts (`.vtt`) into a Kader transcript: front matter with
// the participants, one turn `**Name:** …` per run of cues by the same speaker.

import { WebVTTParser, type CueNode } from 'webvtt-parser';
import entities from 'webvtt-parser/html-entities.json';
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

const PROBLEMS = {
  notVtt: {
    en: 'This is not a WebVTT file: it does not start with "WEBVTT".',
    nl: 'Dit is geen WebVTT-bestand: het begint niet met "WEBVTT".',
  },
  empty: { en: 'This WebVTT file holds no spoken text.', nl: 'Dit WebVTT-bestand bevat geen gesproken tekst.' },
} as const;

export type ImportResult = { ok: true; markdown: string; participants: string[]; turns: number } | { ok: false; message: string };

interface Turn {
  speaker?: string;
  start: number;
  parts: string[];
}

/** `Name: text` as Zoom writes cues without voice tags. */
const ZOOM_SPEAKER = /^([^\n:]{1,60}?):\s+([\s\S]*)$/;

function textOf(nodes: CueNode[]): string {
  return nodes.map((n) => (n.type === 'text' ? (n.value ?? '') : n.children ? textOf(n.children) : '')).join('');
}

function voiceOf(nodes: CueNode[]): string | undefined {
  for (const n of nodes) {
    if (n.type === 'object' && n.name === 'v' && n.value?.trim()) return n.value.trim();
    if (n.children) {
      const inner = voiceOf(n.children);
      if (inner) return inner;
    }
  }
  return undefined;
}

export function timestamp(seconds: number): string {
  const s = Math.floor(seconds);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** Escapes what Markdown or Kader would read as syntax, so the words stay words. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\[\]{}*_`<>]/g, '\\$&').replace(/^(\s*)([#>+-]|\d+\.)(\s)/, '$1\\$2$3');
}

export function importWebVtt(input: string, options: ImportOptions = {}): ImportResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (!/^WEBVTT(?:[ \t].*)?(?:\r\n|\r|\n|$)/.test(text)) {
    return { ok: false, message: PROBLEMS.notVtt[options.locale ?? 'en'] };
  }
  const parsed = new WebVTTParser(entities as Record<string, string>).parse(text, 'metadata');
  const turns: Turn[] = [];
  for (const cue of parsed.cues) {
    let speaker = voiceOf(cue.tree.children);
    let words = textOf(cue.tree.children).replace(/\s+/g, ' ').trim();
    if (!speaker) {
      const zoom = ZOOM_SPEAKER.exec(words);
      if (zoom) {
        speaker = zoom[1]!.trim();
        words = zoom[2]!.trim();
      }
    }
    if (!words) continue;
    const last = turns[turns.length - 1];
    if (last && last.speaker === speaker) last.parts.push(words);
    else turns.push({ speaker, start: cue.startTime, parts: [words] });
  }
  if (turns.length === 0) return { ok: false, message: PROBLEMS.empty[options.locale ?? 'en'] };

  const participants = [...new Set(turns.map((t) => t.speaker).filter((s): s is string => s !== undefined))];
  const front: Record<string, unknown> = {};
  if (options.title) front['title'] = options.title;
  if (options.practice) front['practice'] = options.practice;
  if (options.date) front['date'] = options.date;
  front['participants'] = participants;
  const body = turns.map((turn) => {
    const stamp = options.timestamps ? `[${timestamp(turn.start)}] ` : '';
    const label = turn.speaker ? `**${turn.speaker.replace(/[*:\\]/g, '')}:** ` : '';
    return `${stamp}${label}${escapeMarkdown(turn.parts.join(' '))}`;
  });
  const markdown = `---\n${stringify(front, { flowCollectionPadding: false }).replace(/\n$/, '')}\n---\n\n${body.join('\n\n')}\n`;
  return { ok: true, markdown, participants, turns: turns.length };
}
