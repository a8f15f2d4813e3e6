// Reads a JSON request body strictly: at most 64 KiB (413), JSON media type only, uncompressed (415),
// well-formed (400). Nothing downstream ever sees a body that failed these checks.
import type { Middleware } from 'koa';
import { Invalid, Problem } from '../problem.js';
import { illFormedPath } from '../well-formed.js';

export const MAX_BODY_BYTES = 64 * 1024;

export const tooLarge = () => new Problem(413, 'body-too-large', 'Request body too large', `the limit is ${MAX_BODY_BYTES} bytes`);

export const illFormedString = (path: string) =>
  new Invalid(`${path}: must be well-formed Unicode (it holds an unpaired surrogate)`, [{ path, message: 'must be well-formed Unicode (an unpaired surrogate)' }]);

export function jsonBody(): Middleware {
  return async (ctx, next) => {
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method)) return next();
    const declared = Number(ctx.get('content-length') || 0);
    if (declared > MAX_BODY_BYTES) {
      ctx.set('Connection', 'close'); // do not read a body we refuse
      throw tooLarge();
    }
    const raw = await readBody(ctx.req);
    if (raw.length === 0) return next();
    if (!ctx.is('application/json', '+json')) {
      throw new Problem(415, 'unsupported-media-type', 'Unsupported media type', 'send the body as application/json');
    }
    // A compressed body is not read as JSON and called malformed: 415 says what to change (RFC 7694).
    const encoding = ctx.get('content-encoding').trim().toLowerCase();
    if (encoding !== '' && encoding !== 'identity') {
      throw new Problem(415, 'unsupported-media-type', 'Unsupported media type', `a body with Content-Encoding ${encoding} is not accepted: send it uncompressed`);
    }
    try {
      ctx.request.body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new Problem(400, 'malformed-json', 'Malformed JSON', 'the request body is not valid JSON');
    }
    // JSON may escape half a surrogate pair ("\ud800"); no route can store or forward that.
    const illFormed = illFormedPath(ctx.request.body);
    if (illFormed) throw illFormedString(illFormed);
    return next();
  };
}

/** The whole body, or a 413 problem as soon as it passes MAX_BODY_BYTES. */
export function readBody(req: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

declare module 'koa' {
  interface Request {
    /** The parsed JSON body, set by jsonBody(); undefined when the request had none. */
    body?: unknown;
  }
}
