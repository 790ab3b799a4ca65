import { QueryRequest } from '../protocol';
import { handler } from './request';

export const queryHandler = handler(QueryRequest, (service, params, token) => service.query(params, token));
