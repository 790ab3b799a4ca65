// Hover on a code: its name and description from the codebook (or the built-in framework's
// dialogue question), and how it is used: fragments, practices, the practices that use it most.

import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { noPracticeLabel } from '../core/aggregate';
import { markdownText } from '../core/outputEscaping';
import type { Locale } from '../core/types';
import { codeAt, usageOf } from './codeAt';
import { guarded, type ServerContext } from './context';
import { strings } from './strings';
import type { Folder } from '../workspace/workspaceFolders';

const TOP_PRACTICES = 3;

/** The hover; with `markdown`, names and practices are escaped (the codebook's description is Markdown by design). */
export function hoverText(folder: Folder, code: string, locale: Locale, markdown = true): string {
  const words = strings(locale);
  const text = markdown ? markdownText : (s: string): string => s;
  const definition = folder.codebook.codes.find((c) => c.code === code);
  const parts: string[] = [];
  if (definition) {
    parts.push(`**${text(definition.name)}** \`#${code}\``);
    if (definition.description) parts.push(definition.description);
    if (folder.codebook.builtIn) parts.push(`_${words.builtIn}_`);
  } else {
    parts.push(`\`#${code}\``, words.notInCodebook);
  }
  const usage = usageOf(folder, code);
  if (usage.withSubcodes === 0) parts.push(words.notUsed);
  else {
    let line = words.usage(words.fragments(usage.fragments), words.practices(usage.practices.length));
    if (usage.withSubcodes > usage.fragments) line += words.withSubcodes(usage.withSubcodes);
    const top = usage.practices.slice(0, TOP_PRACTICES).map((p) => `${text(p.practice ?? noPracticeLabel(locale))} (${p.count})`);
    if (top.length > 0) line += `  \n${words.topPractices}: ${top.join(', ')}`;
    parts.push(line);
  }
  return parts.join('\n\n');
}

export function registerHover(context: ServerContext): void {
  context.connection.onHover(
    guarded(context, 'hover', async (params: HoverParams): Promise<Hover | null> => {
      await context.workspace.settled();
      const target = codeAt(context.workspace, params.textDocument.uri, params.position);
      if (!target) return null;
      context.workspace.syncAll();
      const value = hoverText(target.view.folder, target.token.code, context.locale(), context.client.markdownHover);
      return {
        contents: { kind: context.client.markdownHover ? MarkupKind.Markdown : MarkupKind.PlainText, value },
        range: target.token.range,
      };
    }),
  );
}
