import { TreeRequest } from '../protocol';
import { handler } from './request';

export const treeHandler = handler(TreeRequest, async (service, params, token) => {
  const result = await service.tree(params, token);
  // Folders open, none of them a Kader project: the views offer to make one (viewsWelcome).
  const { folders } = service.workspace;
  if (folders.length > 0 && !folders.some((f) => f.isProject)) return { roots: [], coders: [], noProject: true };
  return result;
});
