// `kader/query`: the fragments a coding query finds in a folder (core/query), or the query error
// with its place; and the query of a tree filter, checked before the views use it.

import { summarize, type FragmentSummary } from '../core/index/aggregate';
import { countedOnce, parseQuery, queryMatches, type QueryNode } from '../core/query';
import type { Locale } from '../core/types';
import type { QueryParams, QueryResult } from '../protocol';
import { InvalidParams, Refusal } from './errors';
import { folderFor } from './folders';
import type { Snapshot } from './snapshot';

/** Needs the workspace snapshot. */
export function provideQuery(s: Snapshot, params: QueryParams | undefined): QueryResult {
  if (typeof params?.query !== 'string') throw new InvalidParams('kader/query needs a query');
  const limit = params.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw new InvalidParams('limit must be a whole number, 0 or more');
  const parsed = parseQuery(params.query, s.locale);
  if (!parsed.ok) return { ok: false, message: parsed.message, offset: parsed.offset, length: parsed.length };
  const folder = folderFor(s.workspace, params.folder);
  // A coding written as parts counts once, as in the views.
  const matches = folder ? countedOnce(folder.index, queryMatches(folder.index, parsed.query)) : [];
  // Only the fragments returned are read (a transcript's fragments are built when read).
  const fragments: FragmentSummary[] = [];
  let count = 0;
  for (const { document, places } of matches) {
    count += places.length;
    const wanted = limit === undefined ? places.length : Math.min(places.length, limit - fragments.length);
    if (wanted <= 0) continue;
    const all = document.fragments;
    for (const at of places.slice(0, wanted)) fragments.push(summarize({ document, fragment: all[at]! }));
  }
  return { ok: true, count, fragments };
}

/** The parsed query of a tree filter; a malformed one is refused with its place as the error's data (`{ offset, length }`). */
export function checkedQuery(text: string, locale: Locale): QueryNode {
  const parsed = parseQuery(text, locale);
  if (!parsed.ok) throw new Refusal(parsed.message, { offset: parsed.offset, length: parsed.length });
  return parsed.query;
}
