// The `kader` command line: check and report on a folder of transcripts.

import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { localize, type Translate } from '../core/l10n';
import { messageOf } from '../core/messages';
import { jsonText, terminalLine, terminalText } from '../core/outputs/outputEscaping';
import { csvMatrixReport, csvReport, htmlReport, jsonReport, markdownReport, textReport } from '../core/outputs/report';
import type { Locale } from '../core/types';
import { bytesOfMB, DEFAULT_MAX_TRANSCRIPT_MB, formatMB, readProblemText } from '../core/fileText';
import { loadProject, projectDiagnostics, type Project } from '../workspace/project';
import { runExport, runImport } from './exchange';
import { runAgree } from './agree';
import { runAutocode } from './autocode';
import { MatrixUsageError, runMatrix } from './matrix';
import { runHooks } from './hooks';
import { runQuery } from './query';
import { runKey, runPrivacyCheck, runPseudonymise, runReidentify } from './privacy';
import { readKeyFile } from './privacyKey';
import type { CliIo } from './io';
import { cliLocale } from './locale';
import { usage } from './usage';

class UsageError extends Error {}

function parse(argv: string[]): ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const OPTIONS = {
  format: { type: 'string' },
  'max-warnings': { type: 'string' },
  separator: { type: 'string' },
  matrix: { type: 'string' },
  measure: { type: 'string' },
  percent: { type: 'string' },
  relation: { type: 'string' },
  'group-by': { type: 'string' },
  quotes: { type: 'boolean' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  practice: { type: 'string' },
  timestamps: { type: 'boolean' },
  lang: { type: 'string' },
  coder: { type: 'string' },
  cache: { type: 'string' },
  'max-size': { type: 'string' },
  privacy: { type: 'boolean' },
  staged: { type: 'boolean' },
  history: { type: 'boolean' },
  key: { type: 'string' },
  'dry-run': { type: 'boolean' },
  pseudonymise: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, name: string, t: Translate): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(t('--{0} must be one of {1} (got "{2}")', name, allowed.join(', '), value));
}

/** CSV as a spreadsheet in the language expects it: `;` in Dutch (where `,` is the decimal comma), `,` in English. */
function csvSeparatorOf(locale: Locale): ',' | ';' {
  return locale === 'nl' ? ';' : ',';
}

/** `--max-size MB` in bytes (the default without it). */
function maxBytesOption(value: string | undefined, t: Translate): number {
  if (value === undefined) return bytesOfMB(DEFAULT_MAX_TRANSCRIPT_MB);
  const mb = Number(value);
  if (value.trim() === '' || !Number.isFinite(mb) || mb <= 0) throw new UsageError(t('--max-size takes a number of megabytes above 0 (got "{0}")', value));
  return bytesOfMB(mb);
}

async function openFolder(folder: string, io: CliIo, locale: Locale, cache: string | undefined, maxSize?: string): Promise<Project> {
  const t = localize(locale);
  const root = path.resolve(io.cwd, folder);
  if (!existsSync(root)) throw new UsageError(t('the folder "{0}" does not exist', folder));
  if (!statSync(root).isDirectory()) throw new UsageError(t('"{0}" is not a folder', folder));
  const cacheDir = cache === undefined ? undefined : path.resolve(io.cwd, cache);
  if (cacheDir !== undefined && existsSync(cacheDir) && !statSync(cacheDir).isDirectory()) throw new UsageError(`--cache: ${t('"{0}" is not a folder', cache ?? '')}`);
  const maxBytes = maxBytesOption(maxSize, t);
  const project = await loadProject(root, { locale, cacheDir, maxBytes });
  for (const p of project.problems) {
    if (p.problem === 'too-large') io.err(`kader: ${terminalLine(p.path)}: ${messageOf({ rule: 'too-large', args: { limit: formatMB(maxBytes), setting: '--max-size' } }, locale)}\n`);
    else io.err(`kader: ${terminalLine(p.path)}: ${t('skipped: {0}', readProblemText(p, t))}\n`);
  }
  return project;
}

/** `--coder NAME` names a coder of some transcript (front matter `coder:`); a usage error naming those there are otherwise. */
function knownCoder(project: Project, coder: string | undefined, t: Translate): void {
  if (coder === undefined) return;
  const coders = project.index.coders();
  if (coders.includes(coder)) return;
  const name = terminalLine(coder);
  if (coders.length === 0) throw new UsageError(t('no transcript is coded by "{0}": no transcript names its coder (“coder:” in the front matter)', name));
  throw new UsageError(t('no transcript is coded by "{0}"; the coders are: {1}', name, coders.map((c) => `"${terminalLine(c)}"`).join(', ')));
}

