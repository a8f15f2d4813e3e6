// Exit codes are part of the contract: 0 done, 1 refused by a service, 2 bad usage,
// 3 a service could not be reached. Every failure maps to one of them here, once.
import { ApiProblem, Unreachable } from './api/errors.js';
import { when } from './ui/format.js';

export const EXIT = Object.freeze({ ok: 0, refused: 1, usage: 2, unreachable: 3, interrupted: 130 });

/** The user asked for something the client cannot do as asked: exit 2, one line. */
export class UsageError extends Error {
  /** "books add": set by the command that failed, for the hint to its --help. */
  command?: string;

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Some services are down although the gateway answered (`status`): exit 3. */
export class ServicesDown extends Error {
  constructor(readonly services: string[]) {
    super(`${services.length === 1 ? 'this service is' : 'these services are'} down: ${services.join(', ')}`);
    this.name = 'ServicesDown';
  }
}

/** Ctrl-C or Ctrl-D at a prompt. */
export function isInterrupt(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof Unreachable || error instanceof ServicesDown) return EXIT.unreachable;
  if (error instanceof ApiProblem) return error.unavailable ? EXIT.unreachable : EXIT.refused;
  if (isInterrupt(error)) return EXIT.interrupted;
  return EXIT.refused;
}

/** The one line printed to stderr for a failure. */
export function describeError(error: unknown): string {
  if (error instanceof UsageError) {
    const hint = error.command ? ` (see: library ${error.command} --help)` : '';
    return `${error.command ? `${error.command}: ` : ''}${error.message}${hint}`;
  }
  if (error instanceof ApiProblem) {
    const detail = error.detail === undefined ? undefined : plainDetail(error.detail);
    const line = detail ? `${error.title}: ${detail}` : error.title;
    // A wrong password is already an answer to logging in: no hint to go and log in.
    if (error.status === 401 && error.code !== 'invalid-credentials') return `${line} (log in with: library login)`;
    return error.status >= 500 && error.requestId ? `${line} (request id ${error.requestId})` : line;
  }
  if (isInterrupt(error)) return 'cancelled';
  return error instanceof Error ? error.message : String(error);
}

/** The services' wording for machines, said for people (the problem's type stays as it is). */
function plainDetail(detail: string): string {
  return detail
    .replace(/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z\b/g, (iso) => when(iso))
    .replace(/^a valid bearer token is required$/, '')
    .replace(/^this needs the role ([a-z ]+?)(?: or service)?; you are (\w+)$/, (_m, roles: string, role: string) => `only ${roles.replace(/ or /g, 's or ')}s may do this, and you are logged in as a ${role}`);
}
