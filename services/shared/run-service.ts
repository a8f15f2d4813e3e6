// What every service's main.ts does: read the environment, take the data folder's
// lock, open the files, listen, and stop cleanly on SIGTERM/SIGINT. Any start-up
// failure is one clear line on stderr and exit code 1.
import type Koa from 'koa';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { Tokens } from './auth.js';
import { ConfigError, loadConfig, type Config, type ProcessName } from './config.js';
import { answerClientErrors } from './http/client-errors.js';
import { createLogger, type LogFn } from './http/request-log.js';
import { settleAfterStartup } from './memory.js';
import { LockError, acquireLock } from './store/lock.js';
import { StoreCorrupt } from './store/json-store.js';

export interface Kit {
  config: Config;
  log: LogFn;
  tokens: Tokens;
}

export interface Started {
  app: Koa;
  /** Flushes and closes the service's files; background timers stop here too. */
  close(): Promise<void>;
}

export async function runService(name: ProcessName, start: (kit: Kit) => Promise<Started>): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(name);
  } catch (error) {
    return fail(name, error);
  }
  const log = createLogger(name, config.logRequests);
  let started: Started;
  let releaseLock = () => {};
  try {
    if (name !== 'gateway') {
      mkdirSync(config.serviceDir, { recursive: true });
      releaseLock = acquireLock(config.serviceDir);
    }
    started = await start({ config, log, tokens: new Tokens(config.secret) });
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
    fail(name, new Error(`cannot listen on ${config.host}:${config.port}: ${why}`));
  });
  server.on('listening', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log({ level: 'info', msg: `${name} listening on http://${config.host}:${port}`, pid: process.pid });
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeIdleConnections();
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

function fail(name: string, error: unknown): never {
  const known = error instanceof ConfigError || error instanceof LockError || error instanceof StoreCorrupt;
  const message = known || error instanceof Error ? (error as Error).message : String(error);
  process.stderr.write(`${name}: cannot start: ${message}\n`);
  if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}
