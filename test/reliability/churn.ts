// Load from a few sequential workers while one service is killed with SIGKILL at random
// moments and started again on the same files, round after round (some rounds under a
// parent that never reaps, so the next kill leaves a zombie behind).
import type { ProcessName } from '../../services/shared/config.js';
import type { LiveStack } from '../support/live-stack.js';
import type { ServiceProcess } from '../support/processes.js';
import { sleep } from './ledger.js';
import type { Tally } from './outcome.js';

export interface Workload {
  name: string;
  workers: number;
  /** Once, before the load starts (e.g. restock), with every service up. */
  prepare?(): Promise<void>;
  /** One write (or two) by worker `worker`; called again and again until the churn ends. */
  step(worker: number): Promise<void>;
  /** After the last restart: every acknowledged write is there, as it was acknowledged. */
  verify(): Promise<void>;
}

export interface ChurnOptions {
  rounds: number;
  /** How long the load runs between a restart and the next kill, at most. */
  maxUpMs: number;
  /** Called while the victim lies dead, on the files exactly as the kill left them. */
  whileDown?: (killed: ServiceProcess) => void;
  /**
   * Whether the start after round `round`'s kill runs under a parent that never reaps (its
   * next kill leaves a zombie, whose PID the start after must not care about).
   */
  unreaped?: (round: number) => boolean;
}

/** Runs the workloads' workers (prepared already) while `victim` is killed and restarted `rounds` times. */
export async function churn(stack: LiveStack, victim: ProcessName, workloads: Workload[], tally: Tally, options: ChurnOptions): Promise<void> {
  let running = true;
  const worker = async (workload: Workload, index: number) => {
    while (running) {
      const before = tally.counts.unknown;
      await workload.step(index);
      // While the victim is down every answer is a quick 503: do not spin the two cores.
      if (tally.counts.unknown > before) await sleep(20);
    }
  };
  const loops = workloads.flatMap((w) => Array.from({ length: w.workers }, (_, i) => worker(w, i)));
  try {
    for (let round = 0; round < options.rounds; round++) {
      await sleep(100 + Math.random() * (options.maxUpMs - 100));
      const killed = stack.process(victim);
      await stack.kill9(victim);
      options.whileDown?.(killed);
      await sleep(Math.random() * 100);
      await stack.restart(victim, { unreaped: options.unreaped?.(round) ?? false });
    }
    // Some load after the last start, so the restarted process is seen to work.
    const acknowledged = tally.counts.ok;
    const deadline = Date.now() + 10_000;
    while (tally.counts.ok < acknowledged + 10 && Date.now() < deadline) await sleep(50);
  } finally {
    running = false;
    await Promise.all(loops);
  }
}
