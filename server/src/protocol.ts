// Every custom request and notification between Kader's client and server, typed, namespaced
// `kader/…`. Imported by both sides; holds no logic.

import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { TreeFilter, TreeNode } from './core/aggregate';
import type { CodingAction, CodingResult } from './core/edits';
import type { FragmentKind, Range } from './core/types';

export type { FragmentSummary, TreeFilter, TreeNode } from './core/aggregate';

export type TreeView = 'aspects' | 'practices';

export interface TreeParams {
  view: TreeView;
  filter?: TreeFilter;
}

export interface TreeResult {
  /**
   * The roots. With one workspace folder these are aspects (or practices); with several, one
   * node per folder (kind `folder`) whose children are those.
   */
  roots: (TreeNode | FolderNode)[];
  /** Coders in use, for the coder filter. */
  coders: string[];
}

export interface FolderNode {
  id: string;
  kind: 'folder';
  label: string;
  uri: string;
  count: number;
  children: TreeNode[];
}

/** `kader/tree`: the aggregation tree of a view. */
export const TreeRequest = new RequestType<TreeParams, TreeResult, void>('kader/tree');

export interface DocumentFragment {
  id: number;
  parent: number;
  kind: FragmentKind;
  codes: string[];
  /** The colour of the first code's aspect (or the code itself), when the codebook has one. */
  color?: string;
  text: string;
  memo?: string;
  speaker?: string;
  range: Range;
  fullRange: Range;
  /** The attribute block `{…}`. */
  attributeRange: Range;
}

export interface DocumentFragmentsParams {
  uri: string;
}

export interface DocumentFragmentsResult {
  /** The document version the fragments belong to (null for a file read from disk). */
  version: number | null;
  fragments: DocumentFragment[];
}

/** `kader/documentFragments`: the fragments of one document, for decorations and the status bar. */
export const DocumentFragmentsRequest = new RequestType<DocumentFragmentsParams, DocumentFragmentsResult, void>(
  'kader/documentFragments',
);

export interface CodeInfo {
  code: string;
  name: string;
  description?: string;
  color?: string;
  /** Fragments that carry it in the workspace. */
  count: number;
  /** Defined in the codebook (or the built-in framework). */
  defined: boolean;
}

export interface CodesParams {
  /** The document whose workspace folder counts; the first folder when absent. */
  uri?: string;
}

export interface CodesResult {
  codes: CodeInfo[];
  /** The codebook file, absent when the built-in framework applies. */
  codebookUri?: string;
}

/** `kader/codes`: the codebook's codes and the codes in use, for Code Selection. */
export const CodesRequest = new RequestType<CodesParams, CodesResult, void>('kader/codes');

export type { CodingAction, CodingResult } from './core/edits';
export type { TextEdit as TextEditResult } from './core/edits';

export type CodingParams = CodingAction & { uri: string; version?: number };

/** `kader/coding`: the edits that code, recode or uncode text. The client applies them. */
export const CodingRequest = new RequestType<CodingParams, CodingResult, void>('kader/coding');

export interface ReportParams {
  format: 'markdown';
  /** The workspace folder; the first when absent. */
  folderUri?: string;
}

/** `kader/report`: the Markdown report of a workspace folder. */
export const ReportRequest = new RequestType<ReportParams, { text: string }, void>('kader/report');

export interface IndexChangedParams {
  /** Grows with every change of any folder's index. */
  generation: number;
  /** The documents whose fragments changed, when known. */
  uris?: string[];
}

/** `kader/indexChanged`: something the views show has changed. */
export const IndexChangedNotification = new NotificationType<IndexChangedParams>('kader/indexChanged');
