import { ReportRequest } from '../protocol';
import { handler } from './request';

export const reportHandler = handler(ReportRequest, (service, params, token) => service.report(params, token));
