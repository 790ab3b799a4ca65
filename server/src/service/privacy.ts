// Personal data in the editor (#14): each folder's key (the machine setting kader.privacy.keyFile,
// read by URI from outside the folder) and allow-list (kader-privacy-allow.txt at its top), the
// findings of every transcript (an open one's per chunk, core/privacy/incremental.ts; an indexed
// one's once per model), and the requests of the commands: pseudonymise, replace one name
// everywhere, add a name to the key, the workspace's count and the check of staged texts.

import { Document as YamlDocument, isMap } from 'yaml';
import { readProblemText } from '../core/fileText';
import { localize } from '../core/l10n';
import { parseTranscript, stripBom } from '../core/parse';
import { ALLOW_LIST_FILE, parseAllowList } from '../core/privacy/allowList';
import { findPersonalData, prepareDetection, type PreparedDetection } from '../core/privacy/detect';
import type { PrivacyFinding } from '../core/privacy/findings';
import { nameKey, nextPseudonym, parseKey, type EntryKind, type Key } from '../core/privacy/key';
import { keyErrorMessage, privacyMessage } from '../core/privacy/messages';
import { pseudonymise, type PseudonymiseResult as CorePseudonymised } from '../core/privacy/pseudonymise';
import type { Locale, Transcript } from '../core/types';
import type * as kader from '../protocol';
import type { FileSystem } from '../workspace/fileSystem';
import { canonicalUri, fileUri, relativePath } from '../workspace/uris';
import type { DocumentView, Workspace } from '../workspace/workspace';
import type { Folder } from '../workspace/workspaceFolders';
import { checkCancelled, Refusal, type Cancellation } from './errors';
import type { Snapshot } from './snapshot';
import { WorkspaceEditBuilder } from './workspaceEdit';

const NONE: readonly PrivacyFinding[] = Object.freeze([]);

/** What a folder's privacy rests on, as read: its key and allow-list. */
export interface FolderPrivacy {
  /** The setting as written (undefined: no key). */
  readonly keyFile: string | undefined;
  readonly keyUri: string | undefined;
  readonly key: Key | undefined;
  /** Why the key is not used, or where it should not be: said in the status bar. */
  readonly keyProblem: ((locale: Locale) => string) | undefined;
  readonly allowList: readonly string[];
  /** The allow-list file's text, when there is one. */
  readonly allowListText: string | undefined;
  readonly prepared: PreparedDetection;
  /** The findings of indexed transcripts, per model (a new model is a changed file). */
  readonly indexed: WeakMap<Transcript, readonly PrivacyFinding[]>;
}

/** The URI of the key: a URI as it is; an absolute path, or one from `~`, as a file URI; anything else undefined. */
export function keyUriOf(setting: string, home: string | undefined): string | undefined {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]+:\/\//.test(setting)) return canonicalUri(setting);
  let path = setting;
  if (/^~(?:[/\\]|$)/.test(path)) {
    if (home === undefined) return undefined;
    path = home.replace(/[/\\]+$/, '') + path.slice(1);
  }
  if (path.startsWith('/') || /^[a-zA-Z]:[/\\]/.test(path) || path.startsWith('\\\\')) return fileUri(path);
  return undefined;
}

/** The folder of a file URI, and the ones above it. */
function* foldersAbove(uri: string): Generator<string> {
  let at = uri.replace(/\/+$/, '');
  for (;;) {
    const slash = at.lastIndexOf('/');
    if (slash < 0 || at.slice(0, slash).endsWith(':/') || at.slice(0, slash).endsWith(':')) {
      if (slash >= 0) yield at.slice(0, slash + 1);
      return;
    }
    at = at.slice(0, slash);
    yield at;
  }
}

export class PrivacyService {
  private states = new WeakMap<Folder, FolderPrivacy>();
  private loading = new WeakMap<Folder, { keyFile: string | undefined; promise: Promise<void> }>();
  /** The user's home folder, from the client: for `~` in the key's path. */
  private home: string | undefined;

  constructor(
    private readonly fs: FileSystem,
    private readonly workspace: Workspace,
    /** Called when every finding may read differently (the diagnostics' result ids). */
    private readonly changed: () => void,
  ) {
    workspace.privacyProvider = (view) => this.findings(view);
  }

  /** The privacy of a folder as last read; undefined until `ready` has read it. */
  state(folder: Folder): FolderPrivacy | undefined {
    const state = this.states.get(folder);
    return state && state.keyFile === folder.settings.privacyKeyFile ? state : undefined;
  }

