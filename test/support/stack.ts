// The whole library as a user runs it, for end-to-end tests: live data made by the
// setup step (node dist/ops/setup.js, what ./setup.sh runs after the build), every service
// started by `./startup.sh --detach` on free loopback ports, and stopped by
// `./startup.sh stop` (which stops each process by its PID file). The client runs as a
// real child process against it, with its own config folder.
import { execFile, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDataDir, tempDir } from './http.js';
import { REPO_ROOT, stackEnv } from './processes.js';

const run = promisify(execFile);

export const STACK_ADMIN_PASSWORD = 'e2e-admin-password-0123';
export const CLIENT = path.join(REPO_ROOT, 'dist', 'cli', 'main.js');

export interface ClientRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface ClientOptions {
  /** Written to the client's stdin, then closed. */
  input?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

export interface Stack {
  env: Record<string, string>;
  dataDir: string;
  gatewayUrl: string;
  /** XDG_CONFIG_HOME of the client runs: the session file lives under it. */
  configHome: string;
  /** What the client needs: LIBRARY_URL, XDG_CONFIG_HOME, NO_COLOR. */
  clientEnv(extra?: Record<string, string>): Record<string, string>;
  /** Runs `node dist/cli/main.js ...args` to completion. */
  client(args: string[], options?: ClientOptions): Promise<ClientRun>;
  /** Registers and logs in a member through the client; returns the env of their own session. */
  member(username: string, password: string): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

export async function startFullStack(extraEnv: Record<string, string> = {}): Promise<Stack> {
  const dataDir = tempDataDir('library-e2e-');
  const env = await stackEnv(dataDir, { LIBRARY_ADMIN_PASSWORD: STACK_ADMIN_PASSWORD, LOG_REQUESTS: '0', ...extraEnv });
  const processEnv = { ...process.env, ...env };
  const configHome = tempDir('library-e2e-config-');
  const stack: Stack = {
    env,
    dataDir,
    gatewayUrl: env.GATEWAY_URL,
    configHome,
    clientEnv: (extra = {}) => ({ LIBRARY_URL: env.GATEWAY_URL, XDG_CONFIG_HOME: configHome, NO_COLOR: '1', ...extra }),
    client: (args, options = {}) => runClient(args, { ...options, env: { ...stack.clientEnv(), ...options.env } }),
    async member(username, password) {
      const env = { XDG_CONFIG_HOME: path.join(configHome, username) };
      const details = ['--name', `Reader ${username}`, '--email', `${username}@example.org`, '--password-stdin'];
      for (const args of [['register', username, ...details], ['login', username, '--password-stdin']]) {
        const done = await stack.client(args, { input: `${password}\n`, env });
        if (done.code !== 0) throw new Error(`library ${args[0]} ${username} exited ${done.code}: ${done.stderr}`);
      }
      return env;
    },
    async stop() {
      await run(path.join(REPO_ROOT, 'startup.sh'), ['stop'], { env: processEnv, timeout: 30_000 }).catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(configHome, { recursive: true, force: true });
    },
  };
  try {
    await run(process.execPath, [path.join(REPO_ROOT, 'dist', 'ops', 'setup.js')], { env: processEnv, timeout: 60_000 });
    await run(path.join(REPO_ROOT, 'startup.sh'), ['--detach'], { env: processEnv, timeout: 60_000 });
  } catch (error) {
    await stack.stop();
    const e = error as { message: string; stderr?: string };
    throw new Error(`the stack did not start: ${e.message}\n${e.stderr ?? ''}`);
  }
  return stack;
}

/**
 * For a describe() block: the stack starts before its tests and stops after them. Call the
 * returned function inside tests (it is set once `before` has run).
 */
export function useFullStack(extraEnv: Record<string, string> = {}): () => Stack {
  let stack: Stack | undefined;
  before(async function () {
    this.timeout(120_000);
    stack = await startFullStack(extraEnv);
  });
  after(async function () {
    this.timeout(60_000);
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error('the stack is not started: use it inside a test or hook');
    return stack;
  };
}

/** The client as a child process, with only the given environment on top of PATH and HOME. */
export function runClient(args: string[], options: ClientOptions = {}): Promise<ClientRun> {
  const started = performance.now();
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...options.env };
  const child = spawn(process.execPath, [CLIENT, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  child.stdin.end(options.input ?? '');
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`library ${args.join(' ')} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      resolve({ code: code ?? (signal ? 128 : -1), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms });
    });
  });
}
