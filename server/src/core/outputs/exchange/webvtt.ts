// Import of Teams and Zoom WebVTT transcripts (`.vtt`): voice tags `<v Name>` (Teams) or a
// `Name:` prefix (Zoom: a name that opens two cues or more, or any such name in a file written
// that way) give the speaker; NOTE blocks, cue settings and styles are left out.

import { WebVTTParser, type CueNode } from 'webvtt-parser';
import entities from 'webvtt-parser/html-entities.json';
import { localize } from '../../l10n';
import { IMPORT_LIMITS, tooDeep, tooMuchText } from './importLimits';
import { writeTranscript, type ImportOptions, type ImportResult, type Utterance } from './transcriptWriter';

/** `Name: text` as Zoom writes cues without voice tags. */
const ZOOM_SPEAKER = /^([^\n:]{1,60}?):\s+([\s\S]*)$/;

/** The cue's words and its voice (the first `<v Name>`), in one walk with an explicit stack. */
function readCue(nodes: CueNode[]): { text: string; voice?: string } {
  const parts: string[] = [];
  let voice: string | undefined;
  const stack: CueNode[] = [...nodes].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'text') parts.push(node.value ?? '');
    if (node.type !== 'object') continue;
    if (voice === undefined && node.name === 'v' && node.value?.trim()) voice = node.value.trim();
    for (let i = (node.children?.length ?? 0) - 1; i >= 0; i--) stack.push(node.children![i]!);
  }
  return { text: parts.join(''), voice };
}

/**
 * Whether a cue nests tags deeper than `limit`. The parser walks its tree recursively (and looks
 * up the open tags for each `<v>`), so this is checked first, in one pass. Tags may nest only
 * within a cue: a blank line ends it.
 */
function cueTagsDeeperThan(text: string, limit: number): boolean {
  const scan = /<\/?[a-z]|\n\r?\n|\r\r/g;
  let depth = 0;
  for (let m = scan.exec(text); m; m = scan.exec(text)) {
    if (m[0][0] !== '<') depth = 0;
    else if (m[0][1] === '/') depth = Math.max(0, depth - 1);
    else if (++depth > limit) return true;
  }
  return false;
}

export function importWebVtt(input: string, options: ImportOptions = {}): ImportResult {
  const locale = options.locale ?? 'en';
  if (input.length > IMPORT_LIMITS.textChars) return { ok: false, message: tooMuchText('vtt', locale) };
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (!/^WEBVTT(?:[ \t].*)?(?:\r\n|\r|\n|$)/.test(text)) return { ok: false, message: localize(locale)('This is not a WebVTT file: it does not start with "WEBVTT".') };
  if (cueTagsDeeperThan(text, IMPORT_LIMITS.depth)) return { ok: false, message: tooDeep('vtt', locale) };
  const parsed = new WebVTTParser(entities as Record<string, string>).parse(text, 'metadata');
  const cues = parsed.cues.map((cue) => {
    const read = readCue(cue.tree.children);
    const words = read.text.trim();
    return { start: cue.startTime, voice: read.voice, words, zoom: read.voice ? null : ZOOM_SPEAKER.exec(words) };
  });
  // A `Name:` is Zoom's speaker when it opens two cues or more, or when the file is written the
  // Zoom way (half its cues without a voice open with such a name): a colon in a sentence
  // (`En ik zei toen: …`) is words.
  const opened = new Map<string, number>();
  for (const cue of cues) if (cue.zoom) opened.set(cue.zoom[1]!.trim(), (opened.get(cue.zoom[1]!.trim()) ?? 0) + 1);
  const repeated = (cue: (typeof cues)[number]): boolean => cue.zoom !== null && (opened.get(cue.zoom[1]!.trim()) ?? 0) >= 2;
  const voiceless = cues.filter((cue) => !cue.voice);
  const zoomWay = voiceless.filter(repeated).length * 2 >= voiceless.length;
  const utterances: Utterance[] = cues.map((cue) =>
    cue.zoom && (zoomWay || repeated(cue)) ? { speaker: cue.zoom[1]!.trim(), start: cue.start, text: cue.zoom[2]! } : { speaker: cue.voice, start: cue.start, text: cue.words },
  );
  return writeTranscript(utterances, options, 'vtt');
}
