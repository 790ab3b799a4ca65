import { CodeActionRequest } from 'vscode-languageserver-protocol';
import { handler } from './request';

export const codeActionHandler = handler(CodeActionRequest.type, (service, params, token) => service.codeActions(params, token));
