// Every custom request and notification between Kader's client and server, typed, namespaced
// `kader/…`. Imported by both sides; holds no logic.

import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { FragmentSummary, TreeFilter, TreeNode, TreeQuery, TreeView } from './core/index/aggregate';
import type { CodingAction, CodingResult } from './core/edits';
import type { FragmentKind, Position, Range } from './core/types';

export type { FragmentSummary, TreeFilter, TreeNode, TreeNodeKind, TreeQuery, TreeView } from './core/index/aggregate';

export interface TreeParams {
  view: TreeView;
  filter?: TreeFilter;
  /** The `query` of the node whose children to return; absent for the roots. */
  parent?: TreeQuery;
}

export interface TreeResult {
  /**
   * One level of the view. Without `parent` the roots: aspects (or practices) with one workspace
   * folder, else one node per folder (kind `folder`). With `parent`, that node's children;
   * fragments only under the last level. Empty when `parent` names no node (any more).
   */
  roots: (TreeNode | FolderNode)[];
  /** Coders in use, for the coder filter. */
  coders: string[];
  /** Folders are open and none of them is a Kader project (no codebook, no transcript with Kader front matter, `kader.project`). */
  noProject?: true;
}

export interface FolderNode {
  id: string;
  kind: 'folder';
  label: string;
  uri: string;
  count: number;
  hasChildren: boolean;
  /** Asks for the folder's aspects (or practices). */
  query: TreeQuery;
}

/** `kader/tree`: one level of the aggregation tree of a view. */
export const TreeRequest = new RequestType<TreeParams, TreeResult, void>('kader/tree');

export interface TreePathParams {
  view: TreeView;
  filter?: TreeFilter;
  /** The transcript. */
  uri: string;
  /** Where the fragment's whole range (`fullRange`) starts. */
  start: Position;
}

export interface TreePathResult {
  /**
   * The nodes from a root down to the fragment's first leaf in tree order (the folder first when
   * there are several); empty when there is no such fragment or the filter hides it.
   */
  path: (TreeNode | FolderNode)[];
}

/** `kader/treePath`: where a fragment is in a view, for revealing it. */
export const TreePathRequest = new RequestType<TreePathParams, TreePathResult, void>('kader/treePath');

