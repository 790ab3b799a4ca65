import { ImportRequest } from '../protocol';
import { handler } from './request';

export const importHandler = handler(ImportRequest, (service, params, token) => service.importFile(params, token));
