// The codebook (SYNTAX.md §8): each heading that ends in an attribute block with one code
// defines that code. Without a codebook.md the built-in framework applies.

import { readChunk } from './chunk';
import { FRAMEWORK } from './framework';
import { LineIndex, stripBom } from './text';
import { parseTranscript } from './transcript';
import type { CodeDefinition, Codebook, Diagnostic, Locale } from './types';

const COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

export function builtInCodebook(locale: Locale): Codebook {
  return {
    builtIn: true,
    codes: FRAMEWORK.map((entry) => ({
      code: entry.code,
      name: entry.name[locale],
      color: entry.color,
      description: entry.question[locale],
      shortDescription: entry.question[locale],
    })),
    diagnostics: [],
  };
}

export function parseCodebook(text: string): Codebook {
  const model = parseTranscript(text);
  const source = stripBom(text);
  const lines = new LineIndex(source);
  const codes: CodeDefinition[] = [];
  const byCode = new Map<string, CodeDefinition>();
  const diagnostics: Diagnostic[] = model.diagnostics.filter((d) => d.rule !== 'stray-attributes');
  const headingAt = new Map(model.headings.map((h, i) => [h.span.start, i]));
  const tokenOf = new Map(model.codes.map((c) => [c.fragment, c]));

  for (const fragment of model.fragments) {
    if (fragment.kind !== 'section' || fragment.codes.length !== 1) continue;
    const code = fragment.codes[0]!;
    const index = headingAt.get(fragment.full.span.start)!;
    const heading = model.headings[index]!;
    const token = tokenOf.get(fragment.id)!;
    const previous = byCode.get(code);
    if (previous) {
      const line = String((previous.definition?.range.start.line ?? 0) + 1);
      diagnostics.push({ rule: 'codebook-duplicate', severity: 'error', span: token.span, range: token.range, args: { code, line } });
      continue;
    }
    const nextHeading = model.headings[index + 1]?.span.start ?? source.length;
    const description = source.slice(heading.span.end, nextHeading).trim();
    const firstParagraph = description.split(/\r?\n[ \t]*\r?\n|\r[ \t]*\r/)[0] ?? '';
    const definition: CodeDefinition = {
      code,
      name: heading.text,
      description,
      shortDescription: readChunk(firstParagraph).blocks.map((b) => b.text).join(' '),
      definition: lines.located(heading.span),
      codeToken: { span: token.span, range: token.range },
    };
    const color = fragment.attributes['color'];
    if (color !== undefined) {
      if (COLOR.test(color)) definition.color = color;
      else diagnostics.push({ rule: 'codebook-color', severity: 'warning', ...lines.located(fragment.attributeBlock), args: { color } });
    }
    byCode.set(code, definition);
    codes.push(definition);
  }
  const title = model.frontMatter.attributes['title'];
  return { builtIn: false, title: typeof title === 'string' ? title : undefined, codes, diagnostics };
}
