// The hostile corpus: bad inputs, how each is made, and what Kader must do with it. Every case is
// run through the core (test/hostile/core.test.ts), the CLI (cli.test.ts) and the language server
// (server.test.ts). Sizes have two scales: `unit` keeps `npm test` fast, `full` is the size the
// issue names and runs in `npm run fuzz`. Nothing here is random: the same scale gives the same bytes.

import { REMARK_BUDGET } from '../../server/src/core/parse/chunk';
import type { ReadProblem } from '../../server/src/core/fileText';

export type Scale = 'unit' | 'full';

/** One entry of a case's folder. Strings are written as UTF-8. */
export type Entry =
  | string
  | Uint8Array
  | { symlink: string }
  | { fifo: true }
  | { directory: true }
  | { text: string; mode: number };

export interface CoreExpectation {
  /** Read `subject` as a transcript (default) or as the codebook. */
  as?: 'transcript' | 'codebook';
  /** The file's bytes are not text: `decodeText` says why. */
  skipped?: ReadProblem;
  /** Exactly these rule ids, each with this count (other rules: none). */
  rules?: Record<string, number>;
  fragments?: number;
  /** Codebook codes. */
  codes?: number;
  /** Extra checks on the model. */
  check?: (model: unknown, text: string) => void;
}

export interface CliExpectation {
  code: number;
  /** Each must match stderr. */
  err?: RegExp[];
  /** Each must match stdout. */
  out?: RegExp[];
}

export interface HostileCase {
  name: string;
  /** How the input is made, in words (for docs/reliability.md). */
  made: string;
  /** The file the case is about (relative to its folder). */
  subject: string;
  files: (scale: Scale) => Record<string, Entry>;
  /** Absent: the case is about the file system, not about text (the core never sees it). */
  core?: CoreExpectation;
  cli: CliExpectation;
  /** The expected outcome, in words: rule, CLI message, or skipped with the reason. */
  expected: string;
  /** A known failure (bug report) at `full` scale: the full-size core test is marked todo with this. */
  knownAtFull?: string;
  /** Measured super-linear cost (reported, not asserted): the full size completes, slowly. */
  slow?: string;
  /** Scale sizes: the first number is `unit`, the second `full`. */
  sizes?: [number, number];
}

const GOOD = '[goed]{#intentie}\n';
const size = (scale: Scale, unit: number, full: number): number => (scale === 'unit' ? unit : full);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function utf16le(text: string, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let o = 0;
  if (bom) {
    out[o++] = 0xff;
    out[o++] = 0xfe;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[o++] = c & 0xff;
    out[o++] = c >> 8;
  }
  return out;
}

function utf16be(text: string): Uint8Array {
  const le = utf16le(text, true);
  const out = new Uint8Array(le.length);
  for (let i = 0; i < le.length; i += 2) {
    out[i] = le[i + 1]!;
    out[i + 1] = le[i]!;
  }
  return out;
}

/** A transcript-like paragraph with two fragments, repeated to `bytes` characters. */
export function bigTranscript(chars: number): string {
  const turn = '**S1:** Ik kwam [omdat het moest]{#intentie/gestuurd} maar bleef toch. {#context}\n\n';
  return turn.repeat(Math.ceil(chars / turn.length));
}

export function singleLine(chars: number): string {
  const words = 'woord en nog een woord ';
  return words.repeat(Math.ceil(chars / words.length)).slice(0, chars) + ' [slot]{#intentie}\n';
}

const TEXT = 'Eerste regel [gecodeerd]{#intentie}.\n\n## Kop {#context}\n\nTekst.\n';

