import { RenameRequest } from 'vscode-languageserver-protocol';
import { handler } from './request';

export const renameHandler = handler(RenameRequest.type, (service, params, token) => service.rename(params, token));
