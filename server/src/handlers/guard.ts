// Turns every way a request can end into an answer: the service's refusals, invalid parameters
// and cancellation into their LSP errors, anything else is logged and answered with an internal
// error. The server never dies of a request or a notification.

import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver-protocol';
import { Cancelled, checkCancelled, InvalidParams, Refusal } from '../service/errors';
import type { Logger } from '../workspace/workspace';

function answerOf<E>(error: unknown, name: string, log: Logger): ResponseError<E> {
  if (error instanceof ResponseError) return error as ResponseError<E>;
  if (error instanceof Cancelled) return new ResponseError(LSPErrorCodes.RequestCancelled, error.message);
  if (error instanceof Refusal) return new ResponseError(LSPErrorCodes.RequestFailed, error.message, error.data as E);
  if (error instanceof InvalidParams) return new ResponseError(ErrorCodes.InvalidParams, error.message);
  log.error(`${name} failed: ${(error as Error)?.stack ?? String(error)}`);
  return new ResponseError<E>(ErrorCodes.InternalError, `Kader: ${name} failed: ${(error as Error)?.message ?? String(error)}`);
}

export function guarded<P, R, E = void>(
  log: Logger,
  name: string,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R | ResponseError<E>> {
  return async (params, token) => {
    try {
      checkCancelled(token);
      return await handler(params, token);
    } catch (error) {
      return answerOf<E>(error, name, log);
    }
  };
}

/** Errors of a notification handler are logged, never thrown. */
export function guardedNotification<P>(log: Logger, name: string, handler: (params: P) => void | Promise<void>): (params: P) => void {
  return (params) => {
    try {
      const result = handler(params);
      if (result) result.catch((error: unknown) => log.error(`${name} failed: ${(error as Error)?.stack ?? String(error)}`));
    } catch (error) {
      log.error(`${name} failed: ${(error as Error)?.stack ?? String(error)}`);
    }
  };
}
