import { AgreementMergeRequest } from '../protocol';
import { handler } from './request';

export const agreementMergeHandler = handler(AgreementMergeRequest, (service, params, token) => service.agreementMerge(params, token));
