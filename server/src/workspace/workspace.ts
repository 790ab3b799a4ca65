// Every workspace folder with its index and codebook, and the open documents. Open documents
// win over the disk; everything else is read at the initial scan and on file changes. Each
// change is announced once to the listeners (diagnostics, the views' notification).

import { parseTranscript, transcriptDiagnostics } from '../core/parse';
import type { PrivacyFinding } from '../core/privacy/findings';
import type { Diagnostic, Locale, Transcript } from '../core/types';
import { bytesOfMB, type ReadResult } from '../core/fileText';
import { hasKaderFrontMatter } from '../core/kaderProject';
import type { Indexer } from './indexer';
import { OpenDocuments, type OpenDocument } from './documents';
import type { FileSystem } from './fileSystem';
import { baseName, canonicalUri, relativePath } from './uris';
import { Folder, type CodebookSource } from './workspaceFolders';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface WorkspaceChange {
  /** Transcripts whose model was added or changed. */
  uris: string[];
  /** Transcripts that left an index. */
  removed: string[];
  /** Folders whose codebook changed: every transcript of theirs needs a new check. */
  codebooks: Folder[];
}

/**
 * Where a transcript or codebook belongs. A loose transcript is an open Markdown document outside
 * every workspace folder (an untitled one, or any file when no folder is open): it is checked
 * against the first folder's codebook (else the built-in framework) and kept out of the index.
 */
export type Place = { folder: Folder; relative: string; kind: 'transcript' | 'codebook'; loose?: true };

/** A transcript or codebook as the features see it: its model and where it comes from. */
export interface DocumentView extends Place {
  uri: string;
  /** The model; an open transcript's is built when it is first read after an edit. */
  readonly model: Transcript;
  /** The open document's version, or null when the model was read from disk. */
  version: number | null;
  /** Every Kader diagnostic before settings, in order; an open transcript's without building its model. */
  diagnostics(): Diagnostic[];
  /** What the diagnostics come from: another object after every change (for result ids). */
  readonly source: object;
  /** The personal data in a transcript, as far as the workspace's privacy provider has found it (none without one). */
  privacy(): readonly PrivacyFinding[];
}

/** Finds the personal data of a transcript (the service's: it owns the keys and allow-lists). */
export type PrivacyProvider = (view: DocumentView) => readonly PrivacyFinding[];

export type FileChangeType = 'created' | 'changed' | 'deleted';

/** How many transcripts are indexed between two change announcements during a scan. */
const SCAN_BATCH = 100;
/** Files read and parsed at once during a scan with an indexer. */
const SCAN_LANES = 8;

export class Workspace {
  readonly documents = new OpenDocuments((uri) => bytesOfMB((this.classify(uri)?.folder ?? this.looseFolder()).settings.maxSizeMB));
  private folderList: Folder[] = [];
  private looseFolderValue: Folder | undefined;
  private readonly listeners: ((change: WorkspaceChange) => void)[] = [];
  private localeValue: Locale = 'en';
  private resolveReady!: () => void;
  /** Resolves when the initial scan of every folder is done. */
  readonly ready = new Promise<void>((resolve) => (this.resolveReady = resolve));

  constructor(
    private readonly fs: FileSystem,
    private readonly log: Logger,
    /** Parses files off the main thread with a time limit (indexer.ts); else they are parsed here. */
    private readonly indexer?: Pick<Indexer, 'parse'>,
  ) {}

  private isReady = false;
  /** Set by the service; without it no transcript holds personal data. */
  privacyProvider: PrivacyProvider | undefined;

  markReady(): void {
    this.isReady = true;
    this.resolveReady();
  }

  /** Resolves when the initial scan and every scan started since (settings, folders) are done. */
  async settled(): Promise<void> {
    await this.ready;
    let pending = this.folderList.map((f) => f.scanning);
    while (pending.length > 0) {
      await Promise.all(pending);
      const now = this.folderList.map((f) => f.scanning);
      pending = now.filter((p, i) => p !== pending[i]);
    }
  }

