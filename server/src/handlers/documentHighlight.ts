import { DocumentHighlightRequest } from 'vscode-languageserver-protocol';
import { handler } from './request';

export const documentHighlightHandler = handler(DocumentHighlightRequest.type, (service, params, token) => service.highlights(params, token));
