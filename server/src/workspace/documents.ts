// The documents the client has open: their text (unsaved edits count), version, and a parse
// cache per document so typing re-reads only the chunks an edit touched. The text is kept in
// pieces (core/parse/pieceText.ts): a keystroke neither copies it nor moves its line starts.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { byPlace, checkCodes, type CodeLookup, emptyFrontMatter, ParseCache, parseTranscript, PieceText, type TextChange } from '../core/parse';
import type { Diagnostic, Transcript } from '../core/types';
import { bytesOfMB, DEFAULT_MAX_TRANSCRIPT_MB, formatMB, utf8Length } from '../core/fileText';
import type { PreparedDetection } from '../core/privacy/detect';
import type { PrivacyFinding } from '../core/privacy/findings';
import { DocumentPrivacy } from '../core/privacy/incremental';
import { canonicalUri } from './uris';

const isEol = (c: number): boolean => c === 10 || c === 13;

/** An open document's text and version, as `vscode-languageserver-textdocument` reads them, over pieces. */
export class OpenText implements TextDocument {
  constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    readonly text: PieceText,
  ) {}

  /** The whole text (joined once per version), or a range of it. */
  getText(range?: Range): string {
    if (!range) return this.text.toString();
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    return this.text.slice(Math.min(start, end), Math.max(start, end));
  }

  get lineCount(): number {
    return this.text.lineCount;
  }

  /** Offsets inside a line break are moved before it. */
  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart && isEol(this.text.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.text.lineOf(clamped);
    const start = this.text.lineStart(line);
    return { line, character: this.beforeEol(clamped, start) - start };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.text.lineCount) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.text.lineStart(position.line);
    if (position.character <= 0) return start;
    const next = position.line + 1 < this.text.lineCount ? this.text.lineStart(position.line + 1) : this.text.length;
    return this.beforeEol(Math.min(start + position.character, next), start);
  }

  getLineRange(line: number): Range {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    if (line >= this.text.lineCount) {
      const last = this.text.lineCount - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.text.length - this.text.lineStart(last) } };
    }
    const start = this.text.lineStart(line);
    const next = line + 1 < this.text.lineCount ? this.text.lineStart(line + 1) : this.text.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.text.lineCount) return '';
    const start = this.text.lineStart(line);
    const next = line + 1 < this.text.lineCount ? this.text.lineStart(line + 1) : this.text.length;
    return this.text.slice(this.beforeEol(next, start), next);
  }

  /** The document after incremental or full changes, with the text after each incremental one and what it left alone (no steps after a full change). */
  static update(document: OpenText, changes: readonly TextDocumentContentChangeEvent[], version: number): { document: OpenText; steps: TextStep[] | undefined } {
    let text = document.text;
    let steps: TextStep[] | undefined = [];
    for (const change of changes) {
      if (!('range' in change)) {
        text = PieceText.from(change.text);
        steps = undefined;
        continue;
      }
      const current = new OpenText(document.uri, document.languageId, version, text);
      let start = current.offsetAt(change.range.start);
      let end = current.offsetAt(change.range.end);
      if (start > end) [start, end] = [end, start];
      const suffix = text.length - end;
      text = text.edited(start, end, change.text);
      steps?.push({ text, change: { prefix: start, suffix } });
    }
    return { document: new OpenText(document.uri, document.languageId, version, text), steps };
  }
}

/** A text after one incremental change, and what the change left alone of the text before. */
export interface TextStep {
  text: PieceText;
  change: TextChange;
}

/** Changes not yet seen by the parse cache beyond this many are compared as whole texts instead. */
const MAX_PENDING = 64;

export interface OpenDocument {
  /** Canonical URI (see uris.ts). */
  readonly uri: string;
  /** The URI as the client wrote it. */
  readonly clientUri: string;
  languageId: string;
  document: OpenText;
  readonly cache: ParseCache;
  /** The changes since the text the parse cache last saw, one by one (undefined: not known). */
  pending: TextStep[] | undefined;
  /** Another object after every change. */
  revision: object;
  /** The size of the text in UTF-8 bytes (as it would be on disk), kept per change without reading the whole text. */
  bytes: number;
  /** The model of a version, and the size limit it was made under. */
  parsed?: { version: number; maxBytes: number; model: Transcript };
  /** Its personal data, per chunk of the parse (core/privacy/incremental.ts). */
  readonly privacy: DocumentPrivacy;
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
    const document = new OpenText(uri, languageId, version, PieceText.from(text));
    const entry: OpenDocument = { uri, clientUri, languageId, document, cache: new ParseCache(), pending: undefined, revision: {}, bytes: utf8Length(text), privacy: new DocumentPrivacy() };
    this.byUri.set(uri, entry);
    return entry;
  }

  /** Applies the client's changes (full or incremental); undefined for a document not open. */
  change(clientUri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const entry = this.byUri.get(canonicalUri(clientUri));
    if (!entry) return undefined;
    for (const change of changes) {
      if ('range' in change) entry.bytes += utf8Length(change.text) - utf8Length(entry.document.getText(change.range));
      else entry.bytes = utf8Length(change.text);
      const updated = OpenText.update(entry.document, [change], version);
      entry.document = updated.document;
      if (updated.steps) for (const step of updated.steps) entry.privacy.changed(step.change);
      else entry.privacy.replaced();
      if (!updated.steps) entry.pending = undefined;
      else entry.pending?.push(...updated.steps);
      if (entry.pending && entry.pending.length > MAX_PENDING) entry.pending = undefined;
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
      entry.pending = [];
      entry.parsed = { version: entry.document.version, maxBytes, model };
    }
    return entry.parsed.model;
  }

  /**
   * The personal data in the document's current text, in order, found with `prepared` (none past
   * the size limit: such a text is not parsed). After an edit inside paragraphs only the chunks it
   * touched are read again.
   */
  privacy(entry: OpenDocument, lookup: CodeLookup, prepared: PreparedDetection): PrivacyFinding[] {
    if (this.tooLarge(entry)) return [];
    if (entry.pending?.length !== 0 || !entry.cache.last) this.diagnostics(entry, lookup);
    const parse = entry.cache.last;
    if (!parse) return [];
    // A byte-order mark moves the parse's offsets by one from the editor's changes.
    if (entry.document.text.slice(0, 1) === '\uFEFF') entry.privacy.replaced();
    return entry.privacy.findings(entry.cache.diagnosed ?? parse, parse.model.frontMatter.participants, prepared);
  }

  /** Every diagnostic of the document's current text, in order; after an edit inside paragraphs without building its model. */
  diagnostics(entry: OpenDocument, lookup: CodeLookup): Diagnostic[] {
    if (this.tooLarge(entry)) {
      const model = this.model(entry);
      return [...model.diagnostics, ...checkCodes(model, lookup)].sort(byPlace);
    }
    // Each change since the cache's text is followed on its own: two edits far apart are two
    // small stretches, not one that spans the text between them.
    const pending = entry.pending;
    let diagnostics: Diagnostic[];
    if (!pending) diagnostics = entry.cache.diagnostics(entry.document.text, lookup);
    else if (pending.length === 0) diagnostics = entry.cache.diagnostics(entry.document.text, lookup, null);
    else {
      for (let i = 0; i < pending.length - 1; i++) entry.cache.follow(pending[i]!.text, lookup, pending[i]!.change);
      diagnostics = entry.cache.diagnostics(entry.document.text, lookup, pending[pending.length - 1]!.change);
    }
    entry.pending = [];
    return diagnostics;
  }
}
