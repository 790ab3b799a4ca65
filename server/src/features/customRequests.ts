// Kader's own requests for the client's views (protocol.ts), and the `kader/indexChanged`
// notification that tells the views to ask again.

import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { aspectOf } from '../core/codes';
import { countFragments, treeLevel, treePath, type TreeFilter, type TreeNode, type TreeQuery, type TreeView } from '../core/index/aggregate';
import { builtInCodebook, parseTranscript } from '../core/parse';
import { codingEdits } from '../core/edits';
import { markdownReport } from '../core/outputs/report';
import type { Codebook, Locale, Position } from '../core/types';
import { WorkspaceIndex } from '../core/index/workspaceIndex';
import {
  CodesRequest,
  CodingRequest,
  DocumentFragmentsRequest,
  IndexChangedNotification,
  ReportRequest,
  TreePathRequest,
  TreeRequest,
  type CodeInfo,
  type CodesResult,
  type CodingResult,
  type DocumentFragment,
  type DocumentFragmentsResult,
  type FolderNode,
  type TreePathResult,
  type TreeResult,
} from '../protocol';
import { knownCodes } from './codeAt';
import { checkCancelled, guarded, type ServerContext } from './context';
import { localize } from '../core/l10n';
import { canonicalUri } from '../workspace/uris';
import type { WorkspaceChange } from '../workspace/workspace';
import type { Folder } from '../workspace/workspaceFolders';

const CODING_ACTIONS = new Set(['code', 'addCode', 'removeCode', 'uncode']);

/** The colour of a code: its own, else its aspect's. */
export function colorOf(codebook: Codebook, code: string): string | undefined {
  const own = codebook.codes.find((c) => c.code === code)?.color;
  return own ?? codebook.codes.find((c) => c.code === aspectOf(code))?.color;
}

