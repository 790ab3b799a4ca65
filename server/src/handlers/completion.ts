import { CompletionRequest } from 'vscode-languageserver-protocol';
import { handler } from './request';

export const completionHandler = handler(CompletionRequest.type, (service, params, token) => service.completion(params, token));
