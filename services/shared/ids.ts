import { randomBytes } from 'node:crypto';

/** A random id for operations and requests: 16 url-safe characters (96 bits). */
export function randomId(prefix = ''): string {
  return prefix + randomBytes(12).toString('base64url');
}
