// `kader/agreement`, `kader/agreementMerge` and `kader/revisions`: compare a transcript's coding
// with another file or with its version at a git revision, and merge the other's coding in.
// Wired in server.ts with `registerAgreementRequests(context);`.

import * as path from 'node:path';
import { ResponseError } from 'vscode-languageserver';
import { compareCodings, mergeEdits } from '../core/outputs/agreement';
import {
  AgreementMergeRequest,
  AgreementRequest,
  RevisionsRequest,
  type AgreementMergeResult,
  type AgreementOther,
  type AgreementReport,
  type RevisionsResult,
} from '../protocol';
import { localize } from '../core/l10n';
import { readProblemText, readText } from '../workspace/files';
import { realPathInside } from '../workspace/containment';
import { GitError, fileHistory, listRefs, showAtRevision } from '../workspace/git';
import { baseName, canonicalUri, fsPathOf } from '../workspace/uris';
import { checkCancelled, guarded, refusal, type ServerContext } from './context';

interface Texts {
  a: { text: string; version: number | null };
  b: string;
  labelA: string;
  labelB: string;
  otherUri?: string;
}

export function registerAgreementRequests(context: ServerContext): void {
  const { connection, workspace } = context;
  const t = (message: string, ...args: string[]): string => localize(context.locale())(message, ...args);

  const roots = (): string[] => workspace.folders.flatMap((f) => (f.root ? [f.root] : []));

  /** The real path of a file inside the workspace folders; a client may name any path. */
  const fileInside = async (uri: string): Promise<string> => {
    const file = fsPathOf(uri);
    if (!file) throw refusal(t('Only files on disk can be compared.'));
    const real = await realPathInside(file, roots());
    if (!real) throw refusal(t('{0} is outside the workspace folders (or a link leads outside them); Kader compares only files in the workspace and files open in the editor.', baseName(uri)));
    return real;
  };

  /** An open document's text (the client sent it), else the file's, if inside the workspace. */
  const textOf = async (uri: string): Promise<{ text: string; version: number | null }> => {
    const open = workspace.documents.get(uri);
    if (open) return { text: open.document.getText(), version: open.document.version };
    const read = await readText(await fileInside(uri));
    if (!read.ok) throw refusal(t('{0} cannot be read: it {1}.', baseName(uri), readProblemText(read, localize(context.locale()))));
    return { text: read.text, version: null };
  };

  const texts = async (rawUri: string, other: AgreementOther): Promise<Texts> => {
    await workspace.ready;
    const uri = canonicalUri(rawUri);
    const a = await textOf(uri);
    const labelA = baseName(uri);
    if (other?.kind === 'revision') {
      if (!context.workspaceTrusted) throw refusal(t('This workspace is not trusted, so Kader runs no git here: comparing with a branch or commit needs a trusted workspace (Manage Workspace Trust). Comparing with another file works.'));
      const file = await fileInside(uri);
      try {
        return { a, b: await showAtRevision(file, String(other.rev), { untrusted: roots() }), labelA, labelB: `${labelA} @ ${other.rev}` };
      } catch (error) {
        if (error instanceof GitError) throw refusal(t('{0} at {1}: {2}', labelA, String(other.rev), error.message));
        throw error;
      }
    }
    const otherUri = canonicalUri(String(other?.uri));
    const b = await textOf(otherUri);
    let labelB = baseName(otherUri);
    if (labelB === labelA) {
      const parent = fsPathOf(otherUri);
      labelB = parent ? `${path.basename(path.dirname(parent))}/${labelB}` : otherUri;
    }
    return { a, b: b.text, labelA, labelB, otherUri: workspace.clientUri(otherUri) };
  };

  const threshold = (value: unknown): number => {
    if (value === undefined || value === null) return 90;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 100) throw refusal(t('The threshold is a percentage above 0, at most 100.'));
    return value;
  };

  connection.onRequest(
    AgreementRequest,
    guarded(context, AgreementRequest.method, async (params, token): Promise<AgreementReport> => {
      const t = await texts(params.uri, params.other);
      checkCancelled(token);
      const result = compareCodings({ text: t.a.text }, { text: t.b }, { threshold: threshold(params.threshold) });
      const report: AgreementReport = { ...result, uri: params.uri, version: t.a.version, labelA: t.labelA, labelB: t.labelB };
      if (t.otherUri) report.otherUri = t.otherUri;
      return report;
    }),
  );

  connection.onRequest(
    AgreementMergeRequest,
    guarded(context, AgreementMergeRequest.method, async (params, token): Promise<AgreementMergeResult> => {
      const both = await texts(params.uri, params.other);
      checkCancelled(token);
      if (params.version !== undefined && params.version !== null && both.a.version !== null && params.version !== both.a.version) {
        return { edits: [], problems: [], message: t('The transcript changed since the comparison; compare again.') };
      }
      const choices = Array.isArray(params.choices)
        ? params.choices.filter((c) => c && Number.isInteger(c.disagreement) && (c.accept === 'a' || c.accept === 'b'))
        : [];
      return mergeEdits({ text: both.a.text }, { text: both.b }, choices, { threshold: threshold(params.threshold) });
    }),
  );

  connection.onRequest(
    RevisionsRequest,
    guarded(context, RevisionsRequest.method, async (params): Promise<RevisionsResult> => {
      if (!context.workspaceTrusted) return { refs: [], history: [], message: t('This workspace is not trusted, so Kader runs no git here: comparing with a branch or commit needs a trusted workspace (Manage Workspace Trust). Comparing with another file works.') };
      await workspace.ready;
      let file: string;
      try {
        file = await fileInside(canonicalUri(String(params?.uri)));
      } catch (error) {
        if (error instanceof ResponseError) return { refs: [], history: [], message: error.message };
        throw error;
      }
      const options = { untrusted: roots() };
      try {
        const [refs, history] = await Promise.all([listRefs(path.dirname(file), options), fileHistory(file, 20, options)]);
        return { refs, history };
      } catch (error) {
        if (error instanceof GitError) return { refs: [], history: [], message: error.message };
        throw error;
      }
    }),
  );
}
