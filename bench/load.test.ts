import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { getPriority } from 'node:os';
import { atLowPriority, LOAD_NICE } from './load.js';

describe('bench load: the generator yields the cores to the services', () => {
  it('fires at LOAD_NICE below normal, and is back to normal after, even when the run fails', async function () {
    if (process.getuid?.() !== 0) return this.skip(); // raising back needs root: not lowered then
    const normal = getPriority();
    const during = await atLowPriority(async () => getPriority());
    assert.equal(during, normal + LOAD_NICE);
    assert.equal(getPriority(), normal);
    await assert.rejects(atLowPriority(async () => {
      throw new Error('row failed');
    }));
    assert.equal(getPriority(), normal);
  });

  it('fires at the nice level asked for (BENCH_LOAD_NICE), 0 being the services\' own', async function () {
    if (process.getuid?.() !== 0) return this.skip();
    const normal = getPriority();
    assert.equal(await atLowPriority(async () => getPriority(), 3), normal + 3);
    assert.equal(await atLowPriority(async () => getPriority(), 0), normal);
    assert.equal(getPriority(), normal);
  });

  it('a process started after a run (a service\'s restart) gets normal priority', async function () {
    if (process.getuid?.() !== 0) return this.skip();
    await atLowPriority(async () => undefined);
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(require("node:os").getPriority()))'], { encoding: 'utf8' });
    assert.equal(Number(child.stdout), getPriority());
  });
});
