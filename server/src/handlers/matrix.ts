import { MatrixRequest } from '../protocol';
import { handler } from './request';

export const matrixHandler = handler(MatrixRequest, (service, params, token) => service.matrix(params, token));
