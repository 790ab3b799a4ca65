// The aggregation trees the views and reports show: aspect → sub-code → practice → fragments,
// and practice → aspect → sub-code → fragments, with counts. Node ids are stable across
// updates, so a view keeps its expansion.

import { aspectOf } from './codes';
import type { FragmentRef, WorkspaceIndex } from './workspaceIndex';
import { comparePractice } from './workspaceIndex';
import type { Codebook, FragmentKind, Locale, Range } from './types';

export interface TreeFilter {
  /** Fragments whose text or memo contains this, ignoring case. */
  text?: string;
  /** Fragments of transcripts coded by this coder. */
  coder?: string;
}

export interface FragmentSummary {
  /** The document's index key (its URI in the server). */
  key: string;
  path: string;
  practice?: string;
  coder?: string;
  speaker?: string;
  codes: string[];
  kind: FragmentKind;
  text: string;
  memo?: string;
  /** The content range. */
  range: Range;
  fullRange: Range;
}

export type TreeNodeKind = 'aspect' | 'code' | 'practice' | 'fragment';

export interface TreeNode {
  id: string;
  kind: TreeNodeKind;
  label: string;
  count: number;
  code?: string;
  practice?: string;
  color?: string;
  description?: string;
  children: TreeNode[];
  fragment?: FragmentSummary;
}

export function noPracticeLabel(locale: Locale): string {
  return locale === 'nl' ? '(geen praktijk)' : '(no practice)';
}

export function summarize(ref: FragmentRef): FragmentSummary {
  const { document, fragment } = ref;
  const summary: FragmentSummary = {
    key: document.key,
    path: document.path,
    codes: fragment.codes,
    kind: fragment.kind,
    text: fragment.text,
    range: fragment.content.range,
    fullRange: fragment.full.range,
  };
  if (document.practice !== undefined) summary.practice = document.practice;
  if (document.coder !== undefined) summary.coder = document.coder;
  if (fragment.speaker !== undefined) summary.speaker = fragment.speaker;
  if (fragment.memo !== undefined) summary.memo = fragment.memo;
  return summary;
}

function matches(ref: FragmentRef, filter: TreeFilter): boolean {
  if (filter.coder && ref.document.coder !== filter.coder) return false;
  if (filter.text) {
    const needle = filter.text.toLowerCase();
    if (!ref.fragment.text.toLowerCase().includes(needle) && !(ref.fragment.memo ?? '').toLowerCase().includes(needle)) return false;
  }
  return true;
}

/** Every fragment of the index that passes the filter, in path and document order. */
export function filteredFragments(index: WorkspaceIndex, filter: TreeFilter = {}): FragmentRef[] {
  const out: FragmentRef[] = [];
  for (const document of index.all()) {
    for (const fragment of document.fragments) {
      const ref = { document, fragment };
      if (matches(ref, filter)) out.push(ref);
    }
  }
  return out;
}

/** Aspects in codebook order, then aspects in use that the codebook lacks, by name. */
export function aspectsOf(codebook: Codebook, used: Iterable<string>): string[] {
  const defined = codebook.codes.map((c) => c.code).filter((c) => !c.includes('/'));
  const extra = [...new Set([...used].map(aspectOf))].filter((a) => !defined.includes(a)).sort();
  return [...defined, ...extra];
}

function fragmentNode(parentId: string, ref: FragmentRef): TreeNode {
  const summary = summarize(ref);
  return {
    id: `${parentId}/f:${ref.document.key}#${ref.fragment.full.span.start}`,
    kind: 'fragment',
    label: summary.text,
    count: 1,
    children: [],
    fragment: summary,
  };
}

function practiceNodes(parentId: string, refs: FragmentRef[], locale: Locale): TreeNode[] {
  const groups = new Map<string | undefined, FragmentRef[]>();
  for (const ref of refs) {
    const list = groups.get(ref.document.practice) ?? [];
    list.push(ref);
    groups.set(ref.document.practice, list);
  }
  return [...groups.keys()].sort(comparePractice).map((practice) => {
    const id = `${parentId}/p:${practice ?? ''}`;
    const list = groups.get(practice)!;
    const node: TreeNode = {
      id,
      kind: 'practice',
      label: practice ?? noPracticeLabel(locale),
      count: list.length,
      children: list.map((ref) => fragmentNode(id, ref)),
    };
    if (practice !== undefined) node.practice = practice;
    return node;
  });
}

