// Inventory as real processes: crashes (kill -9) in the middle of a stream of writes, a
// second process on the same data, and settings read from the environment.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { assertFilesParse } from '../../test/support/data-files.js';
import { freePort, tempDataDir } from '../../test/support/http.js';
import { killWhen, serviceScript, stackEnv, startProcess, type ServiceProcess } from '../../test/support/processes.js';
import { tokenFor } from '../../test/support/tokens.js';
import { seed } from './seed.js';
import { openInventoryStore } from './store.js';
import { tempSeedDir } from '../../test/fixtures/inventory.js';

const INITIAL_STOCK = 1_000_000;
const BOOKS_CSV = `id,isbn,title,authors,topic,year,price,copies,stock\nbk-1,9780999900017,One,A,t,2001,10,2,${INITIAL_STOCK}`;

/** Temporary folders to delete once the test's processes are gone. */
const folders: string[] = [];

async function seededEnv(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const dataDir = tempDataDir('inventory-proc-');
  const seedDir = tempSeedDir(BOOKS_CSV);
  folders.push(dataDir, seedDir);
  await seed({ dataDir, seedDir, env: {} });
  return stackEnv(dataDir, { LOG_REQUESTS: '0', ...extra });
}

/** Runs inventory expecting it not to start; its exit code and stderr. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [serviceScript('inventory')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`inventory was still running after 10 s; stderr: ${stderr}`));
    }, 10_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

/** Stock takes (every other one confirmed) sent until the process dies, and which were acknowledged. */
class AcknowledgedWrites {
  readonly acked = new Map<string, { quantity: number; confirmed: boolean }>();

  constructor(private readonly token: string) {}

  call(url: string, route: string, json: unknown): Promise<Response> {
    return fetch(url + route, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify(json),
      signal: AbortSignal.timeout(30_000), // a killed process resets the connection at once; this is for a hung one
    });
  }

  async stream(url: string, worker: string): Promise<void> {
    for (let i = 0; ; i++) {
      const operationId = `${worker}-${i}`;
      const quantity = 1 + (i % 3);
      let status: number;
      try {
        status = (await this.call(url, '/internal/stock/take', { operationId, bookId: 'bk-1', quantity })).status;
        if (status === 201) this.acked.set(operationId, { quantity, confirmed: false });
        if (status === 201 && i % 2 === 0 && (await this.call(url, '/internal/stock/confirm', { operationId })).status === 200) {
          this.acked.set(operationId, { quantity, confirmed: true });
        }
      } catch {
        return; // the process is gone: what it did not answer was not acknowledged
      }
      if (status !== 201) throw new Error(`take ${operationId} answered ${status}`);
    }
  }
}

describe('inventory process', function () {
  this.timeout(300_000); // ten restarts on a loaded machine
  const started: ServiceProcess[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.kill9()));
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('keeps every acknowledged write through 10 kill -9 mid-stream, and every file parses', async () => {
    const env = await seededEnv();
    const writer = new AcknowledgedWrites(await tokenFor('service:orders', 'service'));
    let proc = await startProcess('inventory', env);
    started.push(proc);
    for (let round = 0; round < 10; round++) {
      const enough = writer.acked.size + 5; // acknowledged in every round, however slow the machine
      const workers = Array.from({ length: 6 }, (_, w) => writer.stream(proc.url, `r${round}w${w}`));
      await killWhen(proc, workers, () => writer.acked.size >= enough, `5 writes acknowledged in round ${round}`, 160);
      proc = await proc.restart();
      started.push(proc);
    }
    const [firstId, first] = [...writer.acked][0];
    const retry = await writer.call(proc.url, '/internal/stock/take', { operationId: firstId, bookId: 'bk-1', quantity: first.quantity });
    assert.equal(retry.status, 200, 'a retried take is answered from the store, not taken again');
    await proc.stop();

    const dir = path.join(env.DATA_DIR, 'inventory');
    assertFilesParse(dir);
    const store = await openInventoryStore(dir);
    try {
      for (const [operationId, { quantity, confirmed }] of writer.acked) {
        const take = store.get('stockTakes', operationId);
        assert.equal(take?.quantity, quantity, `acknowledged take ${operationId} is missing`);
        if (confirmed) assert.equal(take.state, 'confirmed', operationId);
      }
      const held = [...store.values('stockTakes')].reduce((sum, t) => sum + (t.state === 'released' ? 0 : t.quantity), 0);
      assert.equal(store.get('books', 'bk-1')?.stock, INITIAL_STOCK - held, 'every unit is either for sale or in a take');
    } finally {
      await store.close();
    }
  });

  it('refuses to start a second process on the same data folder, naming the lock file', async () => {
    const env = await seededEnv();
    started.push(await startProcess('inventory', env));
    const port = await freePort();
    const second = await runToExit({ ...env, INVENTORY_PORT: String(port), INVENTORY_URL: `http://127.0.0.1:${port}` });
    assert.notEqual(second.code, 0);
    assert.match(second.stderr, /inventory: cannot start: .*already in use/);
    assert.ok(second.stderr.includes(path.join(env.DATA_DIR, 'inventory', 'service.lock')), second.stderr);
    assert.equal((await fetch(`${started[0].url}/health`)).status, 200);
  });

  it('stops with one line naming the port, and no stack trace, when its port is in use', async () => {
    const first = await startProcess('inventory', await seededEnv());
    started.push(first);
    const port = new URL(first.url).port;
    const { code, stderr } = await runToExit({ ...(await seededEnv()), INVENTORY_PORT: port, INVENTORY_URL: first.url });
    assert.equal(code, 1);
    assert.deepEqual(stderr.trimEnd().split('\n'), [`inventory: cannot start: cannot listen on 127.0.0.1:${port}: port ${port} is already in use`]);
  });

  it('releases a take not confirmed within TAKE_TIMEOUT_MS', async () => {
    const env = await seededEnv({ TAKE_TIMEOUT_MS: '300' });
    const proc = await startProcess('inventory', env);
    started.push(proc);
    const token = await tokenFor('service:loans', 'service');
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const take = await fetch(`${proc.url}/internal/copies/take`, { method: 'POST', headers, body: JSON.stringify({ operationId: 'x', bookId: 'bk-1' }) });
    const { expiresAt } = await take.json();
    assert.ok(Date.parse(expiresAt) - Date.now() <= 300);
    const available = async () => (await (await fetch(`${proc.url}/inventory/bk-1`, { headers })).json()).copies.available;
    assert.equal(await available(), 1);
    const deadline = Date.now() + 5000;
    while ((await available()) !== 2) {
      assert.ok(Date.now() < deadline, 'the take was never released');
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  it('refuses to start with a bad TAKE_TIMEOUT_MS, naming it', async () => {
    const env = await seededEnv({ TAKE_TIMEOUT_MS: 'soon' });
    const { code, stderr } = await runToExit(env);
    assert.equal(code, 1);
    assert.match(stderr, /TAKE_TIMEOUT_MS must be a whole number/);
  });
});
