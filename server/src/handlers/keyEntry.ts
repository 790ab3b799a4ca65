import { KeyEntryRequest } from '../protocol';
import { handler } from './request';

export const keyEntryHandler = handler(KeyEntryRequest, (service, params, token) => service.keyEntry(params, token));
