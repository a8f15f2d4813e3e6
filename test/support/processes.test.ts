import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { seed } from '../../services/catalog/seed.js';
import { tempDataDir } from './http.js';
import { REPO_ROOT, stackEnv, startProcess, startStack } from './processes.js';

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

  it('gives every process its own port', async () => {
    // Ports taken one at a time collided in about 1 stack in 300 here: 2,000 stacks see it.
    const dataDir = tempDataDir('stack-env-');
    for (let i = 0; i < 2000; i++) {
      const env = await stackEnv(dataDir);
      const ports = Object.entries(env).filter(([key]) => key.endsWith('_PORT')).map(([, port]) => port);
      assert.equal(ports.length, 7);
      assert.equal(new Set(ports).size, ports.length, `ports: ${ports.join(', ')}`);
    }
  });

  it('refuses a process whose port another service answers on, rather than take that one for it', async () => {
    // As when two got one port: users cannot listen there, and the catalog answers its /health.
    const dataDir = tempDataDir('start-taken-');
    await seed({ dataDir, seedDir: path.join(REPO_ROOT, 'data', 'seed'), env: {} });
    const env = await stackEnv(dataDir);
    const catalog = await startProcess('catalog', env);
    try {
      await assert.rejects(startProcess('users', { ...env, USERS_PORT: env.CATALOG_PORT, USERS_URL: env.CATALOG_URL }), /answers \/health as catalog, not users/);
    } finally {
      await catalog.stop();
    }
  });
});
