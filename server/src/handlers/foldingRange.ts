import { FoldingRangeRequest } from 'vscode-languageserver-protocol';
import { handler } from './request';

export const foldingRangeHandler = handler(FoldingRangeRequest.type, (service, params, token) => service.foldingRanges(params, token));
