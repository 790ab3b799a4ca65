// The Learning Level view: the aspects against the learning level and the loop, as the Statistics
// page and the report count them (outputs/learningLevels.ts): level → aspect → practice → quotes.
// A level is a sub-code of a learning family (`niveau/collectief`, `lus/waartoe`); its count is the
// aspect fragments counted at it, each once.

import { familyMatrices, type FamilyMatrix } from '../outputs/learningLevels';
import type { Codebook, Locale } from '../types';
import { aspectsOf, filteredFragments, fragmentNode, noPracticeLabel, type TreeFilter, type TreeNode, type TreeQuery } from './aggregate';
import type { WorkspaceIndex } from './workspaceIndex';

interface LevelPlace {
  matrix: FamilyMatrix;
  /** The column of the level in its matrix. */
  column: number;
}

function idOf(query: TreeQuery): string {
  const parts = [`l:${query.level}`];
  if (query.aspect !== undefined) parts.push(`a:${query.aspect}`);
  if (query.practice !== undefined) parts.push(`p:${query.practice ?? ''}`);
  return parts.join('/');
}

/**
 * One level of the Learning Level view: the roots (no `parent`), or the children of the node whose
 * `query` is `parent` (`level`, then `aspect`, then `practice`). A query that names no node gives none.
 */
export function learningLevelTree(index: WorkspaceIndex, codebook: Codebook, filter: TreeFilter, locale: Locale, parent?: TreeQuery): TreeNode[] {
  if (parent && (parent.code !== undefined || parent.direct || parent.level === undefined)) return [];
  const refs = filteredFragments(index, filter);
  const practices = index.practices();
  const matrices = familyMatrices(refs, codebook, aspectsOf(codebook, index.usedCodes()), practices);
  const byCode = new Map(codebook.codes.map((c) => [c.code, c]));
  const colorOf = (code: string): string | undefined => byCode.get(code)?.color ?? byCode.get(code.slice(0, code.indexOf('/')))?.color;
  const codeNode = (query: TreeQuery, kind: 'aspect' | 'code', code: string, ids: readonly number[]): TreeNode => {
    const definition = byCode.get(code);
    const node: TreeNode = { id: idOf(query), kind, label: definition?.name ?? code, count: ids.length, hasChildren: ids.length > 0, query, code };
    const color = colorOf(code);
    if (color) node.color = color;
    if (definition?.shortDescription) node.description = definition.shortDescription;
    return node;
  };

  if (!parent) {
    return matrices.flatMap((matrix) =>
      matrix.columns.map((level, j) => {
        const ids = new Set<number>();
        matrix.aspects.forEach((_, a) => matrix.cells[`${a}:${j}`]?.forEach((i) => ids.add(i)));
        return codeNode({ level }, 'code', level, [...ids]);
      }),
    );
  }

  const place = matrices.map((matrix): LevelPlace => ({ matrix, column: matrix.columns.indexOf(parent.level!) })).find((p) => p.column >= 0);
  if (!place) return [];
  const { matrix, column } = place;
  const level = parent.level!;
  if (parent.aspect === undefined) {
    if (parent.practice !== undefined) return [];
    return matrix.aspects.flatMap((aspect, a) => {
      const ids = matrix.cells[`${a}:${column}`] ?? [];
      return ids.length > 0 ? [codeNode({ level, aspect }, 'aspect', aspect, ids)] : [];
    });
  }
  const a = matrix.aspects.indexOf(parent.aspect);
  if (a < 0) return [];
  if (parent.practice === undefined) {
    return practices.flatMap((name, p) => {
      const count = matrix.counts[a]![column]![p]!;
      if (count === 0) return [];
      const query: TreeQuery = { level, aspect: parent.aspect, practice: name ?? null };
      const node: TreeNode = { id: idOf(query), kind: 'practice', label: name ?? noPracticeLabel(locale), count, hasChildren: true, query };
      if (name !== undefined) node.practice = name;
      return [node];
    });
  }
  const p = practices.indexOf(parent.practice ?? undefined);
  if (p < 0) return [];
  const parentId = idOf(parent);
  return (matrix.cells[`${a}:${column}:${p}`] ?? []).map((i) => fragmentNode(parentId, refs[i]!));
}
