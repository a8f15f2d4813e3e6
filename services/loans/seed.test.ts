import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '../../test/support/http.js';
import { REPO_ROOT } from '../../test/support/processes.js';
import { loadPolicy } from './policy.js';
import { seed } from './seed.js';

describe('loans seed()', () => {
  const seedDir = path.join(REPO_ROOT, 'data', 'seed');

  it('creates policy.json from data/seed/loans-policy.json, and it loads as the defaults', async () => {
    const dataDir = tempDataDir();
    const lines = await seed({ dataDir, seedDir, env: {} });
    const file = path.join(dataDir, 'loans', 'policy.json');
    assert.match(lines.join('\n'), /loans: policy from/);
    assert.equal(readFileSync(file, 'utf8'), readFileSync(path.join(seedDir, 'loans-policy.json'), 'utf8'));
    assert.equal(loadPolicy(file, {}).loanPeriod, 'P14D');
  });

  it('never overwrites a live policy', async () => {
    const dataDir = tempDataDir();
    mkdirSync(path.join(dataDir, 'loans'));
    const file = path.join(dataDir, 'loans', 'policy.json');
    writeFileSync(file, '{"renewals": 9}');
    assert.match((await seed({ dataDir, seedDir, env: {} })).join('\n'), /kept/);
    assert.equal(readFileSync(file, 'utf8'), '{"renewals": 9}');
  });
});
