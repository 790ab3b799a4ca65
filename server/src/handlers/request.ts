// A request handler: which request it answers and which service call answers it.

import type { CancellationToken, ProtocolRequestType, RequestType } from 'vscode-languageserver-protocol';
import type { KaderService } from '../service/service';

export interface RequestHandler {
  readonly method: string;
  readonly type: RequestType<unknown, unknown, unknown> | ProtocolRequestType<unknown, unknown, unknown, unknown, unknown>;
  answer(service: KaderService, params: unknown, token: CancellationToken): Promise<unknown>;
}

export function handler<P, R>(
  type: RequestType<P, R, unknown> | ProtocolRequestType<P, R, unknown, unknown, unknown>,
  answer: (service: KaderService, params: P, token: CancellationToken) => Promise<R>,
): RequestHandler {
  return { method: type.method, type: type as RequestHandler['type'], answer: answer as RequestHandler['answer'] };
}
