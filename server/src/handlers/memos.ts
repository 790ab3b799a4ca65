import { MemosRequest } from '../protocol';
import { handler } from './request';

export const memosHandler = handler(MemosRequest, (service, params, token) => service.memos(params, token));
