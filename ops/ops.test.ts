// setup.sh's data step and startup.sh, run as a user runs them.
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { snapshotFiles, tempDir } from '../test/support/http.js';
import { isZombie, nonReapingParent } from '../test/support/non-reaping-parent.js';
import { SERVICE_ENV, SERVICE_NODE_FLAGS } from '../services/shared/memory.js';
import { stackEnv, waitUntil } from '../test/support/processes.js';
import { verifyPassword } from '../services/users/password.js';
import { openUsersStore } from '../services/users/store.js';
import { isRunning, PROCESS_NAMES, REPO_ROOT, serviceScript, waitingLine } from './stack.js';

const run = promisify(execFile);

/** The PID of ./startup.sh's node process on `dataDir`. */
function startupOf(dataDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (cmdline.some((arg) => arg.endsWith('dist/ops/startup.js')) && environ.includes(`DATA_DIR=${dataDir}`)) return Number(entry);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  throw new Error(`no startup process on ${dataDir}`);
}

function freshDataDir(): string {
  return tempDir('library-ops-');
}

async function setup(env: Record<string, string>) {
  return run(process.execPath, [path.join(REPO_ROOT, 'dist/ops/setup.js')], { env: { ...process.env, ...env } });
}

async function startup(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(path.join(REPO_ROOT, 'startup.sh'), args, { env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('setup (data step)', () => {
  it('creates the secret with mode 0600 and the admin password once, then changes nothing', async () => {
    const dataDir = freshDataDir();
    const env = { DATA_DIR: dataDir, LIBRARY_SECRET: '' };
    const first = await setup(env);
    assert.match(first.stdout, /admin.*password/i);
    assert.equal(statSync(path.join(dataDir, 'secret')).mode & 0o777, 0o600);
    const before = snapshotFiles(dataDir);
    const second = await setup(env);
    assert.doesNotMatch(second.stdout, /password:/i);
    assert.deepEqual(snapshotFiles(dataDir), before);
  });

  it('uses LIBRARY_ADMIN_PASSWORD when it is set: it is the password admin logs in with', async () => {
    const dataDir = freshDataDir();
    const { stdout } = await setup({ DATA_DIR: dataDir, LIBRARY_ADMIN_PASSWORD: 'correct-horse-battery' });
    assert.match(stdout, /admin, password: correct-horse-battery /);
    const store = await openUsersStore(path.join(dataDir, 'users'));
    try {
      const hash = store.get('users', 'admin')?.passwordHash ?? '';
      assert.equal(await verifyPassword(hash, 'correct-horse-battery'), true);
    } finally {
      await store.close();
    }
  });
});

describe('setup (data step) into a closed pipe', () => {
  function setupIntoClosedPipe(dataDir: string): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/ops/setup.js')], { env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before setup prints a line (`setup.js | head -0`)
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  }

  it('ends quietly when the reader has gone, its work done; but not when admin\'s new password went unseen', async () => {
    const dataDir = freshDataDir();
    const first = await setupIntoClosedPipe(dataDir); // makes admin: its password's only showing is lost
    assert.equal(first.code, 1);
    assert.match(first.stderr, /^setup: admin's new password could not be shown .*remove .*users.* and run setup again\n$/);
    assert.ok(existsSync(path.join(dataDir, 'secret')));
    const again = await setupIntoClosedPipe(dataDir); // nothing new to show: the reader leaving is no loss
    assert.deepEqual(again, { code: 0, stderr: '' });
  });
});

describe('setup (data step) with a bad setting', () => {
  it('refuses a short LIBRARY_ADMIN_PASSWORD in one line before it writes anything, the catalog included', async () => {
    const dataDir = path.join(freshDataDir(), 'data');
    const failed = await setup({ DATA_DIR: dataDir, LIBRARY_ADMIN_PASSWORD: 'short' }).then(() => null, (error: { code: number; stderr: string }) => error);
    assert.ok(failed, 'setup should fail');
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^setup: LIBRARY_ADMIN_PASSWORD must be 10 to \d+ characters/);
    assert.equal(failed.stderr.trim().split('\n').length, 1);
    assert.equal(existsSync(dataDir), false);
  });
});

describe('startup.sh', function () {
  this.timeout(90_000);

  it('--detach starts every service, status shows them up, stop stops them all', async () => {
    const dataDir = freshDataDir();
    const env = await stackEnv(dataDir, { LIBRARY_SECRET: '' });
    await setup(env);
    const started = await startup(['--detach'], env);
    assert.equal(started.code, 0, started.stderr);
    assert.match(started.stderr, /all 7 services healthy/);
    const health = await fetch(`${env.GATEWAY_URL}/health`);
    assert.equal(health.status, 200);
    const status = await startup(['status'], env);
    assert.equal(status.code, 0);
    assert.equal(status.stdout.match(/ up /g)?.length, 7);
    const pids = ['gateway', 'catalog', 'users'].map((n) => Number(readFileSync(path.join(dataDir, 'run', `${n}.pid`), 'utf8')));
    // Each runs with the memory settings it was measured with (README, "Memory").
    for (const pid of pids) {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      for (const flag of SERVICE_NODE_FLAGS) assert.ok(args.includes(flag), `${flag} missing from ${args.join(' ')}`);
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      for (const [name, value] of Object.entries(SERVICE_ENV)) assert.ok(environ.includes(`${name}=${value}`), `${name}=${value} missing`);
    }
    const stopped = await startup(['stop'], env);
    assert.equal(stopped.code, 0);
    for (const pid of pids) assert.equal(isRunning(pid), false, `pid ${pid} runs on (gone or a zombie init has not reaped yet)`);
    assert.equal(existsSync(path.join(dataDir, 'run', 'gateway.pid')), false);
  });

  it('status with loans stopped: loans down, the gateway up, exit 1; restart loans brings it back', async () => {
    const dataDir = freshDataDir();
    const env = await stackEnv(dataDir, { LIBRARY_SECRET: '' });
    await setup(env);
    assert.equal((await startup(['--detach'], env)).code, 0);
    try {
      const loansPid = Number(readFileSync(path.join(dataDir, 'run', 'loans.pid'), 'utf8'));
      process.kill(loansPid, 'SIGTERM');
      while (await fetch(`${env.LOANS_URL}/health`).then(() => true, () => false)) await new Promise((r) => setTimeout(r, 50));
      const status = await startup(['status'], env);
      assert.equal(status.code, 1, status.stdout);
      assert.match(status.stdout, /^ {2}loans +down /m);
      assert.match(status.stdout, /^ {2}gateway +up /m);
      assert.equal(status.stdout.match(/ up /g)?.length, 6, status.stdout);
      assert.match(status.stderr, /down: loans/);

      const restarted = await startup(['restart', 'loans'], env);
      assert.equal(restarted.code, 0, restarted.stderr);
      assert.match(restarted.stderr, /loans healthy again/);
      assert.notEqual(Number(readFileSync(path.join(dataDir, 'run', 'loans.pid'), 'utf8')), loansPid);
      const again = await startup(['status'], env);
      assert.equal(again.code, 0, again.stdout);
      assert.equal((await startup(['restart', 'lonas'], env)).code, 2);
    } finally {
      await startup(['stop'], env);
    }
  });

  it('kill -9 of every PID in DATA_DIR/run/, then --detach at once: all healthy again, though every killed one is an unreaped zombie', async () => {
    const dataDir = freshDataDir();
    const env = await stackEnv(dataDir, { LIBRARY_SECRET: '' });
    await setup(env);
    // The first start under a parent that never reaps: the services it leaves behind are adopted by it.
    const parent = await nonReapingParent('"$0" --detach', [path.join(REPO_ROOT, 'startup.sh')], { ...process.env, ...env });
    const pids = PROCESS_NAMES.map((n) => Number(readFileSync(path.join(dataDir, 'run', `${n}.pid`), 'utf8')));
    try {
      for (const pid of pids) process.kill(pid, 'SIGKILL');
      for (const pid of pids) await waitUntil(() => isZombie(pid), `pid ${pid} to be a zombie`);
      const again = await startup(['--detach'], env);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stderr, /all 7 services healthy/);
      assert.ok(pids.every(isZombie), 'the old ones were still zombies, their PIDs still taken');
      const status = await startup(['status'], env);
      assert.equal(status.code, 0, status.stdout);
    } finally {
      await startup(['stop'], env);
      await parent.close(pids);
    }
  });

  it('a PID file naming a live process that is not the service (a reused PID) blocks nothing, and stop leaves that process alone', async () => {
    const dataDir = freshDataDir();
    const env = await stackEnv(dataDir, { LIBRARY_SECRET: '' });
    await setup(env);
    // As like the catalog as a PID check can see: its script on the command line, this DATA_DIR; but no lock.
    const decoy = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', serviceScript('catalog')], {
      env: { ...process.env, ...env, DATA_DIR: dataDir },
      stdio: 'ignore',
    });
    try {
      writeFileSync(path.join(dataDir, 'run', 'catalog.pid'), `${decoy.pid}\n`);
      const started = await startup(['--detach'], env);
      assert.equal(started.code, 0, started.stderr);
      assert.match(started.stderr, /all 7 services healthy/);
      assert.equal((await startup(['stop'], env)).code, 0);
      assert.equal(decoy.exitCode, null, 'stop signalled the process whose PID the file named before');
      assert.equal(decoy.signalCode, null);
    } finally {
      decoy.kill('SIGKILL');
      await startup(['stop'], env);
    }
  });

  it('the waiting line fits the terminal, so that each redraw overwrites the last', () => {
    const names = ['catalog', 'users', 'inventory', 'loans', 'orders', 'availability', 'gateway'];
    assert.ok(waitingLine(names, 1234, 80).length < 80);
    assert.match(waitingLine(names, 1234, 80), /waiting for 7 services \(1\.2 s\)/);
    assert.equal(waitingLine(['loans'], 500, 80), '  waiting for loans (0.5 s)');
    assert.ok(waitingLine(names, 1234, 20).length < 20);
  });

  it('refuses to start when a port is taken, naming the port and the service', async () => {
    const dataDir = freshDataDir();
    const env = await stackEnv(dataDir, { LIBRARY_SECRET: '' });
    await setup(env);
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(Number(env.USERS_PORT), '127.0.0.1', resolve));
    try {
      const result = await startup(['--detach'], env);
      assert.equal(result.code, 1);
      assert.match(result.stderr, new RegExp(`port ${env.USERS_PORT} for users is already in use`));
      assert.equal(existsSync(path.join(dataDir, 'run', 'catalog.pid')), false, 'nothing was started');
    } finally {
      blocker.close();
    }
  });

  it('refuses to start two services on one port, naming both', async () => {
    const dataDir = freshDataDir();
    const env = await stackEnv(dataDir, { LIBRARY_SECRET: '' });
    await setup(env);
    const result = await startup(['--detach'], { ...env, USERS_PORT: env.CATALOG_PORT });
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`catalog and users are both set to port ${env.CATALOG_PORT}`));
    assert.equal(existsSync(path.join(dataDir, 'run', 'catalog.pid')), false, 'nothing was started');
  });

  /**
   * ./startup.sh with its menu on a terminal of its own (script(1): killing script closes the
   * terminal, as closing a window does), set up on a fresh DATA_DIR; `act` gets it once the
   * menu is drawn, then every service must be stopped and its PID file gone after `what`.
   */
  async function withMenu(what: string, act: (terminal: ChildProcess, dataDir: string) => Promise<void>): Promise<void> {
    const dataDir = freshDataDir();
    const env = await stackEnv(dataDir, { LIBRARY_SECRET: '' });
    await setup(env);
    const terminal = spawn('script', ['-qfec', path.join(REPO_ROOT, 'startup.sh'), '/dev/null'], {
      env: { ...process.env, ...env, TERM: 'xterm' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    terminal.stdout!.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    try {
      await waitUntil(() => screen.includes('Library at'), 'the menu drawn', 60_000);
      const pids = PROCESS_NAMES.map((name) => Number(readFileSync(path.join(dataDir, 'run', `${name}.pid`), 'utf8')));
      assert.ok(pids.every(isRunning));
      await act(terminal, dataDir);
      const stopped = () => pids.every((pid) => !isRunning(pid)) && PROCESS_NAMES.every((name) => !existsSync(path.join(dataDir, 'run', `${name}.pid`)));
      await waitUntil(stopped, `every service stopped and its PID file removed after ${what} (pids ${pids.join(' ')})`, 30_000);
    } finally {
      terminal.kill('SIGKILL');
      await startup(['stop'], env);
    }
  }

  it('with the menu: SIGINT to startup, twice (Ctrl-C while no prompt holds the terminal), still stops every service after the menu', async () => {
    await withMenu('the menu', async (terminal, dataDir) => {
      // A prompt reads Ctrl-C as a key (raw mode); between prompts the terminal sends SIGINT.
      const startupPid = startupOf(dataDir);
      process.kill(startupPid, 'SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 300));
      process.kill(startupPid, 'SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.ok(isRunning(startupPid), 'startup outlives a second SIGINT');
      terminal.stdin!.write('\x03'); // at the menu's top, Ctrl-C leaves it
    });
  });

  it('with the menu: closing its terminal (a hangup) still stops every service', async () => {
    await withMenu('the hangup', async (terminal) => void terminal.kill('SIGKILL'));
  });

  it('refuses a bad STARTUP_TIMEOUT_MS or port in one line naming the variable, and starts nothing', async () => {
    const dataDir = freshDataDir();
    const env = await stackEnv(dataDir, { LIBRARY_SECRET: '' });
    await setup(env);
    try {
      for (const [name, value, reason] of [
        ['STARTUP_TIMEOUT_MS', 'soon', 'must be a whole number, got "soon"'],
        ['STARTUP_TIMEOUT_MS', '0', 'must be between 1 and 3600000, got 0'],
        ['GATEWAY_PORT', 'abc', 'must be a whole number, got "abc"'],
      ]) {
        const result = await startup(['--detach'], { ...env, [name]: value });
        assert.equal(result.code, 1, `${name}=${value}: exit ${result.code}, stderr: ${result.stderr}`);
        assert.equal(result.stderr, `startup: ${name} ${reason}\n`);
        assert.equal(existsSync(path.join(dataDir, 'run', 'catalog.pid')), false, `${name}=${value}: nothing was started`);
      }
    } finally {
      await startup(['stop'], env);
    }
  });

  it('status tells a PID file whose process is gone from no PID file at all', async () => {
    const dataDir = freshDataDir();
    const env = await stackEnv(dataDir, { LIBRARY_SECRET: 'a-secret-of-at-least-thirty-two-characters' });
    mkdirSync(path.join(dataDir, 'run'), { recursive: true });
    writeFileSync(path.join(dataDir, 'run', 'loans.pid'), '4194305\n'); // above Linux's highest pid_max: never a live process
    const status = await startup(['status'], env);
    assert.equal(status.code, 1);
    assert.match(status.stdout, /^ {2}loans +down .* pid file left, its process gone$/m);
    assert.match(status.stdout, /^ {2}orders +down .* no pid file$/m);
  });

  it('rejects an unknown argument with exit code 2', async () => {
    const result = await startup(['--bogus'], { DATA_DIR: freshDataDir() });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown argument/);
  });
});
