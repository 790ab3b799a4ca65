import { CodesRequest } from '../protocol';
import { handler } from './request';

export const codesHandler = handler(CodesRequest, (service, params, token) => service.codes(params, token));
