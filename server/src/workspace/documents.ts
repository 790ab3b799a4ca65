// The documents the client has open: their text (unsaved edits count), version, and a parse
// cache per document so typing re-reads only the chunks an edit touched.

import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { ParseCache, parseTranscript } from '../core/transcript';
import type { CodeLookup } from '../core/check';
import type { Diagnostic, Transcript } from '../core/types';
import { canonicalUri } from './uris';

export interface OpenDocument {
  /** Canonical URI (see uris.ts). */
  readonly uri: string;
  /** The URI as the client wrote it. */
  readonly clientUri: string;
  languageId: string;
  document: TextDocument;
  readonly cache: ParseCache;
  /** Another object after every change. */
  revision: object;
  parsed?: { version: number; model: Transcript };
}

export class OpenDocuments {
  private readonly byUri = new Map<string, OpenDocument>();

  open(clientUri: string, languageId: string, version: number, text: string): OpenDocument {
    const uri = canonicalUri(clientUri);
    const entry: OpenDocument = { uri, clientUri, languageId, document: TextDocument.create(uri, languageId, version, text), cache: new ParseCache(), revision: {} };
    this.byUri.set(uri, entry);
    return entry;
  }

  /** Applies the client's changes (full or incremental); undefined for a document not open. */
  change(clientUri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const entry = this.byUri.get(canonicalUri(clientUri));
    if (!entry) return undefined;
    entry.document = TextDocument.update(entry.document, changes, version);
    entry.revision = {};
    return entry;
  }

  close(clientUri: string): OpenDocument | undefined {
    const uri = canonicalUri(clientUri);
    const entry = this.byUri.get(uri);
    this.byUri.delete(uri);
    return entry;
  }

  get(uri: string): OpenDocument | undefined {
    return this.byUri.get(uri);
  }

  has(uri: string): boolean {
    return this.byUri.has(uri);
  }

  all(): OpenDocument[] {
    return [...this.byUri.values()];
  }

  /** The model of the document's current text, parsed at most once per version. */
  model(entry: OpenDocument): Transcript {
    if (entry.parsed?.version !== entry.document.version) {
      entry.parsed = { version: entry.document.version, model: parseTranscript(entry.document.getText(), entry.cache) };
    }
    return entry.parsed.model;
  }

  /** Every diagnostic of the document's current text, in order; after an edit inside paragraphs without building its model. */
  diagnostics(entry: OpenDocument, lookup: CodeLookup): Diagnostic[] {
    return entry.cache.diagnostics(entry.document.getText(), lookup);
  }
}
