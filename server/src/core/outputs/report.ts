// Reports on an indexed project: the tree as text, a Markdown report with the quotes, one CSV
// row per fragment and code, and the whole as JSON. Shared by the CLI and the extension.

import { aspectTree, aspectsOf, filteredFragments, noPracticeLabel, practiceTree, summarize, type FragmentSummary, type FullTreeNode, type TreeFilter } from '../index/aggregate';
import { conversationsOf, leftOutCodings } from '../index/conversations';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Element, Root, RootContent } from 'hast';
import { aspectOf } from '../codes';
import { localize, type Translate } from '../l10n';
import { familyMatrices, familyMatrixMarkdown, LEARNING_FAMILIES, type FamilyMatrix } from './learningLevels';
import { quoteParts } from './quoteTurns';
import { csvRow, isRelativeHref, markdownCode, markdownFileLink, markdownText, terminalLine, type CsvCell } from './outputEscaping';
import type { Codebook, Locale } from '../types';
import type { JournalEntry } from '../index/memos';
import { comparePractice, type FragmentRef, type WorkspaceIndex } from '../index/workspaceIndex';

export interface ReportInput {
  index: WorkspaceIndex;
  codebook: Codebook;
  /** The codebook's path relative to the folder, or undefined for the built-in codebook. */
  codebookPath?: string;
  locale: Locale;
  filter?: TreeFilter;
  /** The project journal (`memos/`), in path order: the reports' appendix. */
  journal?: JournalEntry[];
}

const fragments = (t: Translate, n: number): string => (n === 1 ? t('1 fragment') : t('{0} fragments', n));

function summary(t: Translate, documents: number, coded: number, practices: number): string {
  return t(
    '{0}, {1}, {2}.',
    documents === 1 ? t('1 transcript') : t('{0} transcripts', documents),
    coded === 1 ? t('1 coded fragment') : t('{0} coded fragments', coded),
    practices === 1 ? t('1 practice') : t('{0} practices', practices),
  );
}

export interface TextReportOptions {
  /** Aspect → sub-code → practice (the default, as the Aspects view), or practice → aspect → sub-code (as the Practices view). */
  groupBy?: 'aspect' | 'practice';
  /** Each quote under its code: its text, speaker, transcript and line. */
  quotes?: boolean;
}

/** One line of a quote for the terminal: its text on one line, then speaker, transcript and line. */
function quoteLine(fragment: FragmentSummary): string {
  const text = fragment.text.replace(/\s*[\r\n]+\s*/g, ' ');
  const who = fragment.speaker ? `${fragment.speaker}, ` : '';
  return terminalLine(`“${text}” — ${who}${fragment.path}:${lineOf(fragment.range)}`);
}

/** The aspects → sub-codes → practices tree with counts, as the Aspects view shows it (or the Practices view's tree). */
export function textReport(input: ReportInput, options: TextReportOptions = {}): string {
  const t = localize(input.locale);
  const lines: string[] = [];
  const walk = (nodes: FullTreeNode[], depth: number): void => {
    for (const node of nodes) {
      if (node.kind === 'fragment') {
        if (!options.quotes || !node.fragment) continue;
        lines.push(`${'  '.repeat(depth)}${quoteLine(node.fragment)}`);
        if (node.fragment.memo) lines.push(`${'  '.repeat(depth + 1)}${terminalLine(t('memo: {0}', node.fragment.memo.replace(/\s*[\r\n]+\s*/g, ' ')))}`);
        continue;
      }
      // The fragments coded with an aspect itself are listed right under it (per practice in the aspect tree).
      if (node.kind === 'direct') {
        walk(node.children, depth);
        continue;
      }
      const code = node.code && node.kind !== 'practice' ? ` #${node.code}` : '';
      lines.push(`${'  '.repeat(depth)}${terminalLine(`${node.label}${code}`)}  ${node.count}`);
      walk(node.children, depth + 1);
    }
  };
  const tree = options.groupBy === 'practice' ? practiceTree : aspectTree;
  walk(tree(input.index, input.codebook, input.filter ?? {}, input.locale), 0);
  const note = leftOutNote(input, t, (s) => s, (s) => s).map(terminalLine);
  if (note.length > 0) lines.push('', ...note.slice(0, -1));
  if (options.quotes) lines.push(...memoLines(input, t));
  return lines.join('\n') + '\n';
}

const oneLine = (text: string): string => terminalLine(text.replace(/\s*[\r\n]+\s*/g, ' '));

