import { PrepareRenameRequest } from 'vscode-languageserver-protocol';
import { handler } from './request';

export const prepareRenameHandler = handler(PrepareRenameRequest.type, (service, params, token) => service.prepareRename(params, token));
