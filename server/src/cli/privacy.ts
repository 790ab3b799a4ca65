// The privacy commands: `kader pseudonymise`, `kader reidentify` and `kader check --privacy`
// (the working tree, the staged transcripts, or the history).

import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { localize, type Translate } from '../core/l10n';
import { jsonText, terminalLine, terminalText } from '../core/outputs/outputEscaping';
import { parseTranscript, stripBom } from '../core/parse';
import { ALLOW_LIST_FILE, parseAllowList } from '../core/privacy/allowList';
import { findPersonalData, prepareDetection, type PreparedDetection } from '../core/privacy/detect';
import type { PrivacyFinding } from '../core/privacy/findings';
import { nameKey, nextPseudonym, parseKey, type Key } from '../core/privacy/key';
import { isRoleLabel, nameForms } from '../core/privacy/nameForms';
import { keyErrorMessage, privacyMessage } from '../core/privacy/messages';
import { pseudonymise, reidentify } from '../core/privacy/pseudonymise';
import type { Locale, Range } from '../core/types';
import { ExistsError, writeNew } from '../workspace/exchangeFiles';
import { isTranscriptPath, readProblemText } from '../core/fileText';
import { readText } from '../workspace/files';
import { blobText, GitError, historyVersions, stagedFiles, stagedText, type GitOptions } from '../workspace/git';
import type { Project } from '../workspace/project';
import type { CliIo } from './io';
import { gitWorkingTree, keyCreationProblem, readKeyFile, shown } from './privacyKey';

/** A finding as `kader check` reports every problem; `commit` only for one in the history. */
interface Row {
  path: string;
  commit?: string;
  range: Range;
  severity: 'warning' | 'information';
  rule: string;
  message: string;
}

const BOM = '\uFEFF';

/** Prints a usage error the way the rest of the CLI does; exit code 2. */
function usageError(io: CliIo, t: Translate, message: string): number {
  io.err(`kader: ${message}\n${t('Run "kader --help" for usage.')}\n`);
  return 2;
}

function rowsOf(file: string, findings: readonly PrivacyFinding[], locale: Locale, commit?: string): Row[] {
  return findings.map((f) => ({
    path: file,
    ...(commit === undefined ? {} : { commit }),
    range: f.range,
    severity: f.level === 'certain' ? 'warning' : 'information',
    rule: f.rule,
    message: privacyMessage(f, locale),
  }));
}

function rowLine(row: Row): string {
  const at = `${row.path}:${row.range.start.line + 1}:${row.range.start.character + 1}`;
  return `${terminalLine(`${at}: ${row.severity} ${row.rule}: ${row.message}`)}\n`;
}

function findingsIn(text: string, prepared: PreparedDetection): PrivacyFinding[] {
  const stripped = stripBom(text);
  return findPersonalData(stripped, parseTranscript(stripped), prepared);
}

/**
 * The project's allow-list (core/privacy/allowList.ts): the nearest `kader-privacy-allow.txt` in
 * `folder` or a folder above it, up to the top of its git working tree; none is no list.
 */
export async function readAllowList(folder: string): Promise<string[]> {
  const start = path.resolve(folder);
  const tree = gitWorkingTree(start);
  const top = tree !== undefined && (start === tree || start.startsWith(tree + path.sep)) ? tree : start;
  for (let dir = start; ; dir = path.dirname(dir)) {
    const read = await readText(path.join(dir, ALLOW_LIST_FILE));
    if (read.ok) return parseAllowList(read.text);
    if (dir === top || path.dirname(dir) === dir) return [];
  }
}

