import { PrivacyReloadRequest } from '../protocol';
import { handler } from './request';

export const privacyReloadHandler = handler(PrivacyReloadRequest, (service, params) => service.privacyReload(params));
