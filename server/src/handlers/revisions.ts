import { RevisionsRequest } from '../protocol';
import { handler } from './request';

export const revisionsHandler = handler(RevisionsRequest, (service, params, token) => service.revisions(params, token));
