import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { freePort, listen, tempDir, type Running } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { createApp as createGateway } from '../../services/gateway/app.js';
import { SERVICE_NAMES, type ServiceName } from '../../services/shared/config.js';
import { MONDAY, startRoom, type RoomFixture } from '../../test/fixtures/availability.js';
import { runCli } from '../run.js';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

describe('library schedule | reserve | reservations | cancel-reservation (subcommands)', () => {
  let room: RoomFixture;
  let gateway: Running;
  let home: string;

  before(async () => {
    room = await startRoom(); // the reading room believes today is Monday 2026-06-01
    const urls = {} as Record<ServiceName, string>;
    for (const name of SERVICE_NAMES) urls[name] = `http://127.0.0.1:${await freePort()}`;
    urls.availability = room.url;
    urls.catalog = room.catalogUrl;
    gateway = await listen(createGateway({ urls, selfUrl: 'http://gw', log: () => {}, logRequests: false, upstreamTimeoutMs: 5000 }));
    home = tempDir('library-cli-home-');
  });
  after(async () => {
    await gateway.close();
    await room.close();
    rmSync(home, { recursive: true, force: true });
  });

  async function cli(args: string[], as?: { username: string; role?: 'member' | 'librarian' }, url = gateway.url): Promise<Result> {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c) => (out += c));
    stderr.on('data', (c) => (err += c));
    const env: Record<string, string | undefined> = { LIBRARY_URL: url, XDG_CONFIG_HOME: home, HOME: home, NO_COLOR: '1' };
    if (as) env.LIBRARY_TOKEN = await tokenFor(as.username, as.role ?? 'member');
    const code = await runCli(args, { env, stdin: Readable.from([]), stdout, stderr });
    return { code, stdout: out, stderr: err };
  }

  it('schedule shows the dates, and schedule <date> the titles with free seats', async () => {
    const overview = await cli(['schedule']);
    assert.equal(overview.code, 0, overview.stderr);
    assert.match(overview.stdout, /Mon 2026-06-01\s+(│\s+)?2\s+(│\s+)?13\b/);
    const json = JSON.parse((await cli(['schedule', '--json'])).stdout);
    assert.deepEqual(Object.keys(json), ['2026-06-01', '2026-06-02', '2026-06-06']);
    const day = await cli(['schedule', MONDAY]);
    assert.match(day.stdout, /bk-3\s+(│\s+)?Xen and the Art of Surviving Undergraduate School\s+(│\s+)?3\s+(│\s+)?3\b/);
  });

  it('reserve --date --book reserves; the same again is refused with exit 1 and the problem', async () => {
    const made = await cli(['reserve', '--date', MONDAY, '--book', 'bk-3', '--json'], { username: 'ann' });
    assert.equal(made.code, 0, made.stderr);
    const reservation = JSON.parse(made.stdout);
    assert.equal(reservation.username, 'ann');
    assert.equal(reservation.bookId, 'bk-3');
    const again = await cli(['reserve', '--date', MONDAY, '--book', 'bk-5'], { username: 'ann' });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /Already reserved: ann already holds reservation/);
    const mine = await cli(['reservations', '--json'], { username: 'ann' });
    assert.deepEqual(JSON.parse(mine.stdout).items, [reservation]);
    const text = await cli(['reservations'], { username: 'ann' });
    assert.match(text.stdout, new RegExp(`${reservation.id}.*Mon 2026-06-01.*bk-3`));
    const cancelled = await cli(['cancel-reservation', reservation.id], { username: 'ann' });
    assert.equal(cancelled.code, 0, cancelled.stderr);
    assert.match(cancelled.stdout, /Cancelled rs-\d+/);
    assert.equal(JSON.parse((await cli(['schedule', MONDAY, '--json'])).stdout)[0].free, 3);
  });

  it('schedule set changes a date for a librarian, and is refused for a member', async () => {
    const set = await cli(['schedule', 'set', '2026-06-10', 'bk-12=5', 'bk-7=2', '--json'], { username: 'lib', role: 'librarian' });
    assert.equal(set.code, 0, set.stderr);
    assert.deepEqual(JSON.parse(set.stdout).map((o: { bookId: string; free: number }) => [o.bookId, o.free]), [
      ['bk-12', 5],
      ['bk-7', 2],
    ]);
    const refused = await cli(['schedule', 'set', '2026-06-11', 'bk-12=5'], { username: 'ann' });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Forbidden/);
  });

  it("schedule set keeps the date's other titles and says so; =0 takes one off; --replace sets exactly the given", async () => {
    const lib = { username: 'lib', role: 'librarian' as const };
    const day = '2026-06-12';
    const titles = async () => JSON.parse((await cli(['schedule', day, '--json'])).stdout).map((o: { bookId: string; seats: number }) => `${o.bookId}=${o.seats}`);
    assert.equal((await cli(['schedule', 'set', day, 'bk-12=5', 'bk-7=2'], lib)).code, 0);
    const added = await cli(['schedule', 'set', day, 'bk-3=4'], lib);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /Kept as they were: bk-12, bk-7 \(--replace drops titles not given\)/);
    assert.deepEqual((await titles()).sort(), ['bk-12=5', 'bk-3=4', 'bk-7=2']);
    assert.equal((await cli(['schedule', 'set', day, 'bk-12=6', 'bk-7=0'], lib)).code, 0);
    assert.deepEqual((await titles()).sort(), ['bk-12=6', 'bk-3=4']);
    const replaced = await cli(['schedule', 'set', day, 'bk-5=3', '--replace'], lib);
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.doesNotMatch(replaced.stdout, /Kept/);
    assert.deepEqual(await titles(), ['bk-5=3']);
  });

  const usage: [string, string[]][] = [
    ['=0 with --replace', ['schedule', 'set', '2026-06-10', 'bk-3=0', '--replace']],
    ['reserve without --book, no terminal', ['reserve', '--date', MONDAY]],
    ['reserve without anything, no terminal', ['reserve']],
    ['a malformed date', ['schedule', '2026-13-01']],
    ['a malformed pair', ['schedule', 'set', '2026-06-10', 'bk-3']],
    ['titles and --closed', ['schedule', 'set', '2026-06-10', 'bk-3=2', '--closed']],
    ['cancel-reservation without an id, no terminal', ['cancel-reservation']],
    ['a bad --limit', ['reservations', '--limit', '0']],
  ];
  for (const [what, args] of usage) {
    it(`exits 2 on ${what}`, async () => {
      const result = await cli(args, { username: 'ann' });
      assert.equal(result.code, 2, result.stderr);
      assert.equal(result.stdout, '');
    });
  }

  it('exits 3 when the gateway cannot be reached', async () => {
    const result = await cli(['schedule'], undefined, `http://127.0.0.1:${await freePort()}`);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /cannot reach the gateway/);
  });
});
