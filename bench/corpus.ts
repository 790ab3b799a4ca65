// Generates the benchmark corpus: a deterministic, seeded research project of coded reflection
// transcripts (speaker turns, Dutch-like text, every kind of coding) plus one 10,000-line
// transcript for the keystroke measurements. Same seed, same bytes.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface CorpusOptions {
  /** Number of ordinary transcripts (300 for the full corpus, 30 for --quick). */
  files: number;
  seed: number;
  /** Write the 10,000-line transcript outside the project folder (not indexed; --quick). */
  largeOutside?: boolean;
}

export interface Corpus {
  root: string;
  /** Relative paths of every transcript, sorted. */
  transcripts: string[];
  /** The 10,000-line transcript (absolute); it is one of `transcripts` unless `largeOutside`. */
  largeFile: string;
  bytes: number;
}

/** Bumped whenever the generator's output changes, so an old corpus is regenerated. */
const GENERATOR_VERSION = 4;

/** mulberry32: small, fast, good enough for test data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'de het een en van in is dat op te met voor niet zijn er aan ook als bij maar om dan nog wel ' +
  'wat we ze je ik hij zij ons hun die dit door naar over uit tot heel echt gewoon eigenlijk ' +
  'leergemeenschap praktijk wijk gemeente opleiding studenten docent professionals bewoners ' +
  'gesprek bijeenkomst samenwerking vraag probleem oplossing ervaring verhaal idee plan project ' +
  'armoede eenzaamheid jongeren ouderen schulden voedselbank wijkteam buurthuis subsidie beleid ' +
  'leren werken praten luisteren vragen zoeken vinden maken doen denken vinden hebben moeten ' +
  'kunnen willen mogen zeggen laten zien begrijpen ontdekken proberen organiseren afspreken ' +
  'belangrijk moeilijk lastig mooi spannend nieuw anders samen eerst daarna soms vaak altijd ' +
  'nooit misschien natuurlijk eerlijk gezegd inderdaad beïnvloeding coöperatie ideeën één ' +
  'café reünie geëvalueerd financiën ruimte plek tijd week maand jaar ronde groep team rol ' +
  'verantwoordelijkheid vertrouwen afstand nabijheid verwachting bedoeling opbrengst waarde'
).split(' ');

const ASPECTS: Record<string, string[]> = {
  intentie: ['gestuurd', 'vrijwillig', 'verwachting'],
  activiteit: ['uitwisselen', 'handelingskader', 'excursie', 'onderzoek'],
  normativiteit: ['schuring', 'gedeeld', 'professioneel'],
  context: ['macht', 'financiering', 'beleid'],
  'space-en-place': ['space', 'place'],
  actanten: ['rollen', 'objecten'],
  outcome: ['product', 'leren', 'netwerk'],
};
const ASPECT_NAMES = Object.keys(ASPECTS);
const PRACTICES = [
  'leergemeenschap-breda',
  'leergemeenschap-den-bosch',
  'leergemeenschap-tilburg',
  'netwerk-gemeente-eindhoven',
  'netwerk-gemeente-helmond',
  'welzijn-oss',
  'welzijn-roosendaal',
  'hogeschool-zuid',
  'wijkaanpak-venlo',
  'jongerenwerk-uden',
  'buurtzorg-waalwijk',
  'sociale-basis-bergen',
];
const CODERS = ['anna', 'bram', 'chantal', 'daan'];

class Writer {
  constructor(readonly rnd: () => number) {}

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rnd() * list.length)]!;
  }

  chance(p: number): boolean {
    return this.rnd() < p;
  }

  words(n: number): string {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.pick(WORDS));
    return out.join(' ');
  }

  sentence(): string {
    const s = this.words(this.int(5, 16));
    let out = s[0]!.toUpperCase() + s.slice(1);
    if (this.chance(0.08)) out = out.replace(/ (\S+) /, ' *$1* ');
    if (this.chance(0.04)) out += ' [lacht]';
    return out + this.pick(['.', '.', '.', '?', '!']);
  }

  code(): string {
    const aspect = this.pick(ASPECT_NAMES);
    if (this.chance(0.6)) return `#${aspect}/${this.pick(ASPECTS[aspect]!)}`;
    if (this.chance(0.05)) return `#${aspect}/nieuw-${this.int(1, 9)}`;
    return `#${aspect}`;
  }

  attributes(): string {
    const codes = [this.code()];
    if (this.chance(0.2)) codes.push(this.code());
    if (this.chance(0.01)) codes.push(codes[0]!); // a duplicate-code warning now and then
    let block = codes.join(' ');
    if (this.chance(0.15)) block += ` memo="${this.words(this.int(3, 9))}"`;
    if (this.chance(0.03)) block += ' zeker=ja';
    return `{${block}}`;
  }

  /** A paragraph of running text with inline fragments, some nested. */
  paragraph(inlineRate: number, maxSentences = 5): string {
    const sentences: string[] = [];
    const n = this.int(1, maxSentences);
    for (let i = 0; i < n; i++) {
      let s = this.sentence();
      if (this.chance(inlineRate)) {
        const inner = this.chance(0.1) ? `${this.words(3)} [${this.words(this.int(2, 5))}]${this.attributes()} ${this.words(2)}` : this.words(this.int(3, 12));
        s = `${s.slice(0, -1)}, [${inner}]${this.attributes()}.`;
      }
      if (this.chance(0.01)) s += ` Zie [de notitie](https://example.org/notities/${this.int(1, 999)}) of \`code{#niet}\`.`;
      sentences.push(s);
    }
    return sentences.join(' ');
  }
}

