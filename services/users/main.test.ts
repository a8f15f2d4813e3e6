import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { send, tempDataDir } from '../../test/support/http.js';
import { stackEnv, startProcess, type ServiceProcess } from '../../test/support/processes.js';
import { seed } from './seed.js';

describe('users service process', () => {
  let running: ServiceProcess | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('keeps an acknowledged registration and a lock through kill -9', async () => {
    const dataDir = tempDataDir();
    await seed({ dataDir, seedDir: dataDir, env: { LIBRARY_ADMIN_PASSWORD: 'admin-password-x' } });
    const env = await stackEnv(dataDir, { LOGIN_MAX_FAILURES: '2' });
    running = await startProcess('users', env);
    const dora = { username: 'dora', password: 'dora-password', name: 'Dora', email: 'dora@example.org' };
    assert.equal((await send(running.url, 'POST', '/register', { json: dora })).status, 201);
    for (let i = 0; i < 2; i++) await send(running.url, 'POST', '/login', { json: { username: 'admin', password: 'wrong-password' } });
    await running.kill9();
    running = await running.restart();
    const health = await send(running.url, 'GET', '/health');
    assert.deepEqual([health.body.service, health.body.users], ['users', 2]);
    assert.equal((await send(running.url, 'POST', '/login', { json: { username: 'dora', password: dora.password } })).status, 200);
    assert.equal((await send(running.url, 'POST', '/login', { json: { username: 'admin', password: 'admin-password-x' } })).status, 423);
  });

  it('refuses to start on a bad LOGIN_LOCK_SECONDS, naming it', async () => {
    const dataDir = tempDataDir();
    const env = await stackEnv(dataDir, { LOGIN_LOCK_SECONDS: 'ten' });
    await assert.rejects(startProcess('users', env), /exited with 1/);
    const log = readFileSync(path.join(dataDir, 'users.test.log'), 'utf8');
    assert.match(log, /users: cannot start: LOGIN_LOCK_SECONDS must be a whole number/);
  });
});
