import { WorkspaceSymbolRequest } from 'vscode-languageserver-protocol';
import { handler } from './request';

export const workspaceSymbolHandler = handler(WorkspaceSymbolRequest.type, (service, params, token) => service.workspaceSymbols(params, token));
