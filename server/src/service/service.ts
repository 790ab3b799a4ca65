// The Kader language service: every feature as a plain function over one fresh snapshot, with no
// connection. The Node server, the browser server and the CLI each make one and drive it: the
// server's handlers (handlers/) pass requests in, the CLI calls it directly.

import type { Locale } from '../core/types';
import type * as lsp from 'vscode-languageserver-protocol';
import type * as kader from '../protocol';
import type { FileSystem } from '../workspace/fileSystem';
import type { GitAccess } from '../workspace/gitAccess';
import type { Indexer } from '../workspace/indexer';
import { canonicalUri } from '../workspace/uris';
import { Workspace, type Logger } from '../workspace/workspace';
import { provideAgreement, provideAgreementMerge, provideRevisions } from './agreement';
import { provideAutocodeApply, provideAutocodePreview } from './autocode';
import { clientFeatures, type ClientFeatures } from './clientFeatures';
import { provideCodeActions } from './codeActions';
import { provideCodes, provideDocumentFragments } from './codes';
import { provideCoding } from './coding';
import { provideCompletion } from './completion';
import { provideDefinition } from './definition';
import { allViews, DiagnosticReports } from './diagnostics';
import { checkCancelled, type Cancellation } from './errors';
import { provideExport, provideImport, type Importer } from './exchange';
import { provideFoldingRanges } from './folding';
import { provideHighlights } from './highlight';
import { provideHover } from './hover';
import { provideMemos } from './memos';
import { provideReferences } from './references';
import { PrivacyService, provideCheck, provideKeyEntry, providePseudonymise, provideReplaceEverywhere, provideSummary } from './privacy';
import { providePrepareRename, provideRename } from './rename';
import { provideQuery } from './query';
import { provideReport } from './report';
import type { Snapshot } from './snapshot';
import { provideStatistics } from './statistics';
import { provideMatrix } from './matrix';
import { provideDocumentSymbols, provideWorkspaceSymbols } from './symbols';
import { provideTree, provideTreePath } from './tree';

export interface KaderServiceOptions {
  fileSystem: FileSystem;
  /** Absent where there is no git (the browser): comparing with a revision is refused, saying why. */
  git?: GitAccess;
  log: Logger;
  locale: Locale;
  /** Parses files off the main thread with a time limit; else they are parsed in this thread. */
  indexer?: Pick<Indexer, 'parse'>;
  /** Turns an imported file's bytes into Markdown. */
  importer: Importer;
}

/**
 * What a feature needs of the workspace: its open documents as they are (`document`: the
 * document's own model is always current), or the whole index with every open document in it
 * (`workspace`: counts, trees, renames). Scans in progress are waited for either way.
 */
export type Freshness = 'document' | 'workspace';

export interface KaderService {
  /** The workspace the hosts feed: folders, settings, open documents, file changes. */
  readonly workspace: Workspace;
  /** The forms the client reads (set by the server at `initialize`). */
  client: ClientFeatures;
  /** False when the workspace is not trusted: then no git runs. */
  trusted: boolean;
  /** The diagnostics reports' result ids, per client. */
  readonly diagnostics: DiagnosticReports;
  /** The one place that waits for the index: a snapshot fresh enough for `freshness`. */
  snapshot(freshness: Freshness, token?: Cancellation): Promise<Snapshot>;

