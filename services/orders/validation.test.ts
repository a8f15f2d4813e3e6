import assert from 'node:assert/strict';
import { send, snapshotFiles, type SendOptions } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { startShop, type Shop } from '../../test/fixtures/orders.js';

// One shop for the whole table: every case must leave it exactly as it was.
describe('POST /orders with bad input', () => {
  let shop: Shop;
  let alice: string;

  before(async () => {
    alice = await tokenFor('alice');
    shop = await startShop();
  });
  after(async () => {
    await shop.close();
  });

  const body = (json: unknown): SendOptions => ({ json });
  const cases: [string, SendOptions, number, string][] = [
    ['malformed JSON', { raw: '{"bookId": "bk-1",' }, 400, 'malformed-json'],
    ['a body that is not JSON', { raw: 'bookId=bk-1', headers: { 'content-type': 'text/plain' } }, 415, 'unsupported-media-type'],
    ['no body', {}, 400, 'missing-body'],
    ['an oversized body', body({ bookId: 'bk-1', quantity: 1, pad: 'x'.repeat(70_000) }), 413, 'body-too-large'],
    ['an unknown field', body({ bookId: 'bk-1', quantity: 1, price: 0 }), 422, 'validation-failed'],
    ['quantity 0', body({ bookId: 'bk-1', quantity: 0 }), 422, 'validation-failed'],
    ['quantity -1', body({ bookId: 'bk-1', quantity: -1 }), 422, 'validation-failed'],
    ['quantity 1.5', body({ bookId: 'bk-1', quantity: 1.5 }), 422, 'validation-failed'],
    ['quantity "2"', body({ bookId: 'bk-1', quantity: '2' }), 422, 'validation-failed'],
    ['quantity 101', body({ bookId: 'bk-1', quantity: 101 }), 422, 'validation-failed'],
    ['quantity null', body({ bookId: 'bk-1', quantity: null }), 422, 'validation-failed'],
    ['no quantity', body({ bookId: 'bk-1' }), 422, 'validation-failed'],
    ['no bookId', body({ quantity: 1 }), 422, 'validation-failed'],
    ['an empty bookId', body({ bookId: '', quantity: 1 }), 422, 'validation-failed'],
    ['a bookId that is a number', body({ bookId: 1, quantity: 1 }), 422, 'validation-failed'],
    ['an array body', body([{ bookId: 'bk-1', quantity: 1 }]), 422, 'validation-failed'],
    ['an empty Idempotency-Key', { ...body({ bookId: 'bk-1', quantity: 1 }), headers: { 'idempotency-key': '' } }, 422, 'validation-failed'],
    ['a 256-character Idempotency-Key', { ...body({ bookId: 'bk-1', quantity: 1 }), headers: { 'idempotency-key': 'k'.repeat(256) } }, 422, 'validation-failed'],
    ['a non-ASCII Idempotency-Key', { ...body({ bookId: 'bk-1', quantity: 1 }), headers: { 'idempotency-key': 'caf\u00e9' } }, 422, 'validation-failed'],
  ];
  for (const [name, options, status, type] of cases) {
    it(`refuses ${name} with ${status} /problems/${type}, writing nothing`, async () => {
      const before = snapshotFiles(shop.dataDir);
      const reply = await send(shop.url, 'POST', '/orders', { ...options, token: alice });
      assert.equal(reply.status, status, JSON.stringify(reply.body));
      assert.equal(reply.body.type, `/problems/${type}`);
      assert.deepEqual(snapshotFiles(shop.dataDir), before);
      assert.equal(await shop.stockOf('bk-1'), 10);
    });
  }
});
