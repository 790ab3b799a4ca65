import { CodingRequest } from '../protocol';
import { handler } from './request';

export const codingHandler = handler(CodingRequest, (service, params, token) => service.coding(params, token));
