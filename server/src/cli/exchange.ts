// `kader export` and `kader import`.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { WorkspaceIndex } from '../core/index/workspaceIndex';
import { localize, type Translate } from '../core/l10n';
import { parseTranscript } from '../core/parse';
import { prepareDetection } from '../core/privacy/detect';
import type { Key } from '../core/privacy/key';
import { pseudonymise } from '../core/privacy/pseudonymise';
import { readAllowList } from './privacy';
import type { Locale } from '../core/types';
import { exportBytes, importTargetName, type ExportFormat, type ExportSource } from '../core/outputs/exchange/exchange';
import type { ImportedFile } from '../core/outputs/exchange/transcriptWriter';
import { ExistsError, importFile, writeNew } from '../workspace/exchangeFiles';
import type { Project } from '../workspace/project';
import type { CliIo } from './io';

type ExchangeIo = Pick<CliIo, 'out' | 'err' | 'cwd'>;

const OUTPUT_NAME: Record<ExportFormat, string> = { qdpx: 'project.qdpx', qdc: 'codebook.qdc', csv: 'fragments.csv', md: 'report.md', html: 'report.html' };

/** The transcripts as the loaded folder reads them again (an export holds their full text). */
function diskExportSource(project: Project): ExportSource {
  return {
    name: path.basename(project.root),
    index: project.index,
    codebook: project.codebook,
    textOf: async (document) => (await project.service.workspace.textOf(document.key))?.text ?? '',
  };
}

export async function runExport(
  project: Project,
  options: { format: ExportFormat; out?: string; force: boolean; separator: ',' | ';'; groupBy: 'aspect' | 'practice'; locale: Locale; coder?: string; pseudonymise?: Key; matrix?: 'documents' },
  io: ExchangeIo,
): Promise<number> {
  const t = localize(options.locale);
  const file = path.resolve(io.cwd, options.out ?? (options.matrix ? 'matrix.csv' : OUTPUT_NAME[options.format]));
  const source = options.pseudonymise ? await pseudonymised(diskExportSource(project), options.pseudonymise, await readAllowList(project.root), options.locale) : diskExportSource(project);
  // The journal is the researcher's own text, not pseudonymised: a pseudonymised export leaves it out.
  const input = { ...project, journal: options.pseudonymise ? [] : project.journal, index: source.index, locale: options.locale, filter: { coder: options.coder } };
  const bytes = await exportBytes(source, input, { format: options.format, separator: options.separator, groupBy: options.groupBy, matrix: options.matrix });
  try {
    await writeNew(file, bytes, options.force);
  } catch (error) {
    if (error instanceof ExistsError) {
      io.err(`kader: ${t('{0} already exists; use --force to replace it', path.relative(io.cwd, file) || file)}\n`);
      return 1;
    }
    throw error;
  }
  io.err(`kader: ${t('wrote {0} ({1})', path.relative(io.cwd, file), project.index.size === 1 ? t('1 transcript') : t('{0} transcripts', project.index.size))}\n`);
  return 0;
}

/** The source with every transcript pseudonymised with `key` (the project's allow-list honoured), in memory: its texts and an index of their models. */
async function pseudonymised(source: ExportSource, key: Key, allowList: string[], locale: Locale): Promise<ExportSource> {
  const prepared = prepareDetection({ key, allowList });
  const index = new WorkspaceIndex();
  const texts = new Map<string, string>();
  for (const document of source.index.all()) {
    const { text } = pseudonymise(await source.textOf(document), key, { prepared, locale });
    texts.set(document.key, text);
    index.set(document.key, document.path, parseTranscript(text));
  }
  return { ...source, index, textOf: async (document) => texts.get(document.key) ?? '' };
}

export async function runImport(
  files: string[],
  options: { out?: string; force: boolean; practice?: string; timestamps: boolean; locale: Locale },
  io: ExchangeIo,
): Promise<number> {
  const t = localize(options.locale);
  let failed = 0;
  const outDir = path.resolve(io.cwd, options.out ?? '.');
  for (const name of files) {
    const file = path.resolve(io.cwd, name);
    let result;
    try {
      result = await importFile(file, { practice: options.practice, timestamps: options.timestamps, locale: options.locale });
    } catch (error) {
      result = { ok: false as const, message: `${name}: ${(error as Error).message}` };
    }
    if (!result.ok) {
      io.err(`kader: ${name}: ${result.message}\n`);
      failed++;
      continue;
    }
    if (result.files) {
      if (!(await writeProject(name, result.files, result.notes ?? [], outDir, options.force, io, t))) failed++;
      continue;
    }
    const target = path.join(outDir, importTargetName(file));
    try {
      await writeNew(target, result.markdown, options.force);
      io.out(`${path.relative(io.cwd, target)}\n`);
      for (const note of result.notes ?? []) io.err(`kader: ${name}: ${note}\n`);
    } catch (error) {
      if (!(error instanceof ExistsError)) throw error;
      io.err(`kader: ${t('{0} already exists; use --force to replace it', path.relative(io.cwd, target))}\n`);
      failed++;
    }
  }
  return failed > 0 ? 1 : 0;
}

/**
 * Writes the files of a project import into `outDir`: none at all when one of them exists
 * (unless `force`), none outside `outDir`. Prints each file written, then what was not
 * represented exactly.
 */
async function writeProject(name: string, files: ImportedFile[], notes: string[], outDir: string, force: boolean, io: ExchangeIo, t: Translate): Promise<boolean> {
  const targets = files.map((file) => ({ file, target: path.join(outDir, file.name) }));
  const outside = targets.find(({ file, target }) => !/^[^/\\]+$/.test(file.name) || file.name === '..' || path.dirname(target) !== outDir);
  if (outside) {
    io.err(`kader: ${name}: ${t('{0} is not a file name in the folder imported into', outside.file.name)}\n`);
    return false;
  }
  if (!force) {
    const existing: string[] = [];
    for (const { target } of targets) if (await exists(target)) existing.push(path.relative(io.cwd, target));
    if (existing.length > 0) {
      for (const file of existing) io.err(`kader: ${t('{0} already exists; use --force to replace it', file)}\n`);
      io.err(`kader: ${name}: ${t('nothing was written')}\n`);
      return false;
    }
  }
  for (const { file, target } of targets) {
    await writeNew(target, file.text, force);
    io.out(`${path.relative(io.cwd, target)}\n`);
  }
  for (const note of notes) io.err(`kader: ${name}: ${note}\n`);
  return true;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}
