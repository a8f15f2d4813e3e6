import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runQueueNs } from './loop-delay.js';

describe('bench loop delay: run-queue wait', () => {
  it('reads the wait, the second of schedstat\'s three numbers', () => {
    assert.equal(runQueueNs('53635 1048576 12\n'), 1048576);
  });

  it('says null for text that is not schedstat', () => {
    assert.equal(runQueueNs(''), null);
    assert.equal(runQueueNs('53635 x 12'), null);
    assert.equal(runQueueNs('1 2'), null);
  });

  it('reads this process\'s own schedstat', function () {
    let text: string;
    try {
      text = readFileSync('/proc/self/schedstat', 'utf8');
    } catch {
      return this.skip(); // not Linux
    }
    assert.ok((runQueueNs(text) ?? -1) >= 0);
  });
});
