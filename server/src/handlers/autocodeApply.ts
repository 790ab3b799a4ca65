import { AutocodeApplyRequest } from '../protocol';
import { handler } from './request';

export const autocodeApplyHandler = handler(AutocodeApplyRequest, (service, params, token) => service.autocodeApply(params, token));
