// Import of Teams and Zoom WebVTT transcripts (`.vtt`): voice tags `<v Name>` (Teams) or a
// `Name:` prefix (Zoom) give the speaker; NOTE blocks, cue settings and styles are left out.

import { WebVTTParser, type CueNode } from 'webvtt-parser';
import entities from 'webvtt-parser/html-entities.json';
import { writeTranscript, type ImportOptions, type ImportResult, type Utterance } from './transcriptWriter';

const NOT_VTT = {
  en: 'This is not a WebVTT file: it does not start with "WEBVTT".',
  nl: 'Dit is geen WebVTT-bestand: het begint niet met "WEBVTT".',
} as const;

/** `Name: text` as Zoom writes cues without voice tags. */
const ZOOM_SPEAKER = /^([^\n:]{1,60}?):\s+([\s\S]*)$/;

function textOf(nodes: CueNode[]): string {
  return nodes.map((n) => (n.type === 'text' ? (n.value ?? '') : n.children ? textOf(n.children) : '')).join('');
}

function voiceOf(nodes: CueNode[]): string | undefined {
  for (const n of nodes) {
    if (n.type === 'object' && n.name === 'v' && n.value?.trim()) return n.value.trim();
    const inner = n.children ? voiceOf(n.children) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

export function importWebVtt(input: string, options: ImportOptions = {}): ImportResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (!/^WEBVTT(?:[ \t].*)?(?:\r\n|\r|\n|$)/.test(text)) return { ok: false, message: NOT_VTT[options.locale ?? 'en'] };
  const parsed = new WebVTTParser(entities as Record<string, string>).parse(text, 'metadata');
  const utterances: Utterance[] = parsed.cues.map((cue) => {
    const speaker = voiceOf(cue.tree.children);
    const words = textOf(cue.tree.children).trim();
    const zoom = speaker ? undefined : ZOOM_SPEAKER.exec(words);
    return zoom ? { speaker: zoom[1]!.trim(), start: cue.startTime, text: zoom[2]! } : { speaker, start: cue.startTime, text: words };
  });
  return writeTranscript(utterances, options);
}
