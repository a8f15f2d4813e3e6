// Gives every request an X-Request-Id (the caller's, when it sent a sane one) and
// writes one JSON line per request to the process's log sink (stdout, or under --detach a
// rotated file: log-sink.ts). A line that cannot be written is dropped, never fatal.
import type { Middleware } from 'koa';
import { randomUUID } from 'node:crypto';
import { processLogSink } from './log-sink.js';

const SANE_ID = /^[\w.:-]{1,128}$/;

export type LogFn = (entry: Record<string, unknown>) => void;

export function createLogger(service: string, enabled = true): LogFn {
  const sink = processLogSink();
  return (entry) => {
    if (!enabled && entry.level !== 'error') return;
    sink.write(JSON.stringify({ time: new Date().toISOString(), service, ...entry }) + '\n');
  };
}

export function requestLog(log: LogFn, enabled: boolean): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    const given = ctx.get('x-request-id');
    const requestId = SANE_ID.test(given) ? given : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    try {
      await next();
    } finally {
      if (enabled) {
        log({
          requestId,
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
          user: ctx.state.user?.username,
        });
      }
    }
  };
}
