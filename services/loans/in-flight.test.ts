import assert from 'node:assert/strict';
import { InFlight } from './in-flight.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const settledSoon = (p: Promise<unknown>) => Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), 20))]);

describe('InFlight confirmations', () => {
  it('lets a return wait for inventory\'s answer only, not for the confirmed flag to be durable', async () => {
    const inFlight = new InFlight();
    const atInventory = deferred();
    const durable = deferred();
    inFlight.confirming('ln-1', durable.promise, atInventory.promise);
    atInventory.resolve();
    assert.equal(await settledSoon(inFlight.confirmationOf('ln-1')!), true, 'the return goes on once inventory answered');
    assert.equal(await settledSoon(inFlight.drain()), false, 'shutdown still waits for the flag to be durable');
    durable.resolve();
    assert.equal(await settledSoon(inFlight.drain()), true);
    assert.equal(inFlight.confirmationOf('ln-1'), undefined, 'forgotten once the confirmation ends');
  });

  it('waits for the whole confirmation when no earlier point is given', async () => {
    const inFlight = new InFlight();
    const whole = deferred();
    inFlight.confirming('ln-2', whole.promise);
    assert.equal(await settledSoon(inFlight.confirmationOf('ln-2')!), false);
    whole.resolve();
    assert.equal(await settledSoon(inFlight.confirmationOf('ln-2')!), true);
  });
});
