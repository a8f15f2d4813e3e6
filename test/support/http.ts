// Small helpers the tests share: real servers on port 0, real HTTP, temporary data folders.
import type Koa from 'koa';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface Running {
  url: string;
  close(): Promise<void>;
}

export async function listen(app: Koa): Promise<Running> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let runRoot: string | null = null;

/**
 * A fresh folder under one folder per test run, which is removed when the run's process
 * exits: a test run leaves nothing behind in the system's temporary folder.
 */
export function tempDir(prefix = 'tmp-'): string {
  if (!runRoot) {
    const root = mkdtempSync(path.join(os.tmpdir(), 'library-tests-'));
    runRoot = root;
    process.once('exit', () => {
      try {
        rmSync(root, { recursive: true, force: true });
      } catch {
        // a child process may still hold a file; the folder is in tmp all the same
      }
    });
  }
  return mkdtempSync(path.join(runRoot, prefix));
}

/** A fresh DATA_DIR with the token secret in it, as setup.sh would leave it. */
export function tempDataDir(prefix = 'library-test-'): string {
  const dir = tempDir(prefix);
  writeFileSync(path.join(dir, 'secret'), TEST_SECRET, { mode: 0o600 });
  mkdirSync(path.join(dir, 'run'), { recursive: true });
  return dir;
}

/**
 * Distinct ports the kernel says are free now. They are held open together and only then
 * released: a port closed before the next is asked for can be handed out again (a stack's
 * users and catalog once got one port; users could not listen, catalog answered its
 * /health, and every librarian token looked revoked).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
      servers.push(server);
    }
    return servers.map((s) => (s.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

/** One free port; two calls may answer the same one, so a set of servers takes freePorts(n). */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0];
}

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface SendOptions {
  json?: unknown;
  /** Sent as it is, for malformed-body tests. */
  raw?: string;
  token?: string;
  headers?: Record<string, string>;
  /** To give up on a request, e.g. AbortSignal.timeout(ms). */
  signal?: AbortSignal;
}

export async function send<T = any>(base: string, method: string, route: string, options: SendOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  } else if (options.raw !== undefined) {
    body = options.raw;
    headers['content-type'] ??= 'application/json';
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(base + route, { method, headers, body, signal: options.signal });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** Every file under `dir` with its bytes, to prove a refused request changed nothing. */
export function snapshotFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!name.endsWith('.lock')) files.set(path.relative(dir, full), readFileSync(full, 'base64'));
    }
  };
  walk(dir);
  return files;
}
