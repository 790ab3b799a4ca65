// `kader agree`: intercoder agreement between two codings of a transcript (two files, one file
// against a git revision, or every pair of codings in a folder).

import { statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { combineAgreements, compareCodings, findCodingPairs, type AgreementResult, type CodeAgreement, type Overall } from '../core/outputs/agreement';
import { localize, type Translate } from '../core/l10n';
import { agreementNotes, HIGH_PERCENT, LOW_KAPPA } from '../core/outputs/agreementNotes';
import { jsonText, markdownText } from '../core/outputs/outputEscaping';
import { listTranscripts, readText } from '../workspace/files';
import { readProblemText } from '../core/fileText';
import { cliLocale } from './locale';
import { formatCoefficient, formatShare } from '../core/numbers';
import type { Locale } from '../core/types';
import { GitError, showAtRevision } from '../workspace/git';
import type { CliIo } from './io';

export const AGREE_USAGE = `  agree A B         Compare the coding of two versions of a transcript.
  agree A --rev REV Compare a transcript with its version at a git revision.
  agree FOLDER      Compare every pair of transcripts with the same text and another coder.
      --format text|json|markdown   Output format (default text).
      --threshold N          Segment overlap needed for agreement, in % (default 90).
      --min-kappa K          Exit 1 when a kappa (per code, overall) is below K (-1 to 1).
      --min-alpha A          Exit 1 when an alpha (per code, overall) is below A (-1 to 1).
`;

const OPTIONS = {
  rev: { type: 'string' },
  format: { type: 'string' },
  threshold: { type: 'string' },
  'min-kappa': { type: 'string' },
  'min-alpha': { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

class AgreeUsageError extends Error {}


function segments(s: { agreeing: number; total: number; percent: number | null }, locale: Locale): string {
  return `${s.agreeing}/${s.total} (${formatShare(s.percent, locale)})`;
}

interface Labeled {
  /** "a.md" or "a.md vs b.md". */
  title: string;
  labelA: string;
  labelB: string;
  result: AgreementResult;
}

function table(codes: CodeAgreement[], overall: Overall, t: Translate, markdown: boolean, locale: Locale): string[] {
  const head = [t('Code'), t('Agreement'), t('Kappa'), t('Alpha'), t('Segments')];
  const row = (name: string, c: CodeAgreement | Overall): string[] => [
    name,
    formatShare(c.percent, locale),
    formatCoefficient(c.kappa, locale),
    formatCoefficient(c.alpha, locale),
    segments(c.segments, locale),
  ];
  const rows = [...codes.map((c) => row(`#${c.code}`, c)), row(t('Overall'), overall)];
  if (markdown) {
    const esc = (s: string): string => s.replace(/\|/g, '\\|');
    return [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)];
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}

/**
 * A few words under a table where a figure is easily misread: a high percentage with a low kappa,
 * a negative alpha. Nothing when every figure reads as it looks.
 */
function notes(codes: CodeAgreement[], t: Translate, markdown: boolean): string[] {
  const found = agreementNotes(codes);
  const list = (names: string[]): string => names.map((c) => `#${c}`).join(', ');
  const lines: string[] = [];
  if (found.prevalence.length > 0) {
    lines.push(
      t(
        '{0}: {1} % agreement or more, yet kappa below {2}. Most of the text is left uncoded by both coders, so they would agree this often by chance alone; kappa counts only the agreement beyond chance.',
        list(found.prevalence),
        HIGH_PERCENT,
        String(LOW_KAPPA),
      ),
    );
  }
  if (found.belowChance.length > 0) {
    lines.push(t('{0}: alpha below 0. The coders agree less than chance would: a sign of systematic disagreement.', list(found.belowChance)));
  }
  if (lines.length === 0) return [];
  lines.push(t('How to read agreement, kappa and alpha: docs/agreement.md in the Kader documentation.'));
  return ['', ...(markdown ? lines.map((line) => `- ${markdownText(line)}`) : lines)];
}

/** A figure that fell below its minimum: `--min-kappa` or `--min-alpha`. */
interface Shortfall {
  where: string;
  code: string;
  figure: 'kappa' | 'alpha';
  value: number;
  minimum: number;
}

function shortfalls(where: string, codes: CodeAgreement[], overall: Overall, minima: { kappa?: number; alpha?: number }, t: Translate): Shortfall[] {
  const found: Shortfall[] = [];
  const rows: { code: string; kappa: number | null; alpha: number | null }[] = [...codes.map((c) => ({ ...c, code: `#${c.code}` })), { ...overall, code: t('Overall') }];
  for (const row of rows) {
    for (const figure of ['kappa', 'alpha'] as const) {
      const minimum = minima[figure];
      const value = row[figure];
      if (minimum === undefined || value === null) continue;
      // Compared as shown (three decimals), so that the line never says "0.600 is below 0.6".
      if (Math.round(value * 1000) < Math.round(minimum * 1000)) found.push({ where, code: row.code, figure, value, minimum });
    }
  }
  return found;
}

function shortfallLine(s: Shortfall, t: Translate, locale: Locale): string {
  return s.figure === 'kappa'
    ? t('{0}: {1}: kappa {2} is below --min-kappa {3}', s.where, s.code, formatCoefficient(s.value, locale), String(s.minimum))
    : t('{0}: {1}: alpha {2} is below --min-alpha {3}', s.where, s.code, formatCoefficient(s.value, locale), String(s.minimum));
}

/** A `--min-kappa` or `--min-alpha` value: a number from -1 to 1. */
function minimum(name: string, value: string | undefined, t: Translate): number | undefined {
  if (value === undefined) return undefined;
  const n = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n) || n < -1 || n > 1) throw new AgreeUsageError(t('--{0} takes a number from -1 to 1 (got "{1}")', name, value));
  return n;
}

function codesOf(codes: string[]): string {
  return codes.length ? codes.map((c) => `#${c}`).join(' ') : '–';
}

function render(item: Labeled, t: Translate, markdown: boolean, locale: Locale): string {
  const { result } = item;
  const out: string[] = [];
  // File names, coders and transcript text are foreign: in Markdown they are text, never markup.
  const text = markdown ? markdownText : (s: string): string => s;
  const coderA = result.coders.a ? ` (${text(result.coders.a)})` : '';
  const coderB = result.coders.b ? ` (${text(result.coders.b)})` : '';
  out.push(markdown ? `## ${text(item.title)}` : item.title, '');
  out.push(`A: ${text(item.labelA)}${coderA}`, `B: ${text(item.labelB)}${coderB}`, '');
  if (result.text.firstDifference) {
    const d = result.text.firstDifference;
    out.push(
      t('The texts differ (besides the coding): first at {0} and {1}; only the text they share is compared.', `A:${d.a.line + 1}`, `B:${d.b.line + 1}`),
      `  A:${d.a.line + 1}: ${text(d.a.text)}`,
      `  B:${d.b.line + 1}: ${text(d.b.text)}`,
      t('{0} characters only in A, {1} only in B.', result.text.onlyA, result.text.onlyB),
      '',
    );
  }
  out.push(t('{0} characters compared.', result.text.compared), '');
  if (result.codes.length === 0) out.push(t('Neither coder used a code.'));
  else out.push(...table(result.codes, result.overall, t, markdown, locale), ...notes(result.codes, t, markdown));
  out.push('', markdown ? `### ${t('Disagreements')}` : `${t('Disagreements')}:`, '');
  if (result.disagreements.length === 0) out.push(t('The codings agree everywhere.'));
  else if (markdown) {
    out.push(`| ${t('Line')} | ${t('Text')} | A | B |`, '| ---: | --- | --- | --- |');
    for (const d of result.disagreements) out.push(`| ${d.line + 1} | ${text(d.text)} | ${codesOf(d.codesA)} | ${codesOf(d.codesB)} |`);
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

async function readFile(io: CliIo, file: string, t: Translate): Promise<string> {
  const read = await readText(path.resolve(io.cwd, file));
  if (!read.ok) throw new AgreeUsageError(`"${file}" ${readProblemText(read, t)}`);
  return read.text;
}

function isFolder(io: CliIo, name: string): boolean {
  try {
    return statSync(path.resolve(io.cwd, name)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `--min-alpha -0.1` as `--min-alpha=-0.1`: a minimum may be negative, and parseArgs would take
 * "-0.1" for an option.
 */
function joinNegativeMinima(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // After "--" every argument is a file name.
    if (arg === '--') return [...joined, ...argv.slice(i)];
    const next = argv[i + 1];
    if ((arg === '--min-kappa' || arg === '--min-alpha') && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

export async function runAgree(argv: string[], io: CliIo): Promise<number> {
  const locale = cliLocale(argv, io.env);
  const t = localize(locale);
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeMinima(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`kader: ${(error as Error).message}\n${t('Run "kader --help" for usage.')}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(`Usage: kader agree A B | A --rev REV | FOLDER [options]\n\n${AGREE_USAGE}`);
    return 0;
  }
  try {
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'markdown') throw new AgreeUsageError(t('--{0} must be one of {1} (got "{2}")', 'format', 'text, json, markdown', format));
    const threshold = values.threshold === undefined ? 90 : Number(values.threshold);
    if (!Number.isFinite(threshold) || threshold <= 0 || threshold > 100) throw new AgreeUsageError(t('--threshold takes a percentage above 0, at most 100'));
    const lang = values.lang;
    if (lang !== undefined && lang !== 'en' && lang !== 'nl') throw new AgreeUsageError(t('--{0} must be one of {1} (got "{2}")', 'lang', 'en, nl', lang));
    const minima = { kappa: minimum('min-kappa', values['min-kappa'], t), alpha: minimum('min-alpha', values['min-alpha'], t) };
    const options = { threshold };

    const items: Labeled[] = [];
    let folderMode = false;
    if (values.rev !== undefined) {
      if (positionals.length !== 1) throw new AgreeUsageError(t('with --rev, give one transcript'));
      const file = positionals[0]!;
      let old: string;
      try {
        old = await showAtRevision(path.resolve(io.cwd, file), values.rev, { untrusted: [io.cwd] });
      } catch (error) {
        if (error instanceof GitError) throw new AgreeUsageError(t('{0} at {1}: {2}', file, values.rev, error.message));
        throw error;
      }
      const labelB = `${file}@${values.rev}`;
      items.push({ title: `${file} vs ${labelB}`, labelA: file, labelB, result: compareCodings({ text: await readFile(io, file, t) }, { text: old }, options) });
    } else if (positionals.length === 2) {
      const [fa, fb] = positionals as [string, string];
      items.push({ title: `${fa} vs ${fb}`, labelA: fa, labelB: fb, result: compareCodings({ text: await readFile(io, fa, t) }, { text: await readFile(io, fb, t) }, options) });
    } else if (positionals.length === 1 && isFolder(io, positionals[0]!)) {
      folderMode = true;
      const root = path.resolve(io.cwd, positionals[0]!);
      const listing = await listTranscripts(root);
      const docs = [];
      for (const relative of listing.transcripts) {
        const read = await readText(path.join(root, relative), undefined, root);
        if (read.ok) docs.push({ path: relative, text: read.text });
        else io.err(`kader: ${relative}: ${t('skipped: {0}', readProblemText(read, t))}\n`);
      }
      for (const { a, b } of findCodingPairs(docs)) {
        items.push({ title: `${a.path} vs ${b.path}`, labelA: a.path, labelB: b.path, result: compareCodings(a, b, options) });
      }
    } else {
      throw new AgreeUsageError(t('give two transcripts, one transcript with --rev, or a folder'));
    }

    const total = folderMode && items.length > 0 ? combineAgreements(items.map((i) => i.result)) : undefined;
    const below = [
      ...items.flatMap((i) => shortfalls(i.title, i.result.codes, i.result.overall, minima, t)),
      ...(total ? shortfalls(t('Total'), total.codes, total.overall, minima, t) : []),
    ];
    if (format === 'json') {
      const body = folderMode ? { pairs: items.map(json), ...combineAgreements(items.map((i) => i.result)) } : json(items[0]!);
      io.out(jsonText(body) + '\n');
    } else {
      const markdown = format === 'markdown';
      if (!folderMode) io.out(render(items[0]!, t, markdown, locale));
      else if (!total) io.out(t('No pairs found: transcripts pair up when their text is the same and their `coder` differs.') + '\n');
      else {
        for (const item of items) io.out(render(item, t, markdown, locale) + '\n');
        out(io, markdown ? `## ${t('Total')}` : `${t('Total')}:`);
        io.out(`\n${items.length === 1 ? t('1 pair of codings.') : t('{0} pairs of codings.', items.length)} ${t('{0} characters compared.', total.compared)}\n\n`);
        io.out([...table(total.codes, total.overall, t, markdown, locale), ...notes(total.codes, t, markdown)].join('\n') + '\n');
      }
    }
    // The figures below a minimum go to stderr: the report on stdout stays what it was (JSON stays JSON).
    for (const s of below) io.err(`kader: ${shortfallLine(s, t, locale)}\n`);
    return below.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof AgreeUsageError) {
      io.err(`kader: ${error.message}\n${t('Run "kader --help" for usage.')}\n`);
      return 2;
    }
    throw error;
  }
}

function out(io: CliIo, line: string): void {
  io.out(line + '\n');
}
