// The Kader language service: every feature as a plain function over one fresh snapshot, with no
// connection. The Node server, the browser server and the CLI each make one and drive it: the
// server's handlers (handlers/) pass requests in, the CLI calls it directly.

import type { Locale } from '../core/types';
import type * as lsp from 'vscode-languageserver-protocol';
import type * as kader from '../protocol';
import type { FileSystem } from '../workspace/fileSystem';
import type { GitAccess } from '../workspace/gitAccess';
import type { Indexer } from '../workspace/indexer';
import { Workspace, type Logger } from '../workspace/workspace';
import { provideAgreement, provideAgreementMerge, provideRevisions } from './agreement';
import { clientFeatures, type ClientFeatures } from './clientFeatures';
import { provideCodeActions } from './codeActions';
import { provideCodes, provideDocumentFragments } from './codes';
import { provideCoding } from './coding';
import { provideCompletion } from './completion';
import { provideDefinition } from './definition';
import { DiagnosticReports } from './diagnostics';
import { checkCancelled, type Cancellation } from './errors';
import { provideExport, provideImport, type Importer } from './exchange';
import { provideFoldingRanges } from './folding';
import { provideHighlights } from './highlight';
import { provideHover } from './hover';
import { provideReferences } from './references';
import { providePrepareRename, provideRename } from './rename';
import { provideReport } from './report';
import type { Snapshot } from './snapshot';
import { provideStatistics } from './statistics';
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
  statistics(params: kader.StatisticsParams | undefined, token?: Cancellation): Promise<kader.StatisticsResult>;
  agreement(params: kader.AgreementParams, token?: Cancellation): Promise<kader.AgreementReport>;
  agreementMerge(params: kader.AgreementMergeParams, token?: Cancellation): Promise<kader.AgreementMergeResult>;
  revisions(params: kader.RevisionsParams | undefined, token?: Cancellation): Promise<kader.RevisionsResult>;
  exportProject(params: kader.ExportParams, token?: Cancellation): Promise<kader.ExportResult>;
  importFile(params: kader.ImportParams, token?: Cancellation): Promise<kader.ImportResponse>;
}

export function createKaderService(options: KaderServiceOptions): KaderService {
  const workspace = new Workspace(options.fileSystem, options.log, options.indexer);
  workspace.setLocale(options.locale);
  const diagnostics = new DiagnosticReports();

  const service: KaderService = {
    workspace,
    client: clientFeatures({}),
    trusted: true,
    diagnostics,

    async snapshot(freshness, token) {
      await workspace.settled();
      checkCancelled(token);
      if (freshness === 'workspace') workspace.syncAll();
      else workspace.syncCodebooks();
      return { workspace, locale: workspace.locale, client: service.client, trusted: service.trusted, git: options.git, fileSystem: options.fileSystem };
    },

    hover: async (params, token) => provideHover(await service.snapshot('workspace', token), params),
    completion: async (params, token) => provideCompletion(await service.snapshot('workspace', token), params),
    codeActions: async (params, token) => provideCodeActions(await service.snapshot('document', token), params, token),
    prepareRename: async (params, token) => providePrepareRename(await service.snapshot('document', token), params),
    rename: async (params, token) => provideRename(await service.snapshot('workspace', token), params, token),
    references: async (params, token) => provideReferences(await service.snapshot('workspace', token), params, token),
    definition: async (params, token) => provideDefinition(await service.snapshot('document', token), params),
    highlights: async (params, token) => provideHighlights(await service.snapshot('document', token), params),
    documentSymbols: async (params, token) => provideDocumentSymbols(await service.snapshot('document', token), params),
    workspaceSymbols: async (params, token) => provideWorkspaceSymbols(await service.snapshot('workspace', token), params, token),
    foldingRanges: async (params, token) => provideFoldingRanges(await service.snapshot('document', token), params),
    documentDiagnostics: async (params, token) => diagnostics.document(await service.snapshot('document', token), params.textDocument.uri, params.previousResultId),
    workspaceDiagnostics: async (params, token) => diagnostics.workspace(await service.snapshot('workspace', token), params.previousResultIds, token),
    tree: async (params, token) => provideTree(await service.snapshot('workspace', token), params),
    treePath: async (params, token) => provideTreePath(await service.snapshot('workspace', token), params),
    documentFragments: async (params, token) => provideDocumentFragments(await service.snapshot('document', token), params),
    codes: async (params, token) => provideCodes(await service.snapshot('workspace', token), params),
    coding: async (params, token) => provideCoding(await service.snapshot('document', token), params),
    report: async (params, token) => provideReport(await service.snapshot('workspace', token), params),
    statistics: async (params, token) => provideStatistics(await service.snapshot('workspace', token), params),
    agreement: async (params, token) => provideAgreement(await service.snapshot('document', token), params, token),
    agreementMerge: async (params, token) => provideAgreementMerge(await service.snapshot('document', token), params, token),
    revisions: async (params, token) => provideRevisions(await service.snapshot('document', token), params),
    exportProject: async (params, token) => provideExport(await service.snapshot('workspace', token), params),
    // An import reads nothing of the workspace: it does not wait for a scan.
    importFile: async (params) => provideImport(workspace.locale, options.importer, params),
  };
  return service;
}
