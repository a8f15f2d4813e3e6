import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { GroupCommit, type Sink } from './group-commit.js';

/** A sink whose writes fail, and whose repairs each wait for the test to let them end (failing). */
function brokenSink(): Sink & { repairs: number; endRepair: () => void } {
  let end = () => {};
  const sink = {
    file: '/nowhere/journal',
    kind: 'journal' as const,
    repairs: 0,
    endRepair: () => end(),
    write: async () => {
      throw Object.assign(new Error('ENOSPC: full'), { code: 'ENOSPC' });
    },
    repair: () => {
      sink.repairs++;
      return new Promise<void>((_resolve, reject) => (end = () => reject(new Error('ENOSPC: still full'))));
    },
  };
  return sink;
}

describe('GroupCommit stopped while it repairs', () => {
  it('waits for the repair under way, and starts none after it', async () => {
    const sink = brokenSink();
    const commits = new GroupCommit(sink);
    await assert.rejects(commits.append('x\n'));
    while (sink.repairs === 0) await sleep(5);
    let stopped = false;
    const stopping = commits.stop().then(() => (stopped = true));
    await sleep(50);
    assert.equal(stopped, false, 'stop() returned while the repair still ran (it writes beside the file)');
    sink.endRepair();
    await stopping;
    await sleep(600); // longer than the pause between repairs
    assert.equal(sink.repairs, 1, 'a repair ran after stop()');
  });
});
