// `kader/tree` and `kader/treePath`: the Aspects, Practices, Learning Level and Speakers views, level by
// level, and the path to the node of a fragment (to reveal it). Several folders: one root node per folder.

import { countFragments, treeLevel, treePath, type TreeFilter, type TreeNode, type TreeQuery, type TreeView } from '../core/index/aggregate';
import { learningLevelTree } from '../core/index/levelTree';
import { speakerTree, speakerTreePath } from '../core/index/speakerTree';
import type { Locale, Position } from '../core/types';
import type { FolderNode, TreeParams, TreePathParams, TreePathResult, TreeResult } from '../protocol';
import { canonicalUri } from '../workspace/uris';
import type { Folder } from '../workspace/workspaceFolders';
import { InvalidParams } from './errors';
import { checkedQuery } from './query';
import type { Snapshot } from './snapshot';

/** A node of one folder among several: its id under the folder's, its query naming the folder. */
function inFolder(node: TreeNode, folder: Folder): TreeNode {
  const result: TreeNode = { ...node, id: `folder:${folder.uri}/${node.id}` };
  if (node.query) result.query = { ...node.query, folder: folder.uri };
  return result;
}

function invalid(message: string): InvalidParams {
  return new InvalidParams(message);
}

function treeView(value: unknown): TreeView {
  if (value === undefined || value === 'aspects') return 'aspects';
  if (value === 'practices' || value === 'levels' || value === 'speakers') return value;
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

function treeFilter(value: unknown, locale: Locale): TreeFilter {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw invalid('filter must be an object');
  const filter: TreeFilter = {};
  const text = optionalString(value, 'text', 'filter');
  const coder = optionalString(value, 'coder', 'filter');
  const query = optionalString(value, 'query', 'filter');
  if (text) filter.text = text;
  if (coder) filter.coder = coder;
  if (query?.trim()) {
    checkedQuery(query, locale);
    filter.query = query;
  }
  return filter;
}

function treeQuery(value: unknown, where: string): TreeQuery | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw invalid(`${where} must be an object`);
  const query: TreeQuery = {};
  for (const key of ['folder', 'aspect', 'code', 'level', 'speaker'] as const) {
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

/** The folder a tree request is about, and whether its nodes carry the folder (several folders). */
function treeFolder(s: Snapshot, query: TreeQuery | undefined): { folder: Folder | undefined; several: boolean } {
  const { folders } = s.workspace;
  const several = folders.length > 1;
  if (!several) return { folder: folders[0], several };
  return { folder: folders.find((f) => f.uri === query?.folder), several };
}

/** One level of a view in one folder. */
function levelOf(folder: Folder, view: TreeView, filter: TreeFilter, locale: Locale, parent?: TreeQuery): TreeNode[] {
  if (view === 'levels') return learningLevelTree(folder.index, folder.codebook, filter, locale, parent);
  if (view === 'speakers') return speakerTree(folder.index, folder.codebook, filter, locale, parent);
  return treeLevel(folder.index, folder.codebook, view, filter, locale, parent);
}

function folderNode(folder: Folder, view: TreeView, filter: TreeFilter, locale: Locale): FolderNode {
  // The Speakers view counts the quotes said in turns; each level or person's are its own.
  const levels = view === 'levels' || view === 'speakers' ? levelOf(folder, view, filter, locale) : undefined;
  const count = levels ? levels.reduce((sum, node) => sum + node.count, 0) : countFragments(folder.index, filter);
  const hasChildren = count > 0 || (levels ?? levelOf(folder, view, filter, locale)).length > 0;
  return { id: `folder:${folder.uri}`, kind: 'folder', label: folder.name, uri: folder.uri, count, hasChildren, query: { folder: folder.uri } };
}

/** One level of a view; needs the workspace snapshot. */
export function provideTree(s: Snapshot, params: TreeParams | undefined): TreeResult {
  const view = treeView(params?.view);
  const filter = treeFilter(params?.filter, s.locale);
  const parent = treeQuery(params?.parent, 'parent');
  const { folders } = s.workspace;
  const coders = new Set<string>();
  for (const folder of folders) for (const coder of folder.index.coders()) coders.add(coder);
  const result = (roots: (TreeNode | FolderNode)[]): TreeResult => ({ roots, coders: [...coders].sort() });
  const { folder, several } = treeFolder(s, parent);
  if (several && parent === undefined) return result(folders.map((f) => folderNode(f, view, filter, s.locale)));
  if (!folder) return result([]);
  const nodes = levelOf(folder, view, filter, s.locale, parent);
  return result(several ? nodes.map((node) => inFolder(node, folder)) : nodes);
}

/** The nodes from a root down to the fragment at `start`; needs the workspace snapshot. */
export function provideTreePath(s: Snapshot, params: TreePathParams | undefined): TreePathResult {
  const view = treeView(params?.view);
  const filter = treeFilter(params?.filter, s.locale);
  if (typeof params?.uri !== 'string') throw invalid('kader/treePath needs a uri');
  const start = params.start as unknown;
  if (!isPosition(start)) throw invalid('kader/treePath needs a start position');
  const uri = canonicalUri(params.uri);
  const folder = s.workspace.folderOf(uri);
  // The Learning Level view is not revealed into: a fragment may sit under several levels.
  if (!folder || view === 'levels') return { path: [] };
  const path =
    view === 'speakers'
      ? speakerTreePath(folder.index, folder.codebook, filter, s.locale, uri, start)
      : treePath(folder.index, folder.codebook, view, filter, s.locale, uri, start);
  if (path.length === 0 || s.workspace.folders.length < 2) return { path };
  return { path: [folderNode(folder, view, filter, s.locale), ...path.map((node) => inFolder(node, folder))] };
}