export interface DocumentFragment {
  id: number;
  parent: number;
  kind: FragmentKind;
  codes: string[];
  /** The colour of the first code's aspect (or the code itself), when the codebook has one. */
  color?: string;
  /** With more than one code: the colour of each, in the order of `codes` (null where the codebook has none). */
  colors?: (string | null)[];
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
  /** The code's memo from the codebook (Markdown). */
  memo?: string;
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

export interface QueryParams {
  /** A coding query (docs/queries.md), e.g. `#intentie AND practice:"Leergemeenschap Breda"`. */
  query: string;
  /** The workspace folder's URI; the first when absent. */
  folder?: string;
  /** At most this many fragments in `fragments` (`count` counts them all). */
  limit?: number;
}

/** A malformed query: what is wrong, in the server's language, and where (UTF-16 offset and length in the query). */
export interface QueryError {
  ok: false;
  message: string;
  offset: number;
  length: number;
}

export type QueryResult = { ok: true; count: number; fragments: FragmentSummary[] } | QueryError;

/**
 * `kader/query`: the fragments that match a coding query, in path and document order, each
 * conversation once unless the query names a `coder:`. A tree request whose `filter.query` is
 * malformed fails with a RequestFailed error whose message is the query error's and whose data is
 * `{ offset, length }`.
 */
export const QueryRequest = new RequestType<QueryParams, QueryResult, void>('kader/query');

export interface IndexChangedParams {
  /** Grows with every change of any folder's index. */
  generation: number;
  /** The documents whose fragments changed, when known. */
  uris?: string[];
}

/** `kader/indexChanged`: something the views show has changed. */
export const IndexChangedNotification = new NotificationType<IndexChangedParams>('kader/indexChanged');

// Statistics and agreement ------------------------------------------------------------------------

import type { AgreementResult, MergeChoice } from './core/outputs/agreement';
import type { TextEdit } from './core/edits';
import type { Statistics, StatisticsFilter, StatisticsFragment } from './core/outputs/statistics';
import type { GitRef } from './workspace/git';

export type { Statistics, StatisticsFilter, StatisticsFragment } from './core/outputs/statistics';
export type { AgreementResult, Disagreement, MergeChoice } from './core/outputs/agreement';

export interface StatisticsParams {
  /** The workspace folder; the first when absent. */
  folderUri?: string;
  filter?: StatisticsFilter;
  /** Co-occurrence between aspects (default) or codes. */
  cooccurrence?: 'aspect' | 'code';
}

export interface StatisticsResult extends Omit<Statistics, 'fragments'> {
  /** The fragments counted; `uri` is the document's URI as the client knows it. */
  fragments: (StatisticsFragment & { uri: string })[];
  /** The folder counted (absent without a folder). */
  folderUri?: string;
  folderName?: string;
}

/** `kader/statistics`: the numbers of the Statistics view. */
export const StatisticsRequest = new RequestType<StatisticsParams, StatisticsResult, void>('kader/statistics');

export type { Matrix, MatrixDimension, MatrixMeasure, MatrixPercent, MatrixRelation, MatrixValue } from './core/outputs/matrix';
type Matrix = import('./core/outputs/matrix').Matrix;

export interface MatrixParams {
  /** The workspace folder; the first when absent. */
  folderUri?: string;
  rows: import('./core/outputs/matrix').MatrixDimension;
  columns: import('./core/outputs/matrix').MatrixDimension;
  /** Fragments (default), documents or characters. */
  measure?: import('./core/outputs/matrix').MatrixMeasure;
  /** Codes × codes: how two codes meet (same fragment by default). */
  relation?: import('./core/outputs/matrix').MatrixRelation;
  filter?: StatisticsFilter;
  /** Also list the fragments of this cell. */
  cell?: { row: number; column: number };
}

export interface MatrixResult extends Matrix {
  /** The fragments of the cell asked for; `uri` is the document's URI as the client knows it. */
  fragments?: (FragmentSummary & { uri: string })[];
  folderUri?: string;
  folderName?: string;
}

/** `kader/matrix`: rows × columns (codes, practice, coder, speaker, document, a front matter key) and code relations. */
export const MatrixRequest = new RequestType<MatrixParams, MatrixResult, void>('kader/matrix');

/** What a transcript is compared with: another file, or its own version at a git revision. */
export type AgreementOther = { kind: 'file'; uri: string } | { kind: 'revision'; rev: string };

export interface AgreementParams {
  /** Coder A: the open transcript (the one a merge edits). */
  uri: string;
  other: AgreementOther;
  /** Segment overlap threshold in percent (default 90). */
  threshold?: number;
}

export interface AgreementReport extends AgreementResult {
  uri: string;
  /** The document version compared (null when read from disk). */
  version: number | null;
  /** Short names of A and B for the report ("gesprek.md", "gesprek.md @ bert"). */
  labelA: string;
  labelB: string;
  /** B's URI, when B is a file. */
  otherUri?: string;
}

/** `kader/agreement`: intercoder agreement between a transcript and another coding of it. */
export const AgreementRequest = new RequestType<AgreementParams, AgreementReport, void>('kader/agreement');

export interface AgreementMergeParams extends AgreementParams {
  /** The version of A the choices were made on; refused when A changed since. */
  version?: number | null;
  choices: MergeChoice[];
}

export interface AgreementMergeResult {
  /** Edits on A; the client applies them as one WorkspaceEdit (one undo step). */
  edits: TextEdit[];
  problems: string[];
  /** Why nothing can be done, when so. */
  message?: string;
}

/** `kader/agreementMerge`: the edits that take B's coding at the chosen disagreements. */
export const AgreementMergeRequest = new RequestType<AgreementMergeParams, AgreementMergeResult, void>('kader/agreementMerge');

export interface RevisionsParams {
  uri: string;
}

export interface RevisionsResult {
  /** Branches, remote branches and tags, most recent first. */
  refs: GitRef[];
  /** The last commits that changed the file. */
  history: GitRef[];
  /** Why there are none (not in a git repository, git missing). */
  message?: string;
}

/** `kader/revisions`: the git revisions a transcript can be compared with. */
export const RevisionsRequest = new RequestType<RevisionsParams, RevisionsResult, void>('kader/revisions');

// Workspace trust ---------------------------------------------------------------------------------

/** What Kader's client sends as `initializationOptions`. */
export interface KaderInitializationOptions {
  locale?: string;
  /**
   * False in an untrusted workspace (VS Code's Restricted Mode): the server then runs no git.
   * Clients that do not send it (other editors) are trusted, as they have no such notion.
   */
  workspaceTrusted?: boolean;
}

export interface WorkspaceTrustParams {
  trusted: boolean;
}

/** `kader/workspaceTrust`: the user trusted the workspace (or, in another client, no longer does). */
export const WorkspaceTrustNotification = new NotificationType<WorkspaceTrustParams>('kader/workspaceTrust');

export type ExportFormat = 'qdpx' | 'qdc' | 'csv' | 'md' | 'html';

export interface ExportParams {
  format: ExportFormat;
  /** The workspace folder; the first when absent. */
  folderUri?: string;
  separator?: ',' | ';';
  groupBy?: 'aspect' | 'practice';
  /** With `csv`: the document × code matrix (one row per transcript, one column per code) instead of one row per fragment. */
  matrix?: 'documents';
}

export interface ExportResult {
  /** The file's bytes, base64. The client writes them where the user chose. */
  base64: string;
  /** A file name to offer in the save dialog. */
  suggestedName: string;
  transcripts: number;
}

/** `kader/export`: a REFI-QDA project or codebook, CSV, or report of a workspace folder. */
export const ExportRequest = new RequestType<ExportParams, ExportResult, void>('kader/export');

export interface ImportParams {
  fileName: string;
  base64: string;
  practice?: string;
  timestamps?: boolean;
}

export type ImportResponse =
  | {
      ok: true;
      markdown: string;
      suggestedName: string;
      /** What the import changed or could not represent, to tell the user (tracked changes accepted; a project's pictures). */
      notes?: string[];
      /** A project import (`.qdpx`): every file to create, by plain name in the folder imported into; `markdown` is its report. */
      files?: { name: string; text: string }[];
    }
  | { ok: false; message: string };

/** `kader/import`: the Markdown for a Teams/Zoom `.vtt`, a Word `.docx` or a REFI-QDA `.qdc`; the files of a REFI-QDA project (`.qdpx`). */
export const ImportRequest = new RequestType<ImportParams, ImportResponse, void>('kader/import');

// File access through the client --------------------------------------------------------------------
// A server that cannot read the disk itself (the Web Worker of Kader in the browser) asks the client,
// which answers with vscode.workspace.fs, so every scheme the editor knows works (file,
// vscode-remote, vscode-vfs on github.dev, …). URIs are full URI strings.

export interface FsUriParams {
  uri: string;
}

export interface FsStatResult {
  /** `missing` when nothing is there; `other` for what is neither a file nor a folder. */
  type: 'file' | 'directory' | 'other' | 'missing';
  /** In bytes; 0 for a folder or what is missing. */
  size: number;
  /** True when the URI is a symbolic link (`type` is then what it leads to). */
  symbolicLink?: boolean;
}

/** `kader/fs/stat`: what is at a URI. */
export const FsStatRequest = new RequestType<FsUriParams, FsStatResult, void>('kader/fs/stat');

export interface FsReadFileParams extends FsUriParams {
  /** A file larger than this is not read: the answer is a `too-large` problem. */
  maxBytes: number;
}

export type FsReadFileResult =
  | { ok: true; base64: string }
  | { ok: false; problem: 'missing' | 'too-large' | 'unreadable'; detail: string };

/** `kader/fs/readFile`: a file's bytes, base64; `unreadable` also for a folder. */
export const FsReadFileRequest = new RequestType<FsReadFileParams, FsReadFileResult, void>('kader/fs/readFile');

export type FsEntryType = 'file' | 'directory' | 'symlink' | 'other';

export type FsReadDirectoryResult = { entries: [name: string, type: FsEntryType][] } | { error: string };

/**
 * `kader/fs/readDirectory`: a folder's entries. A symbolic link is `symlink`, whatever it leads to
 * (a walk does not follow links to folders); `error` says why the folder could not be listed.
 */
export const FsReadDirectoryRequest = new RequestType<FsUriParams, FsReadDirectoryResult, void>('kader/fs/readDirectory');

import type { WorkspaceEdit } from 'vscode-languageserver-protocol';

// Personal data (#14) ---------------------------------------------------------------------------------
// The findings themselves are diagnostics (`personal-data/…`); these requests serve the commands,
// the status bar and the commit warning.

export interface PrivacyReloadParams {
  /** The user's home folder (a path), for `~` in `kader.privacy.keyFile`. */
  home?: string;
}

/** `kader/privacy/reload`: the key or an allow-list changed on disk: read them again and check every transcript. */
export const PrivacyReloadRequest = new RequestType<PrivacyReloadParams, null, void>('kader/privacy/reload');

export interface PrivacySummaryResult {
  /** Certain and likely findings in every transcript of the workspace (open ones as they are in the editor). */
  certain: number;
  likely: number;
  /** The transcripts with certain findings, most first. */
  files: { uri: string; certain: number }[];
  /** Whether a folder has a key configured; `keyProblems` says why a key is not used or where it should not be. */
  keyConfigured: boolean;
  keyProblems: string[];
}

/** `kader/privacy/summary`: how much personal data the workspace holds. */
export const PrivacySummaryRequest = new RequestType<Record<string, never> | undefined, PrivacySummaryResult, void>('kader/privacy/summary');

export interface PrivacyCheckParams {
  /** Texts of transcripts (e.g. as staged in git), with the URI of their file. */
  documents: { uri: string; text: string }[];
}

export interface PrivacyCheckResult {
  documents: { uri: string; certain: number; likely: number }[];
}

/** `kader/privacy/check`: the findings in given texts of transcripts, counted. */
export const PrivacyCheckRequest = new RequestType<PrivacyCheckParams, PrivacyCheckResult, void>('kader/privacy/check');

export interface PseudonymiseParams {
  /** One transcript; absent: every transcript of the workspace. */
  uri?: string;
}

export interface PrivacyLeftFinding {
  uri: string;
  range: Range;
  rule: string;
  text: string;
  message: string;
}

export interface PseudonymiseResult {
  /** One edit of every transcript that changes; empty when none does. */
  edit: WorkspaceEdit;
  files: number;
  replacements: number;
  /** Likely findings and names the key lacks, left as they are: for the researcher to look at. */
  left: PrivacyLeftFinding[];
}

/** `kader/pseudonymise`: the key's pseudonyms and the placeholders, in one transcript or all; refused without a usable key. */
export const PseudonymiseRequest = new RequestType<PseudonymiseParams, PseudonymiseResult, void>('kader/pseudonymise');

export interface ReplaceEverywhereParams {
  /** The transcript the fix was asked in (its folder's key). */
  uri: string;
  /** The key's name (as in the key) whose every form is replaced by its pseudonym. */
  name: string;
}

export type WorkspaceEditResult = WorkspaceEdit;

/** `kader/privacy/replaceEverywhere`: every form of one name of the key, in every transcript, replaced by its pseudonym. */
export const ReplaceEverywhereRequest = new RequestType<ReplaceEverywhereParams, WorkspaceEdit, void>('kader/privacy/replaceEverywhere');

export interface KeyEntryParams {
  /** The transcript the name was found in (its folder's key). */
  uri: string;
  name: string;
  kind?: 'participant' | 'place' | 'organisation';
  /** The pseudonym chosen; absent: only the proposal is asked for. */
  pseudonym?: string;
}

export type KeyEntryResult =
  | { ok: false; message: string }
  | {
      ok: true;
      /** The key file (outside the workspace), as a URI. */
      keyUri: string;
      /** The next free pseudonym of the kind (`Deelnemer 4`). */
      proposed: string;
      /** With a good `pseudonym`: the key's whole new text, for the client to write. */
      keyText?: string;
      /** With a `pseudonym` the key cannot take: why. */
      problem?: string;
    };

/** `kader/privacy/keyEntry`: what adding a name to the key takes; the client asks, confirms and writes the file. */
export const KeyEntryRequest = new RequestType<KeyEntryParams, KeyEntryResult, void>('kader/privacy/keyEntry');

/** What auto-coding codes: a phrase (whole words), a speaker's turns, the paragraphs under a heading, or a query's matches. */
export interface AutocodeTarget {
  kind: 'phrase' | 'speaker' | 'heading' | 'query';
  text: string;
}

export interface AutocodePreviewParams {
  target: AutocodeTarget;
  /** With or without `#`. */
  code: string;
  /** Only these transcripts; absent: every transcript of the workspace. */
  uris?: string[];
}

/** One match: where, its line of context, how it would be coded, and whether it is coded already. */
export interface AutocodeMatch {
  uri: string;
  /** The transcript's path within its folder, with `/`. */
  path: string;
  range: Range;
  context: { before: string; text: string; after: string };
  shape: 'inline' | 'block' | 'addCode';
  alreadyCoded: boolean;
}

export interface AutocodePreviewResult {
  /** The code without `#`. */
  code: string;
  matches: AutocodeMatch[];
  /** Matches no coding can be written for (inside inline code or a code block). */
  skipped: number;
  /** Why there can be no matches (an invalid code, no words, a malformed query). */
  message?: string;
}

/** `kader/autocode/preview`: every match of the target, each to be ticked or not; nothing is written. */
export const AutocodePreviewRequest = new RequestType<AutocodePreviewParams, AutocodePreviewResult, void>('kader/autocode/preview');

export interface AutocodeApplyParams {
  target: AutocodeTarget;
  code: string;
  /** The chosen matches, as the preview gave them (uri and range). */
  matches: { uri: string; range: Range }[];
}

export interface AutocodeApplyResult {
  /** One edit for all chosen matches; empty when none can be coded. */
  edit: WorkspaceEdit;
  /** The codings the edit writes. */
  coded: number;
  /** Chosen matches that are no longer there (the text changed): preview again. */
  missing: number;
  message?: string;
}

/** `kader/autocode/apply`: the chosen matches coded, as one workspace edit for the client to apply. */
export const AutocodeApplyRequest = new RequestType<AutocodeApplyParams, AutocodeApplyResult, void>('kader/autocode/apply');

export type { Memo, MemoKind } from './core/index/memos';

export interface MemosParams {
  /** One workspace folder; absent: every folder that is a Kader project. */
  folderUri?: string;
}

/** A memo with the URIs to open it and the transcripts a journal entry links. */
export interface MemoItem extends Omit<import('./core/index/memos').Memo, 'links'> {
  uri: string;
  links?: { label: string; path: string; known: boolean; uri: string }[];
  /** The workspace folder's name, with more than one folder. */
  folder?: string;
}

export interface MemosResult {
  /** Codes' memos, transcripts', fragments', then the journal's entries. */
  memos: MemoItem[];
  /** Folders are open and none of them is a Kader project. */
  noProject?: true;
}

/** `kader/memos`: every memo of the project, grouped by kind, for the Memos view. */
export const MemosRequest = new RequestType<MemosParams | undefined, MemosResult, void>('kader/memos');
