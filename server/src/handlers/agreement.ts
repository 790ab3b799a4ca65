import { AgreementRequest } from '../protocol';
import { handler } from './request';

export const agreementHandler = handler(AgreementRequest, (service, params, token) => service.agreement(params, token));