  hover(params: lsp.HoverParams, token?: Cancellation): Promise<lsp.Hover | null>;
  completion(params: lsp.CompletionParams, token?: Cancellation): Promise<lsp.CompletionList | null>;
  codeActions(params: lsp.CodeActionParams, token?: Cancellation): Promise<lsp.CodeAction[]>;
  prepareRename(params: lsp.PrepareRenameParams, token?: Cancellation): Promise<{ range: lsp.Range; placeholder: string }>;
  rename(params: lsp.RenameParams, token?: Cancellation): Promise<lsp.WorkspaceEdit>;
  references(params: lsp.ReferenceParams, token?: Cancellation): Promise<lsp.Location[] | null>;
  definition(params: lsp.DefinitionParams, token?: Cancellation): Promise<lsp.Location | null>;
  highlights(params: lsp.DocumentHighlightParams, token?: Cancellation): Promise<lsp.DocumentHighlight[] | null>;
  documentSymbols(params: lsp.DocumentSymbolParams, token?: Cancellation): Promise<lsp.DocumentSymbol[] | lsp.SymbolInformation[] | null>;
  workspaceSymbols(params: lsp.WorkspaceSymbolParams, token?: Cancellation): Promise<lsp.SymbolInformation[]>;
  foldingRanges(params: lsp.FoldingRangeParams, token?: Cancellation): Promise<lsp.FoldingRange[] | null>;
  documentDiagnostics(params: lsp.DocumentDiagnosticParams, token?: Cancellation): Promise<lsp.DocumentDiagnosticReport>;
  workspaceDiagnostics(params: lsp.WorkspaceDiagnosticParams, token?: Cancellation): Promise<lsp.WorkspaceDiagnosticReport>;
  tree(params: kader.TreeParams | undefined, token?: Cancellation): Promise<kader.TreeResult>;
  treePath(params: kader.TreePathParams | undefined, token?: Cancellation): Promise<kader.TreePathResult>;
  documentFragments(params: kader.DocumentFragmentsParams, token?: Cancellation): Promise<kader.DocumentFragmentsResult>;
  codes(params: kader.CodesParams | undefined, token?: Cancellation): Promise<kader.CodesResult>;
  coding(params: kader.CodingParams, token?: Cancellation): Promise<kader.CodingResult>;
  report(params: kader.ReportParams | undefined, token?: Cancellation): Promise<{ text: string }>;
  query(params: kader.QueryParams | undefined, token?: Cancellation): Promise<kader.QueryResult>;
  memos(params: kader.MemosParams | undefined, token?: Cancellation): Promise<kader.MemosResult>;
  statistics(params: kader.StatisticsParams | undefined, token?: Cancellation): Promise<kader.StatisticsResult>;
  matrix(params: kader.MatrixParams, token?: Cancellation): Promise<kader.MatrixResult>;
  agreement(params: kader.AgreementParams, token?: Cancellation): Promise<kader.AgreementReport>;
  agreementMerge(params: kader.AgreementMergeParams, token?: Cancellation): Promise<kader.AgreementMergeResult>;
  revisions(params: kader.RevisionsParams | undefined, token?: Cancellation): Promise<kader.RevisionsResult>;
  exportProject(params: kader.ExportParams, token?: Cancellation): Promise<kader.ExportResult>;
  importFile(params: kader.ImportParams, token?: Cancellation): Promise<kader.ImportResponse>;
  autocodePreview(params: kader.AutocodePreviewParams, token?: Cancellation): Promise<kader.AutocodePreviewResult>;
  autocodeApply(params: kader.AutocodeApplyParams, token?: Cancellation): Promise<kader.AutocodeApplyResult>;

  /** Each folder's key and allow-list, and the personal data of its transcripts. */
  readonly privacy: PrivacyService;
  privacyReload(params: kader.PrivacyReloadParams | undefined): Promise<null>;
  privacySummary(params: unknown, token?: Cancellation): Promise<kader.PrivacySummaryResult>;
  privacyCheck(params: kader.PrivacyCheckParams, token?: Cancellation): Promise<kader.PrivacyCheckResult>;
  pseudonymise(params: kader.PseudonymiseParams, token?: Cancellation): Promise<kader.PseudonymiseResult>;
  replaceEverywhere(params: kader.ReplaceEverywhereParams, token?: Cancellation): Promise<kader.WorkspaceEditResult>;
  keyEntry(params: kader.KeyEntryParams, token?: Cancellation): Promise<kader.KeyEntryResult>;
}

