import { AutocodePreviewRequest } from '../protocol';
import { handler } from './request';

export const autocodePreviewHandler = handler(AutocodePreviewRequest, (service, params, token) => service.autocodePreview(params, token));
