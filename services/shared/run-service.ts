// What every service's main.ts does: read the environment (the common Config and the
// service's own schema), take the data folder's lock, open the files, listen, and stop
// cleanly on SIGTERM/SIGINT (requests in flight are answered, then the files flushed:
// also as PID 1 in a container). Any start-up failure is one clear line on stderr and exit code 1.
import type Koa from 'koa';
import type { Server } from 'node:http';
import { Tokens } from './auth.js';
import { UsersClient } from '../contracts/users-client.js';
import { cachedAccounts } from './account-cache.js';
import { ConfigError, loadConfig, readSecret, type Config, type ProcessName, type ServiceSchema } from './config.js';
import { answerClientErrors } from './http/client-errors.js';
import { createLogger, type LogFn } from './http/request-log.js';
import { deferResponseGlobal } from './http/response-global.js';
import { settleAfterStartup } from './memory.js';
import { LockError, acquireLock } from './store/lock.js';
import { makePrivateDir } from './store/modes.js';
import { StoreCorrupt } from './store/json-store.js';

export interface Kit<S> {
  config: Config;
  /** The service's own knobs, read by its schema and frozen. */
  settings: Readonly<S>;
  log: LogFn;
  /** Read on first use, so a process that signs and verifies nothing needs no secret. */
  readonly tokens: Tokens;
}

export interface Started {
  app: Koa;
  /** Flushes and closes the service's files; background timers stop here too. */
  close(): Promise<void>;
  /** Called as stopping begins: ends streams that never finish by themselves (a change feed), so they do not hold up the requests in flight. */
  endStreams?(): void;
}

export async function runService<S>(name: ProcessName, schema: ServiceSchema<S>, start: (kit: Kit<S>) => Promise<Started>): Promise<void> {
  deferResponseGlobal(); // before anything reads the global: see response-global.ts
  let config: Config;
  let settings: Readonly<S>;
  try {
    config = loadConfig(name);
    settings = Object.freeze(schema(process.env, config));
  } catch (error) {
    return fail(name, error);
  }
  // Files and folders the service creates are private whatever the umask (store/README.md).
  process.umask(0o077);
  let tokens: Tokens | undefined;
  const kit: Kit<S> = {
    config,
    settings,
    log: createLogger(name, config.logRequests),
    get tokens() {
      return (tokens ??= tokensFor(config, readSecret(process.env, config.dataDir)));
    },
  };
  const { log } = kit;
  let started: Started;
  let releaseLock = () => {};
  try {
    if (name !== 'gateway') {
      makePrivateDir(config.serviceDir);
      releaseLock = await acquireLock(config.serviceDir);
    }
    started = await start(kit);
  } catch (error) {
    releaseLock();
    return fail(name, error);
  }
  settleAfterStartup();
  const server: Server = started.app.listen(config.port, config.host);
  server.keepAliveTimeout = 65_000;
  answerClientErrors(server);
  server.on('error', (error: NodeJS.ErrnoException) => {
    const why = error.code === 'EADDRINUSE' ? `port ${config.port} is already in use` : error.message;
    fail(name, new ListenError(`cannot listen on ${config.host}:${config.port}: ${why}`));
  });
  server.on('listening', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log({ level: 'info', msg: `${name} listening on http://${config.host}:${port}`, pid: process.pid });
  });
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log({ level: 'info', msg: `${name} stopping on ${signal}: finishing the requests in flight`, pid: process.pid });
    const finished = finishInFlight(server, config.stopGraceMs);
    started.endStreams?.();
    await finished;
    try {
      await started.close();
    } finally {
      releaseLock();
      process.exit(0);
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/**
 * Stops accepting, and waits until every request in flight has been answered before the
 * caller flushes and closes the files (a write acknowledged is a write on disk; a write
 * begun is finished, not cut off). Keep-alive connections are closed as they fall idle;
 * after `graceMs` (within `docker stop`'s 10 s) the rest are cut.
 */
async function finishInFlight(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  server.closeIdleConnections();
  await closed;
  clearInterval(idle);
  clearTimeout(cut);
}

/**
 * The service's tokens. Every service but users (which reads its own store) and the gateway
 * (which only forwards) checks a user's token against the account, asked of users at most
 * once per TOKEN_CHECK_SECONDS per account: the bound within which a change of role, a
 * deactivation or a new password stops every earlier token.
 */
function tokensFor(config: Config, secret: string): Tokens {
  const tokens = new Tokens(secret);
  if (config.service !== 'users' && config.service !== 'gateway') {
    tokens.accounts = cachedAccounts(UsersClient.fromConfig(config, tokens).lookup(), config.tokenCheckSeconds * 1000);
  }
  return tokens;
}

/** The port is taken or cannot be bound: said in full by its message, like a bad setting. */
class ListenError extends Error {}

function fail(name: string, error: unknown): never {
  const known = error instanceof ConfigError || error instanceof LockError || error instanceof StoreCorrupt || error instanceof ListenError;
  const message = known || error instanceof Error ? (error as Error).message : String(error);
  process.stderr.write(`${name}: cannot start: ${message}\n`);
  if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}