export function createKaderService(options: KaderServiceOptions): KaderService {
  const workspace = new Workspace(options.fileSystem, options.log, options.indexer);
  workspace.setLocale(options.locale);
  const diagnostics = new DiagnosticReports();
  const privacy = new PrivacyService(options.fileSystem, workspace, () => diagnostics.settingsChanged());

  const service: KaderService = {
    workspace,
    client: clientFeatures({}),
    trusted: true,
    diagnostics,
    privacy,

    async snapshot(freshness, token) {
      await workspace.settled();
      await privacy.ready(workspace.folders);
      checkCancelled(token);
      if (freshness === 'workspace') workspace.syncAll();
      else workspace.syncCodebooks();
      return { workspace, locale: workspace.locale, client: service.client, trusted: service.trusted, git: options.git, fileSystem: options.fileSystem };
    },

    hover: async (params, token) => provideHover(await service.snapshot('workspace', token), params),
    completion: async (params, token) => provideCompletion(await service.snapshot('workspace', token), params),
    codeActions: async (params, token) => provideCodeActions(await service.snapshot('document', token), params, token, privacy),
    prepareRename: async (params, token) => providePrepareRename(await service.snapshot('document', token), params),
    rename: async (params, token) => provideRename(await service.snapshot('workspace', token), params, token),
    references: async (params, token) => provideReferences(await service.snapshot('workspace', token), params, token),
    definition: async (params, token) => provideDefinition(await service.snapshot('document', token), params),
    highlights: async (params, token) => provideHighlights(await service.snapshot('document', token), params),
    documentSymbols: async (params, token) => provideDocumentSymbols(await service.snapshot('document', token), params),
    workspaceSymbols: async (params, token) => provideWorkspaceSymbols(await service.snapshot('workspace', token), params, token),
    foldingRanges: async (params, token) => provideFoldingRanges(await service.snapshot('document', token), params),
    documentDiagnostics: async (params, token) => {
      const s = await service.snapshot('document', token);
      const view = s.workspace.view(canonicalUri(params.textDocument.uri));
      if (view) {
        await privacy.ready([view.folder]);
        await privacy.prepare([view], token);
      }
      return diagnostics.document(s, params.textDocument.uri, params.previousResultId);
    },
    workspaceDiagnostics: async (params, token) => {
      const s = await service.snapshot('workspace', token);
      await privacy.prepare(allViews(s), token);
      return diagnostics.workspace(s, params.previousResultIds, token);
    },
    tree: async (params, token) => provideTree(await service.snapshot('workspace', token), params),
    treePath: async (params, token) => provideTreePath(await service.snapshot('workspace', token), params),
    documentFragments: async (params, token) => provideDocumentFragments(await service.snapshot('document', token), params),
    codes: async (params, token) => provideCodes(await service.snapshot('workspace', token), params),
    coding: async (params, token) => provideCoding(await service.snapshot('document', token), params),
    report: async (params, token) => provideReport(await service.snapshot('workspace', token), params),
    query: async (params, token) => provideQuery(await service.snapshot('workspace', token), params),
    memos: async (params, token) => provideMemos(await service.snapshot('workspace', token), params, token),
    statistics: async (params, token) => provideStatistics(await service.snapshot('workspace', token), params),
    matrix: async (params, token) => provideMatrix(await service.snapshot('workspace', token), params),
    agreement: async (params, token) => provideAgreement(await service.snapshot('document', token), params, token),
    agreementMerge: async (params, token) => provideAgreementMerge(await service.snapshot('document', token), params, token),
    revisions: async (params, token) => provideRevisions(await service.snapshot('document', token), params),
    exportProject: async (params, token) => provideExport(await service.snapshot('workspace', token), params),
    // An import reads nothing of the workspace: it does not wait for a scan.
    importFile: async (params) => provideImport(workspace.locale, options.importer, params),
    autocodePreview: async (params, token) => provideAutocodePreview(await service.snapshot('workspace', token), params, token),
    autocodeApply: async (params, token) => provideAutocodeApply(await service.snapshot('workspace', token), params, token),

    privacyReload: async (params) => {
      privacy.reload(params);
      await privacy.ready(workspace.folders);
      return null;
    },
    privacySummary: async (_params, token) => provideSummary(await service.snapshot('workspace', token), privacy, token),
    privacyCheck: async (params, token) => provideCheck(await service.snapshot('document', token), privacy, params, token),
    pseudonymise: async (params, token) => providePseudonymise(await service.snapshot('workspace', token), privacy, params, token),
    replaceEverywhere: async (params, token) => provideReplaceEverywhere(await service.snapshot('workspace', token), privacy, params, token),
    keyEntry: async (params) => provideKeyEntry(await service.snapshot('document'), privacy, params),
  };
  return service;
}
