// Every request the server answers, each in a file of its own: the handlers are thin, the
// service does the work.

import type { RequestHandler } from './request';
import { hoverHandler } from './hover';
import { completionHandler } from './completion';
import { codeActionHandler } from './codeAction';
import { prepareRenameHandler } from './prepareRename';
import { renameHandler } from './rename';
import { referencesHandler } from './references';
import { definitionHandler } from './definition';
import { documentHighlightHandler } from './documentHighlight';
import { documentSymbolHandler } from './documentSymbol';
import { workspaceSymbolHandler } from './workspaceSymbol';
import { foldingRangeHandler } from './foldingRange';
import { documentDiagnosticHandler } from './documentDiagnostic';
import { workspaceDiagnosticHandler } from './workspaceDiagnostic';
import { treeHandler } from './tree';
import { treePathHandler } from './treePath';
import { documentFragmentsHandler } from './documentFragments';
import { codesHandler } from './codes';
import { codingHandler } from './coding';
import { reportHandler } from './report';
import { queryHandler } from './query';
import { statisticsHandler } from './statistics';
import { matrixHandler } from './matrix';
import { agreementHandler } from './agreement';
import { agreementMergeHandler } from './agreementMerge';
import { revisionsHandler } from './revisions';
import { exportHandler } from './export';
import { importHandler } from './import';
import { privacyReloadHandler } from './privacyReload';
import { privacySummaryHandler } from './privacySummary';
import { privacyCheckHandler } from './privacyCheck';
import { pseudonymiseHandler } from './pseudonymise';
import { replaceEverywhereHandler } from './replaceEverywhere';
import { keyEntryHandler } from './keyEntry';
import { memosHandler } from './memos';
import { autocodePreviewHandler } from './autocodePreview';
import { autocodeApplyHandler } from './autocodeApply';

export const REQUEST_HANDLERS: readonly RequestHandler[] = [
  hoverHandler,
  completionHandler,
  codeActionHandler,
  prepareRenameHandler,
  renameHandler,
  referencesHandler,
  definitionHandler,
  documentHighlightHandler,
  documentSymbolHandler,
  workspaceSymbolHandler,
  foldingRangeHandler,
  documentDiagnosticHandler,
  workspaceDiagnosticHandler,
  treeHandler,
  treePathHandler,
  documentFragmentsHandler,
  codesHandler,
  codingHandler,
  reportHandler,
  queryHandler,
  statisticsHandler,
  matrixHandler,
  agreementHandler,
  agreementMergeHandler,
  revisionsHandler,
  exportHandler,
  importHandler,
  privacyReloadHandler,
  privacySummaryHandler,
  privacyCheckHandler,
  pseudonymiseHandler,
  replaceEverywhereHandler,
  keyEntryHandler,
  memosHandler,
  autocodePreviewHandler,
  autocodeApplyHandler,
];
