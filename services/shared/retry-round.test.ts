import assert from 'node:assert/strict';
import type { LogFn } from './http/request-log.js';
import { RetryRound } from './retry-round.js';

/** A round whose end the test decides. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

async function until(probe: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !probe(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(probe(), 'never happened');
}

describe('RetryRound', () => {
  const logged: Record<string, unknown>[] = [];
  const log: LogFn = (entry) => logged.push(entry);
  let round: RetryRound | undefined;
  const make = (run: () => Promise<unknown>, name = 'test round') => (round = new RetryRound({ name, everyMs: 2, log, run }));
  afterEach(async () => {
    await round?.stop();
    logged.length = 0;
  });

  it('runs its work every pause once started, and not before', async () => {
    let runs = 0;
    round = new RetryRound({ name: 'test round', everyMs: 5, log, run: async () => void runs++ });
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(runs, 0);
    round.start();
    await until(() => runs >= 3);
  });

  it('never overlaps itself: runNow() during a round joins that round', async () => {
    const first = gate();
    let runs = 0;
    let concurrent = 0;
    let most = 0;
    make(async () => {
      runs++;
      most = Math.max(most, ++concurrent);
      if (runs === 1) await first.promise;
      concurrent--;
    }).start();
    const a = round!.runNow();
    const b = round!.runNow();
    assert.equal(a, b);
    await new Promise((r) => setTimeout(r, 30)); // several pauses pass while the first round hangs
    assert.equal(runs, 1);
    first.open();
    await a;
    await until(() => runs >= 3);
    assert.equal(most, 1);
  });

  it('logs a failed round with its name and keeps running rounds', async () => {
    let runs = 0;
    const failing = make(() => {
      runs++;
      throw new Error('inventory is down');
    }, 'stock repair');
    await failing.runNow(); // resolves: a failure is never thrown at the caller
    failing.start();
    await until(() => runs >= 3);
    assert.deepEqual(logged[0], { level: 'error', msg: 'stock repair failed: inventory is down' });
  });

  it('stop() waits for the round in flight and runs no more', async () => {
    const slow = gate();
    let finished = false;
    let runs = 0;
    const stoppable = make(async () => {
      runs++;
      await slow.promise;
      finished = true;
    });
    void stoppable.runNow();
    let stopped = false;
    const stopping = stoppable.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(stopped, false);
    slow.open();
    await stopping;
    assert.equal(finished, true);
    stoppable.start();
    await stoppable.runNow();
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(runs, 1);
  });
});