  /** The initial scan is done. */
  get scanned(): boolean {
    return this.isReady;
  }

  get folders(): readonly Folder[] {
    return this.folderList;
  }

  get locale(): Locale {
    return this.localeValue;
  }

  onChange(listener: (change: WorkspaceChange) => void): void {
    this.listeners.push(listener);
  }

  private emit(change: Partial<WorkspaceChange>): void {
    const full: WorkspaceChange = { uris: change.uris ?? [], removed: change.removed ?? [], codebooks: change.codebooks ?? [] };
    if (full.uris.length === 0 && full.removed.length === 0 && full.codebooks.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(full);
      } catch (error) {
        this.log.error(`A workspace listener failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
  }

  // Folders -------------------------------------------------------------------------------------

  /** Adds and removes folders; returns the new ones (to be scanned) and the removed ones. */
  updateFolders(added: { uri: string; name?: string }[], removedUris: string[]): { added: Folder[]; removed: Folder[] } {
    const removedSet = new Set(removedUris.map(canonicalUri));
    const removed = this.folderList.filter((f) => removedSet.has(f.uri));
    this.folderList = this.folderList.filter((f) => !removedSet.has(f.uri));
    const fresh: Folder[] = [];
    for (const { uri, name } of added) {
      const canonical = canonicalUri(uri);
      if (this.folderList.some((f) => f.uri === canonical)) continue;
      const folder = new Folder(canonical, name, this.localeValue);
      this.folderList.push(folder);
      fresh.push(folder);
    }
    for (const folder of removed) {
      folder.scanGeneration++;
      this.emit({ removed: folder.index.all().map((d) => d.key) });
    }
    return { added: fresh, removed };
  }

  /** The folder that holds `uri`: the innermost one when folders nest. */
  folderOf(uri: string): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of this.folderList) {
      if (relativePath(folder.uri, uri) !== undefined && (!best || folder.uri.length > best.uri.length)) best = folder;
    }
    return best;
  }

  /**
   * What `uri` (canonical) is to Kader, or undefined for anything else: nothing in a folder that
   * is not a Kader project (Folder.isProject), and no loose document that is not a transcript.
   */
  classify(uri: string): Place | undefined {
    const place = this.placeOf(uri);
    if (!place || place.loose) return place;
    return place.folder.isProject ? place : undefined;
  }

  /**
   * What `uri` would be if its folder were a Kader project. A loose document is a transcript when
   * the first folder is a project (an untitled document there) or its own front matter says so.
   */
  private placeOf(uri: string): Place | undefined {
    const folder = this.folderOf(uri);
    if (!folder) {
      const open = this.documents.get(uri);
      if (open?.languageId !== 'markdown' || !(uri.startsWith('untitled:') || this.folderList.length === 0)) return undefined;
      const looseFolder = this.looseFolder();
      if (!looseFolder.isProject && !hasKaderFrontMatter(open.document.getText())) return undefined;
      return { folder: looseFolder, relative: baseName(uri), kind: 'transcript', loose: true };
    }
    const relative = folder.relativeOf(uri)!;
    if (folder.isCodebook(relative)) return { folder, relative, kind: 'codebook' };
    if (folder.isTranscript(relative)) return { folder, relative, kind: 'transcript' };
    return undefined;
  }

  /** A folder that became a project, or stopped being one, is read again (or emptied); true when it was. */
  private async reconsider(folder: Folder, wasProject: boolean): Promise<boolean> {
    if (folder.isProject === wasProject) return false;
    await this.scan(folder);
    return true;
  }

  /** The open loose transcripts that `folder`'s codebook checks. */
  looseDocuments(folder: Folder): OpenDocument[] {
    return this.documents.all().filter((open) => {
      const place = this.classify(open.uri);
      return place?.loose && place.folder === folder;
    });
  }

  /** The folder whose codebook checks loose transcripts: the first, else one of the built-in framework. */
  private looseFolder(): Folder {
    return this.folderList[0] ?? (this.looseFolderValue ??= new Folder('untitled:', 'Kader', this.localeValue));
  }

  // Settings and language ------------------------------------------------------------------------

  setLocale(locale: Locale): void {
    if (locale === this.localeValue) return;
    this.localeValue = locale;
    this.looseFolderValue?.setLocale(locale);
    const changed = this.folderList.filter((f) => f.setLocale(locale));
    this.emit({ codebooks: changed });
  }

  // Reading from disk ---------------------------------------------------------------------------

  /** Reads a file of a folder; a transcript past the folder's size limit is a `too-large` problem, not read. */
  private async read(folder: Folder, relative: string, kind: Place['kind'] = 'transcript'): Promise<ReadResult | undefined> {
    if (!folder.hasFiles) return undefined;
    return this.fs.readText(folder.uriOf(relative), kind === 'transcript' ? bytesOfMB(folder.settings.maxSizeMB) : undefined, folder.uri);
  }

  /** The text of a transcript or codebook: the open document's, else the file's. */
  async textOf(uri: string): Promise<{ text: string; version: number | null } | undefined> {
    const open = this.documents.get(uri);
    if (open) return { text: open.document.getText(), version: open.document.version };
    const place = this.classify(uri);
    if (!place) return undefined;
    const read = await this.read(place.folder, place.relative, place.kind);
    return read?.ok ? { text: read.text, version: null } : undefined;
  }

  /** Sets a folder's codebook from the open document or the file; announces a change. */
  async loadCodebook(folder: Folder): Promise<void> {
    const uri = folder.codebookUri;
    let source: CodebookSource | undefined;
    const open = this.documents.get(uri);
    if (open) source = { text: open.document.getText(), version: open.document.version };
    else {
      const read = await this.read(folder, folder.settings.codebookPath, 'codebook');
      if (this.documents.has(uri)) return; // opened meanwhile: the open document is read on sync
      folder.problems.delete(folder.settings.codebookPath);
      if (read?.ok) source = { text: read.text, version: null };
      else if (read && read.problem !== 'missing') {
        folder.problems.set(folder.settings.codebookPath, read);
        this.log.warn(`${uri}: the codebook is not read: it ${read.detail}.`);
      }
    }
    this.setCodebook(folder, source);
  }

  private setCodebook(folder: Folder, source: CodebookSource | undefined): void {
    const previous = folder.codebookSource;
    if (previous && source && previous.text === source.text) {
      folder.codebookVersion(source.version); // opened or closed unchanged: nothing to check again
      return;
    }
    if (!previous && !source && folder.codebook.builtIn) return;
    try {
      folder.setCodebook(source, this.localeValue);
    } catch (error) {
      this.log.error(`${folder.codebookUri}: the codebook could not be read: ${(error as Error).stack ?? String(error)}`);
      folder.setCodebook(undefined, this.localeValue);
    }
    this.emit({ codebooks: [folder] });
  }

  private async readTranscript(folder: Folder, relative: string, uri: string): Promise<'set' | 'removed' | 'skipped'> {
    const read = await this.read(folder, relative);
    if (this.documents.has(uri) || this.classify(uri)?.folder !== folder) return 'skipped';
    if (!read?.ok) {
      if (read) folder.problems.set(relative, read);
      if (read && read.problem !== 'missing') this.log.warn(`${uri}: skipped: it ${read.detail}.`);
      return folder.index.remove(uri) ? 'removed' : 'skipped';
    }
    folder.problems.delete(relative);
    folder.mark(relative, hasKaderFrontMatter(read.text));
    if (!this.indexer) {
      folder.index.set(uri, relative, parseTranscript(read.text));
      return 'set';
    }
    const { model } = await this.indexer.parse(read.text);
    if (this.documents.has(uri) || this.classify(uri)?.folder !== folder) return 'skipped';
    folder.index.set(uri, relative, model);
    return 'set';
  }

  /** Reads a folder: its codebook, then every transcript. A newer scan of it stops this one. */
  scan(folder: Folder, progress?: (done: number, total: number) => void): Promise<void> {
    const generation = ++folder.scanGeneration;
    folder.scanning = folder.scanning
      .then(() => this.runScan(folder, generation, progress))
      .catch((error: unknown) => this.log.error(`Scanning ${folder.uri} failed: ${(error as Error).stack ?? String(error)}`));
    return folder.scanning;
  }

  private async runScan(folder: Folder, generation: number, progress?: (done: number, total: number) => void): Promise<void> {
    const current = (): boolean => generation === folder.scanGeneration && this.folderList.includes(folder);
    if (!current()) return;
    folder.problems.clear();
    await this.loadCodebook(folder);
    const wanted: string[] = [];
    if (folder.hasFiles) {
      const listing = await this.fs.listTranscripts(folder.uri, folder.settings.codebookPath);
      for (const problem of listing.problems) {
        folder.problems.set(problem.path, { problem: 'folder', detail: problem.detail });
        this.log.warn(`${folder.uri}: ${problem.path}: ${problem.detail}`);
      }
      for (const relative of listing.transcripts) {
        if (folder.isTranscript(relative) && this.folderOf(folder.uriOf(relative)) === folder) wanted.push(relative);
      }
    }
    // Without a codebook (or the setting), a transcript with Kader front matter makes the folder a
    // project: open documents count with their text, files on disk until the first one is found.
    folder.marked.clear();
    for (const open of this.documents.all()) {
      const place = this.placeOf(open.uri);
      if (place?.folder === folder && place.kind === 'transcript') folder.mark(place.relative, hasKaderFrontMatter(open.document.getText()));
    }
    if (!folder.isProject && folder.settings.project === 'auto') {
      for (const relative of wanted) {
        if (!current()) return;
        if (this.documents.has(folder.uriOf(relative))) continue;
        const read = await this.read(folder, relative);
        if (read?.ok && hasKaderFrontMatter(read.text)) {
          folder.mark(relative, true);
          break;
        }
      }
    }
    if (!folder.isProject) wanted.length = 0;
    if (!current()) return;
    const wantedUris = new Set(wanted.map((r) => folder.uriOf(r)));
    const removed: string[] = [];
    for (const document of folder.index.all()) {
      const place = this.classify(document.key);
      const keep = place?.folder === folder && place.kind === 'transcript' && (wantedUris.has(document.key) || this.documents.has(document.key));
      if (!keep && folder.index.remove(document.key)) removed.push(document.key);
    }
    this.emit({ removed });
    for (const open of this.documents.all()) {
      if (this.classify(open.uri)?.folder === folder) this.sync(open.uri);
    }
    let changed: string[] = [];
    let done = 0;
    let next = 0;
    // With an indexer, several files are read and parsed at once (its workers run in parallel).
    const lane = async (): Promise<void> => {
      while (next < wanted.length && current()) {
        const relative = wanted[next++]!;
        const uri = folder.uriOf(relative);
        if (!this.documents.has(uri)) {
          const result = await this.readTranscript(folder, relative, uri);
          if (result !== 'skipped') changed.push(uri);
        }
        done++;
        progress?.(done, wanted.length);
        if (changed.length >= SCAN_BATCH) {
          this.emit({ uris: changed });
          changed = [];
        }
      }
    };
    await Promise.all(Array.from({ length: this.indexer ? SCAN_LANES : 1 }, lane));
    if (!current()) return;
    this.emit({ uris: changed });
    // A folder that became a project, or stopped being one: every document of it (the open ones
    // too, whose diagnostics a client pulls) is checked again.
    const announced = folder.announcedProject;
    folder.announcedProject = folder.isProject;
    if (announced !== undefined && announced !== folder.isProject) this.emit({ codebooks: [folder] });
  }

  // Open documents ------------------------------------------------------------------------------

  /**
   * Brings the index (or the codebook) up to date with an open document's text. Cheap when
   * nothing changed: the model is parsed once per version.
   */
  sync(uri: string): void {
    const open = this.documents.get(uri);
    const raw = this.placeOf(uri);
    if (!open || !raw) return;
    if (!raw.loose && raw.kind === 'transcript' && raw.folder.settings.project === 'auto') {
      // Front matter typed or deleted may make the folder a project, or no longer one.
      const was = raw.folder.isProject;
      raw.folder.mark(raw.relative, hasKaderFrontMatter(open.document.getText()));
      if (raw.folder.isProject !== was) {
        void this.reconsider(raw.folder, was);
        return;
      }
    }
    const place = this.classify(uri);
    if (!place) return;
    if (place.kind === 'codebook') {
      this.setCodebook(place.folder, { text: open.document.getText(), version: open.document.version });
      return;
    }
    if (place.loose) {
      this.emit({ uris: [uri] });
      return;
    }
    const model = this.documents.model(open);
    if (place.folder.index.get(uri)?.model === model) return;
    place.folder.index.set(uri, place.relative, model);
    this.emit({ uris: [uri] });
  }

  /** Brings every folder's codebook up to date with its open document: every transcript is checked against it. */
  syncCodebooks(): void {
    for (const open of this.documents.all()) if (this.classify(open.uri)?.kind === 'codebook') this.sync(open.uri);
  }

  syncAll(): void {
    for (const open of this.documents.all()) this.sync(open.uri);
  }

  /** After the client closed a document: what is on disk counts again; a loose transcript leaves nothing behind. */
  async closed(uri: string, loose = false): Promise<void> {
    if (loose) {
      this.emit({ removed: [uri] });
      return;
    }
    const raw = this.placeOf(uri);
    if (!raw) return;
    const was = raw.folder.isProject;
    if (!was) {
      // What is on disk may make the folder a project after all.
      if (raw.kind === 'transcript') raw.folder.mark(raw.relative, hasKaderFrontMatter((await this.diskText(raw.folder, raw.relative)) ?? ''));
      await this.reconsider(raw.folder, was);
      return;
    }
    if (raw.kind === 'codebook') {
      await this.loadCodebook(raw.folder);
      await this.reconsider(raw.folder, was);
      return;
    }
    const result = await this.readTranscript(raw.folder, raw.relative, uri);
    if (await this.reconsider(raw.folder, was)) return;
    if (result === 'set') this.emit({ uris: [uri] });
    else if (result === 'removed') this.emit({ removed: [uri] });
  }

  private async diskText(folder: Folder, relative: string): Promise<string | undefined> {
    const read = await this.read(folder, relative);
    return read?.ok ? read.text : undefined;
  }

  // Changes on disk -----------------------------------------------------------------------------

  async fileChanged(rawUri: string, type: FileChangeType): Promise<void> {
    const uri = canonicalUri(rawUri);
    if (this.documents.has(uri)) return; // the open text wins
    const raw = this.placeOf(uri);
    if (raw && !raw.loose && !raw.folder.isProject) {
      // Not a project (yet): a codebook, or a transcript with Kader front matter, makes it one.
      const { folder } = raw;
      if (folder.settings.project !== 'auto' || type === 'deleted') return;
      if (raw.kind === 'transcript') folder.mark(raw.relative, hasKaderFrontMatter((await this.diskText(folder, raw.relative)) ?? ''));
      if (raw.kind === 'codebook' || folder.isProject) await this.scan(folder);
      return;
    }
    const place = this.classify(uri);
    if (place?.kind === 'codebook') {
      const had = place.folder.codebookSource !== undefined;
      await this.loadCodebook(place.folder);
      // Without its codebook the folder may be a project no longer: its transcripts say.
      if (had && !place.folder.codebookSource) await this.scan(place.folder);
      return;
    }
    if (place) {
      if (type === 'deleted') {
        place.folder.mark(place.relative, false);
        if (await this.reconsider(place.folder, true)) return;
        if (place.folder.index.remove(uri)) this.emit({ removed: [uri] });
        return;
      }
      const result = await this.readTranscript(place.folder, place.relative, uri);
      if (await this.reconsider(place.folder, true)) return;
      if (result === 'set') this.emit({ uris: [uri] });
      else if (result === 'removed') this.emit({ removed: [uri] });
      return;
    }
    if (/\.md$/i.test(uri)) return;
    // Not a Markdown file: perhaps a folder that was deleted, created or moved.
    if (type === 'deleted') await this.folderDeleted(uri);
    else if (type === 'created') await this.folderCreated(uri);
  }

  private async folderDeleted(uri: string): Promise<void> {
    const removed: string[] = [];
    for (const folder of this.folderList) {
      for (const document of folder.index.all()) {
        if (relativePath(uri, document.key) !== undefined && !this.documents.has(document.key) && folder.index.remove(document.key)) removed.push(document.key);
      }
      if (relativePath(uri, folder.codebookUri) !== undefined && folder.codebookSource) await this.loadCodebook(folder);
    }
    this.emit({ removed });
  }

  private async folderCreated(uri: string): Promise<void> {
    const folder = this.folderOf(uri);
    if (!folder?.hasFiles) return;
    const base = folder.relativeOf(uri)!;
    const listing = await this.fs.listTranscripts(uri, '');
    if (!folder.isProject) {
      // A folder moved in may hold the codebook or a transcript with Kader front matter.
      if (folder.settings.project !== 'auto') return;
      for (const inner of listing.transcripts) {
        const relative = `${base}/${inner}`;
        const place = this.placeOf(folder.uriOf(relative));
        if (place?.folder !== folder) continue;
        if (place.kind === 'codebook' || hasKaderFrontMatter((await this.diskText(folder, relative)) ?? '')) {
          await this.scan(folder);
          return;
        }
      }
      return;
    }
    const changed: string[] = [];
    for (const inner of listing.transcripts) {
      const relative = `${base}/${inner}`;
      const fileUri = folder.uriOf(relative);
      if (this.classify(fileUri)?.kind === 'codebook') {
        await this.loadCodebook(folder);
        continue;
      }
      if (!folder.isTranscript(relative) || this.folderOf(fileUri) !== folder || this.documents.has(fileUri)) continue;
      if ((await this.readTranscript(folder, relative, fileUri)) === 'set') changed.push(fileUri);
    }
    this.emit({ uris: changed });
  }

  // Queries -------------------------------------------------------------------------------------

  /** The URI to send back for a document: as the client wrote it when open, else canonical. */
  clientUri(uri: string): string {
    return this.documents.get(uri)?.clientUri ?? uri;
  }

  /** The transcript or codebook at `uri` with its current model, or undefined. */
  view(uri: string): DocumentView | undefined {
    const place = this.classify(uri);
    if (!place) return undefined;
    const open = this.documents.get(uri);
    if (place.kind === 'codebook') {
      if (open) this.sync(uri);
      const model = place.folder.codebookModel;
      const diagnostics = (): Diagnostic[] => [...place.folder.codebook.diagnostics].sort((a, b) => a.span.start - b.span.start);
      return model ? { ...place, uri, model, version: place.folder.codebookSource?.version ?? null, diagnostics, source: place.folder.codebook, privacy: () => [] } : undefined;
    }
    // An open transcript's own model is always current; the index takes it after a pause in
    // typing (server.ts), or at once when a request needs the whole workspace (`syncAll`).
    const privacy = (): readonly PrivacyFinding[] => this.privacyProvider?.(view) ?? [];
    let view: DocumentView;
    if (open) {
      const documents = this.documents;
      view = {
        ...place,
        uri,
        get model() {
          return documents.model(open);
        },
        version: open.document.version,
        diagnostics: () => documents.diagnostics(open, place.folder.lookup),
        source: open.revision,
        privacy,
      };
      return view;
    }
    const indexed = place.folder.index.get(uri);
    if (!indexed) return undefined;
    view = { ...place, uri, model: indexed.model, version: null, diagnostics: () => transcriptDiagnostics(indexed.model, place.folder.lookup), source: indexed.model, privacy };
    return view;
  }

  /** The key or an allow-list changed: every transcript of `folders` is checked again. */
  privacyChanged(folders: readonly Folder[]): void {
    this.emit({ codebooks: [...folders] });
  }
}
