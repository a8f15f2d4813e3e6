// The reading room end to end: the real stack (setup, ./startup.sh --detach), the real
// client as a child process for the subcommands and under tmux for the menu.
import assert from 'node:assert/strict';
import { REPO_ROOT } from '../support/processes.js';
import { CLIENT, useFullStack } from '../support/stack.js';
import { startTmux, type TmuxSession } from '../support/tmux.js';
import type { Offer, Reservation, Schedule } from '../../services/availability/types.js';

const PASSWORD = 'reading-room-password-1';

describe('library reading room end to end', function () {
  this.timeout(60_000);
  const stack = useFullStack();

  const member = (username: string) => stack().member(username, PASSWORD);

  /** The furthest date (far from midnight trouble) and a title on it with free seats. */
  async function pick(offset: number): Promise<{ date: string; offer: Offer }> {
    const run = await stack().client(['schedule', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const schedule = JSON.parse(run.stdout) as Schedule;
    const dates = Object.keys(schedule);
    assert.ok(dates.length >= 12, `the seed template publishes two weeks ahead: ${dates.join(' ')}`);
    const date = dates[dates.length - 1 - offset];
    const offer = schedule[date].find((o) => o.free > 0);
    assert.ok(offer, `no free seat on ${date}`);
    return { date, offer };
  }

  async function freeOn(date: string, bookId: string): Promise<number> {
    const run = await stack().client(['schedule', date, '--json']);
    return (JSON.parse(run.stdout) as Offer[]).find((o) => o.bookId === bookId)!.free;
  }

  it('schedule → date → reserve → reservations → cancel, as subcommands', async () => {
    const env = await member('rita');
    const { date, offer } = await pick(0);
    const day = await stack().client(['schedule', date]);
    assert.equal(day.code, 0, day.stderr);
    assert.ok(day.stdout.includes(offer.bookId), day.stdout);
    const made = await stack().client(['reserve', '--date', date, '--book', offer.bookId, '--json'], { env });
    assert.equal(made.code, 0, made.stderr);
    const reservation = JSON.parse(made.stdout) as Reservation;
    assert.deepEqual([reservation.username, reservation.date, reservation.bookId], ['rita', date, offer.bookId]);
    assert.equal(await freeOn(date, offer.bookId), offer.free - 1);
    const again = await stack().client(['reserve', '--date', date, '--book', offer.bookId], { env });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^library: Already reserved: /);
    const mine = await stack().client(['reservations', '--json'], { env });
    assert.equal(mine.code, 0, mine.stderr);
    assert.deepEqual((JSON.parse(mine.stdout) as { items: Reservation[] }).items, [reservation]);
    const cancelled = await stack().client(['cancel-reservation', reservation.id], { env });
    assert.equal(cancelled.code, 0, cancelled.stderr);
    assert.equal(await freeOn(date, offer.bookId), offer.free);
  });

  describe('the menu, on a terminal (tmux)', () => {
    let tmux: TmuxSession | undefined;
    afterEach(async () => {
      await tmux?.kill();
      tmux = undefined;
    });

    it('schedule → date → title → reserve, then my reservations shows it', async () => {
      const env = await member('moira');
      const { date, offer } = await pick(1);
      tmux = await startTmux([process.execPath, CLIENT], { env: stack().clientEnv(env), cwd: REPO_ROOT });
      await tmux.waitFor('Library — logged in as moira (member)');
      await tmux.choose('Reading room');
      await tmux.waitFor('Which date?');
      await tmux.choose(`${date} —`);
      await tmux.waitFor(`Reserve a seat on`);
      await tmux.choose(`(${offer.bookId})`);
      await tmux.waitFor('(Y/n)');
      await tmux.press('Enter');
      await tmux.waitFor(new RegExp(`Reserved rs-\\d+: a seat for .* \\(${offer.bookId}\\)`));
      await tmux.waitFor(/❯ Search books/); // back at the main menu
      await tmux.choose('My reservations');
      const list = await tmux.waitFor('Cancel which reservation?');
      assert.match(list, new RegExp(`rs-\\d+\\s+(│\\s+)?\\w{3} ${date}\\s+(│\\s+)?${offer.bookId}\\s`));
      await tmux.choose('Back');
      await tmux.waitFor(/❯ Search books/);
      await tmux.choose('Exit');
      assert.equal(await tmux.waitForExit(), 0);
      const mine = await stack().client(['reservations', '--json'], { env });
      assert.equal(mine.code, 0, mine.stderr);
      const items = (JSON.parse(mine.stdout) as { items: Reservation[] }).items;
      assert.deepEqual(items.map((r) => [r.username, r.date, r.bookId]), [['moira', date, offer.bookId]]);
      assert.equal(await freeOn(date, offer.bookId), offer.free - 1);
    });
  });
});