/** A node of one folder among several: its id under the folder's, its query naming the folder. */
function inFolder(node: TreeNode, folder: Folder): TreeNode {
  const result: TreeNode = { ...node, id: `folder:${folder.uri}/${node.id}` };
  if (node.query) result.query = { ...node.query, folder: folder.uri };
  return result;
}

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function treeView(value: unknown): TreeView {
  if (value === undefined || value === 'aspects') return 'aspects';
  if (value === 'practices') return 'practices';
  throw invalid(`Unknown view: ${String(value)}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: Record<string, unknown>, key: string, where: string): string | undefined {
  const field = value[key];
  if (field === undefined || field === null || typeof field === 'string') return field ?? undefined;
  throw invalid(`${where}.${key} must be a string`);
}

function treeFilter(value: unknown): TreeFilter {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw invalid('filter must be an object');
  const filter: TreeFilter = {};
  const text = optionalString(value, 'text', 'filter');
  const coder = optionalString(value, 'coder', 'filter');
  if (text) filter.text = text;
  if (coder) filter.coder = coder;
  return filter;
}

function treeQuery(value: unknown, where: string): TreeQuery | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw invalid(`${where} must be an object`);
  const query: TreeQuery = {};
  for (const key of ['folder', 'aspect', 'code'] as const) {
    const field = optionalString(value, key, where);
    if (field !== undefined) query[key] = field;
  }
  if (value['practice'] !== undefined) {
    if (value['practice'] !== null && typeof value['practice'] !== 'string') throw invalid(`${where}.practice must be a string or null`);
    query.practice = value['practice'];
  }
  if (value['direct'] !== undefined && typeof value['direct'] !== 'boolean') throw invalid(`${where}.direct must be a boolean`);
  if (value['direct'] === true) query.direct = true;
  return query;
}

function isPosition(value: unknown): value is Position {
  return isObject(value) && Number.isInteger(value['line']) && Number.isInteger(value['character']);
}

/** The folder of a URI (a folder's own or a document's); the first folder for any other. */
export function folderFor(context: ServerContext, uri: string | undefined): Folder | undefined {
  const { workspace } = context;
  if (uri === undefined) return workspace.folders[0];
  const canonical = canonicalUri(uri);
  return workspace.folders.find((f) => f.uri === canonical) ?? workspace.folderOf(canonical) ?? workspace.folders[0];
}

export function registerCustomRequests(context: ServerContext): void {
  const { connection, workspace } = context;

  /** The folder a tree request is about, and whether its nodes carry the folder (several folders). */
  const treeFolder = (query: TreeQuery | undefined): { folder: Folder | undefined; several: boolean } => {
    const several = workspace.folders.length > 1;
    if (!several) return { folder: workspace.folders[0], several };
    return { folder: workspace.folders.find((f) => f.uri === query?.folder), several };
  };
  const folderNode = (folder: Folder, view: TreeView, filter: TreeFilter, locale: Locale): FolderNode => {
    const count = countFragments(folder.index, filter);
    const hasChildren = count > 0 || treeLevel(folder.index, folder.codebook, view, filter, locale).length > 0;
    return { id: `folder:${folder.uri}`, kind: 'folder', label: folder.name, uri: folder.uri, count, hasChildren, query: { folder: folder.uri } };
  };

  connection.onRequest(
    TreeRequest,
    guarded(context, TreeRequest.method, async (params, token): Promise<TreeResult> => {
      const view = treeView(params?.view);
      const filter = treeFilter(params?.filter);
      const parent = treeQuery(params?.parent, 'parent');
      await workspace.settled();
      workspace.syncAll();
      checkCancelled(token);
      const locale = context.locale();
      const coders = new Set<string>();
      for (const folder of workspace.folders) for (const coder of folder.index.coders()) coders.add(coder);
      const result = (roots: (TreeNode | FolderNode)[]): TreeResult => ({ roots, coders: [...coders].sort() });
      const { folder, several } = treeFolder(parent);
      if (several && parent === undefined) return result(workspace.folders.map((f) => folderNode(f, view, filter, locale)));
      if (!folder) return result([]);
      const nodes = treeLevel(folder.index, folder.codebook, view, filter, locale, parent);
      return result(several ? nodes.map((node) => inFolder(node, folder)) : nodes);
    }),
  );

  connection.onRequest(
    TreePathRequest,
    guarded(context, TreePathRequest.method, async (params, token): Promise<TreePathResult> => {
      const view = treeView(params?.view);
      const filter = treeFilter(params?.filter);
      if (typeof params?.uri !== 'string') throw invalid('kader/treePath needs a uri');
      const start = params.start as unknown;
      if (!isPosition(start)) throw invalid('kader/treePath needs a start position');
      await workspace.settled();
      workspace.syncAll();
      checkCancelled(token);
      const locale = context.locale();
      const uri = canonicalUri(params.uri);
      const folder = workspace.folderOf(uri);
      if (!folder) return { path: [] };
      const path = treePath(folder.index, folder.codebook, view, filter, locale, uri, start);
      if (path.length === 0 || workspace.folders.length < 2) return { path };
      return { path: [folderNode(folder, view, filter, locale), ...path.map((node) => inFolder(node, folder))] };
    }),
  );

  connection.onRequest(
    DocumentFragmentsRequest,
    guarded(context, DocumentFragmentsRequest.method, async (params): Promise<DocumentFragmentsResult> => {
      await workspace.settled();
      const view = workspace.view(canonicalUri(params.uri));
      if (!view || view.kind !== 'transcript') return { version: workspace.documents.get(canonicalUri(params.uri))?.document.version ?? null, fragments: [] };
      const blocks = new Map(view.model.attributeBlocks.map((b) => [b.span.start, b.range]));
      const fragments = view.model.fragments.map((f) => {
        const fragment: DocumentFragment = {
          id: f.id,
          parent: f.parent,
          kind: f.kind,
          codes: f.codes,
          text: f.text,
          range: f.content.range,
          fullRange: f.full.range,
          attributeRange: blocks.get(f.attributeBlock.start)!,
        };
        const color = colorOf(view.folder.codebook, f.codes[0]!);
        if (color) fragment.color = color;
        if (f.memo !== undefined) fragment.memo = f.memo;
        if (f.speaker !== undefined) fragment.speaker = f.speaker;
        return fragment;
      });
      return { version: view.version, fragments };
    }),
  );

  connection.onRequest(
    CodesRequest,
    guarded(context, CodesRequest.method, async (params): Promise<CodesResult> => {
      await workspace.settled();
      workspace.syncAll();
      const folder = folderFor(context, params?.uri);
      if (!folder) {
        const codebook = builtInCodebook(context.locale());
        return { codes: codebook.codes.map((c) => ({ code: c.code, name: c.name, description: c.shortDescription, color: c.color, count: 0, defined: true })) };
      }
      const usage = folder.index.codeUsage();
      const codes = knownCodes(folder).map((code) => {
        const definition = folder.codebook.codes.find((c) => c.code === code);
        const info: CodeInfo = { code, name: definition?.name ?? code, count: usage.get(code) ?? 0, defined: definition !== undefined };
        if (definition?.shortDescription) info.description = definition.shortDescription;
        const color = colorOf(folder.codebook, code);
        if (color) info.color = color;
        return info;
      });
      const result: CodesResult = { codes };
      if (folder.codebookSource) result.codebookUri = workspace.clientUri(folder.codebookUri);
      return result;
    }),
  );

  connection.onRequest(
    CodingRequest,
    guarded(context, CodingRequest.method, async (params): Promise<CodingResult> => {
      await workspace.settled();
      const locale = context.locale();
      const uri = canonicalUri(params.uri);
      const view = workspace.view(uri);
      const current = await workspace.textOf(uri);
      if (!view || view.kind !== 'transcript' || !current) return { edits: [], message: localize(locale)('This file is not a transcript of a workspace folder.') };
      if (params.version !== undefined && current.version !== null && params.version !== current.version) {
        return { edits: [], message: localize(locale)('The document changed meanwhile: try again.') };
      }
      if (!CODING_ACTIONS.has(params.action)) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown coding action: ${String(params.action)}`);
      const open = workspace.documents.get(uri);
      // Candidates are read back reusing the open document's chunks, so checking an edit is quick.
      const readBack = open ? (text: string) => parseTranscript(text, open.cache.fork()) : undefined;
      return codingEdits(current.text, open ? workspace.documents.model(open) : view.model, params, locale, readBack);
    }),
  );

  connection.onRequest(
    ReportRequest,
    guarded(context, ReportRequest.method, async (params): Promise<{ text: string }> => {
      await workspace.settled();
      workspace.syncAll();
      const locale = context.locale();
      const folder = folderFor(context, params?.folderUri);
      if (!folder) return { text: markdownReport({ index: new WorkspaceIndex(), codebook: builtInCodebook(locale), locale }) };
      const codebookPath = folder.codebookSource ? folder.settings.codebookPath : undefined;
      return { text: markdownReport({ index: folder.index, codebook: folder.codebook, codebookPath, locale }) };
    }),
  );
}

/** Sends `kader/indexChanged` shortly after changes, once for a burst of them. */
export class IndexChangedNotifier {
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private uris: Set<string> | undefined = new Set();

  constructor(
    private readonly context: ServerContext,
    private readonly delay = 50,
  ) {}

  register(): void {
    this.context.workspace.onChange((change) => this.changed(change));
  }

  private changed(change: WorkspaceChange): void {
    if (change.codebooks.length > 0) this.uris = undefined;
    else for (const uri of [...change.uris, ...change.removed]) this.uris?.add(this.context.workspace.clientUri(uri));
    this.schedule();
  }

  /** Everything may have changed (settings, language, folders). */
  all(): void {
    this.uris = undefined;
    this.schedule();
  }

  private schedule(): void {
    this.generation++;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const params = this.uris ? { generation: this.generation, uris: [...this.uris].sort() } : { generation: this.generation };
      this.uris = new Set();
      try {
        this.context.connection.sendNotification(IndexChangedNotification, params).catch((error: unknown) => this.context.log.warn(`kader/indexChanged failed: ${String(error)}`));
      } catch {
        // the connection closed while the notification waited: nobody is listening any more
      }
    }, this.delay);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