export const CASES: HostileCase[] = [
  {
    name: 'binary',
    made: 'the first bytes of a PNG image (with NUL bytes), named `x.md`',
    subject: 'x.md',
    files: () => ({ 'x.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]), 'ok.md': GOOD }),
    core: { skipped: 'binary' },
    cli: { code: 0, err: [/x\.md: skipped: contains NUL bytes/, /1 file checked/] },
    expected: 'skipped: "contains NUL bytes" (binary); the other file is checked',
  },
  {
    name: 'invalid-utf8',
    made: 'text with the bytes FF FE inside and a lone continuation byte 80',
    subject: 'x.md',
    files: () => ({ 'x.md': new Uint8Array([0x61, 0x62, 0x0a, 0x80, 0x63, 0xc3, 0x28, 0x0a]), 'ok.md': GOOD }),
    core: { skipped: 'encoding' },
    cli: { code: 0, err: [/x\.md: skipped: is not valid UTF-8/, /1 file checked/] },
    expected: 'skipped: "is not valid UTF-8"',
  },
  {
    name: 'utf8-bom',
    made: 'EF BB BF, then a coded transcript',
    subject: 'x.md',
    files: () => ({ 'x.md': utf8('\uFEFF' + TEXT) }),
    core: {
      rules: {},
      fragments: 2,
      check: (model) => assertFirstFragmentAt(model, 0, 13),
    },
    cli: { code: 0, err: [/1 file checked: 0 errors, 0 warnings/] },
    expected: 'read as UTF-8; the BOM is not text: positions count from after it (line 1, column 14 for the first fragment)',
  },
  {
    name: 'utf16le-bom',
    made: 'FF FE, then the same transcript in UTF-16 little-endian',
    subject: 'x.md',
    files: () => ({ 'x.md': utf16le(TEXT, true) }),
    core: { rules: {}, fragments: 2, check: (model) => assertFirstFragmentAt(model, 0, 13) },
    cli: { code: 0, err: [/1 file checked: 0 errors, 0 warnings/] },
    expected: 'decoded as UTF-16 LE; same model as the UTF-8 file',
  },
  {
    name: 'utf16be-bom',
    made: 'FE FF, then the same transcript in UTF-16 big-endian',
    subject: 'x.md',
    files: () => ({ 'x.md': utf16be(TEXT) }),
    core: { rules: {}, fragments: 2, check: (model) => assertFirstFragmentAt(model, 0, 13) },
    cli: { code: 0, err: [/1 file checked: 0 errors, 0 warnings/] },
    expected: 'decoded as UTF-16 BE; same model as the UTF-8 file',
  },
  {
    name: 'utf16le-no-bom',
    made: 'the same transcript in UTF-16 LE without a BOM (every other byte is NUL)',
    subject: 'x.md',
    files: () => ({ 'x.md': utf16le(TEXT, false), 'ok.md': GOOD }),
    core: { skipped: 'binary' },
    cli: { code: 0, err: [/x\.md: skipped: contains NUL bytes/] },
    expected: 'skipped as binary ("contains NUL bytes"): UTF-16 is read only with a BOM',
  },
  {
    name: 'nul-byte',
    made: 'a valid transcript with one NUL byte in the middle of a line',
    subject: 'x.md',
    files: () => ({ 'x.md': utf8('[een]{#intentie} tekst\u0000 meer\n'), 'ok.md': GOOD }),
    core: { skipped: 'binary' },
    cli: { code: 0, err: [/x\.md: skipped: contains NUL bytes/] },
    expected: 'skipped: "contains NUL bytes"',
  },
  {
    name: 'cr-only',
    made: 'classic Mac line endings: every line ends in a lone CR',
    subject: 'x.md',
    files: () => ({ 'x.md': '**S1:** [een]{#intentie}\r\r## Kop {#context}\rTekst [{#open\r' }),
    core: {
      rules: { 'unclosed-attributes': 1 },
      fragments: 2,
      check: (model) => {
        const m = model as { diagnostics: { range: { start: { line: number } } }[]; fragments: { content: { range: { start: { line: number; character: number } } } }[] };
        assertEqual(m.diagnostics[0]!.range.start.line, 3, 'the diagnostic is on line 4 (CR counts as a line break)');
        assertEqual(m.fragments[1]!.content.range.start.line, 2, 'the section starts on line 3');
      },
    },
    cli: { code: 1, out: [/^x\.md:4:8: error unclosed-attributes: /m] },
    expected: 'unclosed-attributes at 4:8: a lone CR ends a line, as in editors',
  },
  {
    name: 'huge-transcript',
    made: 'a two-fragment speaker turn repeated to 20 MB (unit scale: 1 MB)',
    subject: 'x.md',
    sizes: [1_000_000, 20_000_000],
    files: (scale) => ({ 'x.md': bigTranscript(size(scale, 1_000_000, 20_000_000)) }),
    core: { rules: {} },
    cli: { code: 0, err: [/1 file checked: 0 errors, 0 warnings/] },
    expected: 'indexed completely (two fragments per turn), no diagnostic',
  },
  {
    name: 'long-line',
    made: 'one line of 1 MB of words, one fragment at its end (unit scale: 100 kB)',
    subject: 'x.md',
    sizes: [100_000, 1_000_000],
    files: (scale) => ({ 'x.md': singleLine(size(scale, 100_000, 1_000_000)) }),
    core: { rules: { 'parse-fallback': 1 }, fragments: 1 },
    cli: { code: 0, err: [/1 file checked: 0 errors, 0 warnings/] },
    expected: 'longer than remark is given (32 kB a paragraph): read by the line reader, one fragment, a parse-fallback information',
  },
  {
    name: 'nested-brackets',
    made: '10,000 `[` in a row, then `x]{#intentie}` (unit scale: 5,000)',
    subject: 'x.md',
    sizes: [5_000, 10_000],
    files: (scale) => ({ 'x.md': '['.repeat(size(scale, 5_000, 10_000)) + 'x]{#intentie}\n' }),
    core: { rules: { 'parse-fallback': 1 }, fragments: 1 },
    cli: { code: 0, err: [/1 file checked: 0 errors, 0 warnings/] },
    expected: 'more markup than remark is given (500 a paragraph): read by the line reader, one fragment (`]{` closes the nearest `[`), a parse-fallback information',
  },
  {
    name: 'nested-fragments',
    made: '10,000 fragments nested in each other: `[[[…x]{#a}]{#a}]{#a}…` (unit scale: 400)',
    subject: 'x.md',
    sizes: [400, 10_000],
    files: (scale) => {
      const n = size(scale, 400, 10_000);
      return { 'x.md': '['.repeat(n) + 'x' + ']{#intentie}'.repeat(n) + '\n' };
    },
    core: { rules: { 'parse-fallback': 1 }, check: (model, text) => assertEqual((model as { fragments: unknown[] }).fragments.length, (text.length - 2) / 13, 'every level is a fragment') },
    cli: { code: 0, err: [/1 file checked: 0 errors, 0 warnings/] },
    expected: 'beyond remark\'s budget: read by the line reader, every level is a fragment, a parse-fallback information',
  },
  {
    name: 'unclosed-braces',
    made: '10,000 unclosed attribute blocks `{#a ` on one line (unit scale: 1,000)',
    subject: 'x.md',
    sizes: [1_000, 10_000],
    files: (scale) => ({ 'x.md': '{#a '.repeat(size(scale, 1_000, 10_000)) + '\n' }),
    // At full size (40 kB) the line is longer than remark is given: the line reader says so.
    core: { check: (model, text) => assertRuleCount(model, 'unclosed-attributes', (text.length - 1) / 4, { 'parse-fallback': text.length > REMARK_BUDGET.length ? 1 : 0 }) },
    cli: { code: 1, out: [/^x\.md:1:1: error unclosed-attributes: /m] },
    expected: 'one unclosed-attributes error per `{` (at full size also a parse-fallback information); exit 1',
  },
  {
    name: 'fragments-one-line',
    made: '5,000 inline fragments on one line (unit scale: 500)',
    subject: 'x.md',
    sizes: [500, 5_000],
    files: (scale) => ({
      'x.md': Array.from({ length: size(scale, 500, 5_000) }, (_, i) => `[woord ${i}]{#intentie}`).join(' ') + '\n',
    }),
    core: { rules: { 'parse-fallback': 1 }, check: (model, text) => assertEqual((model as { fragments: unknown[] }).fragments.length, (text.match(/\]\{/g) ?? []).length, 'every fragment is found') },
    cli: { code: 0, err: [/1 file checked: 0 errors, 0 warnings/] },
    expected: 'beyond remark\'s budget: read by the line reader, every fragment is found, a parse-fallback information',
  },
  {
    name: 'underscore-runs',
    made: '`a_ ` repeated 20,000 times on one line (remark\'s emphasis matching; unit scale: 1,000)',
    subject: 'x.md',
    sizes: [1_000, 20_000],
    files: (scale) => ({ 'x.md': 'a_ '.repeat(size(scale, 1_000, 20_000)) + '[x]{#intentie}\n' }),
    core: { rules: { 'parse-fallback': 1 }, fragments: 1 },
    cli: { code: 0, err: [/1 file checked: 0 errors, 0 warnings/] },
    expected: 'beyond remark\'s budget (quadratic in it: 43 s at 20,000 runs): read by the line reader, one fragment, a parse-fallback information',
  },
  {
    name: 'nested-quotes',
    made: '10,000 block quote markers `>>>>…> x` (unit scale: 500)',
    subject: 'x.md',
    sizes: [500, 10_000],
    files: (scale) => ({ 'x.md': '>'.repeat(size(scale, 500, 10_000)) + ' [x]{#intentie}\n' }),
    core: { rules: { 'parse-fallback': 1 }, fragments: 1 },
    cli: { code: 0, err: [/1 file checked/] },
    expected: 'beyond remark\'s budget (it overflows its stack from about 5,000 levels): read by the line reader, one fragment, a parse-fallback information',
  },
  {
    name: 'unclosed-front-matter',
    made: '`---` on the first line and no closing `---`',
    subject: 'x.md',
    files: () => ({ 'x.md': '---\npractice: Breda\ncoder: anna\n\n[x]{#intentie}\n' }),
    core: { rules: { 'front-matter': 1 }, fragments: 1 },
    cli: { code: 1, out: [/^x\.md:1:1: error front-matter: /m] },
    expected: 'front-matter error at 1:1; the rest is read as Markdown (the fragment counts)',
  },
  {
    name: 'billion-laughs',
    made: 'front matter with 10 levels of aliases, each a list of nine of the previous one (9^10 nodes)',
    subject: 'x.md',
    files: () => {
      let yaml = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
      for (let i = 1; i < 10; i++) yaml += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
      return { 'x.md': `---\n${yaml}---\n[x]{#intentie}\n` };
    },
    core: { rules: { 'front-matter': 1 }, fragments: 1 },
    cli: { code: 1, out: [/error front-matter: .*(resource exhaustion|alias)/i] },
    expected: 'front-matter error "The front matter repeats aliases (“*name”) too often to read safely (more than 100).", no expansion; the fragment still counts',
  },
  {
    name: 'deep-yaml',
    made: 'front matter `x:` with 10,000 nested flow sequences `[[[…]]]`, and a chain of 10,000 aliases',
    subject: 'x.md',
    files: () => {
      let chain = 'c0: &c0 x\n';
      for (let i = 1; i < 10_000; i++) chain += `c${i}: &c${i} [*c${i - 1}]\n`;
      return {
        'x.md': `---\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\n[x]{#intentie}\n`,
        'y.md': `---\n${chain}---\n[y]{#intentie}\n`,
      };
    },
    core: {
      rules: { 'front-matter': 1 },
      fragments: 1,
      check: (model) => {
        const d = (model as { diagnostics: { args: Record<string, string>; range: { start: { line: number; character: number } } }[] }).diagnostics[0]!;
        assertEqual(JSON.stringify(d.args), JSON.stringify({ problem: 'too-deep', limit: '100' }), 'the front matter is too deep, found before the YAML library');
        // `x:` is level 1: the 100th `[` (line 2, column 103) opens level 101.
        assertEqual(`${d.range.start.line}:${d.range.start.character}`, '1:102', 'where the nesting passes the limit');
      },
    },
    cli: {
      code: 1,
      out: [
        /^x\.md:2:103: error front-matter: The front matter is nested too deeply to read \(more than 100 levels\)\.$/m,
        /^y\.md:\d+:\d+: error front-matter: .*alias/m,
      ],
    },
    expected:
      'x.md: front-matter error at 2:103 "The front matter is nested too deeply to read (more than 100 levels)", found by a linear scan before the YAML library is called; y.md: the same aliases error; the fragments still count',
  },
  {
    name: 'codebook-many-codes',
    made: 'a codebook with 10,000 code headings, each with a description (unit scale: 500)',
    subject: 'codebook.md',
    sizes: [500, 10_000],
    files: (scale) => ({
      'codebook.md': Array.from({ length: size(scale, 500, 10_000) }, (_, i) => `## Code ${i} {#code${i}}\nBeschrijving van code ${i}.\n`).join('\n'),
      'ok.md': '[x]{#code7}\n',
    }),
    core: { as: 'codebook', rules: {}, check: (model, text) => assertEqual((model as { codes: unknown[] }).codes.length, (text.match(/^## /gm) ?? []).length, 'every code is defined') },
    cli: { code: 0, err: [/2 files checked: 0 errors, 0 warnings/] },
    expected: 'every code defined, no diagnostic',
    slow: 'transcript.ts looks for the end of each section among all headings before it (`topLevel.find`): quadratic, about 0.5 s of the 1–2 s at 10,000 codes (was 16 s: each chunk went through remark; codebook.ts now reads heading lines and one-line descriptions without it)',
  },
  {
    name: 'codebook-duplicate',
    made: 'a codebook that defines `#intentie` twice',
    subject: 'codebook.md',
    files: () => ({ 'codebook.md': '# Intentie {#intentie}\nWaarom.\n\n# Nog eens {#intentie}\nDubbel.\n', 'ok.md': GOOD }),
    core: { as: 'codebook', rules: { 'codebook-duplicate': 1 }, codes: 1 },
    cli: { code: 1, out: [/^codebook\.md:4:13: error codebook-duplicate: .*line 1/m] },
    expected: 'codebook-duplicate error at the second definition (4:13), naming line 1; the first definition counts',
  },
  {
    name: 'merge-conflict',
    made: 'a git conflict block (`<<<<<<<`, `=======`, `>>>>>>>`) between two codings',
    subject: 'x.md',
    files: () => ({ 'x.md': 'Intro.\n\n<<<<<<< HEAD\n[ik kwam]{#intentie}\n=======\n[ik kwam]{#context}\n>>>>>>> anna\n' }),
    core: { rules: { 'merge-conflict': 1 } },
    cli: { code: 1, out: [/^x\.md:3:1: error merge-conflict: /m] },
    expected: 'merge-conflict error at the `<<<<<<<` line (3:1); exit 1',
  },
  {
    name: 'terminal-escapes',
    made: 'a transcript named with terminal escape sequences (ESC [31m, ESC ]0;…BEL) holding a duplicate code, and an undecodable file named with ESC [2J',
    subject: 'rood\x1b[31m\x1b]0;titel\x07.md',
    files: () => ({ 'rood\x1b[31m\x1b]0;titel\x07.md': '[twee keer]{#intentie #intentie}\n', 'kapot\x1b[2J.md': new Uint8Array([0x61, 0xff, 0x62]) }),
    core: { rules: { 'duplicate-code': 1 }, fragments: 1 },
    cli: {
      code: 0,
      out: [/^rood␛\[31m␛\]0;titel␇\.md:1:23: warning duplicate-code: /m, /^[^\x1b\x07]*$/],
      err: [/kapot␛\[2J\.md: skipped: is not valid UTF-8/, /^[^\x1b\x07]*$/],
    },
    expected: 'checked; the names reach the terminal with their control characters shown (␛, ␇), never sent',
  },
  {
    name: 'symlink-loop',
    made: '`lus.md` a symbolic link to itself, and `map.md` a link to its own folder',
    subject: 'lus.md',
    files: () => ({ 'lus.md': { symlink: 'lus.md' }, 'map.md': { symlink: '.' }, 'ok.md': GOOD }),
    cli: { code: 0, err: [/lus\.md: skipped: .*(ELOOP|too many)/i, /map\.md: skipped: is not a file/, /1 file checked/] },
    expected: 'both skipped ("ELOOP…", "is not a file"); folder links are never followed, so the walk ends',
  },
  {
    name: 'fifo',
    made: 'a named pipe (FIFO) `pijp.md`, and `codebook.md` a link to it: reading it would block forever, even for root',
    subject: 'codebook.md',
    files: () => ({ 'pijp.md': { fifo: true }, 'codebook.md': { symlink: 'pijp.md' }, 'link.md': { symlink: 'pijp.md' }, 'ok.md': GOOD }),
    cli: { code: 0, err: [/codebook\.md: skipped: is not a file/, /link\.md: skipped: is not a file/, /1 file checked/] },
    expected: 'skipped: "is not a file" (never opened); the pipe itself is not listed; the built-in codebook applies',
  },
  {
    name: 'link-outside',
    made: '`geheim.md` a symbolic link to `/etc/passwd`, and `codebook.md` a link to `/etc/hostname`: a shared repository can carry links to private files',
    subject: 'geheim.md',
    files: () => ({ 'geheim.md': { symlink: '/etc/passwd' }, 'codebook.md': { symlink: '/etc/hostname' }, 'ok.md': GOOD }),
    cli: { code: 0, err: [/geheim\.md: skipped: is a link to a file outside the folder/, /codebook\.md: skipped: is a link to a file outside the folder/, /1 file checked/] },
    expected: 'skipped: "is a link to a file outside the folder" (never read, so never shown, reported or exported); the built-in codebook applies',
  },
  {
    name: 'directory-named-md',
    made: 'a folder named `x.md` (with a transcript inside) and a folder named `codebook.md`',
    subject: 'x.md',
    files: () => ({ 'x.md': { directory: true }, 'x.md/binnen.md': GOOD, 'codebook.md': { directory: true }, 'ok.md': GOOD }),
    cli: { code: 0, err: [/codebook\.md: skipped: is not a file/, /2 files checked/] },
    expected: 'the folder `x.md` is walked as a folder; `codebook.md` as a folder is skipped ("is not a file"), the built-in codebook applies',
  },
  {
    name: 'unreadable',
    made: 'a file with mode 000 (readable anyway when tests run as root: then it is checked like any file)',
    subject: 'x.md',
    files: () => ({ 'x.md': { text: '[x]{#onbekend}\n', mode: 0o000 }, 'ok.md': GOOD }),
    cli: { code: 0, err: [isRoot() ? /2 files checked: 0 errors, 1 warning/ : /x\.md: skipped: .*EACCES/] },
    expected: 'as non-root: skipped ("EACCES: permission denied"); as root the mode does not stop reading (stated, not faked): checked normally',
  },
];

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function assertEqual(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}

/** Exactly `count` diagnostics of `rule`, and besides them only `others` (rule → count). */
function assertRuleCount(model: unknown, rule: string, count: number, others: Record<string, number> = {}): void {
  const diagnostics = (model as { diagnostics: { rule: string }[] }).diagnostics;
  assertEqual(diagnostics.filter((d) => d.rule === rule).length, count, `${rule} diagnostics`);
  for (const [other, n] of Object.entries(others)) assertEqual(diagnostics.filter((d) => d.rule === other).length, n, `${other} diagnostics`);
  assertEqual(diagnostics.length, count + Object.values(others).reduce((a, b) => a + b, 0), 'diagnostics in all');
}

function assertFirstFragmentAt(model: unknown, line: number, character: number): void {
  const m = model as { fragments: { full: { range: { start: { line: number; character: number } } } }[] };
  const start = m.fragments[0]!.full.range.start;
  assertEqual(`${start.line}:${start.character}`, `${line}:${character}`, 'first fragment position');
}
