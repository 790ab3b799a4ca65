// What a service call can end in besides an answer: a refusal the user should read, a request
// the service cannot take, or cancellation. The handlers turn them into JSON-RPC errors; the CLI
// prints them.

/** Whether the caller still wants the answer. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

/** A refusal to show as it is (e.g. an invalid new name for rename); `data` goes to the client with it (a query error's place). */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

/** Parameters the service cannot take (a client bug, not a user's mistake). */
export class InvalidParams extends Error {}

export class Cancelled extends Error {
  constructor() {
    super('The request was cancelled.');
  }
}

/** Throws `Cancelled` when the caller no longer wants the answer. */
export function checkCancelled(token: Cancellation | undefined): void {
  if (token?.isCancellationRequested) throw new Cancelled();
}
