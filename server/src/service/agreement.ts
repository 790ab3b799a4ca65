// `kader/agreement`, `kader/agreementMerge` and `kader/revisions`: compare a transcript's coding
// with another file or with its version at a git revision, and merge the other's coding in.

import { localize, type Translate } from '../core/l10n';
import { compareCodings, mergeEdits } from '../core/outputs/agreement';
import type {
  AgreementMergeParams,
  AgreementMergeResult,
  AgreementOther,
  AgreementParams,
  AgreementReport,
  RevisionsParams,
  RevisionsResult,
} from '../protocol';
import { readProblemText } from '../core/fileText';
import { GitFailure, NoRepository, OutsideWorkspace } from '../workspace/gitAccess';
import { baseName, canonicalUri } from '../workspace/uris';
import { checkCancelled, Refusal, type Cancellation } from './errors';
import type { Snapshot } from './snapshot';

interface Texts {
  a: { text: string; version: number | null };
  b: string;
  labelA: string;
  labelB: string;
  otherUri?: string;
}

const untrusted = (t: Translate): string =>
  t('This workspace is not trusted, so Kader runs no git here: comparing with a branch or commit needs a trusted workspace (Manage Workspace Trust). Comparing with another file works.');
// The picker's placeholder, one line of about 80 characters: why there are no revisions to choose.
const noRepository = (t: Translate): string => t('Comparing with a branch or commit needs a git repository: choose a file instead.');
const noGitHere = (t: Translate): string => t('Comparing with a branch or commit needs git, which the browser lacks: choose a file.');
const noGit = (t: Translate): string => t('Comparing with a branch or commit needs git, which Kader has only on the desktop or in a Codespace. Comparing with another file works.');

function outside(s: Snapshot, uri: string): Refusal {
  return new Refusal(
    localize(s.locale)('{0} is outside the workspace folders (or a link leads outside them); Kader compares only files in the workspace and files open in the editor.', baseName(uri)),
  );
}

/** An open document's text (the client sent it), else the file's, if inside a workspace folder. */
async function textOf(s: Snapshot, uri: string): Promise<{ text: string; version: number | null }> {
  const open = s.workspace.documents.get(uri);
  if (open) return { text: open.document.getText(), version: open.document.version };
  const folder = s.workspace.folderOf(uri);
  if (!folder?.hasFiles) throw outside(s, uri);
  const read = await s.fileSystem.readText(uri, undefined, folder.uri);
  if (!read.ok && read.problem === 'outside') throw outside(s, uri);
  const t = localize(s.locale);
  if (!read.ok) throw new Refusal(t('{0} cannot be read: it {1}.', baseName(uri), readProblemText(read, t)));
  return { text: read.text, version: null };
}

function folderUris(s: Snapshot): string[] {
  return s.workspace.folders.filter((f) => f.hasFiles).map((f) => f.uri);
}

async function texts(s: Snapshot, rawUri: string, other: AgreementOther): Promise<Texts> {
  const t = localize(s.locale);
  const uri = canonicalUri(rawUri);
  const a = await textOf(s, uri);
  const labelA = baseName(uri);
  if (other?.kind === 'revision') {
    if (!s.trusted) throw new Refusal(untrusted(t));
    if (!s.git) throw new Refusal(noGit(t));
    if (!s.workspace.folderOf(uri)) throw outside(s, uri);
    try {
      return { a, b: await s.git.showAtRevision(uri, String(other.rev), folderUris(s)), labelA, labelB: `${labelA} @ ${other.rev}` };
    } catch (error) {
      if (error instanceof NoRepository) throw new Refusal(noRepository(t));
      if (error instanceof GitFailure) throw new Refusal(t('{0} at {1}: {2}', labelA, String(other.rev), error.message));
      if (error instanceof OutsideWorkspace) throw outside(s, uri);
      throw error;
    }
  }
  const otherUri = canonicalUri(String(other?.uri));
  const b = await textOf(s, otherUri);
  let labelB = baseName(otherUri);
  if (labelB === labelA) {
    labelB = `${baseName(otherUri.slice(0, otherUri.lastIndexOf('/')))}/${labelB}`;
  }
  return { a, b: b.text, labelA, labelB, otherUri: s.workspace.clientUri(otherUri) };
}

function threshold(s: Snapshot, value: unknown): number {
  if (value === undefined || value === null) return 90;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 100) throw new Refusal(localize(s.locale)('The threshold is a percentage above 0, at most 100.'));
  return value;
}

export async function provideAgreement(s: Snapshot, params: AgreementParams, token?: Cancellation): Promise<AgreementReport> {
  const both = await texts(s, params.uri, params.other);
  checkCancelled(token);
  const result = compareCodings({ text: both.a.text }, { text: both.b }, { threshold: threshold(s, params.threshold) });
  const report: AgreementReport = { ...result, uri: params.uri, version: both.a.version, labelA: both.labelA, labelB: both.labelB };
  if (both.otherUri) report.otherUri = both.otherUri;
  return report;
}

export async function provideAgreementMerge(s: Snapshot, params: AgreementMergeParams, token?: Cancellation): Promise<AgreementMergeResult> {
  const both = await texts(s, params.uri, params.other);
  checkCancelled(token);
  if (params.version !== undefined && params.version !== null && both.a.version !== null && params.version !== both.a.version) {
    return { edits: [], problems: [], message: localize(s.locale)('The transcript changed since the comparison; compare again.') };
  }
  const choices = Array.isArray(params.choices) ? params.choices.filter((c) => c && Number.isInteger(c.disagreement) && (c.accept === 'a' || c.accept === 'b')) : [];
  return mergeEdits({ text: both.a.text }, { text: both.b }, choices, { threshold: threshold(s, params.threshold) });
}

export async function provideRevisions(s: Snapshot, params: RevisionsParams | undefined): Promise<RevisionsResult> {
  const t = localize(s.locale);
  if (!s.trusted) return { refs: [], history: [], message: untrusted(t) };
  if (!s.git) return { refs: [], history: [], message: noGitHere(t) };
  const uri = canonicalUri(String(params?.uri));
  if (!s.workspace.folderOf(uri)) return { refs: [], history: [], message: outside(s, uri).message };
  try {
    const folders = folderUris(s);
    const [refs, history] = await Promise.all([s.git.listRefs(uri, folders), s.git.fileHistory(uri, 20, folders)]);
    return { refs, history };
  } catch (error) {
    // Not git's own words ("fatal: not a git repository…"): why there is nothing to choose, and what works.
    if (error instanceof GitFailure) return { refs: [], history: [], message: noRepository(t) };
    if (error instanceof OutsideWorkspace) return { refs: [], history: [], message: outside(s, uri).message };
    throw error;
  }
}
