// The web front desk in a real browser (Debian's chromium through playwright-core) against
// the real stack started by startup.sh on free ports: a guest, a member and a librarian do
// what the page offers them, every page is checked by axe-core and at 375 px, and each one
// is photographed into test-output/web/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { axeViolations, settled, useBrowser, WEB_OUTPUT } from '../support/browser.js';
import { send } from '../support/http.js';
import { STACK_ADMIN_PASSWORD, useFullStack } from '../support/stack.js';
import { testTokens } from '../support/tokens.js';

const WAIT = 30_000;
const MEMBER = { username: 'webreader', password: 'web-reader-password-1', name: 'Web Reader' };
const OTHER = { username: 'webother', password: 'web-other-password-1' };
/** bk-2 has one copy (OTHER borrows it, MEMBER holds it); bk-5 four; bk-1 twelve for sale; bk-9 three. */
const ONE_COPY = 'bk-2';

/** Polls a condition (never a fixed sleep): resolves once `check` holds, fails after WAIT. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`waited ${WAIT} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function textOf(locator: Locator, pattern: RegExp): Promise<string> {
  let last = '';
  await until(`${locator} to read ${pattern}`, async () => pattern.test((last = (await locator.first().textContent()) ?? '')));
  return last;
}

describe('web front desk, in a browser', function () {
  this.timeout(180_000);
  const stack = useFullStack();
  const browser = useBrowser();
  let base: string;
  let guest: Page;
  let member: Page;
  let librarian: Page;
  let admin: string;

  const api = (method: string, route: string, token?: string, json?: unknown) => send(stack().gatewayUrl, method, `/api${route}`, { token, json });
  const open = async (page: Page, hash: string) => {
    await page.goto(`${base}/${hash}`);
    await settled(page);
  };

  before(async function () {
    this.timeout(120_000);
    base = stack().gatewayUrl;
    admin = (await api('POST', '/login', undefined, { username: 'admin', password: STACK_ADMIN_PASSWORD })).body.token;
    // Someone else has the only copy of ONE_COPY out, so a hold can be placed on it.
    assert.equal((await api('POST', '/register', undefined, { ...OTHER, name: 'Other Reader', email: 'other@example.org' })).status, 201);
    const other = (await api('POST', '/login', undefined, OTHER)).body.token;
    assert.equal((await api('POST', '/loans', other, { bookId: ONE_COPY })).status, 201);
    guest = await browser().newPage();
    member = await browser().newPage();
    librarian = await browser().newPage();
    for (const page of [guest, member, librarian]) page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
  });

  it('is refused with Host: evil.example, and its CSP allows no inline script or style', async () => {
    const { port } = new URL(base);
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) =>
      http.get({ host: '127.0.0.1', port, path: '/', headers: { host: 'evil.example' } }, (r) => (r.resume(), resolve(r.statusCode ?? 0))).on('error', reject),
    );
    assert.equal(status, 421);
    const page = await fetch(`${base}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
  });

  it('lets a guest search as they type and open a book', async () => {
    await open(guest, '');
    await guest.getByLabel('Title, author or ISBN').pressSequentially('clean code', { delay: 20 });
    const status = guest.locator('#search-status');
    await textOf(status, /Found \d+ book/);
    assert.match(guest.url(), /#\/\?q=clean%20code$/);
    await guest.getByRole('link', { name: /^Clean Code/ }).click();
    await textOf(guest.locator('h1'), /^Clean Code/);
    await settled(guest);
    await textOf(guest.locator('#main'), /for sale/);
    assert.equal(await guest.getByRole('button', { name: /Borrow|Buy/ }).count(), 0, 'a guest is not offered what the API would refuse');
  });

  it('lets a member register, borrow, renew and return', async () => {
    await open(member, '#/register');
    await member.getByLabel(/^Username/).fill(MEMBER.username);
    await member.getByLabel('Full name').fill(MEMBER.name);
    await member.getByLabel('Email').fill('webreader@example.org');
    await member.getByLabel(/^Password/).fill(MEMBER.password);
    await member.getByRole('button', { name: 'Register' }).click();
    await member.getByRole('link', { name: 'My loans' }).waitFor({ timeout: WAIT });
    assert.equal(await member.getByRole('link', { name: 'Desk' }).count(), 0, 'a member is not offered the desk');

    await open(member, '#/book/bk-5');
    await member.getByRole('button', { name: 'Borrow a copy' }).click();
    await textOf(member.locator('.outcome'), /Borrowed copy \S+; due back/);

    await open(member, '#/loans');
    const card = member.locator('.card', { hasText: 'Copy' }).first();
    await card.getByRole('button', { name: /^Renew/ }).click();
    await textOf(card.locator('.outcome'), /Renewed: due back/);
    assert.match((await card.textContent()) ?? '', /renewed 1×/);
    await card.getByRole('button', { name: /^Return/ }).click();
    await textOf(member.locator('#main'), /Nothing on loan/);
    await textOf(member.locator('#main'), /Returned .* fine 0\.00/);
  });

  it('lets a member place a hold on a book whose copies are all out', async () => {
    await open(member, `#/book/${ONE_COPY}`);
    await textOf(member.locator('#main'), /0 of 1 copy available/);
    assert.equal(await member.getByRole('button', { name: 'Borrow a copy' }).isVisible(), false);
    await member.getByRole('button', { name: 'Place a hold' }).click();
    await textOf(member.locator('.outcome'), /Hold placed: you are number 1 in line/);
    await open(member, '#/holds');
    await textOf(member.locator('#main'), /Waiting: number 1 in line/);
  });

  it('buys once when a purchase is sent again after its answer was lost (same Idempotency-Key)', async () => {
    await open(member, '#/book/bk-1');
    const keys: string[] = [];
    let lose = true;
    await member.route('**/api/orders', async (route) => {
      keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      if (!lose) return route.continue();
      lose = false;
      await route.fetch(); // the order reaches the shop and is made…
      await route.abort('connectionreset'); // …but its answer never reaches the page
    });
    await member.getByLabel('Quantity').fill('2');
    await member.getByRole('button', { name: 'Buy' }).click();
    const outcome = member.locator('section', { hasText: 'Buy' }).locator('.outcome');
    await textOf(outcome, /not answering/);
    await member.getByRole('button', { name: 'Buy' }).click();
    await textOf(outcome, /Bought 2 × .* \(order ord-\d+\)/);
    await member.unroute('**/api/orders');
    assert.equal(keys.length, 2);
    assert.equal(keys[0], keys[1], 'the retry carries the same key');
    assert.match(keys[0], /^web-[0-9a-f]{32}$/);
    const token = (await api('POST', '/login', undefined, { username: MEMBER.username, password: MEMBER.password })).body.token;
    const orders = (await api('GET', '/orders', token)).body;
    assert.equal(orders.total, 1, 'one order, not two');
    assert.equal(orders.items[0].quantity, 2);
    await open(member, '#/orders');
    await textOf(member.locator('#main'), /2 × 12\.50 = 25\.00/);
  });

  it('shows a refusal as the problem’s title and detail next to the control that caused it', async () => {
    await open(member, '#/book/bk-9');
    await member.getByLabel('Quantity').fill('50');
    const buy = member.locator('form', { has: member.getByRole('button', { name: 'Buy' }) });
    await buy.getByRole('button', { name: 'Buy' }).click();
    const described = await until('the form to name its outcome', async () => (await buy.getAttribute('aria-describedby')) !== null).then(() => buy.getAttribute('aria-describedby'));
    const problem = member.locator(`#${described}`);
    await textOf(problem, /Out of stock — .+/);
    assert.equal(await problem.getAttribute('class'), 'outcome problem');
  });

  it('lets a member reserve a reading-room seat and cancel it', async () => {
    await open(member, '#/room');
    const offer = member.locator('.card').first();
    const free = Number(/(\d+) of \d+ seats free/.exec((await offer.textContent()) ?? '')?.[1]);
    await offer.getByRole('button', { name: /^Reserve a seat/ }).click();
    await textOf(offer.locator('.outcome'), /Seat reserved \(rs-\d+\)/);
    assert.match((await offer.textContent()) ?? '', new RegExp(`${free - 1} of \\d+ seats free`));
    await open(member, '#/reservations');
    await member.getByRole('button', { name: /^Cancel the seat/ }).first().click();
    await textOf(member.locator('#main'), /No reservations/);
  });

  it('keeps a form when the token expires: log in again and it goes on', async () => {
    await open(member, '#/book/bk-1');
    await member.getByLabel('Quantity').fill('3');
    const expired = (await testTokens.issue({ username: MEMBER.username, role: 'member' }, -60)).token;
    await member.evaluate((token) => {
      const saved = JSON.parse(sessionStorage.getItem('library-session')!);
      sessionStorage.setItem('library-session', JSON.stringify({ ...saved, token }));
    }, expired);
    await member.getByRole('button', { name: 'Buy' }).click();
    const dialog = member.getByRole('dialog', { name: 'Log in again to go on' });
    await dialog.waitFor({ timeout: WAIT });
    assert.equal(await dialog.getByLabel('Username').inputValue(), MEMBER.username);
    await dialog.getByLabel('Password').fill(MEMBER.password);
    await dialog.getByRole('button', { name: 'Log in and go on' }).click();
    await textOf(member.locator('section', { hasText: 'Buy' }).locator('.outcome'), /Bought 3 ×/);
    assert.equal(await member.getByLabel('Quantity').inputValue(), '3');
  });

  it('lets a librarian check a copy out to the member and check it in by barcode and Enter', async () => {
    await open(librarian, '#/login');
    await librarian.getByLabel('Username').fill('admin');
    await librarian.getByLabel('Password').fill(STACK_ADMIN_PASSWORD);
    await librarian.getByRole('button', { name: 'Log in' }).click();
    await librarian.getByRole('link', { name: 'Desk' }).click();
    await settled(librarian);
    assert.equal(await librarian.getByRole('link', { name: 'My loans' }).count(), 0);
    const copy = (await api('GET', '/inventory/bk-3', admin)).body.barcodes.find((c: { status: string }) => c.status === 'available').barcode;

    const checkIn = librarian.getByLabel('Barcode to check in');
    assert.equal(await checkIn.evaluate((el) => el === document.activeElement), true, 'the check-in field has the focus');
    await librarian.getByLabel('Member (username)').fill(MEMBER.username);
    const checkOut = librarian.getByLabel('Barcode to check out');
    await checkOut.click();
    await librarian.keyboard.type(copy);
    await librarian.keyboard.press('Enter');
    const outSection = librarian.locator('section', { has: checkOut });
    await textOf(outSection.locator('.outcome'), new RegExp(`Lent .+ \\(${copy}\\) to ${MEMBER.username}; due back`));
    assert.equal(await checkOut.inputValue(), '');
    assert.equal(await checkOut.evaluate((el) => el === document.activeElement), true, 'the field keeps the focus for the next scan');

    await checkIn.click();
    await librarian.keyboard.type(copy);
    await librarian.keyboard.press('Enter');
    const inSection = librarian.locator('section', { has: checkIn });
    await textOf(inSection.locator('.outcome'), new RegExp(`Checked in .+ \\(${copy}\\) from ${MEMBER.username}.*Next: back to the open shelf`));
    assert.equal(await checkIn.inputValue(), '');
    assert.equal(await checkIn.evaluate((el) => el === document.activeElement), true);

    // The only copy of ONE_COPY comes back: it is for the member who holds it.
    const held = (await api('GET', `/inventory/${ONE_COPY}`, admin)).body.barcodes[0].barcode;
    await librarian.keyboard.type(held);
    await librarian.keyboard.press('Enter');
    await textOf(inSection.locator('.outcome'), new RegExp(`Next: put it on the hold shelf for ${MEMBER.username} \\(hold hd-\\d+\\)`));
    await textOf(librarian.locator('section[aria-labelledby="shelf-title"]'), new RegExp(`Copy ${held} for ${MEMBER.username}`));
    await open(member, '#/holds');
    await textOf(member.locator('#main'), new RegExp(`Ready for pickup: copy ${held} is on the hold shelf until`));
  });

  it('lets a member cancel a hold that is ready for pickup, and its copy leaves the hold shelf', async () => {
    const held = (await api('GET', `/inventory/${ONE_COPY}`, admin)).body.barcodes[0].barcode;
    await open(member, '#/holds');
    await member.getByRole('button', { name: /^Cancel hold on / }).click();
    await textOf(member.locator('#main'), /No open holds/);
    await textOf(member.locator('#main'), /Closed[\s\S]*cancelled/);
    const hold = (await api('GET', '/holds?status=ready', admin)).body.items.find((h: { barcode?: string }) => h.barcode === held);
    assert.equal(hold, undefined, 'the cancelled hold is no longer on the hold shelf');
    const copy = (await api('GET', `/inventory/${ONE_COPY}`, admin)).body.barcodes[0];
    assert.equal(copy.status, 'available', 'with nobody else in line the copy goes back to the open shelf');
  });

  it('lets a librarian mark a copy withdrawn and back, add a copy and set the stock for sale', async () => {
    await open(librarian, '#/book/bk-4');
    const copies = librarian.locator('section[aria-labelledby="copies-title"]');
    const first = copies.locator('li.card').first();
    const barcode = ((await first.locator('strong').textContent()) ?? '').trim();
    await first.getByLabel(`Mark ${barcode}`).selectOption('withdrawn');
    await first.getByRole('button', { name: 'Set' }).click();
    const row = copies.locator('li.card', { hasText: barcode });
    await textOf(row, new RegExp(`${barcode} — withdrawn`));
    await row.getByLabel(`Mark ${barcode}`).selectOption('available');
    await row.getByRole('button', { name: 'Set' }).click();
    await textOf(copies.locator('li.card', { hasText: barcode }), new RegExp(`${barcode} — available`));
    await copies.getByLabel('New copies').fill('1');
    await copies.getByRole('button', { name: 'Add copies' }).click();
    await textOf(copies.locator('.outcome.done'), /Added BC\d+\./);
    await copies.getByLabel('Units for sale').fill('7');
    await copies.getByRole('button', { name: 'Set stock' }).click();
    await textOf(copies.locator('.outcome.done').last(), /7 for sale now/);
    const inventory = (await api('GET', '/inventory/bk-4', admin)).body;
    assert.equal(inventory.stock, 7);
    assert.equal(inventory.copies.total, 3);
    await textOf(librarian.locator('section[aria-labelledby="availability"]'), /7 for sale/);
  });

  const pages: [string, () => Page, string[]][] = [
    ['guest', () => guest, ['', '#/?q=code', '#/book/bk-1', '#/room', '#/login', '#/register']],
    ['member', () => member, ['#/book/bk-5', '#/loans', '#/holds', '#/orders', '#/room', '#/reservations']],
    ['librarian', () => librarian, ['#/desk', '#/book/bk-2']],
  ];

  it('has no serious or critical axe-core violation on any page', async () => {
    const found: string[] = [];
    for (const [who, page, hashes] of pages) {
      for (const hash of hashes) {
        await open(page(), hash);
        for (const v of await axeViolations(page())) found.push(`${who} ${hash || '#/'}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        await page().screenshot({ path: path.join(WEB_OUTPUT, `${who}-${(hash.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'search')}.png`), fullPage: true });
      }
    }
    assert.deepEqual(found, []);
  });

  it('fits every page into 375 px, with nothing to scroll sideways', async () => {
    const wide: string[] = [];
    for (const [who, page, hashes] of pages) {
      await page().setViewportSize({ width: 375, height: 740 });
      for (const hash of hashes) {
        await open(page(), hash);
        const width = await page().evaluate(() => document.documentElement.scrollWidth);
        if (width > 375) wide.push(`${who} ${hash || '#/'}: ${width} px wide`);
        await page().screenshot({ path: path.join(WEB_OUTPUT, `${who}-${(hash.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'search')}-375.png`), fullPage: true });
      }
      await page().setViewportSize({ width: 1024, height: 800 });
    }
    assert.deepEqual(wide, []);
  });

  it('names a stopped service on the page', async () => {
    const pid = Number(readFileSync(path.join(stack().dataDir, 'run', 'availability.pid'), 'utf8'));
    process.kill(pid, 'SIGTERM');
    await until('the gateway to see availability down', async () => (await send(base, 'GET', '/health')).body.services.some((s: { name: string; status: string }) => s.name === 'availability' && s.status === 'down'));
    await open(guest, '#/room');
    await textOf(guest.locator('#main .problem'), /The availability service is not answering/);
    await textOf(guest.locator('#outage'), /Not answering now: availability/);
    await guest.screenshot({ path: path.join(WEB_OUTPUT, 'guest-room-availability-down.png'), fullPage: true });
  });
});
