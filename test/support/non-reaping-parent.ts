// A parent that never reaps its children, as a supervisor or container init that reaps late
// (or not at all): whatever it starts and whatever its children leave orphaned (services
// that `startup.sh --detach` leaves behind) stays a zombie once killed, its PID still
// "alive" to kill(pid, 0). It is a shell made a child subreaper (prctl, through perl) that
// runs a script and then becomes `sleep`, which never calls wait().
import { spawn, type ChildProcess } from 'node:child_process';
import { processState } from '../../ops/stack.js';

/** prctl's syscall number by architecture (PR_SET_CHILD_SUBREAPER is 36 on every one). */
const PRCTL: Partial<Record<NodeJS.Architecture, number>> = { x64: 157, arm64: 167 };

export interface NonReapingParent {
  pid: number;
  /** What the script printed before the parent became `sleep`. */
  output: string;
  /** Kills the parent (its zombies go with it, to init) and whatever `kill` names still running. */
  close(kill?: number[]): Promise<void>;
}

/**
 * Runs `script` (sh, with `args` as $0, $1, …) under a parent that never reaps, and resolves
 * once the script has finished; its children run on as the parent's.
 */
export async function nonReapingParent(script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<NonReapingParent> {
  const prctl = PRCTL[process.arch];
  if (prctl === undefined) throw new Error(`no prctl syscall number for ${process.arch}: add it to test/support/non-reaping-parent.ts`);
  const perl = `syscall(${prctl}, 36, 1, 0, 0, 0) == 0 or die "prctl(PR_SET_CHILD_SUBREAPER): $!\\n"; exec @ARGV or die "exec: $!\\n"`;
  const parent: ChildProcess = spawn('perl', ['-e', perl, 'sh', '-c', `${script}\necho "script done: $?"; exec sleep 1000000`, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  parent.stdout!.on('data', collect);
  parent.stderr!.on('data', collect);
  const close = async (kill: number[] = []) => {
    for (const pid of kill) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    if (parent.exitCode === null && parent.signalCode === null) {
      const exited = new Promise((resolve) => parent.once('exit', resolve));
      parent.kill('SIGKILL');
      await exited;
    }
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the script under a non-reaping parent did not finish in ${timeoutMs} ms: ${output}`)), timeoutMs);
    parent.stdout!.on('data', () => {
      const done = /script done: (\d+)/.exec(output);
      if (!done) return;
      clearTimeout(timer);
      if (done[1] === '0') resolve();
      else reject(new Error(`the script under a non-reaping parent exited with ${done[1]}: ${output}`));
    });
    parent.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the non-reaping parent exited (${code}): ${output}`));
    });
  }).catch(async (error) => {
    await close();
    throw error;
  });
  return { pid: parent.pid!, output, close };
}

/** Whether `pid` is a zombie: dead, not yet reaped by its parent. */
export function isZombie(pid: number): boolean {
  return processState(pid) === 'Z';
}
