// Hover on a code: its name, description and memo from the codebook (or the built-in framework's
// dialogue question), and how it is used: fragments, practices, the practices that use it most.

import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver-protocol';
import { noPracticeLabel } from '../core/index/aggregate';
import { markdownText } from '../core/outputs/outputEscaping';
import type { Locale } from '../core/types';
import { codeAt, usageOf } from './codeAt';
import type { Snapshot } from './snapshot';
import { localize } from '../core/l10n';
import type { Folder } from '../workspace/workspaceFolders';

const TOP_PRACTICES = 3;

/** The hover; with `markdown`, names and practices are escaped (the codebook's description is Markdown by design). */
export function hoverText(folder: Folder, code: string, locale: Locale, markdown = true): string {
  const t = localize(locale);
  const text = markdown ? markdownText : (s: string): string => s;
  const definition = folder.codebook.codes.find((c) => c.code === code);
  const parts: string[] = [];
  if (definition) {
    parts.push(`**${text(definition.name)}** \`#${code}\``);
    if (definition.description) parts.push(definition.description);
    if (definition.memo) parts.push(`**${t('Memo')}:** ${definition.memo}`);
    if (folder.codebook.builtIn) parts.push(`_${t('Built-in framework')}_`);
  } else {
    parts.push(`\`#${code}\``, t('Not in the codebook.'));
  }
  const usage = usageOf(folder, code);
  if (usage.withSubcodes === 0) parts.push(t('Not used yet.'));
  else {
    const fragments = usage.fragments === 1 ? t('1 fragment') : t('{0} fragments', usage.fragments);
    const practices = usage.practices.length === 1 ? t('1 practice') : t('{0} practices', usage.practices.length);
    let line = t('{0} in {1}', fragments, practices);
    if (usage.withSubcodes > usage.fragments) line += t(' ({0} with sub-codes)', usage.withSubcodes);
    const top = usage.practices.slice(0, TOP_PRACTICES).map((p) => `${text(p.practice ?? noPracticeLabel(locale))} (${p.count})`);
    if (top.length > 0) line += `  \n${t('Most in')}: ${top.join(', ')}`;
    parts.push(line);
  }
  return parts.join('\n\n');
}

/** The code under the cursor, its definition and its use; needs the workspace snapshot (usage counts). */
export function provideHover(s: Snapshot, params: HoverParams): Hover | null {
  const target = codeAt(s.workspace, params.textDocument.uri, params.position);
  if (!target) return null;
  const value = hoverText(target.view.folder, target.token.code, s.locale, s.client.markdownHover);
  return {
    contents: { kind: s.client.markdownHover ? MarkupKind.Markdown : MarkupKind.PlainText, value },
    range: target.token.range,
  };
}
