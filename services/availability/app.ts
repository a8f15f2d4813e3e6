import type Koa from 'koa';
import type { Tokens } from '../shared/auth.js';
import { createServiceApp } from '../shared/create-service-app.js';
import type { LogFn } from '../shared/http/request-log.js';
import { availabilityOpenApi } from './openapi.js';
import { reservationRoutes, scheduleRoutes } from './routes.js';
import type { ReadingRoom } from './service.js';

export interface AppDeps {
  tokens: Tokens;
  log: LogFn;
  logRequests: boolean;
  room: ReadingRoom;
}

export function createApp(deps: AppDeps): Koa {
  return createServiceApp({
    service: 'availability',
    tokens: deps.tokens,
    log: deps.log,
    logRequests: deps.logRequests,
    routers: [scheduleRoutes(deps.room), reservationRoutes(deps.room)],
    health: () => ({ today: deps.room.today() }),
    openapi: availabilityOpenApi,
  });
}
