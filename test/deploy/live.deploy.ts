// The container stack, live: a Docker engine of the test's own (docker.ts), the base image
// built here (base-image.sh: mmdebstrap + this machine's Node 20, as no registry can be
// pulled from), the image from the Dockerfile, compose.yaml up with only the gateway
// published on a free 127.0.0.1 port. Then the client's path end to end, a killed
// container coming back with its data, `docker stop` under writes losing nothing
// acknowledged, down and up keeping every file, and Prometheus (Debian's, in a container on
// the stack's network) scraping every process with deploy/prometheus/compose.yml.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_NAMES } from '../../services/shared/config.js';
import { freePort, tempDir } from '../support/http.js';
import { REPO_ROOT } from '../support/processes.js';
import { runClient } from '../support/stack.js';
import { startEngine, type Engine } from './docker.js';
import { need } from './need.js';

const ADMIN_PASSWORD = 'compose-admin-password-1';
const PASSWORD = 'compose-member-password-1';
const IMAGE = 'library-services:deploy-test';
const BASE = 'library-base:deploy-test';
const PROJECT = `librarytest${process.pid}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the container stack (dockerd, image, compose), live', function () {
  this.timeout(300_000);
  let engine: Engine | undefined;
  let work = '';
  let port = 0;
  let composeEnv: Record<string, string> = {};
  const gateway = () => `http://127.0.0.1:${port}`;
  const compose = (args: string[], timeoutMs?: number) => engine!.compose(['-p', PROJECT, '-f', path.join(REPO_ROOT, 'compose.yaml'), ...args], composeEnv, timeoutMs);
  // Container ids by compose service, asked once per `up` (docker-compose takes seconds a call).
  let ids: Map<string, string> | null = null;
  const containerOf = async (service: string) => {
    if (!ids) {
      const all = (await compose(['ps', '-q'])).split('\n').filter(Boolean);
      const named = await engine!.docker(['inspect', '-f', '{{index .Config.Labels "com.docker.compose.service"}} {{.Id}}', ...all]);
      ids = new Map(named.split('\n').filter(Boolean).map((line) => line.split(' ') as [string, string]));
    }
    const id = ids.get(service);
    assert.ok(id, `no container for ${service}`);
    return id;
  };
  const timings: string[] = [];
  const timed = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await fn();
    timings.push(`${what} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };

  async function healthy(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const reply = await fetch(`${gateway()}/health`, { signal: AbortSignal.timeout(3000) });
        if (reply.status === 200) return;
        last = `${reply.status} ${await reply.text()}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await sleep(500);
    }
    throw new Error(`the gateway's /health did not answer 200 within ${timeoutMs} ms: ${last}\n${await compose(['logs', '--tail=20']).catch(() => '')}`);
  }

  const client = async (args: string[], input?: string, user = 'reader') => {
    const run = await runClient(args, { input, env: { LIBRARY_URL: gateway(), XDG_CONFIG_HOME: path.join(work, 'config', user), NO_COLOR: '1' }, timeoutMs: 30_000 });
    assert.equal(run.code, 0, `library ${args.join(' ')}: ${run.stderr}`);
    return run.stdout;
  };

  before(async function () {
    this.timeout(900_000);
    need({ dockerd: 'docker.io', 'docker-compose': 'docker-compose', mmdebstrap: 'mmdebstrap', prometheus: 'prometheus' });
    work = tempDir('library-deploy-');
    engine = await timed('dockerd start', startEngine);
    const tarball = await timed('base image tarball', async () =>
      execFileSync('bash', [path.join(REPO_ROOT, 'test/deploy/base-image.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 600_000 }).trim(),
    );
    await timed('docker import', () => engine!.docker(['import', tarball, BASE], { timeoutMs: 300_000 }));
    await timed('docker build', () => engine!.docker(['build', '-q', '--build-arg', `BASE_IMAGE=${BASE}`, '-t', IMAGE, REPO_ROOT], { timeoutMs: 600_000 }));
    // The compose secret is a file the image's user (10001) can read, and only it.
    const secret = path.join(work, 'token-secret');
    writeFileSync(secret, `${randomBytes(48).toString('base64url')}\n`);
    chownSync(secret, 10001, 10001);
    chmodSync(secret, 0o400);
    port = await freePort();
    composeEnv = { LIBRARY_IMAGE: IMAGE, LIBRARY_PORT: String(port), LIBRARY_SECRET_PATH: secret, LIBRARY_ADMIN_PASSWORD: ADMIN_PASSWORD };
    await timed('compose up', () => compose(['up', '-d']));
    await timed('gateway healthy', () => healthy());
  });

  after(async function () {
    this.timeout(120_000);
    process.stderr.write(`      container test timings: ${timings.join(', ')}\n`);
    if (engine) {
      await compose(['down', '-v', '--remove-orphans'], 60_000).catch((error) => process.stderr.write(`${(error as Error).message}\n`));
      await engine.stop();
    }
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('runs every process as a non-root user', async () => {
    assert.equal((await engine!.docker(['image', 'inspect', IMAGE, '--format', '{{.Config.User}}'])).trim(), '10001:10001');
    for (const service of ['gateway', ...SERVICE_NAMES]) {
      // The container's PID 1 as the host sees it: its real uid, not what the image claims.
      const pid = (await engine!.docker(['inspect', '-f', '{{.State.Pid}}', await containerOf(service)])).trim();
      const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      assert.equal(uid, '10001', `${service} runs as ${uid}`);
    }
  });

  let loanId = '';
  let orderId = '';
  it("the client's path against the published port: register, search, borrow, return, buy, reserve", async () => {
    await client(['register', 'reader', '--name', 'A Reader', '--email', 'reader@example.org', '--password-stdin'], `${PASSWORD}\n`);
    await client(['login', 'reader', '--password-stdin'], `${PASSWORD}\n`);
    const found = JSON.parse(await client(['search', 'grade', '--json'])) as { items: { id: string }[] };
    assert.ok(found.items.some((b) => b.id === 'bk-1'));
    loanId = (JSON.parse(await client(['borrow', 'bk-1', '--json'])) as { id: string }).id;
    assert.match(loanId, /^ln-\d+$/);
    await client(['return', loanId]);
    loanId = (JSON.parse(await client(['borrow', 'bk-3', '--json'])) as { id: string }).id; // kept on loan for the checks below
    orderId = (JSON.parse(await client(['buy', 'bk-1', '--quantity', '1', '--yes', '--json'])) as { id: string }).id;
    const schedule = (await (await fetch(`${gateway()}/api/schedule`)).json()) as Record<string, { bookId: string; free: number }[]>;
    const [date, offers] = Object.entries(schedule).find(([, o]) => o.some((offer) => offer.free > 0))!;
    const reservation = JSON.parse(await client(['reserve', '--date', date, '--book', offers.find((o) => o.free > 0)!.bookId, '--json'])) as { id: string };
    assert.match(reservation.id, /^rs-\d+$/);
  });

  it('GET /metrics answers on the published port; GET /api/metrics is not routed', async () => {
    const text = await (await fetch(`${gateway()}/metrics`)).text();
    assert.match(text, /http_requests_total\{method="POST",route="\/api\/loans",status="201",service="gateway"\} \d/);
    assert.equal((await fetch(`${gateway()}/api/metrics`)).status, 404);
  });

  it('prometheus, on the stack network with deploy/prometheus/compose.yml, sees every target up', async () => {
    // The committed configuration, scraping every 2 s instead of 15 so the test is short.
    const config = path.join(work, 'prometheus.yml');
    writeFileSync(config, readFileSync(path.join(REPO_ROOT, 'deploy/prometheus/compose.yml'), 'utf8').replace(/scrape_interval: \d+s/, 'scrape_interval: 2s').replace(/scrape_timeout: \d+s/, 'scrape_timeout: 2s'));
    chmodSync(config, 0o644);
    const promPort = await freePort();
    const prometheus = (await engine!.docker(['run', '-d', '--network', `${PROJECT}_default`, '-p', `127.0.0.1:${promPort}:9090`,
      '-v', `${execFileSync('sh', ['-c', 'command -v prometheus'], { encoding: 'utf8' }).trim()}:/usr/local/bin/prometheus:ro`, '-v', `${config}:/etc/prometheus.yml:ro`,
      '--user', '10001', '--entrypoint', 'prometheus', BASE, '--config.file=/etc/prometheus.yml', '--storage.tsdb.path=/tmp/prometheus', '--web.listen-address=0.0.0.0:9090'])).trim();
    try {
      const deadline = Date.now() + 60_000;
      let seen: string[] = [];
      while (Date.now() < deadline) {
        try {
          const targets = (await (await fetch(`http://127.0.0.1:${promPort}/api/v1/targets`)).json()) as { data: { activeTargets: { labels: Record<string, string>; health: string; lastError: string }[] } };
          seen = targets.data.activeTargets.map((t) => `${t.labels.instance}:${t.health}${t.lastError ? ` (${t.lastError})` : ''}`);
          if (seen.length === SERVICE_NAMES.length + 1 && targets.data.activeTargets.every((t) => t.health === 'up')) break;
        } catch {
          // not listening yet
        }
        await sleep(1000);
      }
      assert.deepEqual(seen.sort(), ['gateway', ...SERVICE_NAMES].sort().map((name) => `${name}:up`));
      const query = await (await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent('sum by (service) (library_loans_total)')}`)).json() as { data: { result: { value: [number, string] }[] } };
      assert.ok(Number(query.data.result[0]?.value[1]) >= 2, `loans counted in Prometheus: ${JSON.stringify(query)}`);
    } finally {
      await engine!.docker(['rm', '-f', prometheus]).catch(() => {});
    }
  });

  const restartedAfter = async (container: string, started: string) => {
    const deadline = Date.now() + 60_000;
    while ((await engine!.docker(['inspect', '-f', '{{.State.StartedAt}}', container])).trim() === started) {
      assert.ok(Date.now() < deadline, `${container} was not started again`);
      await sleep(500);
    }
    await healthy();
  };
  const startedAt = async (container: string) => (await engine!.docker(['inspect', '-f', '{{.State.StartedAt}}', container])).trim();
  const loanStillThere = async () => {
    // The gateway's /health answers from its last background check (up to a second old), so
    // the restarted service may still be starting: ask again for a while before judging.
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const loans = JSON.parse(await client(['loans', '--json'])) as { items: { id: string }[] };
        assert.ok(loans.items.some((l) => l.id === loanId), `loan ${loanId}: ${JSON.stringify(loans)}`);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await sleep(500);
      }
    }
  };

  it('a service that crashes (its process killed with SIGKILL) comes back on its own, with its data', async () => {
    const loans = await containerOf('loans');
    const started = await startedAt(loans);
    process.kill(Number((await engine!.docker(['inspect', '-f', '{{.State.Pid}}', loans])).trim()), 'SIGKILL');
    await restartedAfter(loans, started);
    await loanStillThere();
  });

  it('docker kill of a service container: `docker compose up -d` brings it back, with its data', async () => {
    // Docker counts `docker kill` as a stop by hand: restart: unless-stopped leaves it down.
    const loans = await containerOf('loans');
    const started = await startedAt(loans);
    await engine!.docker(['kill', loans]);
    await compose(['up', '-d']);
    await restartedAfter(loans, started);
    await loanStillThere();
  });

  it('docker stop of a service with writes in flight: it exits 0 and loses nothing acknowledged', async () => {
    await client(['login', 'admin', '--password-stdin'], `${ADMIN_PASSWORD}\n`, 'admin');
    await client(['stock', 'set', 'bk-5', '100000'], undefined, 'admin');
    const login = await fetch(`${gateway()}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'reader', password: PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    const orders = await containerOf('orders');
    const acknowledged: string[] = [];
    const refused = new Map<string, number>();
    let sending = true;
    const buyer = async () => {
      while (sending) {
        try {
          const reply = await fetch(`${gateway()}/api/orders`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ bookId: 'bk-5', quantity: 1 }), signal: AbortSignal.timeout(15_000) });
          const body = (await reply.json()) as { id?: string; type?: string };
          if (reply.status === 201) acknowledged.push(body.id!);
          else refused.set(`${reply.status} ${body.type}`, (refused.get(`${reply.status} ${body.type}`) ?? 0) + 1);
        } catch (error) {
          refused.set((error as Error).message, (refused.get((error as Error).message) ?? 0) + 1);
          await sleep(20);
        }
      }
    };
    const buyers = Array.from({ length: 8 }, buyer);
    while (acknowledged.length < 40) await sleep(20);
    await engine!.docker(['stop', '-t', '10', orders]);
    const atStop = acknowledged.length;
    await sleep(500);
    sending = false;
    await Promise.all(buyers);
    assert.equal((await engine!.docker(['inspect', '-f', '{{.State.ExitCode}}', orders])).trim(), '0', 'a clean exit on SIGTERM');
    assert.match(await engine!.docker(['logs', orders]), /stopping on SIGTERM/);
    await engine!.docker(['start', orders]);
    await healthy();
    assert.ok(atStop >= 40 && refused.size > 0, `writes were in flight when it stopped (${atStop} acknowledged, refused: ${JSON.stringify([...refused])})`);
    for (const id of acknowledged) {
      const reply = await fetch(`${gateway()}/api/orders/${id}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(reply.status, 200, `acknowledged order ${id} after the stop`);
    }
  });

  it('down, then up, keeps every file of every volume', async () => {
    // Every volume's files with their checksums, read by one container mounting them all.
    const files = async () => {
      const mounts = SERVICE_NAMES.flatMap((service) => ['-v', `${PROJECT}_${service}-data:/d/${service}:ro`]);
      const listing = await engine!.docker(['run', '--rm', '--entrypoint', 'sh', ...mounts, BASE, '-c', 'cd /d && find . -type f ! -name service.lock | sort | xargs -r sha256sum']);
      return Object.fromEntries(SERVICE_NAMES.map((service) => [service, listing.split('\n').filter((line) => line.includes(`./${service}/`)).join('\n')]));
    };
    await compose(['down'], 120_000);
    ids = null;
    const atDown = await files();
    for (const service of SERVICE_NAMES) assert.match(atDown[service], /\.journal|\.json|\.csv/, `${service} has files`);
    await compose(['up', '-d']);
    await healthy();
    const loans = JSON.parse(await client(['loans', '--json'])) as { items: { id: string }[] };
    assert.ok(loans.items.some((l) => l.id === loanId));
    const order = JSON.parse(await client(['orders', orderId, '--json'])) as { id: string };
    assert.equal(order.id, orderId);
    await compose(['stop'], 120_000);
    const again = await files();
    for (const service of SERVICE_NAMES) {
      const names = (listing: string) => listing.split('\n').filter(Boolean).map((line) => line.split(/\s+/)[1]);
      for (const name of names(atDown[service])) assert.ok(names(again[service]).includes(name), `${service}: ${name} kept`);
    }
  });
});
