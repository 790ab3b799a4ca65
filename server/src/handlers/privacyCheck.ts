import { PrivacyCheckRequest } from '../protocol';
import { handler } from './request';

export const privacyCheckHandler = handler(PrivacyCheckRequest, (service, params, token) => service.privacyCheck(params, token));
