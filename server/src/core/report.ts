// Reports on an indexed project: the tree as text, a Markdown report with the quotes, one CSV
// row per fragment and code, and the whole as JSON. Shared by the CLI and the extension.

import { aspectTree, aspectsOf, filteredFragments, noPracticeLabel, summarize, type TreeFilter } from './aggregate';
import { aspectOf } from './codes';
import type { Codebook, Locale } from './types';
import { comparePractice, type WorkspaceIndex } from './workspaceIndex';

export interface ReportInput {
  index: WorkspaceIndex;
  codebook: Codebook;
  /** The codebook's path relative to the folder, or undefined for the built-in codebook. */
  codebookPath?: string;
  locale: Locale;
  filter?: TreeFilter;
}

const WORDS = {
  en: {
    title: 'Kader report',
    summary: (d: number, f: number, p: number) => `${d} transcripts, ${f} coded fragments, ${p} practices.`,
    fragments: (n: number) => (n === 1 ? '1 fragment' : `${n} fragments`),
    none: 'No fragments yet.',
    builtIn: 'built-in framework',
  },
  nl: {
    title: 'Kader-rapport',
    summary: (d: number, f: number, p: number) => `${d} transcripten, ${f} gecodeerde fragmenten, ${p} praktijken.`,
    fragments: (n: number) => (n === 1 ? '1 fragment' : `${n} fragmenten`),
    none: 'Nog geen fragmenten.',
    builtIn: 'ingebouwd kader',
  },
} as const;

/** The aspects → sub-codes → practices tree with counts, as the Aspects view shows it. */
export function textReport(input: ReportInput): string {
  const lines: string[] = [];
  const walk = (nodes: ReturnType<typeof aspectTree>, depth: number): void => {
    for (const node of nodes) {
      if (node.kind === 'fragment') continue;
      const code = node.code && node.kind !== 'practice' ? ` #${node.code}` : '';
      lines.push(`${'  '.repeat(depth)}${node.label}${code}  ${node.count}`);
      walk(node.children, depth + 1);
    }
  };
  walk(aspectTree(input.index, input.codebook, input.filter ?? {}, input.locale), 0);
  return lines.join('\n') + '\n';
}

function lineOf(range: { start: { line: number } }): number {
  return range.start.line + 1;
}

/** A readable report with the quotes per aspect and practice. */
export function markdownReport(input: ReportInput): string {
  const { index, codebook, locale } = input;
  const words = WORDS[locale];
  const refs = filteredFragments(index, input.filter);
  const out: string[] = [`# ${words.title}`, '', words.summary(index.size, refs.length, index.practices().length), ''];
  for (const aspect of aspectsOf(codebook, index.usedCodes())) {
    const definition = codebook.codes.find((c) => c.code === aspect);
    const within = refs.filter((r) => r.fragment.codes.some((c) => aspectOf(c) === aspect));
    out.push(`## ${definition?.name ?? aspect} (\`#${aspect}\`) — ${words.fragments(within.length)}`, '');
    if (definition?.shortDescription) out.push(`> ${definition.shortDescription}`, '');
    if (within.length === 0) {
      out.push(`_${words.none}_`, '');
      continue;
    }
    const practices = [...new Set(within.map((r) => r.document.practice))].sort(comparePractice);
    for (const practice of practices) {
      const list = within.filter((r) => r.document.practice === practice);
      out.push(`### ${practice ?? noPracticeLabel(locale)} — ${words.fragments(list.length)}`, '');
      for (const ref of list) {
        const codes = ref.fragment.codes.filter((c) => aspectOf(c) === aspect && c !== aspect).map((c) => `\`#${c}\``);
        const who = ref.fragment.speaker ? `**${ref.fragment.speaker}**, ` : '';
        const where = `[${ref.document.path}:${lineOf(ref.fragment.content.range)}](${encodeURI(ref.document.path)}#L${lineOf(ref.fragment.content.range)})`;
        out.push(`- “${ref.fragment.text}” — ${who}${where}${codes.length ? ` ${codes.join(' ')}` : ''}`);
        if (ref.fragment.memo) out.push(`  - _${ref.fragment.memo}_`);
      }
      out.push('');
    }
  }
  return out.join('\n');
}

/** Quotes a CSV field when it needs it (RFC 4180). */
export function csvField(value: string, separator: string): string {
  return /[",\r\n;]/.test(value) || value.includes(separator) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One row per fragment and code. */
export function csvReport(input: ReportInput, separator = ','): string {
  const header = ['file', 'practice', 'coder', 'speaker', 'code', 'aspect', 'kind', 'text', 'memo', 'line'];
  const rows = [header.join(separator)];
  for (const ref of filteredFragments(input.index, input.filter)) {
    for (const code of ref.fragment.codes) {
      const row = [
        ref.document.path,
        ref.document.practice ?? '',
        ref.document.coder ?? '',
        ref.fragment.speaker ?? '',
        code,
        aspectOf(code),
        ref.fragment.kind,
        ref.fragment.text,
        ref.fragment.memo ?? '',
        String(lineOf(ref.fragment.content.range)),
      ];
      rows.push(row.map((field) => csvField(field, separator)).join(separator));
    }
  }
  return rows.join('\r\n') + '\r\n';
}

export function jsonReport(input: ReportInput): unknown {
  const { index, codebook } = input;
  const refs = filteredFragments(index, input.filter);
  const aspects = aspectsOf(codebook, index.usedCodes()).map((aspect) => {
    const practices: Record<string, number> = {};
    let fragments = 0;
    for (const ref of refs) {
      if (!ref.fragment.codes.some((c) => aspectOf(c) === aspect)) continue;
      fragments++;
      const name = ref.document.practice ?? noPracticeLabel(input.locale);
      practices[name] = (practices[name] ?? 0) + 1;
    }
    return { code: aspect, fragments, practices };
  });
  return {
    codebook: {
      path: input.codebookPath ?? null,
      codes: codebook.codes.map((c) => ({ code: c.code, name: c.name, color: c.color ?? null, description: c.description })),
    },
    documents: index.all().map((d) => ({
      path: d.path,
      practice: d.practice ?? null,
      coder: d.coder ?? null,
      attributes: d.attributes,
      fragments: d.fragments.length,
    })),
    fragments: refs.map((ref) => {
      const s = summarize(ref);
      return {
        path: s.path,
        practice: s.practice ?? null,
        coder: s.coder ?? null,
        speaker: s.speaker ?? null,
        codes: s.codes,
        kind: s.kind,
        text: s.text,
        memo: s.memo ?? null,
        range: s.range,
      };
    }),
    aspects,
  };
}
