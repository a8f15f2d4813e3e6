import assert from 'node:assert/strict';
import type { GatewayHealth } from '../api/types.js';
import { ServicesDown } from '../errors.js';
import { testContext } from '../../test/fixtures/cli-io.js';
import { Output } from '../ui/output.js';
import { ADMIN_PASSWORD, useLibrary } from '../../test/fixtures/cli-services.js';
import { runLogin } from './account.js';
import { runInfo } from './info.js';
import { runSearch } from './search.js';
import { runStatus } from './status.js';

describe('search, info and status actions', function () {
  const t = useLibrary();
  const ctx = (json = false) => testContext(t.library.url, t.home, { json });

  it('search draws a table of the matches with a page footer, on a terminal', async () => {
    const c = ctx();
    Object.assign(c.io.stdout, { isTTY: true, columns: 100 });
    c.out = new Output(c.io, false);
    const page = await runSearch(c, { q: 'clean', limit: 1 });
    const text = c.io.stdoutText();
    assert.ok(page.total >= 2, 'the seed has two "Clean" books');
    assert.match(text, /^ID\s+TITLE\s+AUTHORS/);
    assert.match(text, new RegExp(page.items[0].id));
    assert.match(text, new RegExp(`Showing 1–1 of ${page.total} \\(next page: --offset 1\\)`));
  });

  it('search says so when nothing matches', async () => {
    const c = ctx();
    const page = await runSearch(c, { q: 'qqqxxyyzz' });
    assert.equal(page.total, 0);
    assert.match(c.io.stdoutText(), /No books match “qqqxxyyzz”/);
  });

  it('info shows price and stock, and the copies only to a logged-in user', async () => {
    const anonymous = ctx();
    const seen = await runInfo(anonymous, { id: 'bk-5' });
    assert.equal(seen.isbn, '9780132350884');
    assert.equal(seen.copies, undefined);
    assert.match(anonymous.io.stdoutText(), /Clean Code/);
    assert.match(anonymous.io.stdoutText(), /ISBN\s+9780132350884/);
    await runLogin(ctx(), { username: 'admin', password: ADMIN_PASSWORD });
    const known = await runInfo(ctx(), { id: 'bk-5' });
    assert.ok(known.copies && known.copies.total >= 1, JSON.stringify(known));
  });

  it('status prints every service, then fails with the ones that are down', async () => {
    const c = ctx();
    const error = await runStatus(c).catch((e: unknown) => e);
    assert.ok(error instanceof ServicesDown, String(error));
    assert.deepEqual([...error.services].sort(), ['availability', 'loans', 'orders']);
    const text = c.io.stdoutText();
    for (const name of ['gateway', 'catalog', 'users', 'inventory', 'loans']) assert.match(text, new RegExp(name));
    assert.match(text, /down/);
  });

  it('status --json prints the gateway report as it is', async () => {
    const c = ctx(true);
    await assert.rejects(runStatus(c), ServicesDown);
    const report = JSON.parse(c.io.stdoutText()) as GatewayHealth;
    assert.equal(report.status, 'degraded');
    assert.equal(report.services.length, 7);
  });
});
