import { HoverRequest } from 'vscode-languageserver-protocol';
import { handler } from './request';

export const hoverHandler = handler(HoverRequest.type, (service, params, token) => service.hover(params, token));
