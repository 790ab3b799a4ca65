import { WorkspaceDiagnosticRequest } from 'vscode-languageserver-protocol';
import { handler } from './request';

export const workspaceDiagnosticHandler = handler(WorkspaceDiagnosticRequest.type, (service, params, token) => service.workspaceDiagnostics(params, token));
