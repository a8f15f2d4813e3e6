import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '../../test/support/http.js';
import { ConfigError } from '../shared/config.js';
import { DEFAULT_POLICY, loadPolicy, parseDuration } from './policy.js';

describe('parseDuration()', () => {
  const cases: [string, number | null][] = [
    ['P14D', 14 * 86_400_000],
    ['P2W', 14 * 86_400_000],
    ['PT2S', 2000],
    ['PT0.5S', 500],
    ['PT1H30M', 90 * 60_000],
    ['P1DT1S', 86_401_000],
    ['P1M', 30 * 86_400_000],
    ['P', null],
    ['PT', null],
    ['P1DT', null],
    ['P0D', null],
    ['14D', null],
    ['P-1D', null],
    ['', null],
  ];
  for (const [text, ms] of cases) {
    it(`reads "${text}" as ${ms === null ? 'invalid' : `${ms} ms`}`, () => assert.equal(parseDuration(text), ms));
  }
});

describe('loadPolicy()', () => {
  const file = (json: unknown) => {
    const name = path.join(tempDataDir(), 'policy.json');
    writeFileSync(name, typeof json === 'string' ? json : JSON.stringify(json));
    return name;
  };

  it('uses the defaults without a file', () => {
    const policy = loadPolicy(path.join(tempDataDir(), 'none.json'), {});
    assert.deepEqual({ ...policy, loanPeriodMs: undefined, pickupWindowMs: undefined }, { ...DEFAULT_POLICY, loanPeriodMs: undefined, pickupWindowMs: undefined });
    assert.equal(policy.loanPeriodMs, 14 * 86_400_000);
    assert.equal(policy.pickupWindowMs, 3 * 86_400_000);
  });

  it('takes the file, then the environment over it', () => {
    const policy = loadPolicy(file({ renewals: 4, loanPeriod: 'P7D', fineCap: 3 }), { LOAN_PERIOD: 'PT2S', BLOCK_WHEN_OVERDUE: 'false', FINE_PER_DAY: '0.5' });
    assert.equal(policy.renewals, 4);
    assert.equal(policy.fineCap, 3);
    assert.equal(policy.loanPeriodMs, 2000);
    assert.equal(policy.blockWhenOverdue, false);
    assert.equal(policy.finePerDay, 0.5);
  });

  const bad: [string, () => unknown, RegExp][] = [
    ['a bad duration in the file', () => loadPolicy(file({ loanPeriod: '14 days' }), {}), /policy\.json: field loanPeriod/],
    ['a negative count in the file', () => loadPolicy(file({ renewals: -1 }), {}), /field renewals/],
    ['an unknown field', () => loadPolicy(file({ loanDays: 14 }), {}), /loanDays/],
    ['a file that is not JSON', () => loadPolicy(file('{"renewals": '), {}), /policy\.json is not valid JSON/],
    ['a bad LOAN_PERIOD', () => loadPolicy(null, { LOAN_PERIOD: 'soon' }), /LOAN_PERIOD/],
    ['a bad LOAN_MAX_ACTIVE', () => loadPolicy(null, { LOAN_MAX_ACTIVE: '0' }), /LOAN_MAX_ACTIVE/],
    ['a bad FINE_CAP', () => loadPolicy(null, { FINE_CAP: '1.005' }), /FINE_CAP/],
    ['a bad BLOCK_WHEN_OVERDUE', () => loadPolicy(null, { BLOCK_WHEN_OVERDUE: 'maybe' }), /BLOCK_WHEN_OVERDUE/],
    ['a bad HOLD_PICKUP_WINDOW', () => loadPolicy(null, { HOLD_PICKUP_WINDOW: 'P0D' }), /HOLD_PICKUP_WINDOW/],
  ];
  for (const [what, load, names] of bad) {
    it(`refuses ${what}, naming it`, () => {
      assert.throws(load, (error: Error) => error instanceof ConfigError && names.test(error.message));
    });
  }
});