interface Turn {
  speaker: string;
  timestamp?: string;
}

function transcript(w: Writer, targetBytes: number, practice: string, n: number): string {
  const participants = ['Interviewer', 'S1', 'S2', 'S3', 'S4'].slice(0, w.int(3, 5));
  const plainNames = w.chance(0.15);
  const lines: string[] = [
    '---',
    `practice: ${practice.replace(/-/g, ' ')}`,
    `coder: ${w.pick(CODERS)}`,
    `title: Reflectiegesprek ${n}`,
    `date: 202${w.int(0, 3)}-0${w.int(1, 9)}-1${w.int(0, 9)}`,
    `participants: [${participants.join(', ')}]`,
    `ronde: ${w.int(1, 4)}`,
    '---',
    '',
    `# Reflectiegesprek ${n}: ${w.words(4)}`,
    '',
    w.paragraph(0),
    '',
  ];
  let size = lines.join('\n').length;
  let seconds = 0;
  let question = 0;
  const push = (block: string): void => {
    lines.push(block, '');
    size += block.length + 2;
  };
  while (size < targetBytes) {
    question++;
    const heading = `## Vraag ${question}: ${w.words(w.int(4, 9))}?`;
    push(w.chance(0.35) ? `${heading} ${w.attributes()}` : heading);
    const turns = w.int(4, 14);
    let div = false;
    for (let t = 0; t < turns && size < targetBytes; t++) {
      if (!div && w.chance(0.04)) {
        push(`::: ${w.attributes()}`);
        div = true;
      }
      const turn: Turn = { speaker: t === 0 ? 'Interviewer' : w.pick(participants) };
      seconds += w.int(10, 90);
      if (w.chance(0.3)) {
        const h = Math.floor(seconds / 3600);
        const m = Math.floor(seconds / 60) % 60;
        const s = seconds % 60;
        turn.timestamp = `[${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}]`;
      }
      const label = plainNames && turn.speaker !== 'Interviewer' ? `${turn.speaker}:` : `**${turn.speaker}:**`;
      let body = w.paragraph(turn.speaker === 'Interviewer' ? 0.03 : 0.17);
      if (turn.speaker !== 'Interviewer' && w.chance(0.12)) body += ` ${w.attributes()}`;
      push(`${turn.timestamp ? turn.timestamp + ' ' : ''}${label} ${body}`);
      const extra = w.rnd();
      if (extra < 0.05) {
        const items = w.int(2, 4);
        const list: string[] = [];
        for (let i = 0; i < items; i++) list.push(`- ${w.paragraph(0.2)}${w.chance(0.2) ? ' ' + w.attributes() : ''}`);
        push(list.join('\n'));
      } else if (extra < 0.08) {
        push(`> ${w.paragraph(0.3)}${w.chance(0.3) ? ' ' + w.attributes() : ''}`);
      } else if (extra < 0.09) {
        push('```\n' + `notitie {#geen-code} [geen]{#fragment}\n${w.words(8)}\n` + '```');
      } else if (extra < 0.095) {
        push(`| wie | wat |\n|---|---|\n| ${w.pick(participants)} | [${w.words(3)}]${w.attributes()} |\n| ${w.pick(participants)} | ${w.words(4)} |`);
      } else if (extra < 0.1) {
        push(`<!-- ${w.words(6)} {#niet-gecodeerd} -->`);
      } else if (extra < 0.11) {
        push(w.paragraph(0.1)); // a continuation paragraph of the same turn
      }
      if (div && w.chance(0.3)) {
        push(':::');
        div = false;
      }
    }
    if (div) push(':::');
  }
  return lines.join('\n');
}