function folderProblem(root: string, folder: string, t: Translate): string | undefined {
  try {
    if (!statSync(root).isDirectory()) return t('"{0}" is not a folder', folder);
  } catch {
    return t('the folder "{0}" does not exist', folder);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// kader pseudonymise

export interface PseudonymiseCommand {
  keyFile?: string;
  dryRun: boolean;
  format?: string;
}

/** A transcript as read: its text, and how it was encoded, so that it is written back the same way. */
export interface Stored {
  text: string;
  utf16: boolean;
}

export async function readStored(file: string, root: string, maxBytes: number): Promise<Stored | { problem: string; detail: string }> {
  const read = await readText(file, maxBytes, root);
  if (!read.ok) return read;
  const head = new Uint8Array(2);
  const handle = await fs.open(file, 'r');
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  return { text: read.text, utf16: (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) };
}

/** Replaces `file` (through a link, its target) by a temporary file beside it, renamed into place. */
export async function replaceFile(file: string, stored: Stored, text: string): Promise<void> {
  const target = await fs.realpath(file);
  const { mode } = await fs.stat(target);
  const data = stored.utf16 ? Buffer.from(BOM + text, 'utf16le') : Buffer.from(stored.text.startsWith(BOM) ? BOM + text : text, 'utf8');
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.kader-tmp`);
  try {
    await fs.writeFile(temporary, data, { flag: 'wx', mode });
    await fs.rename(temporary, target);
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

export async function runPseudonymise(command: PseudonymiseCommand, locale: Locale, io: CliIo, open: () => Promise<Project>): Promise<number> {
  const t = localize(locale);
  const format = command.format ?? 'list';
  if (format !== 'list' && format !== 'diff') return usageError(io, t, t('--{0} must be one of {1} (got "{2}")', 'format', 'list, diff', format));
  if (command.keyFile === undefined) return usageError(io, t, t('name the key with --key FILE'));
  const key = await readKeyFile(command.keyFile, io, locale);
  if (typeof key === 'number') return key;
  const project = await open();
  const prepared = prepareDetection({ key, allowList: await readAllowList(project.root) });
  const left: Row[] = [];
  let changed = 0;
  let replacements = 0;
  const documents = [...project.index.all()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const document of documents) {
    const file = path.join(project.root, document.path);
    const stored = await readStored(file, project.root, project.maxBytes);
    if (!('text' in stored)) {
      io.err(`kader: ${terminalLine(document.path)}: ${t('skipped: {0}', readProblemText(stored, t))}\n`);
      continue;
    }
    const result = pseudonymise(stored.text, key, { prepared, locale });
    for (const row of rowsOf(document.path, result.left, locale)) left.push(row);
    if (result.edits.length === 0) continue;
    changed++;
    replacements += result.edits.length;
    if (format === 'diff') {
      io.out(terminalText(createTwoFilesPatch(`a/${document.path}`, `b/${document.path}`, stripBom(stored.text), result.text, undefined, undefined, { context: 1 })));
    } else {
      io.out(`${terminalLine(document.path)}\n`);
      const original = stripBom(stored.text);
      for (const edit of result.edits) {
        const at = `${edit.range.start.line + 1}:${edit.range.start.character + 1}`;
        io.out(`  ${terminalLine(`${at}: ${original.slice(edit.span.start, edit.span.end)} → ${edit.newText}`)}\n`);
      }
    }
    if (!command.dryRun) await replaceFile(file, stored, result.text);
  }
  if (left.length > 0) {
    io.out(`\n${t('Left alone (look at these yourself; add a name to the key to replace it):')}\n`);
    for (const row of left) io.out(rowLine(row));
  }
  const total = documents.length;
  if (changed === 0) io.err(`kader: ${t('nothing to change: the {0} transcripts hold no name of the key and no other certain personal data', total)}\n`);
  else if (command.dryRun) io.err(`kader: ${t('{0} of {1} transcripts would change ({2} replacements); nothing was written (--dry-run)', changed, total, replacements)}\n`);
  else io.err(`kader: ${t('{0} of {1} transcripts pseudonymised ({2} replacements)', changed, total, replacements)}\n`);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// kader key

export interface KeyCommand {
  keyFile?: string;
  dryRun: boolean;
}

/** A name as a YAML key: plain when YAML reads it back as the same text, else double-quoted. */
function yamlName(name: string): string {
  return /^[\p{L}\p{M}][\p{L}\p{M}\p{N} .'’-]*$/u.test(name) && !/\s$/.test(name) ? name : JSON.stringify(name);
}

/**
 * Adds every participant and speaker of the transcripts that is a name (not a role or label such as
 * `Interviewer` or `S1`) and that the key lacks, each with the next free pseudonym of its kind.
 * Creates the key when it is not there, but never inside a git working tree.
 */
export async function runKey(command: KeyCommand, locale: Locale, io: CliIo, open: () => Promise<Project>): Promise<number> {
  const t = localize(locale);
  if (command.keyFile === undefined) return usageError(io, t, t('name the key with --key FILE'));
  const file = path.resolve(io.cwd, command.keyFile);
  let existing: string | undefined;
  try {
    existing = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let key: Key = { entries: [] };
  if (existing === undefined) {
    const problem = keyCreationProblem(file, locale);
    if (problem !== undefined) {
      io.err(`kader: ${problem}\n`);
      return 2;
    }
  } else {
    const read = await readKeyFile(command.keyFile, io, locale);
    if (typeof read === 'number') return read;
    key = read;
  }
  const project = await open();
  // A first name or surname of someone in the key is that person, not a new one.
  const known = new Set(key.entries.flatMap((e) => [...nameForms(e.name).map((f) => f.words.join(' ')), ...[e.pseudonym, ...e.variants].map(nameKey)]));
  const lines: string[] = [];
  const documents = [...project.index.all()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const { model } of documents) {
    for (const name of [...model.frontMatter.participants, ...model.turns.map((turn) => turn.speaker)]) {
      const id = nameKey(name);
      if (isRoleLabel(name) || id === '' || known.has(id)) continue;
      known.add(id);
      const pseudonym = nextPseudonym(key, 'participant', locale);
      key = { entries: [...key.entries, { name: name.trim(), pseudonym, kind: 'participant', variants: [], line: 0 }] };
      lines.push(`${yamlName(name.trim())}: ${pseudonym}`);
    }
  }
  const shownKey = terminalLine(shown(io, file));
  if (lines.length === 0) {
    io.err(`kader: ${t('the key {0} has every participant of the {1} transcripts already', shownKey, documents.length)}\n`);
    return 0;
  }
  for (const line of lines) io.out(`${terminalLine(line)}\n`);
  const before = existing === undefined || existing === '' || existing.endsWith('\n') ? (existing ?? '') : `${existing}\n`;
  const text = before + lines.map((line) => `${line}\n`).join('');
  const { errors } = parseKey(text);
  if (errors.length > 0) {
    for (const error of errors) io.err(`kader: ${shownKey}: ${terminalLine(keyErrorMessage(error, locale))}\n`);
    io.err(`kader: ${t('the key cannot be used until it is corrected; nothing was written')}\n`);
    return 2;
  }
  if (command.dryRun) {
    io.err(`kader: ${t('{0} names would be added to the key {1}; nothing was written (--dry-run)', lines.length, shownKey)}\n`);
    return 0;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  await replaceKey(file, text);
  io.err(`kader: ${t('added {0} names to the key {1}: check them (a pseudonym may be changed), then run kader pseudonymise', lines.length, shownKey)}\n`);
  return 0;
}

/** Writes the key through a temporary file; a new key is readable by its owner only. */
async function replaceKey(file: string, text: string): Promise<void> {
  let mode = 0o600;
  try {
    mode = (await fs.stat(file)).mode & 0o777;
  } catch {
    // a new key
  }
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.kader-tmp`);
  try {
    await fs.writeFile(temporary, text, { flag: 'wx', mode });
    await fs.rename(temporary, file);
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// kader reidentify

export interface ReidentifyCommand {
  file?: string;
  keyFile?: string;
  out?: string;
  force: boolean;
}

export async function runReidentify(command: ReidentifyCommand, locale: Locale, io: CliIo): Promise<number> {
  const t = localize(locale);
  if (command.file === undefined) return usageError(io, t, t('name the transcript to reidentify'));
  if (command.keyFile === undefined) return usageError(io, t, t('name the key with --key FILE'));
  if (command.out === undefined) return usageError(io, t, t('name the folder for the copy with --out DIR (outside every git repository)'));
  const outDir = path.resolve(io.cwd, command.out);
  const tree = gitWorkingTree(outDir);
  if (tree !== undefined) {
    io.err(`kader: ${t('{0} is inside the git working tree {1}: a copy with the real names is never written into a repository. Choose a folder outside it.', terminalLine(shown(io, outDir)), terminalLine(tree))}\n`);
    return 2;
  }
  const key = await readKeyFile(command.keyFile, io, locale);
  if (typeof key === 'number') return key;
  const source = path.resolve(io.cwd, command.file);
  const read = await readText(source);
  if (!read.ok) {
    io.err(`kader: ${terminalLine(command.file)}: ${t('skipped: {0}', readProblemText(read, t))}\n`);
    return 1;
  }
  const result = reidentify(read.text, key);
  const target = path.join(outDir, path.basename(source));
  try {
    await writeNew(target, read.text.startsWith(BOM) ? BOM + result.text : result.text, command.force);
  } catch (error) {
    if (!(error instanceof ExistsError)) throw error;
    io.err(`kader: ${t('{0} already exists; use --force to replace it', terminalLine(shown(io, target)))}\n`);
    return 1;
  }
  io.err(`kader: ${t('wrote {0} ({1} names put back)', terminalLine(shown(io, target)), result.edits.length)}\n`);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// kader check --privacy

export interface PrivacyCheckCommand {
  folder: string;
  format?: string;
  keyFile?: string;
  staged: boolean;
  history: boolean;
}

export async function runPrivacyCheck(command: PrivacyCheckCommand, locale: Locale, io: CliIo, open: () => Promise<Project>): Promise<number> {
  const t = localize(locale);
  const format = command.format ?? 'text';
  if (format !== 'text' && format !== 'json') return usageError(io, t, t('--{0} must be one of {1} (got "{2}")', 'format', 'text, json', format));
  if (command.staged && command.history) return usageError(io, t, t('give --staged or --history, not both'));
  let key: Key | undefined;
  if (command.keyFile !== undefined) {
    const read = await readKeyFile(command.keyFile, io, locale);
    if (typeof read === 'number') return read;
    key = read;
  }
  const prepared = prepareDetection({ key, allowList: await readAllowList(path.resolve(io.cwd, command.folder)) });
  if (!command.staged && !command.history) {
    const project = await open();
    const texts: { path: string; text: string }[] = [];
    for (const document of project.index.all()) {
      const read = await readText(path.join(project.root, document.path), project.maxBytes, project.root);
      if (read.ok) texts.push({ path: document.path, text: read.text });
    }
    return report(texts, prepared, format, locale, io);
  }
  const root = path.resolve(io.cwd, command.folder);
  const problem = folderProblem(root, command.folder, t);
  if (problem !== undefined) return usageError(io, t, problem);
  const git: GitOptions = { untrusted: [io.cwd, root] };
  try {
    if (command.staged) {
      const texts: { path: string; text: string }[] = [];
      for (const relative of (await stagedFiles(root, git)).filter((p) => isTranscriptPath(p))) {
        texts.push({ path: relative, text: await stagedText(root, relative, git) });
      }
      const code = report(texts, prepared, format, locale, io);
      if (code === 1 && format === 'text') io.err(`kader: ${t('the commit is stopped: pseudonymise these transcripts (kader pseudonymise FOLDER --key FILE) and stage them again')}\n`);
      return code;
    }
    return await history(root, prepared, format, locale, io, git);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    io.err(`kader: ${t('git: {0}', terminalLine(error.message))}\n`);
    return 2;
  }
}

/** The findings of `texts` as `kader check` reports problems; exit 1 when a certain finding is among them. */
function report(texts: readonly { path: string; text: string }[], prepared: PreparedDetection, format: 'text' | 'json', locale: Locale, io: CliIo): number {
  const t = localize(locale);
  const rows: Row[] = [];
  for (const { path: file, text } of [...texts].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    for (const row of rowsOf(file, findingsIn(text, prepared), locale)) rows.push(row);
  }
  const certain = rows.filter((r) => r.severity === 'warning').length;
  if (format === 'json') io.out(jsonText(rows) + '\n');
  else {
    for (const row of rows) io.out(rowLine(row));
    io.err(`${t('{0} transcripts checked: {1} certain and {2} likely findings of personal data.', texts.length, certain, rows.length - certain)}\n`);
  }
  return certain > 0 ? 1 : 0;
}

/** The certain findings in every version of a transcript that a commit brought in, and how a team removes them. */
async function history(root: string, prepared: PreparedDetection, format: 'text' | 'json', locale: Locale, io: CliIo, git: GitOptions): Promise<number> {
  const t = localize(locale);
  const versions = (await historyVersions(root, git)).filter((v) => isTranscriptPath(v.path));
  const byBlob = new Map<string, PrivacyFinding[]>();
  const rows: Row[] = [];
  const found = new Map<string, { text: string; rule: string; places: Set<string> }>();
  // Oldest first: a name is listed under the commit that brought it in first.
  for (const version of [...versions].reverse()) {
    let findings = byBlob.get(version.blob);
    if (findings === undefined) {
      findings = findingsIn(await blobText(root, version.blob, git), prepared).filter((f) => f.level === 'certain');
      byBlob.set(version.blob, findings);
    }
    for (const row of rowsOf(version.path, findings, locale, version.commit)) rows.push(row);
    for (const finding of findings) {
      const text = finding.args['text'] ?? '';
      const id = `${finding.rule}\0${text}`;
      const entry = found.get(id) ?? { text, rule: finding.rule, places: new Set<string>() };
      found.set(id, entry);
      entry.places.add(`${version.commit.slice(0, 10)} ${version.path}`);
    }
  }
  if (format === 'json') io.out(jsonText(rows) + '\n');
  if (rows.length === 0) {
    io.err(`kader: ${t('no certain personal data in the {0} versions of transcripts in the history', byBlob.size)}\n`);
    return 0;
  }
  if (format === 'json') {
    io.err(removalAdvice(t));
    return 1;
  }
  io.out(`${t('Personal data in the history of this repository (every clone keeps it until the history is rewritten):')}\n`);
  for (const entry of found.values()) {
    io.out(`\n${terminalLine(`“${entry.text}”  ${entry.rule}`)}\n`);
    for (const place of entry.places) io.out(`  ${terminalLine(place)}\n`);
  }
  io.out(`\n${removalAdvice(t)}`);
  return 1;
}

/** How a team removes personal data from its history, step by step. */
function removalAdvice(t: Translate): string {
  const steps = [
    t('How a team removes it (Kader never rewrites history itself):'),
    t('1. Pseudonymise the transcripts now (kader pseudonymise FOLDER --key FILE) and commit; everyone pushes their work.'),
    t('2. Outside the repository, write a file with one line per name above: "Real Name==>Pseudonym" (a placeholder such as [e-mail] for an address or number).'),
    t('3. In a fresh clone, run: git filter-repo --replace-text FILE (https://github.com/newren/git-filter-repo); check with kader check --privacy --history.'),
    t('4. Push the rewritten history with --force; everyone deletes their clone and clones again. Forks, pull requests and the host\'s caches still hold the old commits: ask the host to remove them.'),
  ];
  return steps.map((step) => `${step}\n`).join('');
}
