import { DocumentDiagnosticRequest } from 'vscode-languageserver-protocol';
import { handler } from './request';

export const documentDiagnosticHandler = handler(DocumentDiagnosticRequest.type, (service, params, token) => service.documentDiagnostics(params, token));
