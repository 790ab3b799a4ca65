// The documents the client has open: their text (unsaved edits count), version, and a parse
// cache per document so typing re-reads only the chunks an edit touched.

import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { ParseCache, parseTranscript } from '../core/transcript';
import { byPlace, checkCodes, type CodeLookup } from '../core/check';
import { emptyFrontMatter } from '../core/frontmatter';
import type { Diagnostic, Transcript } from '../core/types';
import { bytesOfMB, DEFAULT_MAX_TRANSCRIPT_MB, formatMB } from './files';
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
  /** The size of the text in UTF-8 bytes (as it would be on disk), kept per change without reading the whole text. */
  bytes: number;
  /** The model of a version, and the size limit it was made under. */
  parsed?: { version: number; maxBytes: number; model: Transcript };
}

/**
 * The model of a document past the size limit: not parsed, with one warning at its start that
 * says so (`setting` names the limit's setting or option).
 */
export function tooLargeModel(text: string, lineCount: number, maxBytes: number, setting = 'kader.transcripts.maxSizeMB'): Transcript {
  const firstLine = text.search(/[\r\n]/);
  const end = firstLine < 0 ? text.length : firstLine;
  const diagnostic: Diagnostic = {
    rule: 'too-large',
    severity: 'warning',
    args: { limit: formatMB(maxBytes), setting },
    span: { start: 0, end },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: end } },
  };
  return { length: text.length, lineCount, frontMatter: emptyFrontMatter(), headings: [], turns: [], fragments: [], codes: [], attributeBlocks: [], diagnostics: [diagnostic] };
}

export class OpenDocuments {
  private readonly byUri = new Map<string, OpenDocument>();

  constructor(
    /** The size limit of a document (`kader.transcripts.maxSizeMB` of its folder), in bytes. */
    private readonly maxBytesOf: (uri: string) => number = () => bytesOfMB(DEFAULT_MAX_TRANSCRIPT_MB),
  ) {}

  open(clientUri: string, languageId: string, version: number, text: string): OpenDocument {
    const uri = canonicalUri(clientUri);
    const document = TextDocument.create(uri, languageId, version, text);
    const entry: OpenDocument = { uri, clientUri, languageId, document, cache: new ParseCache(), revision: {}, bytes: Buffer.byteLength(text) };
    this.byUri.set(uri, entry);
    return entry;
  }

  /** Applies the client's changes (full or incremental); undefined for a document not open. */
  change(clientUri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const entry = this.byUri.get(canonicalUri(clientUri));
    if (!entry) return undefined;
    for (const change of changes) {
      if ('range' in change) entry.bytes += Buffer.byteLength(change.text) - Buffer.byteLength(entry.document.getText(change.range));
      else entry.bytes = Buffer.byteLength(change.text);
      entry.document = TextDocument.update(entry.document, [change], version);
    }
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

  /** Whether the document is past its size limit: then it is not parsed. */
  tooLarge(entry: OpenDocument): boolean {
    return entry.bytes > this.maxBytesOf(entry.uri);
  }

  /** The model of the document's current text, parsed at most once per version (not at all past the size limit). */
  model(entry: OpenDocument): Transcript {
    const maxBytes = this.maxBytesOf(entry.uri);
    if (entry.parsed?.version !== entry.document.version || entry.parsed.maxBytes !== maxBytes) {
      const text = entry.document.getText();
      let model: Transcript;
      if (entry.bytes > maxBytes) {
        model = tooLargeModel(text, entry.document.lineCount, maxBytes);
        entry.cache.last = undefined;
        entry.cache.diagnosed = undefined;
      } else model = parseTranscript(text, entry.cache);
      entry.parsed = { version: entry.document.version, maxBytes, model };
    }
    return entry.parsed.model;
  }

  /** Every diagnostic of the document's current text, in order; after an edit inside paragraphs without building its model. */
  diagnostics(entry: OpenDocument, lookup: CodeLookup): Diagnostic[] {
    if (this.tooLarge(entry)) {
      const model = this.model(entry);
      return [...model.diagnostics, ...checkCodes(model, lookup)].sort(byPlace);
    }
    return entry.cache.diagnostics(entry.document.getText(), lookup);
  }
}
