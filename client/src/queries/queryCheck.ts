// Asking the server about a coding query (`kader/query`) over every workspace folder: whether it
// is well formed (and where it is not), how many fragments match, and which. The client never
// parses a query itself.

import * as vscode from 'vscode';
import { QueryRequest, type FragmentSummary, type QueryError } from '../../../server/src/protocol';
import type { KaderRequest } from '../statistics/panel';
import { t } from '../l10n';

export type QueryAnswer = { ok: true; count: number; fragments: FragmentSummary[] } | QueryError;

/** The workspace folders' URIs; none means the server's first (or only) folder. */
function folders(): (string | undefined)[] {
  const open = vscode.workspace.workspaceFolders ?? [];
  return open.length > 1 ? open.map((f) => f.uri.toString()) : [undefined];
}

/**
 * The fragments matching `query` in every folder (at most `limit` of them per folder; `count`
 * counts all), the query's error, or undefined when the server did not answer.
 */
export async function runQuery(request: KaderRequest, query: string, limit?: number, token?: vscode.CancellationToken): Promise<QueryAnswer | undefined> {
  const answers = await Promise.all(
    folders().map((folder) => {
      const params: { query: string; folder?: string; limit?: number } = { query };
      if (folder !== undefined) params.folder = folder;
      if (limit !== undefined) params.limit = limit;
      return request(QueryRequest, params, token);
    }),
  );
  let count = 0;
  const fragments: FragmentSummary[] = [];
  for (const answer of answers) {
    if (!answer) return undefined;
    if (!answer.ok) return answer;
    count += answer.count;
    fragments.push(...answer.fragments);
  }
  return { ok: true, count, fragments };
}

/** A query error as the user reads it: where (the 1-based character) and what. */
export function queryErrorText(error: Pick<QueryError, 'message' | 'offset'>): string {
  return t('At {0}: {1}', error.offset + 1, error.message);
}

/** What an input box says of `query` as it is typed: undefined when it is well formed (or empty). */
export async function validateQuery(request: KaderRequest, query: string, token?: vscode.CancellationToken): Promise<string | undefined> {
  if (!query.trim()) return undefined;
  const answer = await runQuery(request, query, 0, token);
  if (!answer) return token?.isCancellationRequested ? undefined : t('The Kader language server did not answer.');
  return answer.ok ? undefined : queryErrorText(answer);
}

/** The queries that are not empty, each in parentheses, joined by AND (one alone as it is). */
export function combineQueries(...queries: (string | undefined)[]): string {
  const given = queries.map((q) => q?.trim() ?? '').filter(Boolean);
  return given.length === 1 ? given[0]! : given.map((q) => `(${q})`).join(' AND ');
}
