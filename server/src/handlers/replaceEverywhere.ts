import { ReplaceEverywhereRequest } from '../protocol';
import { handler } from './request';

export const replaceEverywhereHandler = handler(ReplaceEverywhereRequest, (service, params, token) => service.replaceEverywhere(params, token));
