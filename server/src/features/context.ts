// What every feature gets from the composition root: the connection, the workspace, what the
// client can do, and a guard that turns every failure into an LSP error instead of a crash.

import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
} from 'vscode-languageserver';
import type { Locale } from '../core/types';
import type { Logger, Workspace } from '../workspace/workspace';

/** The client capabilities the features look at, read once at `initialize`. */
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

export interface ServerContext {
  readonly connection: Connection;
  readonly workspace: Workspace;
  readonly log: Logger;
  /** Set at `initialize`. */
  client: ClientFeatures;
  /** False when the client says the workspace is not trusted: then no git runs. */
  workspaceTrusted: boolean;
  locale(): Locale;
}

export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/** Throws the LSP "cancelled" error when the client no longer wants the answer. */
export function checkCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw cancelled();
}

/** A refusal the user should read (e.g. an invalid new name for rename). */
export function refusal(message: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

/**
 * Wraps a request handler: cancellation and refusals pass through as they are, anything else
 * is logged and answered with an internal error. The server never dies of a request.
 */
export function guarded<P, R, E = void>(
  context: Pick<ServerContext, 'log'>,
  name: string,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R | ResponseError<E>> {
  return async (params, token) => {
    try {
      checkCancelled(token);
      return await handler(params, token);
    } catch (error) {
      if (error instanceof ResponseError) return error as ResponseError<E>;
      context.log.error(`${name} failed: ${(error as Error)?.stack ?? String(error)}`);
      return new ResponseError<E>(ErrorCodes.InternalError, `Kader: ${name} failed: ${(error as Error)?.message ?? String(error)}`);
    }
  };
}

/** Wraps a notification handler the same way: errors are logged, never thrown. */
export function guardedNotification<P>(context: Pick<ServerContext, 'log'>, name: string, handler: (params: P) => void | Promise<void>): (params: P) => void {
  return (params) => {
    try {
      const result = handler(params);
      if (result) result.catch((error: unknown) => context.log.error(`${name} failed: ${(error as Error)?.stack ?? String(error)}`));
    } catch (error) {
      context.log.error(`${name} failed: ${(error as Error)?.stack ?? String(error)}`);
    }
  };
}
