// A Docker engine of the test's own: dockerd started by hand (no systemd here), with its
// data-root, exec-root, socket and pid file under one temporary folder, stopped by its PID
// and removed afterwards. Nothing touches another engine on the machine.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** Debian's docker.io CLI; another `docker` earlier on PATH may not speak to dockerd 20.10. */
export const DOCKER_CLI = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';

export interface Engine {
  dir: string;
  env: Record<string, string>;
  docker(args: string[], options?: { timeoutMs?: number; input?: string }): Promise<string>;
  compose(args: string[], env?: Record<string, string>, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

export async function startEngine(): Promise<Engine> {
  // Short: the socket's path must fit in 108 bytes.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dk-'));
  const socket = path.join(dir, 'docker.sock');
  const log = openSync(path.join(dir, 'dockerd.log'), 'a');
  const args = [
    '--data-root', path.join(dir, 'root'),
    '--exec-root', path.join(dir, 'exec'),
    '--host', `unix://${socket}`,
    '--pidfile', path.join(dir, 'dockerd.pid'),
    '--default-ulimit', 'nofile=20000:20000',
    '--default-ulimit', 'nproc=32768:32768',
  ];
  const daemon: ChildProcess = spawn('dockerd', args, { stdio: ['ignore', log, log] });
  const exited = new Promise<void>((resolve) => daemon.once('exit', () => resolve()));
  const env = { DOCKER_HOST: `unix://${socket}` };
  const run = async (file: string, argv: string[], extraEnv: Record<string, string>, timeoutMs: number, input?: string) => {
    const child = exec(file, argv, { env: { ...process.env, ...env, ...extraEnv }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
    if (input !== undefined) child.child.stdin?.end(input);
    try {
      return (await child).stdout;
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(`${path.basename(file)} ${argv.join(' ')}: ${e.message}\n${e.stderr ?? ''}`);
    }
  };
  const engine: Engine = {
    dir,
    env,
    docker: (argv, options = {}) => run(DOCKER_CLI, argv, {}, options.timeoutMs ?? 120_000, options.input),
    compose: (argv, extraEnv = {}, timeoutMs = 180_000) => run('docker-compose', argv, extraEnv, timeoutMs),
    async stop() {
      if (daemon.exitCode === null) {
        daemon.kill('SIGTERM');
        const killed = setTimeout(() => daemon.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(killed);
      }
      // dockerd unmounts its layers when it stops; anything still mounted under dir stays put.
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch (error) {
        process.stderr.write(`dockerd folder ${dir} not removed: ${(error as Error).message}\n`);
      }
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (daemon.exitCode !== null) throw new Error(`dockerd exited with ${daemon.exitCode}:\n${readFileSync(path.join(dir, 'dockerd.log'), 'utf8').slice(-3000)}`);
    try {
      await engine.docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 5000 });
      return engine;
    } catch (error) {
      if (Date.now() > deadline) {
        await engine.stop();
        throw new Error(`dockerd did not answer within 60 s: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}