/** The memos of codes and transcripts and the journal's entries, for the terminal (empty without any). */
function memoLines(input: ReportInput, t: Translate): string[] {
  const lines: string[] = [];
  const codes = input.codebook.codes.filter((c) => c.memo);
  if (codes.length > 0) lines.push('', t('Code memos:'), ...codes.map((c) => `  ${oneLine(`${c.name} #${c.code}: ${c.memo!}`)}`));
  const transcripts = transcriptMemos(input);
  if (transcripts.length > 0) lines.push('', t('Transcript memos:'), ...transcripts.map((d) => `  ${oneLine(`${d.path}: ${d.memo}`)}`));
  const journal = input.journal ?? [];
  if (journal.length > 0) {
    lines.push('', t('Journal:'));
    for (const entry of journal) {
      const named = [...new Set(entry.codes.map((c) => `#${c.code}`))];
      const linked = [...new Set(entry.links.map((l) => l.path))];
      lines.push(`  ${oneLine(`${entry.path} — ${entry.title}`)}`);
      if (named.length > 0) lines.push(`    ${oneLine(t('codes: {0}', named.join(', ')))}`);
      if (linked.length > 0) lines.push(`    ${oneLine(t('transcripts: {0}', linked.join(', ')))}`);
    }
  }
  return lines;
}

/** The transcripts with a memo (their front matter's `memo:`), in path order. */
function transcriptMemos(input: ReportInput): { path: string; memo: string }[] {
  return input.index
    .all()
    .filter((d) => d.model.frontMatter.memo !== undefined)
    .map((d) => ({ path: d.path, memo: d.model.frontMatter.memo! }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A memo as escaped Markdown paragraphs: its paragraphs kept, each on one line, nothing in it read as Markdown. */
function memoParagraphs(text: string): string[] {
  return text
    .split(/\r?\n[ \t]*\r?\n|\r[ \t]*\r/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .flatMap((p) => [markdownText(p), '']);
}

/** The Markdown report's memo sections: the codes' and transcripts' memos, then the journal as an appendix. */
function memoSections(input: ReportInput, t: Translate): string[] {
  const out: string[] = [];
  const codes = input.codebook.codes.filter((c) => c.memo);
  if (codes.length > 0) {
    out.push(`## ${t('Code memos')}`, '');
    for (const c of codes) out.push(`### ${markdownText(c.name)} (${markdownCode(`#${c.code}`)})`, '', ...memoParagraphs(c.memo!));
  }
  const transcripts = transcriptMemos(input);
  if (transcripts.length > 0) {
    out.push(`## ${t('Transcript memos')}`, '');
    for (const d of transcripts) out.push(`### ${markdownFileLink(d.path, d.path)}`, '', ...memoParagraphs(d.memo));
  }
  const journal = input.journal ?? [];
  if (journal.length > 0) {
    out.push(`## ${t('Journal')}`, '');
    for (const entry of journal) {
      out.push(`### ${markdownText(entry.title)}`, '');
      const named = [...new Set(entry.codes.map((c) => markdownCode(`#${c.code}`)))];
      const linked = [...new Map(entry.links.map((l) => [l.path, markdownFileLink(l.label, l.path)])).values()];
      const about = [markdownFileLink(entry.path, entry.path), ...named, ...linked];
      out.push(about.join(' · '), '');
      // The entry's own title is the heading above.
      out.push(...memoParagraphs(entry.text.replace(/^ {0,3}#{1,6}[ \t]+[^\r\n]*(?:\r\n?|\n|$)/, '')));
    }
  }
  return out;
}

function lineOf(range: { start: { line: number } }): number {
  return range.start.line + 1;
}

export interface MarkdownReportOptions {
  /** Aspect → practice → quotes (the default), or practice → aspect → quotes. */
  groupBy?: 'aspect' | 'practice';
}

/**
 * A readable report: a cover with the counts (and the aspects against the learning level and loop
 * when those codes are used), then the quotes per aspect and practice.
 */
/** The second codings of a conversation that the counts leave out, and how to say whose coding counts. */
function leftOutNote(input: ReportInput, t: Translate, code = markdownCode, text = markdownText): string[] {
  if (input.filter?.coder) return [];
  const left = leftOutCodings(input.index);
  if (left.length === 0) return [];
  const lines = left.map((l) => {
    const who = l.coder ? ` (${text(l.coder)})` : '';
    if (!l.countedPath) return `- ${code(l.path)}${who}: ${t('its front matter says counted: false')}`;
    const counted = `${code(l.countedPath)}${l.countedCoder ? ` (${text(l.countedCoder)})` : ''}`;
    return `- ${code(l.path)}${who}: ${l.chosen ? t('{0} counts (the first coder by name)', counted) : t('{0} counts', counted)}`;
  });
  const out = [t('Each conversation is counted once. These codings are left out of the counts:'), '', ...lines, ''];
  if (left.some((l) => l.chosen)) out.push(t('Say whose coding counts with {0} in its front matter; {1} shows one coder’s coding of every conversation.', code('counted: true'), code('--coder NAME')), '');
  return out;
}

export function markdownReport(input: ReportInput, options: MarkdownReportOptions = {}): string {
  const { index, codebook, locale } = input;
  const t = localize(locale);
  const refs = filteredFragments(index, input.filter);
  const aspects = aspectsOf(codebook, index.usedCodes());
  const practices = [...new Set(refs.map((r) => r.document.practice))].sort(comparePractice);
  const practiceName = (p: string | undefined): string => p ?? noPracticeLabel(locale);
  const aspectName = (a: string): string => codebook.codes.find((c) => c.code === a)?.name ?? a;
  const hasAspect = (ref: FragmentRef, aspect: string): boolean => ref.fragment.codes.some((c) => aspectOf(c) === aspect);

  const out: string[] = [`# ${t('Kader report')}`, '', summary(t, index.size, refs.length, index.practices().length), ''];
  out.push(...leftOutNote(input, t));
  // The cover: fragments per aspect and practice.
  out.push(`| ${t('Aspect')} | ${practices.map((p) => markdownText(practiceName(p))).join(' | ')} | ${t('Total')} |`);
  out.push(`|---|${practices.map(() => '---:|').join('')}---:|`);
  // The learning level and loop have their own tables below.
  for (const aspect of aspects.filter((a) => !LEARNING_FAMILIES.includes(a))) {
    const counts = practices.map((p) => refs.filter((r) => r.document.practice === p && hasAspect(r, aspect)).length);
    out.push(`| ${markdownText(aspectName(aspect))} | ${counts.join(' | ')} | ${refs.filter((r) => hasAspect(r, aspect)).length} |`);
  }
  out.push('');
  for (const matrix of familyMatrices(refs, codebook, aspects, practices)) {
    out.push(`## ${t('Aspects × {0}', markdownText(aspectName(matrix.family)))}`, '');
    out.push(t('Fragments coded with the aspect, per code of {0} on the fragment itself, on a passage around it or on one inside it.', markdownCode(`#${matrix.family}`)), '');
    out.push(familyMatrixMarkdown(matrix, aspectName, practices.map(practiceName), locale));
  }

  const quotes = (list: FragmentRef[], aspect: string): void => {
    for (const ref of list) {
      const codes = ref.fragment.codes.filter((c) => aspectOf(c) === aspect && c !== aspect).map((c) => markdownCode(`#${c}`));
      const who = ref.fragment.speaker ? `**${markdownText(ref.fragment.speaker)}**, ` : '';
      const line = lineOf(ref.fragment.content.range);
      const where = markdownFileLink(`${ref.document.path}:${line}`, ref.document.path, `L${line}`);
      const tail = `${where}${codes.length ? ` ${codes.join(' ')}` : ''}`;
      const parts = quoteParts(ref);
      if (parts.length === 1 && parts[0]!.speaker === ref.fragment.speaker) {
        out.push(`- “${markdownText(parts[0]!.text)}” — ${who}${tail}`);
      } else {
        // Turn by turn: a section or block that holds several.
        out.push(`- ${tail}`);
        for (const part of parts) out.push(`  - ${part.speaker !== undefined ? `**${markdownText(part.speaker)}:** ` : ''}“${markdownText(part.text)}”`);
      }
      if (ref.fragment.memo) out.push(`  - _${markdownText(ref.fragment.memo)}_`);
    }
    out.push('');
  };
  if (options.groupBy === 'practice') {
    for (const practice of practices) {
      const inPractice = refs.filter((r) => r.document.practice === practice);
      out.push(`## ${markdownText(practiceName(practice))} — ${fragments(t, inPractice.length)}`, '');
      for (const aspect of aspects) {
        const list = inPractice.filter((r) => hasAspect(r, aspect));
        if (list.length === 0) continue;
        out.push(`### ${markdownText(aspectName(aspect))} (${markdownCode(`#${aspect}`)}) — ${fragments(t, list.length)}`, '');
        quotes(list, aspect);
      }
    }
    out.push(...memoSections(input, t));
    return out.join('\n');
  }
  for (const aspect of aspects) {
    const definition = codebook.codes.find((c) => c.code === aspect);
    const within = refs.filter((r) => hasAspect(r, aspect));
    out.push(`## ${markdownText(aspectName(aspect))} (${markdownCode(`#${aspect}`)}) — ${fragments(t, within.length)}`, '');
    if (definition?.shortDescription) out.push(`> ${markdownText(definition.shortDescription)}`, '');
    if (within.length === 0) {
      out.push(`_${t('No fragments yet.')}_`, '');
      continue;
    }
    for (const practice of practices) {
      const list = within.filter((r) => r.document.practice === practice);
      if (list.length === 0) continue;
      out.push(`### ${markdownText(practiceName(practice))} — ${fragments(t, list.length)}`, '');
      quotes(list, aspect);
    }
  }
  out.push(...memoSections(input, t));
  return out.join('\n');
}

/**
 * Keeps the links the report makes itself, relative file links, and turns any other link into its
 * text and any image into its alternative text. The Markdown is escaped already; this holds even
 * where a reader would autolink a bare address.
 */
function onlyRelativeLinks() {
  const clean = (nodes: RootContent[]): RootContent[] =>
    nodes.flatMap((node): RootContent[] => {
      if (node.type !== 'element') return [node];
      if (node.tagName === 'img') return [{ type: 'text', value: String(node.properties['alt'] ?? '') }];
      node.children = clean(node.children) as Element['children'];
      if (node.tagName === 'a' && !(typeof node.properties['href'] === 'string' && isRelativeHref(node.properties['href']))) return node.children;
      return [node];
    });
  return (tree: Root): void => {
    tree.children = clean(tree.children);
  };
}

/** The same report as a standalone HTML page (no scripts, no remote resources, only relative links). */
export function htmlReport(input: ReportInput, options: MarkdownReportOptions = {}): string {
  // As in the Markdown, a `](` in the text is written so that it does not even look like a link.
  const body = String(
    unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(onlyRelativeLinks).use(rehypeStringify).processSync(markdownReport(input, options)),
  ).replace(/\]\(/g, ']&#x28;');
  const title = localize(input.locale)('Kader report');
  return `<!DOCTYPE html>
<html lang="${input.locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; color: #1e1e1e; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: .25rem .5rem; } td { text-align: right; } td:first-child { text-align: left; }
blockquote { color: #555; border-left: 4px solid #ddd; margin-left: 0; padding-left: 1rem; }
@media (prefers-color-scheme: dark) { body { background: #1e1e1e; color: #ddd; } blockquote { color: #aaa; } }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * The aspect × learning-level matrices of the report's fragments, when the codebook has a learning
 * family (`niveau`, `lus`) or the fragments use one; undefined otherwise. Rows are the report's
 * aspects, the practices those of its fragments in report order.
 */
function learningLevelMatrices(input: ReportInput): { matrices: FamilyMatrix[]; practices: (string | undefined)[] } | undefined {
  const refs = filteredFragments(input.index, input.filter);
  const aspects = aspectsOf(input.codebook, input.index.usedCodes());
  const practices = [...new Set(refs.map((r) => r.document.practice))].sort(comparePractice);
  const matrices = familyMatrices(refs, input.codebook, aspects, practices);
  if (matrices.length === 0 && !input.codebook.codes.some((c) => LEARNING_FAMILIES.includes(c.code))) return undefined;
  return { matrices, practices };
}

/**
 * One row per fragment and code; every text cell neutralised against formulas, the line a number;
 * a `transcript_memo` column last when a transcript has a memo.
 * With a learning family, a second table follows after an empty line: one row per aspect, level
 * and practice with its number of fragments (as the report's "Aspects × level" tables count them).
 */
export function csvReport(input: ReportInput, separator = ','): string {
  // The transcripts' memos are a last column when any transcript has one.
  const transcriptMemo = input.index.all().some((d) => d.model.frontMatter.memo !== undefined);
  const header = ['file', 'practice', 'coder', 'speaker', 'code', 'aspect', 'text', 'memo', 'line', ...(transcriptMemo ? ['transcript_memo'] : [])];
  const rows = [csvRow(header, separator)];
  for (const ref of filteredFragments(input.index, input.filter)) {
    for (const code of ref.fragment.codes) {
      const row: CsvCell[] = [
        ref.document.path,
        ref.document.practice ?? '',
        ref.document.coder ?? '',
        ref.fragment.speaker ?? '',
        code,
        aspectOf(code),
        ref.fragment.text,
        ref.fragment.memo ?? '',
        lineOf(ref.fragment.content.range),
      ];
      if (transcriptMemo) row.push(ref.document.model.frontMatter.memo ?? '');
      rows.push(csvRow(row, separator));
    }
  }
  const levels = learningLevelMatrices(input);
  if (levels) {
    rows.push('', csvRow(['family', 'aspect', 'level', 'practice', 'fragments'], separator));
    for (const matrix of levels.matrices) {
      matrix.aspects.forEach((aspect, a) =>
        matrix.columns.forEach((level, j) =>
          levels.practices.forEach((practice, p) => rows.push(csvRow([matrix.family, aspect, level, practice ?? '', matrix.counts[a]![j]![p]!], separator))),
        ),
      );
    }
  }
  return rows.join('\r\n') + '\r\n';
}

/**
 * The document × code matrix: one row per transcript that counts (path, practice, coder; each
 * conversation once, or one coder's transcripts under a coder filter), one column per code (the
 * codebook's order, then the other codes in use, sorted), each cell the number of the transcript's
 * fragments with that code.
 */
export function csvMatrixReport(input: ReportInput, separator = ','): string {
  const { index, filter = {} } = input;
  const counts = new Map<string, Map<string, number>>();
  for (const ref of filteredFragments(index, filter)) {
    const row = counts.get(ref.document.key) ?? new Map<string, number>();
    counts.set(ref.document.key, row);
    for (const code of new Set(ref.fragment.codes)) row.set(code, (row.get(code) ?? 0) + 1);
  }
  const inCodebook = input.codebook.codes.map((c) => c.code);
  const known = new Set(inCodebook);
  const used = new Set([...counts.values()].flatMap((row) => [...row.keys()]));
  const codes = [...inCodebook, ...[...used].filter((c) => !known.has(c)).sort()];
  const left = filter.coder ? undefined : conversationsOf(index).left;
  const documents = index.all().filter((d) => (filter.coder ? d.coder === filter.coder : !left!.has(d.key)) && (!filter.text || counts.has(d.key)));
  const rows = [csvRow(['file', 'practice', 'coder', ...codes], separator)];
  for (const d of documents) {
    const row = counts.get(d.key);
    rows.push(csvRow([d.path, d.practice ?? '', d.coder ?? '', ...codes.map((c) => row?.get(c) ?? 0)], separator));
  }
  return rows.join('\r\n') + '\r\n';
}

export function jsonReport(input: ReportInput): unknown {
  const { index, codebook } = input;
  const left = conversationsOf(index).left;
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
      codes: codebook.codes.map((c) => ({ code: c.code, name: c.name, color: c.color ?? null, description: c.description, memo: c.memo ?? null })),
    },
    documents: index.all().map((d) => ({
      path: d.path,
      practice: d.practice ?? null,
      coder: d.coder ?? null,
      counted: input.filter?.coder ? d.coder === input.filter.coder : !left.has(d.key),
      attributes: d.attributes,
      memo: d.model.frontMatter.memo ?? null,
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
    ...learningLevelsJson(input),
    journal: (input.journal ?? []).map((entry) => ({
      path: entry.path,
      title: entry.title,
      codes: [...new Set(entry.codes.map((c) => c.code))],
      transcripts: [...new Set(entry.links.map((l) => l.path))],
      text: entry.text,
    })),
  };
}

/**
 * `learningLevels`: per learning family in use, its levels and per aspect and level the fragments
 * in all and per practice (every practice of the report, 0 included). Absent without a learning
 * family in the codebook or the fragments.
 */
function learningLevelsJson(input: ReportInput): { learningLevels?: unknown } {
  const levels = learningLevelMatrices(input);
  if (!levels) return {};
  const names = levels.practices.map((p) => p ?? noPracticeLabel(input.locale));
  return {
    learningLevels: levels.matrices.map((matrix) => ({
      family: matrix.family,
      levels: matrix.columns,
      aspects: matrix.aspects.map((aspect, a) => ({
        code: aspect,
        levels: Object.fromEntries(
          matrix.columns.map((level, j) => [
            level,
            { fragments: matrix.totals[a]![j]!, practices: Object.fromEntries(names.map((name, p) => [name, matrix.counts[a]![j]![p]!])) },
          ]),
        ),
      })),
    })),
  };
}
