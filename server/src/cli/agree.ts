// `kader agree`: intercoder agreement between two codings of a transcript (two files, one file
// against a git revision, or every pair of codings in a folder).

import { statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { combineAgreements, compareCodings, findCodingPairs, type AgreementResult, type CodeAgreement, type Overall } from '../core/agreement';
import { localeOf } from '../core/messages';
import { jsonText, markdownText } from '../core/outputEscaping';
import type { Locale } from '../core/types';
import { listTranscripts, readText } from '../workspace/files';
import { GitError, showAtRevision } from '../workspace/git';
import type { CliIo } from './io';

export const AGREE_USAGE = `  agree A B         Compare the coding of two versions of a transcript.
  agree A --rev REV Compare a transcript with its version at a git revision.
  agree FOLDER      Compare every pair of transcripts with the same text and another coder.
      --format text|json|markdown   Output format (default text).
      --threshold N          Segment overlap needed for agreement, in % (default 90).
`;

const OPTIONS = {
  rev: { type: 'string' },
  format: { type: 'string' },
  threshold: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

class AgreeUsageError extends Error {}

const WORDS = {
  en: {
    code: 'Code',
    agreement: 'Agreement',
    kappa: 'Kappa',
    alpha: 'Alpha',
    segments: 'Segments',
    overall: 'Overall',
    compared: (n: number) => `${n} characters compared.`,
    differ: (a: string, b: string) => `The texts differ (besides the coding): first at ${a} and ${b}; only the text they share is compared.`,
    unshared: (a: number, b: number) => `${a} characters only in A, ${b} only in B.`,
    disagreements: 'Disagreements',
    none: 'The codings agree everywhere.',
    noCodes: 'Neither coder used a code.',
    pairs: (n: number) => (n === 1 ? '1 pair of codings.' : `${n} pairs of codings.`),
    noPairs: 'No pairs found: transcripts pair up when their text is the same and their `coder` differs.',
    line: 'Line',
    text: 'Text',
    total: 'Total',
  },
  nl: {
    code: 'Code',
    agreement: 'Overeenstemming',
    kappa: 'Kappa',
    alpha: 'Alfa',
    segments: 'Segmenten',
    overall: 'Totaal',
    compared: (n: number) => `${n} tekens vergeleken.`,
    differ: (a: string, b: string) => `De teksten verschillen (naast de codering): eerst bij ${a} en ${b}; alleen de gedeelde tekst is vergeleken.`,
    unshared: (a: number, b: number) => `${a} tekens alleen in A, ${b} alleen in B.`,
    disagreements: 'Verschillen',
    none: 'De coderingen stemmen overal overeen.',
    noCodes: 'Geen van beide codeerders gebruikte een code.',
    pairs: (n: number) => (n === 1 ? '1 paar coderingen.' : `${n} paren coderingen.`),
    noPairs: 'Geen paren gevonden: transcripten vormen een paar als hun tekst gelijk is en hun `coder` verschilt.',
    line: 'Regel',
    text: 'Tekst',
    total: 'Totaal',
  },
} as const;

type Words = (typeof WORDS)[Locale];

function pct(value: number | null): string {
  return value === null ? '–' : `${value.toFixed(1)} %`;
}

function num(value: number | null): string {
  return value === null ? '–' : value.toFixed(3);
}

function segments(s: { agreeing: number; total: number; percent: number | null }): string {
  return `${s.agreeing}/${s.total} (${pct(s.percent)})`;
}

interface Labeled {
  /** "a.md" or "a.md vs b.md". */
  title: string;
  labelA: string;
  labelB: string;
  result: AgreementResult;
}

function table(codes: CodeAgreement[], overall: Overall, w: Words, markdown: boolean): string[] {
  const head = [w.code, w.agreement, w.kappa, w.alpha, w.segments];
  const rows = codes.map((c) => [`#${c.code}`, pct(c.percent), num(c.kappa), num(c.alpha), segments(c.segments)]);
  rows.push([w.overall, pct(overall.percent), num(overall.kappa), num(overall.alpha), segments(overall.segments)]);
  if (markdown) {
    const esc = (s: string): string => s.replace(/\|/g, '\\|');
    return [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)];
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}

function codesOf(codes: string[]): string {
  return codes.length ? codes.map((c) => `#${c}`).join(' ') : '–';
}

function render(item: Labeled, w: Words, markdown: boolean): string {
  const { result } = item;
  const out: string[] = [];
  // File names, coders and transcript text are foreign: in Markdown they are text, never markup.
  const t = markdown ? markdownText : (s: string): string => s;
  const coderA = result.coders.a ? ` (${t(result.coders.a)})` : '';
  const coderB = result.coders.b ? ` (${t(result.coders.b)})` : '';
  out.push(markdown ? `## ${t(item.title)}` : item.title, '');
  out.push(`A: ${t(item.labelA)}${coderA}`, `B: ${t(item.labelB)}${coderB}`, '');
  if (result.text.firstDifference) {
    const d = result.text.firstDifference;
    out.push(w.differ(`A:${d.a.line + 1}`, `B:${d.b.line + 1}`), `  A:${d.a.line + 1}: ${t(d.a.text)}`, `  B:${d.b.line + 1}: ${t(d.b.text)}`, w.unshared(result.text.onlyA, result.text.onlyB), '');
  }
  out.push(w.compared(result.text.compared), '');
  if (result.codes.length === 0) out.push(w.noCodes);
  else out.push(...table(result.codes, result.overall, w, markdown));
  out.push('', markdown ? `### ${w.disagreements}` : `${w.disagreements}:`, '');
  if (result.disagreements.length === 0) out.push(w.none);
  else if (markdown) {
    out.push(`| ${w.line} | ${w.text} | A | B |`, '| ---: | --- | --- | --- |');
    for (const d of result.disagreements) out.push(`| ${d.line + 1} | ${t(d.text)} | ${codesOf(d.codesA)} | ${codesOf(d.codesB)} |`);
  } else {
    for (const d of result.disagreements) {
      out.push(`${item.labelA}:${d.range.start.line + 1}:${d.range.start.character + 1}: "${d.text}"  A: ${codesOf(d.codesA)}  B: ${codesOf(d.codesB)}`);
    }
  }
  return out.join('\n') + '\n';
}

function json(item: Labeled): unknown {
  return { a: item.labelA, b: item.labelB, ...item.result };
}

async function readFile(io: CliIo, file: string): Promise<string> {
  const read = await readText(path.resolve(io.cwd, file));
  if (!read.ok) throw new AgreeUsageError(`"${file}" ${read.detail}`);
  return read.text;
}

function isFolder(io: CliIo, name: string): boolean {
  try {
    return statSync(path.resolve(io.cwd, name)).isDirectory();
  } catch {
    return false;
  }
}

export async function runAgree(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`kader: ${(error as Error).message}\nRun "kader --help" for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(`Usage: kader agree A B | A --rev REV | FOLDER [options]\n\n${AGREE_USAGE}`);
    return 0;
  }
  try {
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'markdown') throw new AgreeUsageError(`--format must be one of text, json, markdown (got "${format}")`);
    const threshold = values.threshold === undefined ? 90 : Number(values.threshold);
    if (!Number.isFinite(threshold) || threshold <= 0 || threshold > 100) throw new AgreeUsageError('--threshold takes a percentage above 0, at most 100');
    const lang = values.lang;
    if (lang !== undefined && lang !== 'en' && lang !== 'nl') throw new AgreeUsageError(`--lang must be one of en, nl (got "${lang}")`);
    const locale: Locale = lang ?? localeOf(io.env['LANG']);
    const w = WORDS[locale];
    const options = { threshold };

    const items: Labeled[] = [];
    let folderMode = false;
    if (values.rev !== undefined) {
      if (positionals.length !== 1) throw new AgreeUsageError('with --rev, give one transcript');
      const file = positionals[0]!;
      let old: string;
      try {
        old = await showAtRevision(path.resolve(io.cwd, file), values.rev, { untrusted: [io.cwd] });
      } catch (error) {
        if (error instanceof GitError) throw new AgreeUsageError(`${file} at ${values.rev}: ${error.message}`);
        throw error;
      }
      const labelB = `${file}@${values.rev}`;
      items.push({ title: `${file} vs ${labelB}`, labelA: file, labelB, result: compareCodings({ text: await readFile(io, file) }, { text: old }, options) });
    } else if (positionals.length === 2) {
      const [fa, fb] = positionals as [string, string];
      items.push({ title: `${fa} vs ${fb}`, labelA: fa, labelB: fb, result: compareCodings({ text: await readFile(io, fa) }, { text: await readFile(io, fb) }, options) });
    } else if (positionals.length === 1 && isFolder(io, positionals[0]!)) {
      folderMode = true;
      const root = path.resolve(io.cwd, positionals[0]!);
      const listing = await listTranscripts(root);
      const docs = [];
      for (const relative of listing.transcripts) {
        const read = await readText(path.join(root, relative), undefined, root);
        if (read.ok) docs.push({ path: relative, text: read.text });
        else io.err(`kader: ${relative}: skipped: ${read.detail}\n`);
      }
      for (const { a, b } of findCodingPairs(docs)) {
        items.push({ title: `${a.path} vs ${b.path}`, labelA: a.path, labelB: b.path, result: compareCodings(a, b, options) });
      }
    } else {
      throw new AgreeUsageError('give two transcripts, one transcript with --rev, or a folder');
    }

    if (format === 'json') {
      const body = folderMode ? { pairs: items.map(json), ...combineAgreements(items.map((i) => i.result)) } : json(items[0]!);
      io.out(jsonText(body) + '\n');
      return 0;
    }
    const markdown = format === 'markdown';
    if (!folderMode) {
      io.out(render(items[0]!, w, markdown));
      return 0;
    }
    if (items.length === 0) {
      io.out(w.noPairs + '\n');
      return 0;
    }
    for (const item of items) io.out(render(item, w, markdown) + '\n');
    const all = combineAgreements(items.map((i) => i.result));
    out(io, markdown ? `## ${w.total}` : `${w.total}:`);
    io.out(`\n${w.pairs(items.length)} ${w.compared(all.compared)}\n\n`);
    io.out(table(all.codes, all.overall, w, markdown).join('\n') + '\n');
    return 0;
  } catch (error) {
    if (error instanceof AgreeUsageError) {
      io.err(`kader: ${error.message}\nRun "kader --help" for usage.\n`);
      return 2;
    }
    throw error;
  }
}

function out(io: CliIo, line: string): void {
  io.out(line + '\n');
}
