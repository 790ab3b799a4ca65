// One workspace folder: its settings, which of its files are transcripts, its codebook and its
// index. Multi-root workspaces have one of these per folder, each with its own codebook.

import picomatch from 'picomatch';
import { builtInCodebook, codeLookup, type CodeLookup, parseCodebook, parseTranscript, readCodebookChunk } from '../core/parse';
import type { Codebook, Locale, Transcript } from '../core/types';
import { WorkspaceIndex } from '../core/index/workspaceIndex';
import { isTranscriptPath, type ReadProblem } from '../core/fileText';
import { isKaderProject } from '../core/kaderProject';
import { DEFAULT_SETTINGS, type KaderSettings } from './settings';
import { baseName, joinUri, relativePath } from './uris';

export interface CodebookSource {
  text: string;
  /** The open document's version, or null when read from disk. */
  version: number | null;
}

export class Folder {
  readonly index = new WorkspaceIndex();
  readonly name: string;
  /** False for the folder of loose documents (`untitled:`): only open documents count there. */
  readonly hasFiles: boolean;
  private settingsValue: KaderSettings = DEFAULT_SETTINGS;
  private includes: (path: string) => boolean = picomatch(DEFAULT_SETTINGS.include);
  private excludes: (path: string) => boolean = picomatch(DEFAULT_SETTINGS.exclude);
  private codebookValue: Codebook;
  private lookupValue: CodeLookup;
  private source: CodebookSource | undefined;
  private sourceModel: Transcript | undefined;
  /** Files (relative paths; `.` for the folder) that could not be read, and why: the CLI reports them. */
  readonly problems = new Map<string, { problem: ReadProblem | 'folder'; detail: string }>();
  /** Transcripts (relative paths) whose front matter has Kader's keys: they make the folder a project. */
  readonly marked = new Set<string>();
  /** Whether the folder was a project at the end of its last scan (undefined before the first). */
  announcedProject: boolean | undefined;
  /** Serialises scans of this folder; a newer scan makes an older one stop. */
  scanning: Promise<void> = Promise.resolve();
  scanGeneration = 0;

  constructor(
    readonly uri: string,
    name: string | undefined,
    private locale: Locale,
  ) {
    this.name = name ?? baseName(uri);
    this.hasFiles = !uri.startsWith('untitled:');
    this.codebookValue = builtInCodebook(locale);
    this.lookupValue = codeLookup(this.codebookValue);
  }

  get settings(): KaderSettings {
    return this.settingsValue;
  }

  set settings(settings: KaderSettings) {
    this.settingsValue = settings;
    this.includes = picomatch(settings.include.length > 0 ? settings.include : DEFAULT_SETTINGS.include);
    this.excludes = settings.exclude.length > 0 ? picomatch(settings.exclude) : () => false;
  }

  /**
   * Whether Kader speaks in this folder (core/kaderProject.ts): `kader.project`, else a codebook
   * file (read or not) or a transcript with Kader front matter. Elsewhere it stays silent.
   */
  get isProject(): boolean {
    const codebook = this.source !== undefined || this.problems.has(this.settingsValue.codebookPath);
    return isKaderProject(this.settingsValue.project, { codebook, marked: this.marked.size > 0 });
  }

  /** Notes whether the transcript at `relative` has Kader front matter. */
  mark(relative: string, marked: boolean): void {
    if (marked) this.marked.add(relative);
    else this.marked.delete(relative);
  }

  get codebookUri(): string {
    return joinUri(this.uri, this.settingsValue.codebookPath);
  }

  get codebook(): Codebook {
    return this.codebookValue;
  }

  get lookup(): CodeLookup {
    return this.lookupValue;
  }

  /** The codebook file's text, when there is one. */
  get codebookSource(): CodebookSource | undefined {
    return this.source;
  }

  /** The codebook read as Markdown (for its code tokens: rename, references, highlights). */
  get codebookModel(): Transcript | undefined {
    if (this.source && !this.sourceModel) this.sourceModel = parseTranscript(this.source.text, undefined, { readChunk: (chunk) => readCodebookChunk(chunk) });
    return this.sourceModel;
  }

  /** Sets the codebook's text (undefined: no codebook file, the built-in framework applies). */
  setCodebook(source: CodebookSource | undefined, locale: Locale): void {
    this.locale = locale;
    this.source = source;
    this.sourceModel = undefined;
    this.codebookValue = source ? parseCodebook(source.text) : builtInCodebook(locale);
    this.lookupValue = codeLookup(this.codebookValue);
  }

  /** The same text, now from an open document (a version) or from disk (null). */
  codebookVersion(version: number | null): void {
    if (this.source) this.source = { text: this.source.text, version };
  }

  /** The built-in codebook follows the language; a codebook file does not change. */
  setLocale(locale: Locale): boolean {
    if (locale === this.locale) return false;
    this.locale = locale;
    if (!this.source) {
      this.codebookValue = builtInCodebook(locale);
      this.lookupValue = codeLookup(this.codebookValue);
      return true;
    }
    return false;
  }

  relativeOf(uri: string): string | undefined {
    return relativePath(this.uri, uri);
  }

  uriOf(relative: string): string {
    return joinUri(this.uri, relative);
  }

  isCodebook(relative: string): boolean {
    return relative === this.settingsValue.codebookPath;
  }

  /** SYNTAX.md and the settings: `*.md` that the globs take, never the codebook or README. */
  isTranscript(relative: string): boolean {
    if (!isTranscriptPath(relative, this.settingsValue.codebookPath)) return false;
    return this.includes(relative) && !this.excludes(relative);
  }
}