  /** Reads the key and allow-list of the folders that have not been read, or whose key setting changed. */
  async ready(folders: Iterable<Folder>): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const folder of folders) {
      if (this.state(folder)) continue;
      const keyFile = folder.settings.privacyKeyFile;
      let loading = this.loading.get(folder);
      if (!loading || loading.keyFile !== keyFile) {
        loading = { keyFile, promise: this.load(folder, keyFile) };
        this.loading.set(folder, loading);
      }
      waits.push(loading.promise);
    }
    if (waits.length > 0) await Promise.all(waits);
  }

  /** Forgets every key and allow-list read: the next `ready` reads them again, and every transcript is checked again. */
  reload(params: kader.PrivacyReloadParams | undefined): void {
    if (params?.home !== undefined) this.home = params.home;
    this.states = new WeakMap();
    this.loading = new WeakMap();
    this.changed();
    this.workspace.privacyChanged(this.workspace.folders);
  }

  private async load(folder: Folder, keyFile: string | undefined): Promise<void> {
    const states = this.states;
    let key: Key | undefined;
    let keyUri: string | undefined;
    let keyProblem: FolderPrivacy['keyProblem'];
    if (keyFile !== undefined) {
      keyUri = keyUriOf(keyFile, this.home);
      if (!keyUri) keyProblem = (locale) => localize(locale)('The key "{0}" (kader.privacy.keyFile) is not an absolute path: write the whole path of a file outside the project.', keyFile);
      else {
        const read = await this.fs.readText(keyUri);
        if (!read.ok) keyProblem = (locale) => localize(locale)('The key "{0}" (kader.privacy.keyFile) cannot be read: it {1}.', keyFile, readProblemText(read, localize(locale)));
        else {
          const parsed = parseKey(read.text);
          if (parsed.errors.length > 0) {
            const errors = parsed.errors;
            keyProblem = (locale) => localize(locale)('The key "{0}" is not used until it is corrected: {1}', keyFile, errors.map((e) => keyErrorMessage(e, locale)).join(' '));
          } else {
            key = parsed.key;
            const inside = this.workspace.folders.find((f) => relativePath(f.uri, keyUri!) !== undefined);
            if (inside) keyProblem = (locale) => localize(locale)('The key lies inside the workspace folder "{0}": move it out of the project, where git cannot take it along.', inside.name);
          }
        }
      }
    }
    let allowList: string[] = [];
    let allowListText: string | undefined;
    if (folder.hasFiles) {
      const read = await this.fs.readText(folder.uriOf(ALLOW_LIST_FILE), 1024 * 1024, folder.uri);
      if (read.ok) {
        allowListText = read.text;
        allowList = parseAllowList(read.text);
      }
    }
    if (folder.settings.privacyKeyFile !== keyFile) return; // changed meanwhile: the next `ready` reads it
    states.set(folder, { keyFile, keyUri, key, keyProblem, allowList, allowListText, prepared: prepareDetection({ key, allowList }), indexed: new WeakMap() });
  }

  /** The findings of a transcript as far as they are known (an indexed one's after `prepare`). */
  findings(view: DocumentView): readonly PrivacyFinding[] {
    if (view.kind !== 'transcript') return NONE;
    const state = this.state(view.folder);
    if (!state) return NONE;
    const open = this.workspace.documents.get(view.uri);
    if (open) return this.workspace.documents.privacy(open, view.folder.lookup, state.prepared);
    return state.indexed.get(view.model) ?? NONE;
  }

  /** Finds the personal data of the indexed transcripts among `views` that have not been read yet, giving way between files. */
  async prepare(views: Iterable<DocumentView>, token?: Cancellation): Promise<void> {
    let since = Date.now();
    for (const view of views) {
      if (view.kind !== 'transcript' || this.workspace.documents.has(view.uri)) continue;
      await this.ready([view.folder]);
      const state = this.state(view.folder);
      if (!state || state.indexed.has(view.model)) continue;
      const read = await this.workspace.textOf(view.uri);
      checkCancelled(token);
      if (!read || read.version !== null) continue;
      const text = stripBom(read.text);
      const model = view.model.length === text.length ? view.model : parseTranscript(text);
      state.indexed.set(view.model, findPersonalData(text, model, state.prepared));
      if (Date.now() - since > 20) {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        checkCancelled(token);
        since = Date.now();
      }
    }
  }
}

/** Every transcript of the workspace (open or indexed), in folder and path order. */
function* transcripts(s: Snapshot): Generator<DocumentView> {
  const seen = new Set<string>();
  for (const folder of s.workspace.folders) {
    for (const document of folder.index.all()) {
      const view = s.workspace.view(document.key);
      if (view?.kind === 'transcript' && !seen.has(view.uri)) {
        seen.add(view.uri);
        yield view;
      }
    }
  }
}

