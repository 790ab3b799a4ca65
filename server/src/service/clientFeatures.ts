// What the client can read and apply, read once from its capabilities: the forms in which the
// service writes hovers, completions, symbols and workspace edits.

import type { ClientCapabilities } from 'vscode-languageserver-protocol';

export interface ClientFeatures {
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  configuration: boolean;
  configurationRegistration: boolean;
  watchedFilesRegistration: boolean;
  workDoneProgress: boolean;
  workspaceFolders: boolean;
  documentChanges: boolean;
  createFile: boolean;
  markdownHover: boolean;
  markdownCompletion: boolean;
  hierarchicalSymbols: boolean;
}

export function clientFeatures(capabilities: ClientCapabilities): ClientFeatures {
  const workspace = capabilities.workspace;
  const text = capabilities.textDocument;
  return {
    pullDiagnostics: text?.diagnostic !== undefined,
    diagnosticRefresh: workspace?.diagnostics?.refreshSupport === true,
    configuration: workspace?.configuration === true,
    configurationRegistration: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesRegistration: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    workDoneProgress: capabilities.window?.workDoneProgress === true,
    workspaceFolders: workspace?.workspaceFolders === true,
    documentChanges: workspace?.workspaceEdit?.documentChanges === true,
    createFile: workspace?.workspaceEdit?.resourceOperations?.includes('create') === true,
    markdownHover: text?.hover?.contentFormat?.includes('markdown') ?? false,
    markdownCompletion: text?.completion?.completionItem?.documentationFormat?.includes('markdown') ?? false,
    hierarchicalSymbols: text?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
  };
}