/** The 10,000-line transcript: one turn per line, blank lines between. */
function largeTranscript(w: Writer, lineCount = 10000, maxSentences = 3): string {
  const lines = ['---', 'practice: Groot gesprek', 'coder: anna', 'participants: [Interviewer, S1, S2, S3]', '---', ''];
  let question = 0;
  while (lines.length < lineCount - 10) {
    question++;
    lines.push(`## Vraag ${question}: ${w.words(6)}?${w.chance(0.3) ? ' ' + w.attributes() : ''}`, '');
    const turns = w.int(6, 20);
    for (let t = 0; t < turns && lines.length < lineCount - 10; t++) {
      const speaker = t === 0 ? 'Interviewer' : w.pick(['S1', 'S2', 'S3']);
      let body = w.paragraph(speaker === 'Interviewer' ? 0.03 : 0.15, maxSentences);
      if (speaker !== 'Interviewer' && w.chance(0.15)) body += ` ${w.attributes()}`;
      lines.push(`**${speaker}:** ${body}`, '');
    }
  }
  while (lines.length < lineCount) lines.push('');
  return lines.join('\n');
}

/** A transcript like the 10,000-line one with `paragraphs` paragraphs of one sentence (each followed by a blank line), in memory. */
export function hugeTranscript(seed: number, paragraphs: number): string {
  return largeTranscript(new Writer(random(seed)), paragraphs * 2, 1);
}

export function codebook(): string {
  const out = ['---', 'title: Lerende praktijken (benchmark)', '---', ''];
  for (const aspect of ASPECT_NAMES) {
    out.push(`# ${aspect[0]!.toUpperCase()}${aspect.slice(1)} {#${aspect}}`, '', `Over ${aspect}.`, '');
    for (const sub of ASPECTS[aspect]!) out.push(`## ${sub} {#${aspect}/${sub}}`, '', `Over ${sub}.`, '');
  }
  return out.join('\n');
}

/** Writes the corpus into `root` unless a corpus of the same options is already there. */
export function generateCorpus(root: string, options: CorpusOptions): Corpus {
  const stampFile = path.join(root, '.stamp.json');
  const stamp = JSON.stringify({ version: GENERATOR_VERSION, ...options });
  let existing: (Corpus & { stamp: string }) | undefined;
  try {
    existing = JSON.parse(readFileSync(stampFile, 'utf8')) as Corpus & { stamp: string };
  } catch {
    existing = undefined;
  }
  if (existing?.stamp === stamp) return { root, transcripts: existing.transcripts, largeFile: existing.largeFile, bytes: existing.bytes };

  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const w = new Writer(random(options.seed));
  const transcripts: string[] = [];
  let bytes = 0;
  const write = (relative: string, text: string): void => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
    bytes += Buffer.byteLength(text);
  };
  write('codebook.md', codebook());
  bytes = 0;
  for (let i = 0; i < options.files; i++) {
    const practice = w.pick(PRACTICES);
    const relative = `${practice}/gesprek-${String(i + 1).padStart(3, '0')}.md`;
    write(relative, transcript(w, w.int(10, 120) * 1024, practice, i + 1));
    transcripts.push(relative);
  }
  const large = 'groot/groot-gesprek-10000-regels.md';
  let largeFile = path.join(root, large);
  if (options.largeOutside) {
    largeFile = path.join(root, '.large', large); // a dot folder: not a transcript of the project
    mkdirSync(path.dirname(largeFile), { recursive: true });
    writeFileSync(largeFile, largeTranscript(w));
  } else {
    write(large, largeTranscript(w));
    transcripts.push(large);
  }
  transcripts.sort();
  const corpus: Corpus = { root, transcripts, largeFile, bytes };
  writeFileSync(stampFile, JSON.stringify({ ...corpus, stamp }));
  return corpus;
}