function codeNode(id: string, kind: 'aspect' | 'code', code: string, codebook: Codebook, count: number, children: TreeNode[]): TreeNode {
  const definition = codebook.codes.find((c) => c.code === code);
  const node: TreeNode = { id, kind, label: definition?.name ?? code, code, count, children };
  const color = definition?.color ?? (kind === 'code' ? codebook.codes.find((c) => c.code === aspectOf(code))?.color : undefined);
  if (color) node.color = color;
  if (definition) node.description = definition.shortDescription;
  return node;
}

/**
 * Groups fragments under `parentId` by code within `aspect`: one node per sub-code in use, then
 * the fragments coded with the aspect itself, grouped by `leaves`.
 */
function aspectChildren(
  parentId: string,
  aspect: string,
  refs: FragmentRef[],
  codebook: Codebook,
  leaves: (parentId: string, refs: FragmentRef[]) => TreeNode[],
): TreeNode[] {
  const byCode = new Map<string, FragmentRef[]>();
  for (const ref of refs) {
    for (const code of ref.fragment.codes) {
      if (code === aspect || aspectOf(code) !== aspect) continue;
      const list = byCode.get(code) ?? [];
      list.push(ref);
      byCode.set(code, list);
    }
  }
  const order = codebook.codes.map((c) => c.code);
  const rank = (code: string): number => {
    const i = order.indexOf(code);
    return i < 0 ? order.length : i;
  };
  const codes = [...byCode.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const subNodes = codes.map((code) => {
    const id = `${parentId}/c:${code}`;
    const list = byCode.get(code)!;
    return codeNode(id, 'code', code, codebook, list.length, leaves(id, list));
  });
  const direct = refs.filter((ref) => ref.fragment.codes.includes(aspect));
  return [...subNodes, ...leaves(parentId, direct)];
}

/** Aspect → sub-code → practice → fragments. Every aspect of the codebook is listed. */
export function aspectTree(index: WorkspaceIndex, codebook: Codebook, filter: TreeFilter, locale: Locale): TreeNode[] {
  const refs = filteredFragments(index, filter);
  return aspectsOf(codebook, index.usedCodes()).map((aspect) => {
    const id = `a:${aspect}`;
    const within = refs.filter((ref) => ref.fragment.codes.some((c) => aspectOf(c) === aspect));
    const children = aspectChildren(id, aspect, within, codebook, (parent, list) => practiceNodes(parent, list, locale));
    return codeNode(id, 'aspect', aspect, codebook, within.length, children);
  });
}

/** Practice → aspect → sub-code → fragments. */
export function practiceTree(index: WorkspaceIndex, codebook: Codebook, filter: TreeFilter, locale: Locale): TreeNode[] {
  const refs = filteredFragments(index, filter);
  const practices = [...new Set(refs.map((r) => r.document.practice))].sort(comparePractice);
  return practices.map((practice) => {
    const id = `p:${practice ?? ''}`;
    const inPractice = refs.filter((r) => r.document.practice === practice);
    const aspects = aspectsOf(codebook, inPractice.flatMap((r) => r.fragment.codes));
    const children = aspects
      .map((aspect) => {
        const aspectId = `${id}/a:${aspect}`;
        const within = inPractice.filter((ref) => ref.fragment.codes.some((c) => aspectOf(c) === aspect));
        const leaves = (parent: string, list: FragmentRef[]): TreeNode[] => list.map((ref) => fragmentNode(parent, ref));
        return codeNode(aspectId, 'aspect', aspect, codebook, within.length, aspectChildren(aspectId, aspect, within, codebook, leaves));
      })
      .filter((node) => node.count > 0);
    const node: TreeNode = { id, kind: 'practice', label: practice ?? noPracticeLabel(locale), count: inPractice.length, children };
    if (practice !== undefined) node.practice = practice;
    return node;
  });
}