async function check(project: Project, format: 'text' | 'json', maxWarnings: number | undefined, locale: Locale, io: CliIo): Promise<number> {
  const t = localize(locale);
  let errors = 0;
  let warnings = 0;
  const rows: { path: string; range: unknown; severity: string; rule: string; message: string }[] = [];
  for (const { path: file, diagnostics } of projectDiagnostics(project)) {
    for (const d of diagnostics) {
      if (d.severity === 'error') errors++;
      if (d.severity === 'warning') warnings++;
      const message = messageOf(d, locale);
      rows.push({ path: file, range: d.range, severity: d.severity, rule: d.rule, message });
      if (format === 'text') {
        io.out(`${terminalLine(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.rule}: ${message}`)}\n`);
      }
    }
  }
  if (format === 'json') io.out(jsonText(rows) + '\n');
  else {
    const files = project.index.size + (project.codebookPath ? 1 : 0);
    io.err(
      `${t(
        '{0} checked: {1}, {2}.',
        files === 1 ? t('1 file') : t('{0} files', files),
        errors === 1 ? t('1 error') : t('{0} errors', errors),
        warnings === 1 ? t('1 warning') : t('{0} warnings', warnings),
      )}\n`,
    );
  }
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.err(`kader: ${t('too many warnings ({0}, at most {1} allowed)', warnings, maxWarnings)}\n`);
    return 1;
  }
  return 0;
}

export async function runCli(argv: string[], terminal: CliIo): Promise<number> {
  // What goes to standard error is read in a terminal: no control character from a file name or a
  // transcript reaches it. Standard output is made safe by each format's writer.
  const io: CliIo = { ...terminal, err: (text) => terminal.err(terminalText(text)) };
  const locale = cliLocale(argv, io.env);
  const t = localize(locale);
  try {
    const [command, ...rest] = argv;
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.out(usage(locale));
      return command ? 0 : 2;
    }
    // Every command's --help is the one help text, whichever command reads its own options.
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(usage(locale));
      return 0;
    }
    // Every format of `agree` (text, Markdown, JSON) is read in terminals too.
    if (command === 'agree') return await runAgree(rest, { ...io, out: (text) => io.out(terminalText(text)) });
    if (command === 'hooks') return await runHooks(rest, locale, io);
    if (command === 'query') {
      const open = (folder: string, cache: string | undefined, maxSize: string | undefined): Promise<Project> => openFolder(folder, io, locale, cache, maxSize);
      return await runQuery(rest, locale, io, { open, checkCoder: (project, coder) => knownCoder(project, coder, t) });
    }
    if (command === 'autocode') return await runAutocode(rest, locale, io, (folder, cache, maxSize) => openFolder(folder, io, locale, cache, maxSize));
    const { values, positionals } = parse(rest);
    if (values.help) {
      io.out(usage(locale));
      return 0;
    }
    if (positionals.length > 1 && command !== 'import') throw new UsageError(t('expected one folder, got {0}', positionals.length));
    const folder = positionals[0] ?? '.';
    if (values.lang !== undefined) oneOf(values.lang, ['en', 'nl'] as const, 'en', 'lang', t);
    switch (command) {
      case 'check': {
        if (values.privacy || values.staged || values.history) {
          const options = { folder, format: values.format, keyFile: values.key, staged: values.staged ?? false, history: values.history ?? false };
          return await runPrivacyCheck(options, locale, io, () => openFolder(folder, io, locale, values.cache, values['max-size']));
        }
        const format = oneOf(values.format, ['text', 'json'] as const, 'text', 'format', t);
        let maxWarnings: number | undefined;
        if (values['max-warnings'] !== undefined) {
          maxWarnings = Number(values['max-warnings']);
          if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError(t('--max-warnings takes a whole number'));
          if (maxWarnings === -1) maxWarnings = undefined;
        }
        return await check(await openFolder(folder, io, locale, values.cache, values['max-size']), format, maxWarnings, locale, io);
      }
      case 'report': {
        const format = oneOf(values.format, ['text', 'json', 'markdown', 'html', 'csv'] as const, 'text', 'format', t);
        const groupBy = oneOf(values['group-by'], ['aspect', 'practice'] as const, 'aspect', 'group-by', t);
        const separator = oneOf(values.separator, [',', ';'] as const, csvSeparatorOf(locale), 'separator', t);
        if (values.matrix !== undefined && values.matrix !== 'documents') {
          const measure = oneOf(values.measure, ['fragments', 'documents', 'characters'] as const, 'fragments', 'measure', t);
          const percent = values.percent === undefined ? undefined : oneOf(values.percent, ['row', 'column'] as const, 'row', 'percent', t);
          const project = await openFolder(folder, io, locale, values.cache, values['max-size']);
          knownCoder(project, values.coder, t);
          const options = { spec: values.matrix, format, measure, percent, relation: values.relation, separator, coder: values.coder, locale };
          try {
            return runMatrix(project, options, io);
          } catch (error) {
            throw error instanceof MatrixUsageError ? new UsageError(error.message) : error;
          }
        }
        for (const name of ['measure', 'percent', 'relation'] as const) if (values[name] !== undefined) throw new UsageError(t('--{0} goes with --matrix ROWS×COLS', name));
        const matrix = values.matrix === undefined ? undefined : oneOf(values.matrix, ['documents'] as const, 'documents', 'matrix', t);
        if (matrix && format !== 'csv') throw new UsageError(t('--matrix goes with --format csv'));
        if (values.quotes && format !== 'text') throw new UsageError(t('--quotes goes with --format text (the other formats always hold the quotes)'));
        const project = await openFolder(folder, io, locale, values.cache, values['max-size']);
        knownCoder(project, values.coder, t);
        const input = { ...project, locale, filter: { coder: values.coder } };
        if (format === 'json') io.out(jsonText(jsonReport(input)) + '\n');
        else if (format === 'markdown') io.out(markdownReport(input, { groupBy }));
        else if (format === 'html') io.out(htmlReport(input, { groupBy }));
        else if (format === 'csv') io.out('\uFEFF' + (matrix ? csvMatrixReport(input, separator) : csvReport(input, separator)));
        else io.out(textReport(input, { groupBy, quotes: values.quotes ?? false }));
        return 0;
      }
      case 'export': {
        const format = oneOf(values.format, ['qdpx', 'qdc', 'csv', 'md', 'html'] as const, 'qdpx', 'format', t);
        const separator = oneOf(values.separator, [',', ';'] as const, csvSeparatorOf(locale), 'separator', t);
        const groupBy = oneOf(values['group-by'], ['aspect', 'practice'] as const, 'aspect', 'group-by', t);
        const matrix = values.matrix === undefined ? undefined : oneOf(values.matrix, ['documents'] as const, 'documents', 'matrix', t);
        if (matrix && format !== 'csv') throw new UsageError(t('--matrix goes with --format csv'));
        if (values.key !== undefined && !values.pseudonymise) throw new UsageError(t('--key goes with --pseudonymise'));
        if (values.pseudonymise && values.key === undefined) throw new UsageError(t('name the key with --key FILE'));
        const key = values.key === undefined ? undefined : await readKeyFile(values.key, io, locale);
        if (typeof key === 'number') return key;
        const project = await openFolder(folder, io, locale, values.cache, values['max-size']);
        knownCoder(project, values.coder, t);
        return await runExport(project, { format, out: values.out, force: values.force ?? false, separator, groupBy, locale, coder: values.coder, pseudonymise: key, matrix }, io);
      }
      case 'import': {
        if (positionals.length === 0) throw new UsageError(t('name the files to import'));
        const options = { out: values.out, force: values.force ?? false, practice: values.practice, timestamps: values.timestamps ?? false, locale };
        // The names of the written files come from the imported files' names.
        return await runImport(positionals, options, { ...io, out: (text) => io.out(terminalText(text)) });
      }
      case 'pseudonymise': {
        const options = { keyFile: values.key, dryRun: values['dry-run'] ?? false, format: values.format };
        return await runPseudonymise(options, locale, io, () => openFolder(folder, io, locale, values.cache, values['max-size']));
      }
      case 'key':
        return await runKey({ keyFile: values.key, dryRun: values['dry-run'] ?? false }, locale, io, () => openFolder(folder, io, locale, values.cache, values['max-size']));
      case 'reidentify':
        return await runReidentify({ file: positionals[0], keyFile: values.key, out: values.out, force: values.force ?? false }, locale, io);
      default:
        throw new UsageError(t('unknown command "{0}"', command));
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`kader: ${error.message}\n${t('Run "kader --help" for usage.')}\n`);
      return 2;
    }
    io.err(`kader: ${t('unexpected error: {0}', (error as Error).stack ?? String(error))}\n`);
    return 70;
  }
}
