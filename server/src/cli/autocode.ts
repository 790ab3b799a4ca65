// `kader autocode FOLDER 'EXPR' '#code'` (or `--phrase TEXT`, `--speaker NAME`, `--heading TEXT`
// with the code): code every match at once. `--dry-run` prints each changed line before and
// after and writes nothing; without it the same lines are printed and each changed transcript
// is replaced atomically (a temporary file renamed into place). The matches and edits are the
// language service's (kader/autocode/preview and apply), as in VS Code.

import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../core/edits';
import { localize, type Translate } from '../core/l10n';
import { stripBom } from '../core/parse';
import { terminalLine } from '../core/outputs/outputEscaping';
import type { Locale } from '../core/types';
import type { AutocodeTarget } from '../protocol';
import type { Project } from '../workspace/project';
import type { CliIo } from './io';
import { readStored, replaceFile } from './privacy';

const OPTIONS = {
  phrase: { type: 'string' },
  speaker: { type: 'string' },
  heading: { type: 'string' },
  'dry-run': { type: 'boolean' },
  lang: { type: 'string' },
  cache: { type: 'string' },
  'max-size': { type: 'string' },
} as const;

function usageError(io: CliIo, t: Translate, message: string): number {
  io.err(`kader: ${message}\n${t('Run "kader --help" for usage.')}\n`);
  return 2;
}

/** The edits of a workspace edit, per URI (either form). */
function editsByUri(edit: WorkspaceEdit): Map<string, TextEdit[]> {
  const byUri = new Map<string, TextEdit[]>();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) byUri.set(uri, edits);
  for (const change of edit.documentChanges ?? []) if ('edits' in change) byUri.set(change.textDocument.uri, change.edits as TextEdit[]);
  return byUri;
}

export async function runAutocode(argv: string[], locale: Locale, io: CliIo, open: (folder: string, cache: string | undefined, maxSize: string | undefined) => Promise<Project>): Promise<number> {
  const t = localize(locale);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError(io, t, (error as Error).message);
  }
  const { values, positionals } = parsed;
  const given = (['phrase', 'speaker', 'heading'] as const).filter((k) => values[k] !== undefined);
  if (given.length > 1) return usageError(io, t, t('give one of --phrase, --speaker and --heading'));
  const kind = given[0];
  const wanted = kind ? 2 : 3;
  if (positionals.length !== wanted) {
    return usageError(io, t, kind ? t('name the folder and the code: kader autocode FOLDER --{0} TEXT "#code"', kind) : t('name the folder, what to code and the code: kader autocode FOLDER --phrase TEXT "#code"'));
  }
  const [folder, ...rest] = positionals as [string, ...string[]];
  const code = rest[rest.length - 1]!;
  const target: AutocodeTarget = kind ? { kind, text: values[kind]! } : { kind: 'query', text: rest[0]! };
  const project = await open(folder, values.cache, values['max-size']);
  const preview = await project.service.autocodePreview({ target, code });
  if (preview.message !== undefined) return usageError(io, t, preview.message);
  const toCode = preview.matches.filter((m) => !m.alreadyCoded);
  const already = preview.matches.length - toCode.length;
  const applied = await project.service.autocodeApply({ target, code, matches: toCode.map((m) => ({ uri: m.uri, range: m.range })) });
  const paths = new Map(preview.matches.map((m) => [m.uri, m.path]));
  const changed: { file: string; stored: Awaited<ReturnType<typeof readStored>>; text: string }[] = [];
  for (const [uri, edits] of editsByUri(applied.edit)) {
    const relative = paths.get(uri)!;
    const file = path.join(project.root, ...relative.split('/'));
    const stored = await readStored(file, project.root, project.maxBytes);
    if ('problem' in stored) {
      io.err(`kader: ${terminalLine(relative)}: ${t('skipped: {0}', stored.detail)}\n`);
      continue;
    }
    const before = stripBom(stored.text);
    const after = applyEdits(before, edits);
    // Auto-coding inserts within lines: line n before is line n after.
    const oldLines = before.split(/\r\n?|\n/);
    const newLines = after.split(/\r\n?|\n/);
    const lines = [...new Set(edits.map((e) => e.range.start.line))].sort((a, b) => a - b);
    for (const line of lines) {
      io.out(`${terminalLine(`${relative}:${line + 1}`)}\n- ${terminalLine(oldLines[line] ?? '')}\n+ ${terminalLine(newLines[line] ?? '')}\n`);
    }
    changed.push({ file, stored, text: after });
  }
  const files = changed.length === 1 ? t('1 file') : t('{0} files', changed.length);
  const codings = applied.coded === 1 ? t('1 coding') : t('{0} codings', applied.coded);
  const notes = [
    already > 0 ? t('{0} already coded', already) : undefined,
    preview.skipped > 0 ? t('{0} inside code or markup, left alone', preview.skipped) : undefined,
  ].filter((n): n is string => n !== undefined);
  const tail = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  if (values['dry-run']) {
    io.err(`kader: ${t('{0} in {1} would be written; nothing was written (--dry-run)', codings, files)}${tail}\n`);
    return 0;
  }
  for (const { file, stored, text } of changed) if (!('problem' in stored)) await replaceFile(file, stored, text);
  io.err(`kader: ${t('wrote {0} in {1}', codings, files)}${tail}\n`);
  return 0;
}
