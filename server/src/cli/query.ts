// `kader query FOLDER 'EXPR'`: the fragments a coding query finds (docs/queries.md). Text lists
// each quote on a line; JSON is `{ "fragments": [...] }`, each fragment as `kader report --format
// json` writes it; CSV a row per fragment; Markdown and HTML the report of the fragments found. A
// malformed query is shown with a caret under its place, exit 2.

import { parseArgs } from 'node:util';
import { localize, type Translate } from '../core/l10n';
import { csvRow, jsonText, terminalLine } from '../core/outputs/outputEscaping';
import { htmlReport, jsonReport, markdownReport, type ReportInput } from '../core/outputs/report';
import { filteredFragments } from '../core/index/aggregate';
import { parseQuery, type QueryError } from '../core/query';
import type { Locale } from '../core/types';
import type { Project } from '../workspace/project';
import type { CliIo } from './io';
import { usage } from './usage';

const OPTIONS = {
  format: { type: 'string' },
  coder: { type: 'string' },
  separator: { type: 'string' },
  lang: { type: 'string' },
  cache: { type: 'string' },
  'max-size': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const FORMATS = ['text', 'json', 'csv', 'markdown', 'html'] as const;

export interface QueryCommand {
  /** Opens the folder (messages about skipped files go to standard error). */
  open(folder: string, cache: string | undefined, maxSize: string | undefined): Promise<Project>;
  /** A usage error for `--coder NAME` when no transcript is coded by NAME. */
  checkCoder(project: Project, coder: string | undefined): void;
}

function usageError(io: CliIo, t: Translate, message: string): number {
  io.err(`kader: ${message}\n${t('Run "kader --help" for usage.')}\n`);
  return 2;
}

/** The query on one line, and a caret under the place of the error (columns in characters, not UTF-16 units). */
export function caretLines(query: string, error: Pick<QueryError, 'offset' | 'length'>): string {
  const line = terminalLine(query.replace(/\s/g, ' '));
  const before = [...query.slice(0, error.offset)].length;
  const width = Math.max(1, [...query.slice(error.offset, error.offset + error.length)].length);
  return `  ${line}\n  ${' '.repeat(before)}${'^'.repeat(width)}\n`;
}

export async function runQuery(argv: string[], locale: Locale, io: CliIo, command: QueryCommand): Promise<number> {
  const t = localize(locale);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError(io, t, (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(usage(locale));
    return 0;
  }
  if (positionals.length !== 2) return usageError(io, t, t('name the folder and the query: kader query FOLDER "#intentie AND practice:Breda"'));
  const [folder, text] = positionals as [string, string];
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) return usageError(io, t, t('--{0} must be one of {1} (got "{2}")', 'format', FORMATS.join(', '), format));
  const separator = values.separator ?? (locale === 'nl' ? ';' : ',');
  if (separator !== ',' && separator !== ';') return usageError(io, t, t('--{0} must be one of {1} (got "{2}")', 'separator', ', ;', separator));
  const query = parseQuery(text, locale);
  if (!query.ok) {
    io.err(`kader: ${query.message}\n${caretLines(text, query)}`);
    return 2;
  }
  const project = await command.open(folder, values.cache, values['max-size']);
  command.checkCoder(project, values.coder);
  const input: ReportInput = { ...project, locale, filter: values.coder === undefined ? { query: text } : { query: text, coder: values.coder } };
  switch (format as (typeof FORMATS)[number]) {
    case 'json':
      io.out(jsonText({ fragments: (jsonReport(input) as { fragments: unknown[] }).fragments }) + '\n');
      break;
    case 'markdown':
      io.out(markdownReport(input));
      break;
    case 'html':
      io.out(htmlReport(input));
      break;
    case 'csv':
      io.out('\uFEFF' + csvFragments(input, separator));
      break;
    case 'text':
      io.out(textFragments(input, t));
      break;
  }
  return 0;
}

/** One line per fragment: the quote, who says it, where, and its codes; then how many. */
function textFragments(input: ReportInput, t: Translate): string {
  const refs = filteredFragments(input.index, input.filter);
  const lines = refs.map(({ document, fragment }) => {
    const who = fragment.speaker ? `${fragment.speaker}, ` : '';
    const quote = fragment.text.replace(/\s*[\r\n]+\s*/g, ' ');
    return terminalLine(`“${quote}” — ${who}${document.path}:${fragment.content.range.start.line + 1} ${fragment.codes.map((c) => `#${c}`).join(' ')}`);
  });
  lines.push(refs.length === 1 ? t('1 fragment') : t('{0} fragments', refs.length));
  return lines.join('\n') + '\n';
}

/** One row per fragment, its codes in one cell. */
function csvFragments(input: ReportInput, separator: string): string {
  const rows = [csvRow(['file', 'practice', 'coder', 'speaker', 'codes', 'text', 'memo', 'line'], separator)];
  for (const { document, fragment } of filteredFragments(input.index, input.filter)) {
    rows.push(
      csvRow(
        [document.path, document.practice ?? '', document.coder ?? '', fragment.speaker ?? '', fragment.codes.join(' '), fragment.text, fragment.memo ?? '', fragment.content.range.start.line + 1],
        separator,
      ),
    );
  }
  return rows.join('\r\n') + '\r\n';
}
