// `kader/autocode/preview` and `kader/autocode/apply`: auto-coding over the transcripts of the
// workspace (core/autocode), as a list of matches to choose from and then one workspace edit.
// A query's matches are the fragments core/query finds: each gets the code added. Nothing is written here: the client applies the edit the researcher confirmed.

import { checkAutocode, proposeCodings, verifyProposals, type AutocodeProposal, type AutocodeResult } from '../core/autocode';
import { localize } from '../core/l10n';
import { parseTranscript } from '../core/parse';
import { parseQuery, queryMatches } from '../core/query';
import type * as kader from '../protocol';
import { canonicalUri } from '../workspace/uris';
import type { DocumentView } from '../workspace/workspace';
import { allViews } from './diagnostics';
import { checkCancelled, InvalidParams, type Cancellation } from './errors';
import type { Snapshot } from './snapshot';
import { WorkspaceEditBuilder } from './workspaceEdit';

const KINDS = new Set(['phrase', 'speaker', 'heading', 'query']);

interface TranscriptProposals {
  view: DocumentView;
  text: string;
  version: number | null;
  result: AutocodeResult;
}

function checkParams(params: { target?: unknown; code?: unknown }): asserts params is { target: kader.AutocodeTarget; code: string } {
  const target = params.target as Partial<kader.AutocodeTarget> | undefined;
  if (!target || !KINDS.has(String(target.kind)) || typeof target.text !== 'string' || typeof params.code !== 'string') {
    throw new InvalidParams('An auto-coding target is { kind: phrase | speaker | heading | query, text } with a code.');
  }
}

/** The transcripts to look in: the ones named, else every transcript of the workspace. */
function* transcriptsOf(s: Snapshot, uris: readonly string[] | undefined): Generator<DocumentView> {
  const wanted = uris && new Set(uris.map(canonicalUri));
  const seen = new Set<string>();
  for (const view of allViews(s)) {
    if (view.kind !== 'transcript' || seen.has(view.uri) || (wanted && !wanted.has(view.uri))) continue;
    seen.add(view.uri);
    yield view;
  }
}

/** For a query, the places of the fragments it matches, per transcript URI; or why it cannot be read. */
function queryPlaces(s: Snapshot, target: kader.AutocodeTarget): Map<string, number[]> | { message: string } | undefined {
  if (target.kind !== 'query') return undefined;
  const parsed = parseQuery(target.text, s.locale);
  if (!parsed.ok) return { message: localize(s.locale)('The query cannot be read at character {0}: {1}', parsed.offset + 1, parsed.message) };
  const places = new Map<string, number[]>();
  for (const folder of s.workspace.folders) for (const m of queryMatches(folder.index, parsed.query)) places.set(m.document.key, m.places);
  return places;
}

/** Each transcript's proposals (those with none left out), in folder and path order. */
async function proposalsOf(s: Snapshot, params: kader.AutocodePreviewParams, places: Map<string, number[]> | undefined, token?: Cancellation): Promise<TranscriptProposals[]> {
  const found: TranscriptProposals[] = [];
  for (const view of transcriptsOf(s, params.uris)) {
    const matched = places?.get(view.uri);
    if (places && !matched) continue;
    const read = await s.workspace.textOf(view.uri);
    checkCancelled(token);
    if (!read) continue;
    const open = s.workspace.documents.get(view.uri);
    // An open document's coded text is read back reusing its chunks.
    const parse = open ? (text: string) => parseTranscript(text, open.cache.fork()) : undefined;
    const model = view.model;
    const fragments = matched?.map((at) => model.fragments[at]).filter((f) => f !== undefined);
    const result = proposeCodings(read.text, model, params.target, params.code, { locale: s.locale, parse, fragments });
    if (result.proposals.length > 0 || result.skipped > 0) found.push({ view, text: read.text, version: read.version, result });
  }
  return found.sort((a, b) => (a.view.relative < b.view.relative ? -1 : a.view.relative > b.view.relative ? 1 : 0));
}

/** A message for a target that cannot be looked for: an invalid code, no words, a malformed query. */
function refusal(s: Snapshot, params: kader.AutocodePreviewParams, places: ReturnType<typeof queryPlaces>): string | undefined {
  const checked = checkAutocode(params.target, params.code, s.locale);
  if ('message' in checked) return checked.message;
  if (places && 'message' in places) return places.message;
  return undefined;
}

export async function provideAutocodePreview(s: Snapshot, params: kader.AutocodePreviewParams, token?: Cancellation): Promise<kader.AutocodePreviewResult> {
  checkParams(params);
  const checked = checkAutocode(params.target, params.code, s.locale);
  const code = 'code' in checked ? checked.code : params.code.trim().replace(/^#/, '');
  const places = queryPlaces(s, params.target);
  const message = refusal(s, params, places);
  if (message !== undefined || (places && 'message' in places)) return { code, matches: [], skipped: 0, message };
  const matches: kader.AutocodeMatch[] = [];
  let skipped = 0;
  for (const { view, result } of await proposalsOf(s, params, places, token)) {
    skipped += result.skipped;
    const uri = s.workspace.clientUri(view.uri);
    for (const p of result.proposals) matches.push({ uri, path: view.relative, range: p.range, context: p.context, shape: p.shape, alreadyCoded: p.alreadyCoded });
  }
  return { code, matches, skipped };
}

export async function provideAutocodeApply(s: Snapshot, params: kader.AutocodeApplyParams, token?: Cancellation): Promise<kader.AutocodeApplyResult> {
  checkParams(params);
  if (!Array.isArray(params.matches)) throw new InvalidParams('matches: the chosen matches, each { uri, range }.');
  const builder = new WorkspaceEditBuilder(s.client, s.workspace);
  const places = queryPlaces(s, params.target);
  const message = refusal(s, params, places);
  if (message !== undefined || (places && 'message' in places)) return { edit: builder.build(), coded: 0, missing: params.matches.length, message };
  const code = (checkAutocode(params.target, params.code) as { code: string }).code;
  const chosen = new Map<string, Set<string>>();
  for (const m of params.matches) {
    const uri = canonicalUri(m.uri);
    let keys = chosen.get(uri);
    if (!keys) chosen.set(uri, (keys = new Set()));
    keys.add(rangeKey(m.range));
  }
  let coded = 0;
  let found = 0;
  for (const { view, text, version, result } of await proposalsOf(s, { ...params, uris: [...chosen.keys()] }, places, token)) {
    const keys = chosen.get(view.uri)!;
    const picked = result.proposals.filter((p) => keys.has(rangeKey(p.range)));
    found += picked.length;
    const toCode = picked.filter((p) => !p.alreadyCoded);
    if (toCode.length === 0) continue;
    // The chosen ones are read back once more on their own: the edit codes exactly these.
    const open = s.workspace.documents.get(view.uri);
    const parse = open ? (t: string) => parseTranscript(t, open.cache.fork()) : undefined;
    const verified = verifyProposals(text, view.model, toCode, code, parse).proposals;
    coded += verified.length;
    builder.edit(view.uri, version, verified.flatMap((p: AutocodeProposal) => p.edits));
  }
  return { edit: builder.build(), coded, missing: params.matches.length - found };
}

function rangeKey(range: kader.AutocodeMatch['range']): string {
  return `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`;
}
