// The whole library as real processes on free ports, seeded the way ./setup.sh seeds it
// (node dist/ops/setup.js with DATA_DIR), for tests that kill, stop and restart single
// services while the rest keeps running. Every process is stopped by its own PID.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ProcessName, ServiceName } from '../../services/shared/config.js';
import { send, tempDataDir, type Reply, type SendOptions } from './http.js';
import { REPO_ROOT, stackEnv, startProcess, type ServiceProcess, type StartOptions } from './processes.js';
import { tokenFor } from './tokens.js';

const run = promisify(execFile);

export const LIVE_ADMIN_PASSWORD = 'reliability-admin-password';
/** Services first, the gateway last, as startup.sh starts them. */
const START_ORDER: ServiceName[] = ['catalog', 'users', 'inventory', 'loans', 'orders', 'availability'];

export interface LiveStack {
  dataDir: string;
  env: Record<string, string>;
  gatewayUrl: string;
  url(name: ProcessName): string;
  /** A librarian's token: admin's, signed with the test secret (admin's token version is 0). */
  librarian: string;
  /**
   * A member's token, signed with the test secret, for an account this makes first (straight
   * at users, past the gateway's limits) if it is not there yet: services check that a token's
   * account exists and is active, so a token for nobody is refused.
   */
  member(username: string): Promise<string>;
  /** A request through the gateway, under /api. */
  api<T = any>(method: string, route: string, options?: SendOptions): Promise<Reply<T>>;
  /** The process running as `name` now (or last, if it was killed). */
  process(name: ProcessName): ServiceProcess;
  kill9(name: ProcessName): Promise<void>;
  stop(name: ProcessName): Promise<void>;
  /** Starts it again; `options` as for startProcess (by default: under the same kind of parent). */
  restart(name: ProcessName, options?: StartOptions): Promise<void>;
  /** Stops every process still running (SIGTERM, by PID), then deletes the data folder unless `keep`. */
  close(keep?: boolean): Promise<void>;
}

export async function startLiveStack(extraEnv: Record<string, string> = {}): Promise<LiveStack> {
  const dataDir = tempDataDir('library-live-');
  const env = await stackEnv(dataDir, { LOG_REQUESTS: '0', LIBRARY_ADMIN_PASSWORD: LIVE_ADMIN_PASSWORD, ...extraEnv });
  await run(process.execPath, [path.join(REPO_ROOT, 'dist', 'ops', 'setup.js')], { env: { ...process.env, ...env }, timeout: 60_000 });
  const processes = new Map<ProcessName, ServiceProcess>();
  const members = new Map<string, Promise<string>>();
  const stack: LiveStack = {
    dataDir,
    env,
    gatewayUrl: env.GATEWAY_URL,
    url: (name) => env[`${name.toUpperCase()}_URL`],
    librarian: await tokenFor('admin', 'librarian'),
    member: (username) => {
      let found = members.get(username);
      if (!found) members.set(username, (found = ensureMember(env.USERS_URL, username).then(() => tokenFor(username))));
      return found;
    },
    api: (method, route, options) => send(env.GATEWAY_URL, method, `/api${route}`, options),
    process: (name) => processes.get(name)!,
    kill9: (name) => processes.get(name)!.kill9(),
    stop: (name) => processes.get(name)!.stop(),
    async restart(name, options) {
      processes.set(name, await processes.get(name)!.restart(options));
    },
    async close(keep = false) {
      // stop() is a no-op for a process already gone, so killed ones need no bookkeeping.
      await Promise.all([...processes.values()].map((p) => p.stop()));
      if (keep) process.stderr.write(`      kept for a post-mortem: ${dataDir}\n`);
      else rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    // Sequentially: two cores, and a service that fails to start is named at once.
    for (const name of [...START_ORDER, 'gateway'] as ProcessName[]) processes.set(name, await startProcess(name, env));
  } catch (error) {
    await stack.close();
    throw error;
  }
  return stack;
}

/** Registers `username` straight at users; already there is fine. Waits out a users restart. */
async function ensureMember(usersUrl: string, username: string): Promise<void> {
  const json = { username, password: `${username} password`, name: username, email: `${username}@example.org` };
  const deadline = Date.now() + 20_000;
  for (;;) {
    const status = await send(usersUrl, 'POST', '/register', { json, signal: AbortSignal.timeout(5000) }).then(
      (reply) => reply.status,
      () => 0,
    );
    if (status === 201 || status === 409) return;
    if (Date.now() > deadline) throw new Error(`could not register ${username} at ${usersUrl}: status ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
