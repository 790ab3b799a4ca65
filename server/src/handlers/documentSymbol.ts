import { DocumentSymbolRequest } from 'vscode-languageserver-protocol';
import { handler } from './request';

export const documentSymbolHandler = handler(DocumentSymbolRequest.type, (service, params, token) => service.documentSymbols(params, token));
