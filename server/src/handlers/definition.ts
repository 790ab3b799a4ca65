import { DefinitionRequest } from 'vscode-languageserver-protocol';
import { handler } from './request';

export const definitionHandler = handler(DefinitionRequest.type, (service, params, token) => service.definition(params, token));
