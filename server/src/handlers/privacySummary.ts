import { PrivacySummaryRequest } from '../protocol';
import { handler } from './request';

export const privacySummaryHandler = handler(PrivacySummaryRequest, (service, params, token) => service.privacySummary(params, token));
