import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { seed } from '../../services/catalog/seed.js';
import { tempDataDir } from './http.js';
import { REPO_ROOT, stackEnv, startStack } from './processes.js';

describe('startStack()', function () {
  this.timeout(60_000);

  it('stops the processes it started when another one fails to start', async () => {
    const dataDir = tempDataDir('start-stack-');
    await seed({ dataDir, seedDir: path.join(REPO_ROOT, 'data', 'seed'), env: {} });
    const env = await stackEnv(dataDir, { TAKE_TIMEOUT_MS: 'soon' }); // inventory refuses to start; catalog ignores it
    await assert.rejects(startStack(['catalog', 'inventory'], env), /exited with 1/);
    // By the time the error is thrown the catalog has been stopped, not left running.
    assert.match(readFileSync(path.join(dataDir, 'catalog.test.log'), 'utf8'), /catalog stopping on SIGTERM/);
    const answer = await fetch(`${env.CATALOG_URL}/health`).catch(() => null);
    assert.equal(answer, null, 'the catalog no longer answers');
  });
});