function usableKey(state: FolderPrivacy | undefined, locale: Locale): Key {
  const t = localize(locale);
  if (!state?.keyFile) throw new Refusal(t('No key is set: set "kader.privacy.keyFile" to the key file, outside the project (see docs/privacy.md).'));
  if (!state.key) throw new Refusal(state.keyProblem?.(locale) ?? t('The key cannot be used.'));
  return state.key;
}

export async function provideSummary(s: Snapshot, privacy: PrivacyService, token?: Cancellation): Promise<kader.PrivacySummaryResult> {
  const views = [...transcripts(s)];
  await privacy.prepare(views, token);
  let certain = 0;
  let likely = 0;
  const files: { uri: string; certain: number }[] = [];
  for (const view of views) {
    let here = 0;
    for (const f of privacy.findings(view)) {
      if (f.level === 'certain') here++;
      else likely++;
    }
    certain += here;
    if (here > 0) files.push({ uri: s.workspace.clientUri(view.uri), certain: here });
  }
  files.sort((a, b) => b.certain - a.certain || (a.uri < b.uri ? -1 : 1));
  const states = s.workspace.folders.map((f) => privacy.state(f));
  const keyProblems = [...new Set(states.flatMap((state) => (state?.keyProblem ? [state.keyProblem(s.locale)] : [])))];
  return { certain, likely, files, keyConfigured: states.some((state) => state?.keyFile !== undefined), keyProblems };
}

export async function provideCheck(s: Snapshot, privacy: PrivacyService, params: kader.PrivacyCheckParams, token?: Cancellation): Promise<kader.PrivacyCheckResult> {
  const documents: kader.PrivacyCheckResult['documents'] = [];
  for (const { uri, text } of params.documents) {
    checkCancelled(token);
    const place = s.workspace.classify(canonicalUri(uri));
    if (place?.kind !== 'transcript') continue;
    await privacy.ready([place.folder]);
    const state = privacy.state(place.folder);
    if (!state) continue;
    const stripped = stripBom(text);
    const findings = findPersonalData(stripped, parseTranscript(stripped), state.prepared);
    const certain = findings.filter((f) => f.level === 'certain').length;
    documents.push({ uri, certain, likely: findings.length - certain });
  }
  return { documents };
}

/** The edits of `result` as LSP text edits. */
const textEdits = (result: CorePseudonymised): { range: PrivacyFinding['range']; newText: string }[] => result.edits.map((e) => ({ range: e.range, newText: e.newText }));

export async function providePseudonymise(s: Snapshot, privacy: PrivacyService, params: kader.PseudonymiseParams, token?: Cancellation): Promise<kader.PseudonymiseResult> {
  const t = localize(s.locale);
  let views: DocumentView[];
  if (params.uri !== undefined) {
    const view = s.workspace.view(canonicalUri(params.uri));
    if (view?.kind !== 'transcript') throw new Refusal(t('This is not a transcript of the workspace.'));
    views = [view];
  } else views = [...transcripts(s)];
  const builder = new WorkspaceEditBuilder(s.client, s.workspace);
  const left: kader.PrivacyLeftFinding[] = [];
  let files = 0;
  let replacements = 0;
  let since = Date.now();
  for (const view of views) {
    await privacy.ready([view.folder]);
    const state = privacy.state(view.folder);
    const key = usableKey(state, s.locale);
    const read = await s.workspace.textOf(view.uri);
    checkCancelled(token);
    if (!read) continue;
    const result = pseudonymise(read.text, key, { prepared: state!.prepared, locale: s.locale });
    if (result.edits.length > 0) {
      builder.edit(view.uri, read.version, textEdits(result));
      files++;
      replacements += result.edits.length;
    }
    const uri = s.workspace.clientUri(view.uri);
    for (const f of result.left) left.push({ uri, range: f.range, rule: f.rule, text: f.args['text'] ?? '', message: privacyMessage(f, s.locale) });
    if (Date.now() - since > 20) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      checkCancelled(token);
      since = Date.now();
    }
  }
  return { edit: builder.build(), files, replacements, left };
}

