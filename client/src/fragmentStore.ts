// The fragments of open Markdown documents (`kader/documentFragments`), kept per document version
// for the decorations, the status bar and the commands that act on the fragment under the cursor.

import { isWorkspaceScheme } from './documentSchemes';
import * as vscode from 'vscode';
import { DocumentFragmentsRequest, type DocumentFragment } from '../../server/src/protocol';
import type { KaderServer } from './kaderServer';

interface Entry {
  version: number;
  fragments: DocumentFragment[];
}

export function toRange(range: DocumentFragment['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function isTranscriptDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' && isWorkspaceScheme(document.uri.scheme);
}

export class FragmentStore implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly requests = new Map<string, { version: number; cancel: vscode.CancellationTokenSource; done: Promise<DocumentFragment[] | undefined> }>();
  private readonly emitter = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires when the fragments of a document were (re)loaded. */
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(private readonly server: KaderServer) {
    this.disposables.push(
      vscode.workspace.onDidCloseTextDocument((document) => {
        const key = document.uri.toString();
        this.entries.delete(key);
        this.requests.get(key)?.cancel.cancel();
      }),
    );
  }

  /**
   * Forgets what the index change may have changed: the fragments of `uris`, or of every
   * document when the change names none (the codebook changed: colours; or the server restarted).
   */
  invalidate(uris: string[] | undefined): void {
    const forget = (key: string): void => {
      this.entries.delete(key);
      // A request under way may answer from before the change.
      this.requests.get(key)?.cancel.cancel();
      this.requests.delete(key);
    };
    if (!uris) {
      for (const key of new Set([...this.entries.keys(), ...this.requests.keys()])) forget(key);
      return;
    }
    for (const uri of uris) {
      try {
        forget(vscode.Uri.parse(uri).toString());
      } catch {
        // not a URI: nothing of ours
      }
    }
  }

  /** The fragments of the document's current version, if they are loaded. */
  get(document: vscode.TextDocument): DocumentFragment[] | undefined {
    const entry = this.entries.get(document.uri.toString());
    return entry && entry.version === document.version ? entry.fragments : undefined;
  }

  /** The fragments of the document's current version, loaded if they are not yet. */
  async fetch(document: vscode.TextDocument): Promise<DocumentFragment[] | undefined> {
    const key = document.uri.toString();
    const version = document.version;
    const known = this.get(document);
    if (known) return known;
    const running = this.requests.get(key);
    if (running && running.version === version) return running.done;
    this.requests.get(key)?.cancel.cancel();
    const cancel = new vscode.CancellationTokenSource();
    const done = this.server.request(DocumentFragmentsRequest, { uri: key }, cancel.token).then((result) => {
      const cancelled = cancel.token.isCancellationRequested;
      if (this.requests.get(key)?.cancel === cancel) this.requests.delete(key);
      cancel.dispose();
      // Superseded (an index change or a newer version): whoever waits gets the newer answer.
      if (cancelled) return document.isClosed ? undefined : this.fetch(document);
      if (!result) return undefined;
      // The server answers for the version it has; a newer edit brings its own request.
      if (result.version !== null && result.version !== document.version) return undefined;
      this.entries.set(key, { version, fragments: result.fragments });
      this.emitter.fire(document);
      return result.fragments;
    });
    this.requests.set(key, { version, cancel, done });
    return done;
  }

  /** The fragments whose whole range holds `position`, innermost first. */
  static at(fragments: DocumentFragment[], position: vscode.Position): DocumentFragment[] {
    return fragments
      .filter((f) => toRange(f.fullRange).contains(position))
      .sort((a, b) => {
        const ra = toRange(a.fullRange);
        const rb = toRange(b.fullRange);
        // Inner ranges start later or end earlier.
        return rb.start.compareTo(ra.start) || ra.end.compareTo(rb.end);
      });
  }

  dispose(): void {
    for (const request of this.requests.values()) request.cancel.cancel();
    for (const d of this.disposables) d.dispose();
  }
}
