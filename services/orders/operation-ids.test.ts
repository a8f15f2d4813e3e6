import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { send } from '../../test/support/http.js';
import { tokenFor } from '../../test/support/tokens.js';
import { startShop, type Shop } from '../../test/fixtures/orders.js';

// Inventory keeps settled takes for a while (its retention) and answers a take whose
// operation id it has seen with what it did then. Order ids start again at ord-1 when orders'
// data is reset, so they cannot be the operation ids: a new ord-1 would replay the old take.
describe('orders: inventory operation ids are unique forever', function () {
  this.timeout(30_000);
  let shop: Shop;
  beforeEach(async () => (shop = await startShop()));
  afterEach(() => shop.close());

  const buy = async (quantity: number) =>
    send(shop.url, 'POST', '/orders', { token: await tokenFor('alice'), json: { bookId: 'bk-1', quantity } });

  async function resetOrdersData(): Promise<void> {
    await shop.stopOrders();
    rmSync(shop.dir, { recursive: true, force: true });
    await shop.startOrders();
  }

  it('a reset of orders\' data does not replay an old take: the new ord-1 takes its own stock', async () => {
    const before = await shop.stockOf('bk-1');
    const first = await buy(1);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    await resetOrdersData();
    const second = await buy(1);
    assert.equal(second.status, 201, JSON.stringify(second.body));
    assert.equal(second.body.id, first.body.id, 'the order id was reused, as it may be');
    assert.equal(await shop.stockOf('bk-1'), before - 2, 'the second purchase took nothing from stock');
  });

  it('a reused order id with another quantity is a purchase of its own, not operation-id-reused', async () => {
    const before = await shop.stockOf('bk-1');
    assert.equal((await buy(1)).status, 201);
    await resetOrdersData();
    const second = await buy(2);
    assert.equal(second.status, 201, JSON.stringify(second.body));
    assert.equal(await shop.stockOf('bk-1'), before - 3);
  });
});
