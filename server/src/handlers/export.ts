import { ExportRequest } from '../protocol';
import { handler } from './request';

export const exportHandler = handler(ExportRequest, (service, params, token) => service.exportProject(params, token));
