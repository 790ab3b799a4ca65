import { StatisticsRequest } from '../protocol';
import { handler } from './request';

export const statisticsHandler = handler(StatisticsRequest, (service, params, token) => service.statistics(params, token));
