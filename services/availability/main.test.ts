import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { send, tempDataDir as makeTempDir } from '../../test/support/http.js';
import { REPO_ROOT, stackEnv, startProcess, type ServiceProcess } from '../../test/support/processes.js';
import { tokenFor } from '../../test/support/tokens.js';
import { startAccounts, type UsersUnderTest } from '../../test/fixtures/users.js';
import { seed } from './seed.js';
import { templateFile } from './template.js';
import type { Schedule } from './types.js';

describe('availability main (a real process)', () => {
  const running: ServiceProcess[] = [];
  const dirs: string[] = [];
  const tempDataDir = () => {
    const dir = makeTempDir();
    dirs.push(dir);
    return dir;
  };
  // Services check a token's account with users.
  let accounts: UsersUnderTest;
  before(async () => (accounts = await startAccounts({ ann: 'member' })));
  after(() => accounts.close());
  afterEach(async () => {
    for (const p of running.splice(0)) await p.kill9();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the seed template from today at start-up and keeps an acknowledged reservation across kill -9', async () => {
    const dataDir = tempDataDir();
    await seed({ dataDir, seedDir: path.join(REPO_ROOT, 'data', 'seed'), env: {} });
    const env = { ...(await stackEnv(dataDir)), USERS_URL: accounts.url };
    let service = await startProcess('availability', env);
    running.push(service);
    const schedule = (await send<Schedule>(service.url, 'GET', '/schedule')).body;
    const dates = Object.keys(schedule);
    const today = new Date().toISOString().slice(0, 10);
    assert.ok(dates.length >= 12 && dates.every((d) => d >= today), dates.join(' '));
    const [date] = dates;
    const [offer] = schedule[date];
    const made = await send(service.url, 'POST', '/reservations', { token: await tokenFor('ann'), json: { date, bookId: offer.bookId } });
    assert.equal(made.status, 201);
    await service.kill9();
    running.pop();
    service = await service.restart();
    running.push(service);
    const mine = await send(service.url, 'GET', '/reservations', { token: await tokenFor('ann') });
    assert.deepEqual(mine.body.items, [made.body]);
    const day = await send(service.url, 'GET', `/schedule/${date}`);
    assert.equal(day.body[0].free, offer.free - 1);
  });

  it('refuses to start on a template that does not parse, naming the file', async () => {
    const dataDir = tempDataDir();
    await seed({ dataDir, seedDir: path.join(REPO_ROOT, 'data', 'seed'), env: {} });
    const file = templateFile(path.join(dataDir, 'availability'));
    writeFileSync(file, '{"horizonDays": 14, "weekly": {');
    const env = await stackEnv(dataDir);
    await assert.rejects(startProcess('availability', env), /exited with 1/);
    const log = readFileSync(path.join(dataDir, 'availability.test.log'), 'utf8');
    assert.match(log, new RegExp(`cannot start: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON`));
    assert.equal(readFileSync(file, 'utf8'), '{"horizonDays": 14, "weekly": {');
  });
});
