import { PseudonymiseRequest } from '../protocol';
import { handler } from './request';

export const pseudonymiseHandler = handler(PseudonymiseRequest, (service, params, token) => service.pseudonymise(params, token));
