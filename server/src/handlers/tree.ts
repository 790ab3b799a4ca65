import { TreeRequest } from '../protocol';
import { handler } from './request';

export const treeHandler = handler(TreeRequest, (service, params, token) => service.tree(params, token));
