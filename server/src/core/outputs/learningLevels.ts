// The aspects against the learning level (`#niveau/individueel`, `#niveau/collectief`) and against
// the loop (`#lus/hoe`, `#lus/waarom`, `#lus/waartoe`), per practice: for the Statistics view and
// the report. A fragment coded with an aspect counts at a level when the level is coded on it, on
// a fragment around it (a section or div), or on a fragment inside it, so a section coded
// `{#niveau/collectief}` puts every aspect quoted in it at the collective level. Each aspect
// fragment counts at most once per level; one at two levels counts at both.

import { aspectOf } from '../codes';
import { LEVEL_FAMILY, LOOP_FAMILY } from '../frameworkDistinctions';
import { localize } from '../l10n';
import type { Codebook, Locale } from '../types';
import type { FragmentRef } from '../index/workspaceIndex';
import { markdownText } from './outputEscaping';

export const LEARNING_FAMILIES: readonly string[] = [LEVEL_FAMILY, LOOP_FAMILY];

export interface FamilyMatrix {
  /** The family's top-level code: `niveau` or `lus`. */
  family: string;
  /** The columns: the family's sub-codes in use (codebook order, then by name), one path segment deep. */
  columns: string[];
  /** The rows: every aspect given, except the learning families. */
  aspects: string[];
  /** counts[aspect][column][practice]: aspect fragments at that level in that practice. */
  counts: number[][][];
  /** totals[aspect][column]: over all practices. */
  totals: number[][];
  /** The fragments counted per cell, as indices into the refs given: `${aspect}:${column}:${practice}`, and `${aspect}:${column}` for the totals. */
  cells: Record<string, number[]>;
}

/** The sub-code of `family` that `code` counts for (`niveau/collectief/x` → `niveau/collectief`), or undefined. */
function columnOf(code: string, family: string): string | undefined {
  if (aspectOf(code) !== family || code === family) return undefined;
  const second = code.indexOf('/', family.length + 1);
  return second < 0 ? code : code.slice(0, second);
}

/**
 * The aspect × family matrices of `refs`, for each learning family with a sub-code in `refs`' documents
 * near a counted fragment. `aspects` are the rows (as the aspect × practice matrix has them),
 * `practices` the practice keys in order.
 */
export function familyMatrices(refs: readonly FragmentRef[], codebook: Codebook, aspects: readonly string[], practices: readonly (string | undefined)[]): FamilyMatrix[] {
  const rows = aspects.filter((a) => !LEARNING_FAMILIES.includes(a));
  const order = codebook.codes.map((c) => c.code);
  const rank = (code: string): number => {
    const i = order.indexOf(code);
    return i < 0 ? order.length : i;
  };
  const out: FamilyMatrix[] = [];
  for (const family of LEARNING_FAMILIES) {
    // Per ref: the family's columns on the fragment, around it and inside it.
    const around = new Map<object, Map<number, Set<string>>>();
    const levelsOf = ({ document, fragment }: FragmentRef): Set<string> => {
      let perDocument = around.get(document);
      if (!perDocument) {
        perDocument = new Map();
        for (const f of document.fragments) {
          const own = f.codes.map((c) => columnOf(c, family)).filter((c): c is string => c !== undefined);
          if (own.length === 0) continue;
          // Inside: the fragment and every one around it see the levels of this one.
          for (let up: typeof f | undefined = f; up; up = up.parent >= 0 ? document.fragments[up.parent] : undefined) {
            const set = perDocument.get(up.id) ?? new Set<string>();
            for (const c of own) set.add(c);
            perDocument.set(up.id, set);
          }
        }
        around.set(document, perDocument);
      }
      const levels = new Set(perDocument.get(fragment.id));
      // Around: the levels coded on the fragments that contain this one.
      for (let up = fragment.parent >= 0 ? document.fragments[fragment.parent] : undefined; up; up = up.parent >= 0 ? document.fragments[up.parent] : undefined) {
        for (const c of up.codes) {
          const column = columnOf(c, family);
          if (column !== undefined) levels.add(column);
        }
      }
      return levels;
    };

    const found: { i: number; practice: number; aspects: string[]; levels: Set<string> }[] = [];
    const columnSet = new Set<string>();
    refs.forEach((ref, i) => {
      const own = [...new Set(ref.fragment.codes.map(aspectOf))].filter((a) => rows.includes(a));
      if (own.length === 0) return;
      const levels = levelsOf(ref);
      if (levels.size === 0) return;
      for (const l of levels) columnSet.add(l);
      found.push({ i, practice: practices.indexOf(ref.document.practice), aspects: own, levels });
    });
    if (columnSet.size === 0) continue;
    const columns = [...columnSet].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    const counts = rows.map(() => columns.map(() => practices.map(() => 0)));
    const totals = rows.map(() => columns.map(() => 0));
    const cells: Record<string, number[]> = {};
    const add = (id: string, i: number): void => void (cells[id] ??= []).push(i);
    for (const { i, practice, aspects: own, levels } of found) {
      for (const aspect of own) {
        const a = rows.indexOf(aspect);
        for (const level of levels) {
          const j = columns.indexOf(level);
          counts[a]![j]![practice]!++;
          totals[a]![j]!++;
          add(`${a}:${j}:${practice}`, i);
          add(`${a}:${j}`, i);
        }
      }
    }
    out.push({ family, columns, aspects: rows, counts, totals, cells });
  }
  return out;
}

/**
 * A family matrix as a Markdown table: a row per aspect, a column per level in each practice, then
 * for all practices (as the report's aspect × practice table has its total last). `name` gives a code's display name, `practiceLabels` the practices' names.
 */
export function familyMatrixMarkdown(matrix: FamilyMatrix, name: (code: string) => string, practiceLabels: readonly string[], locale: Locale): string {
  const t = localize(locale);
  const groups = [...practiceLabels, t('Total')];
  const head = [t('Aspect'), ...groups.flatMap((g) => matrix.columns.map((c) => `${g}: ${name(c)}`))];
  const lines = [`| ${head.map(markdownText).join(' | ')} |`, `|---|${head.slice(1).map(() => '---:|').join('')}`];
  matrix.aspects.forEach((aspect, a) => {
    const cells = [...practiceLabels.flatMap((_, p) => matrix.columns.map((__, j) => String(matrix.counts[a]![j]![p]!))), ...matrix.totals[a]!.map(String)];
    lines.push(`| ${markdownText(name(aspect))} | ${cells.join(' | ')} |`);
  });
  return lines.join('\n') + '\n';
}
