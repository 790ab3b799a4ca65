import { DocumentFragmentsRequest } from '../protocol';
import { handler } from './request';

export const documentFragmentsHandler = handler(DocumentFragmentsRequest, (service, params, token) => service.documentFragments(params, token));
