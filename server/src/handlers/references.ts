import { ReferencesRequest } from 'vscode-languageserver-protocol';
import { handler } from './request';

export const referencesHandler = handler(ReferencesRequest.type, (service, params, token) => service.references(params, token));
