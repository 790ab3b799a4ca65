// Kader's own requests for the client's views (protocol.ts), and the `kader/indexChanged`
// notification that tells the views to ask again.

import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { aspectOf } from '../core/codes';
import { aspectTree, filteredFragments, practiceTree, type TreeNode } from '../core/aggregate';
import { builtInCodebook } from '../core/codebook';
import { codingEdits } from '../core/edits';
import { parseTranscript } from '../core/transcript';
import { markdownReport } from '../core/report';
import type { Codebook } from '../core/types';
import { WorkspaceIndex } from '../core/workspaceIndex';
import {
  CodesRequest,
  CodingRequest,
  DocumentFragmentsRequest,
  IndexChangedNotification,
  ReportRequest,
  TreeRequest,
  type CodeInfo,
  type CodesResult,
  type CodingResult,
  type DocumentFragment,
  type DocumentFragmentsResult,
  type FolderNode,
  type TreeResult,
} from '../protocol';
import { knownCodes } from './codeAt';
import { checkCancelled, guarded, type ServerContext } from './context';
import { strings } from './strings';
import { canonicalUri } from '../workspace/uris';
import type { WorkspaceChange } from '../workspace/workspace';
import type { Folder } from '../workspace/workspaceFolders';

const CODING_ACTIONS = new Set(['code', 'addCode', 'removeCode', 'uncode']);

/** The colour of a code: its own, else its aspect's. */
export function colorOf(codebook: Codebook, code: string): string | undefined {
  const own = codebook.codes.find((c) => c.code === code)?.color;
  return own ?? codebook.codes.find((c) => c.code === aspectOf(code))?.color;
}

function prefixIds(node: TreeNode, prefix: string): TreeNode {
  return { ...node, id: `${prefix}/${node.id}`, children: node.children.map((child) => prefixIds(child, prefix)) };
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

  connection.onRequest(
    TreeRequest,
    guarded(context, TreeRequest.method, async (params, token): Promise<TreeResult> => {
      await workspace.settled();
      workspace.syncAll();
      const locale = context.locale();
      const filter = params?.filter ?? {};
      const build = params?.view === 'practices' ? practiceTree : aspectTree;
      const coders = new Set<string>();
      const perFolder = workspace.folders.map((folder) => {
        checkCancelled(token);
        for (const coder of folder.index.coders()) coders.add(coder);
        return { folder, roots: build(folder.index, folder.codebook, filter, locale) };
      });
      let roots: (TreeNode | FolderNode)[];
      if (perFolder.length === 1) roots = perFolder[0]!.roots;
      else {
        roots = perFolder.map(({ folder, roots: children }) => {
          const id = `folder:${folder.uri}`;
          return {
            id,
            kind: 'folder',
            label: folder.name,
            uri: folder.uri,
            count: filteredFragments(folder.index, filter).length,
            children: children.map((child) => prefixIds(child, id)),
          } satisfies FolderNode;
        });
      }
      return { roots, coders: [...coders].sort() };
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
      if (!view || view.kind !== 'transcript' || !current) return { edits: [], message: strings(locale).notTranscript };
      if (params.version !== undefined && current.version !== null && params.version !== current.version) {
        return { edits: [], message: strings(locale).changedMeanwhile };
      }
      if (!CODING_ACTIONS.has(params.action)) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown coding action: ${String(params.action)}`);
      const open = workspace.documents.get(uri);
      // Candidates are read back reusing the open document's chunks, so checking an edit is quick.
      const readBack = open ? (text: string) => parseTranscript(text, { chunks: new Map(open.cache.chunks) }) : undefined;
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