export async function provideReplaceEverywhere(s: Snapshot, privacy: PrivacyService, params: kader.ReplaceEverywhereParams, token?: Cancellation): Promise<kader.WorkspaceEditResult> {
  const t = localize(s.locale);
  const place = s.workspace.classify(canonicalUri(params.uri));
  if (place?.kind !== 'transcript') throw new Refusal(t('This is not a transcript of the workspace.'));
  await privacy.ready([place.folder]);
  const key = usableKey(privacy.state(place.folder), s.locale);
  const entry = key.entries.find((e) => nameKey(e.name) === nameKey(params.name));
  if (!entry) throw new Refusal(t('"{0}" is not in the key.', params.name));
  const only: Key = { entries: [entry] };
  const builder = new WorkspaceEditBuilder(s.client, s.workspace);
  for (const view of transcripts(s)) {
    if (view.folder !== place.folder) continue;
    const read = await s.workspace.textOf(view.uri);
    checkCancelled(token);
    if (!read) continue;
    // Found with the whole key (so a form that is two people's is left), replaced for this entry only.
    const result = pseudonymise(read.text, only, { prepared: privacy.state(view.folder)!.prepared, locale: s.locale, only: (f) => f.rule === 'personal-data/name' && nameKey(f.args['name'] ?? '') === nameKey(entry.name) });
    builder.edit(view.uri, read.version, textEdits(result));
  }
  return builder.build();
}

/** Whether `uri` (a file's) lies in a git working tree: a `.git` in its folder or one above. */
async function inGitWorkingTree(fs: FileSystem, uri: string): Promise<string | undefined> {
  for (const folder of foldersAbove(uri)) {
    const dotGit = `${folder.replace(/\/$/, '')}/.git`;
    if (await fs.exists(dotGit)) return folder;
  }
  return undefined;
}

export async function provideKeyEntry(s: Snapshot, privacy: PrivacyService, params: kader.KeyEntryParams): Promise<kader.KeyEntryResult> {
  const t = localize(s.locale);
  const place = s.workspace.classify(canonicalUri(params.uri));
  if (!place) return { ok: false, message: t('This is not a transcript of the workspace.') };
  await privacy.ready([place.folder]);
  const state = privacy.state(place.folder);
  if (!state?.keyFile) return { ok: false, message: t('No key is set: set "kader.privacy.keyFile" to the key file, outside the project (see docs/privacy.md).') };
  const keyUri = state.keyUri;
  if (!keyUri) return { ok: false, message: state.keyProblem?.(s.locale) ?? t('The key cannot be used.') };
  const inside = s.workspace.folders.find((f) => relativePath(f.uri, keyUri) !== undefined);
  if (inside) return { ok: false, message: t('The key lies inside the workspace folder "{0}": Kader writes no key there. Move it out of the project and set kader.privacy.keyFile again.', inside.name) };
  const tree = await inGitWorkingTree(s.fileSystem, keyUri);
  if (tree) return { ok: false, message: t('The key lies inside a git working tree ({0}): Kader writes no key there. Move it out of the repository and set kader.privacy.keyFile again.', tree) };
  const read = await s.fileSystem.readText(keyUri);
  if (!read.ok && read.problem !== 'missing') return { ok: false, message: t('The key "{0}" (kader.privacy.keyFile) cannot be read: it {1}.', state.keyFile, readProblemText(read, t)) };
  const source = read.ok ? read.text : '';
  const current = parseKey(source);
  if (current.errors.length > 0) return { ok: false, message: t('The key "{0}" is not used until it is corrected: {1}', state.keyFile, current.errors.map((e) => keyErrorMessage(e, s.locale)).join(' ')) };
  const kind: EntryKind = params.kind ?? 'participant';
  const proposed = nextPseudonym(current.key, kind, s.locale);
  const name = params.name.trim();
  if (current.key.entries.some((e) => nameKey(e.name) === nameKey(name) || e.variants.some((v) => nameKey(v) === nameKey(name)))) {
    return { ok: false, message: t('"{0}" is already in the key.', name) };
  }
  if (params.pseudonym === undefined) return { ok: true, keyUri, proposed };
  const pseudonym = params.pseudonym.trim();
  const entry = new YamlDocument(kind === 'participant' ? { [name]: pseudonym } : { [name]: { pseudonym, kind } });
  const value = isMap(entry.contents) ? entry.contents.items[0]?.value : undefined;
  if (isMap(value)) value.flow = true;
  const line = entry.toString();
  const eol = /\r\n/.test(source) ? '\r\n' : '\n';
  const keyText = `${source}${source === '' || /[\r\n]$/.test(source) ? '' : eol}${line.replace(/\n/g, eol)}`;
  const next = parseKey(keyText);
  const added = next.errors.find((e) => e.line > (source.match(/\r\n|\r|\n/g)?.length ?? 0));
  if (pseudonym === '' || next.errors.length > 0) {
    return { ok: true, keyUri, proposed, problem: added ? keyErrorMessage(added, s.locale).replace(/^[^:]*: /, '') : t('This pseudonym cannot be used.') };
  }
  return { ok: true, keyUri, proposed, keyText };
}
