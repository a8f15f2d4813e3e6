// Gives every request an X-Request-Id (the caller's, when it sent a sane one) and
// writes one JSON line per request to the process's log sink (stdout, or under --detach a
// rotated file: log-sink.ts). A line that cannot be written is dropped, never fatal.
import type { Middleware } from 'koa';
import { randomUUID } from 'node:crypto';
import { processLogSink, type BatchedSink } from './log-sink.js';

const SANE_ID = /^[\w.:-]{1,128}$/;

export type LogFn = (entry: Record<string, unknown>) => void;

/** Lines without a level are the access log's, queued for the turn's one write (log-sink.ts); the rest are written at once. */
export function createLogger(service: string, enabled = true, sink: BatchedSink = processLogSink()): LogFn {
  const time = isoTime();
  return (entry) => {
    if (!enabled && entry.level !== 'error') return;
    const line = JSON.stringify({ time: time(), service, ...entry }) + '\n';
    if (entry.level === undefined) sink.queue(line);
    else sink.write(line);
  };
}

/** new Date().toISOString(), made once a millisecond: a busy service logs many lines in one. */
export function isoTime(now: () => number = Date.now): () => string {
  let at = NaN;
  let text = '';
  return () => {
    const t = now();
    if (t !== at) {
      at = t;
      text = new Date(t).toISOString();
    }
    return text;
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
