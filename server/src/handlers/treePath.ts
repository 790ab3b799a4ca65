import { TreePathRequest } from '../protocol';
import { handler } from './request';

export const treePathHandler = handler(TreePathRequest, (service, params, token) => service.treePath(params, token));
