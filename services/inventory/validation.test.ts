import assert from 'node:assert/strict';
import { send, snapshotFiles, type SendOptions } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { startInventory, type InventoryFixture } from '../../test/fixtures/inventory.js';

interface Case {
  name: string;
  method: string;
  route: string;
  as: 'librarian' | 'service';
  send: Omit<SendOptions, 'token'>;
  status: number;
  type: string;
}

const huge = JSON.stringify({ count: 1, note: 'x'.repeat(70 * 1024) });
const invalid = { status: 422, type: '/problems/validation-failed' };
const take = (json: unknown) => ({ method: 'POST', route: '/internal/copies/take', as: 'service' as const, send: { json } });
const stockTake = (json: unknown) => ({ method: 'POST', route: '/internal/stock/take', as: 'service' as const, send: { json } });
const addCopies = (json: unknown) => ({ method: 'POST', route: '/inventory/bk-1/copies', as: 'librarian' as const, send: { json } });
const setStock = (json: unknown) => ({ method: 'PUT', route: '/inventory/bk-1/stock', as: 'librarian' as const, send: { json } });
const patchCopy = (json: unknown) => ({ method: 'PATCH', route: '/inventory/copies/BC000001', as: 'librarian' as const, send: { json } });

const CASES: Case[] = [
  { name: 'malformed JSON', ...addCopies(undefined), send: { raw: '{"count": 1' }, status: 400, type: '/problems/malformed-json' },
  { name: 'no body', ...setStock(undefined), status: 400, type: '/problems/missing-body' },
  { name: 'oversized body', ...addCopies(undefined), send: { raw: huge }, status: 413, type: '/problems/body-too-large' },
  { name: 'not JSON', ...addCopies(undefined), send: { raw: 'count=1', headers: { 'content-type': 'text/plain' } }, status: 415, type: '/problems/unsupported-media-type' },
  { name: 'a JSON array', ...addCopies([1]), ...invalid },
  { name: 'unknown field', ...addCopies({ count: 1, colour: 'red' }), ...invalid },
  { name: 'count 0', ...addCopies({ count: 0 }), ...invalid },
  { name: 'negative count', ...addCopies({ count: -2 }), ...invalid },
  { name: 'fractional count', ...addCopies({ count: 1.5 }), ...invalid },
  { name: 'count over 100', ...addCopies({ count: 101 }), ...invalid },
  { name: 'count as a string', ...addCopies({ count: '2' }), ...invalid },
  { name: 'count null', ...addCopies({ count: null }), ...invalid },
  { name: 'negative stock', ...setStock({ stock: -1 }), ...invalid },
  { name: 'fractional stock', ...setStock({ stock: 2.5 }), ...invalid },
  { name: 'stock as a string', ...setStock({ stock: '5' }), ...invalid },
  { name: 'stock missing', ...setStock({}), ...invalid },
  { name: 'stock with an extra field', ...setStock({ stock: 5, bookId: 'bk-2' }), ...invalid },
  { name: 'status on-loan by hand', ...patchCopy({ status: 'on-loan' }), ...invalid },
  { name: 'status unknown', ...patchCopy({ status: 'lost' }), ...invalid },
  { name: 'status empty', ...patchCopy({ status: '' }), ...invalid },
  { name: 'status with an extra field', ...patchCopy({ status: 'missing', barcode: 'BC000002' }), ...invalid },
  { name: 'take with neither bookId nor barcode', ...take({ operationId: 'op' }), ...invalid },
  { name: 'take with both bookId and barcode', ...take({ operationId: 'op', bookId: 'bk-1', barcode: 'BC000001' }), ...invalid },
  { name: 'take with an empty operation id', ...take({ operationId: '', bookId: 'bk-1' }), ...invalid },
  { name: 'take with a blank in the operation id', ...take({ operationId: 'op 1', bookId: 'bk-1' }), ...invalid },
  { name: 'take with a numeric operation id', ...take({ operationId: 7, bookId: 'bk-1' }), ...invalid },
  { name: 'take with an empty bookId', ...take({ operationId: 'op', bookId: '' }), ...invalid },
  { name: 'take with an unknown field', ...take({ operationId: 'op', bookId: 'bk-1', username: 'alice' }), ...invalid },
  { name: 'stock take of 0 units', ...stockTake({ operationId: 'op', bookId: 'bk-1', quantity: 0 }), ...invalid },
  { name: 'stock take of negative units', ...stockTake({ operationId: 'op', bookId: 'bk-1', quantity: -3 }), ...invalid },
  { name: 'stock take of fractional units', ...stockTake({ operationId: 'op', bookId: 'bk-1', quantity: 0.5 }), ...invalid },
  { name: 'stock take without a quantity', ...stockTake({ operationId: 'op', bookId: 'bk-1' }), ...invalid },
  { name: 'confirm without an operation id', method: 'POST', route: '/internal/stock/confirm', as: 'service', send: { json: {} }, ...invalid },
  { name: 'check-in to a shelf that is not one', method: 'POST', route: '/internal/copies/checkin', as: 'service', send: { json: { operationId: 'op', barcode: 'BC000001', shelf: 'missing' } }, ...invalid },
  { name: 'list limit 0', method: 'GET', route: '/inventory?limit=0', as: 'librarian', send: {}, ...invalid },
  { name: 'list limit over 100', method: 'GET', route: '/inventory?limit=101', as: 'librarian', send: {}, ...invalid },
  { name: 'list negative offset', method: 'GET', route: '/inventory?offset=-1', as: 'librarian', send: {}, ...invalid },
  { name: 'list unknown parameter', method: 'GET', route: '/inventory?sort=title', as: 'librarian', send: {}, ...invalid },
];

describe('inventory bad input', () => {
  let f: InventoryFixture;
  const tokens: Record<Case['as'], string> = { librarian: '', service: '' };

  before(async () => {
    f = await startInventory({ withCatalog: true });
    tokens.librarian = await tokenFor('admin', 'librarian');
    tokens.service = await tokenFor('service:loans', 'service');
  });
  after(async () => {
    await f.dispose();
  });

  for (const c of CASES) {
    it(`refuses ${c.name} on ${c.method} ${c.route.split('?')[0]} with ${c.status} ${c.type}, writing nothing`, async () => {
      const before = snapshotFiles(f.dir);
      const reply = await send(f.url, c.method, c.route, { ...c.send, token: tokens[c.as] });
      assert.equal(reply.status, c.status, JSON.stringify(reply.body));
      assert.equal(reply.body.type, c.type);
      assert.match(reply.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.deepEqual(snapshotFiles(f.dir), before);
    });
  }

  it('still answers good input after all that (the cases were refused for their input alone)', async () => {
    const reply = await send(f.url, 'POST', '/inventory/bk-1/copies', { json: { count: 1 }, token: tokens.librarian });
    assert.equal(reply.status, 201);
  });
});
