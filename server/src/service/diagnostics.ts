// Diagnostics as the client reads them: each carries its rule id as `code`, `source` 'kader', the
// configured severity and a localised message. Pulled reports carry result ids, so a document
// whose findings did not change is answered "unchanged".

import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type Diagnostic as LspDiagnostic,
  type DocumentDiagnosticReport,
  type PreviousResultId,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { messageOf } from '../core/messages';
import type { PrivacyFinding } from '../core/privacy/findings';
import { privacyMessage } from '../core/privacy/messages';
import type { Diagnostic, Locale, Severity } from '../core/types';
import { checkCancelled, type Cancellation } from './errors';
import type { Snapshot } from './snapshot';
import type { KaderSettings } from '../workspace/settings';
import { canonicalUri } from '../workspace/uris';
import type { DocumentView } from '../workspace/workspace';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(d: Diagnostic, settings: KaderSettings, locale: Locale): LspDiagnostic | undefined {
  const severity = settings.severity[d.rule] ?? d.severity;
  if (severity === 'off') return undefined;
  return { range: d.range, severity: SEVERITY[severity], code: d.rule, source: 'kader', message: messageOf(d, locale) };
}

/** A finding of personal data as a diagnostic: certain ones are warnings, likely ones information, unless the settings say otherwise. */
export function privacyDiagnostic(f: PrivacyFinding, settings: KaderSettings, locale: Locale): LspDiagnostic | undefined {
  const severity = settings.severity[f.rule] ?? (f.level === 'certain' ? 'warning' : 'information');
  if (severity === 'off') return undefined;
  return { range: f.range, severity: SEVERITY[severity], code: f.rule, source: 'kader', message: privacyMessage(f, locale) };
}

const before = (a: LspDiagnostic, b: LspDiagnostic): boolean =>
  a.range.start.line < b.range.start.line || (a.range.start.line === b.range.start.line && a.range.start.character <= b.range.start.character);

export function lspDiagnostics(view: DocumentView, locale: Locale): LspDiagnostic[] {
  const out: LspDiagnostic[] = [];
  for (const d of view.diagnostics()) {
    const lsp = toLspDiagnostic(d, view.folder.settings, locale);
    if (lsp) out.push(lsp);
  }
  const findings = view.privacy();
  if (findings.length === 0) return out;
  const privacy: LspDiagnostic[] = [];
  for (const f of findings) {
    const lsp = privacyDiagnostic(f, view.folder.settings, locale);
    if (lsp) privacy.push(lsp);
  }
  // Both lists are in document order: merge them.
  const merged: LspDiagnostic[] = [];
  let i = 0;
  let j = 0;
  while (i < out.length || j < privacy.length) {
    if (j >= privacy.length || (i < out.length && before(out[i]!, privacy[j]!))) merged.push(out[i++]!);
    else merged.push(privacy[j++]!);
  }
  return merged;
}

function sameDiagnostics(a: readonly LspDiagnostic[], b: readonly LspDiagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.range.start.line !== y.range.start.line ||
      x.range.start.character !== y.range.start.character ||
      x.range.end.line !== y.range.end.line ||
      x.range.end.character !== y.range.end.character ||
      x.severity !== y.severity ||
      x.code !== y.code ||
      x.message !== y.message
    ) {
      return false;
    }
  }
  return true;
}

/** Every transcript and codebook file of every folder, in folder and path order. */
export function* allViews(s: Snapshot): Generator<DocumentView> {
  const { workspace } = s;
  for (const folder of workspace.folders) {
    if (folder.codebookSource) {
      const view = workspace.view(folder.codebookUri);
      if (view) yield view;
    }
    for (const document of folder.index.all()) {
      const view = workspace.view(document.key);
      if (view) yield view;
    }
  }
}

/** The pulled reports and their result ids: one per client, owned by the service. */
export class DiagnosticReports {
  /** A number per model or codebook object, for result ids. */
  private readonly stamps = new WeakMap<object, number>();
  private nextStamp = 1;
  /** Grows when settings or the language change every report. */
  private generation = 0;
  /** The last full report sent per document, to answer "unchanged" when an edit left its findings as they were. */
  private readonly reported = new Map<string, { resultId: string; items: LspDiagnostic[] }>();

  private stamp(object: object): number {
    let stamp = this.stamps.get(object);
    if (stamp === undefined) this.stamps.set(object, (stamp = this.nextStamp++));
    return stamp;
  }

  private resultId(view: DocumentView): string {
    const codebook = this.stamp(view.folder.codebook);
    if (view.kind === 'codebook') return `${this.generation}:${codebook}`;
    // An indexed transcript's personal data is found after its model: its findings count too.
    const privacy = view.version === null ? `:${this.stamp(view.privacy())}` : '';
    return `${this.generation}:${codebook}:${this.stamp(view.source)}${privacy}`;
  }

  document(s: Snapshot, uri: string, previousResultId: string | undefined): DocumentDiagnosticReport {
    const view = s.workspace.view(canonicalUri(uri));
    if (!view) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const resultId = this.resultId(view);
    if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    const items = lspDiagnostics(view, s.locale);
    // Typing within a line leaves the findings of a long transcript where they were: the
    // client keeps what it has, instead of receiving (and parsing) every finding again.
    const last = this.reported.get(view.uri);
    if (last && previousResultId === last.resultId && sameDiagnostics(last.items, items)) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
    }
    this.reported.set(view.uri, { resultId, items });
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  workspace(s: Snapshot, previousResultIds: PreviousResultId[], token?: Cancellation): WorkspaceDiagnosticReport {
    const previous = new Map(previousResultIds.map((p) => [canonicalUri(p.uri), p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const reported = new Set<string>();
    for (const view of allViews(s)) {
      checkCancelled(token);
      reported.add(view.uri);
      const resultId = this.resultId(view);
      if (previous.get(view.uri) === resultId) {
        items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri: view.uri, version: view.version, resultId });
      } else {
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri: view.uri, version: view.version, resultId, items: lspDiagnostics(view, s.locale) });
      }
    }
    // Documents the client still shows that are gone: an empty report clears them.
    for (const uri of previous.keys()) {
      if (!reported.has(uri)) items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
    }
    return { items };
  }

  /** A document closed or gone: its next pull starts afresh. */
  forget(uri: string): void {
    this.reported.delete(uri);
  }

  /** After settings or the language changed: every diagnostic may read differently. */
  settingsChanged(): void {
    this.generation++;
  }
}
