// Loans as its tests run it: the real loans app on port 0 against a fresh DATA_DIR, with
// the real inventory and catalog apps beside it (in-process, port 0), all seeded from one
// small books.csv. Nothing here stands in for project code.
import path from 'node:path';
import { CatalogClient } from '../contracts/catalog-client.js';
import { createApp as createCatalogApp } from '../catalog/app.js';
import { seed as seedCatalog } from '../catalog/seed.js';
import { openCatalogStore } from '../catalog/store.js';
import { InventoryClient } from '../contracts/inventory-client.js';
import { startInventory, tempSeedDir, type InventoryFixture } from '../inventory/testing.js';
import type { Clock } from '../shared/clock.js';
import { ServiceClient } from '../shared/http/service-client.js';
import { freePort, listen, send, tempDataDir, type Running } from '../../test/support/http.js';
import { testTokens, tokenFor } from '../../test/support/tokens.js';
import { createApp } from './app.js';
import { openLoans, type LoansParts } from './open.js';
import { loadPolicy } from './policy.js';

/** A valid ISBN-13 for book number n (978-09999-nnn-c). */
export function isbnFor(n: number): string {
  const digits = `97809999${String(n).padStart(4, '0')}`;
  const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return digits + ((10 - (sum % 10)) % 10);
}

/** books.csv with bk-1…bk-N; `copies[i]` copies of bk-(i+1), no stock for sale. */
export function booksCsv(copies: number[]): string {
  const rows = copies.map((count, i) => `bk-${i + 1},${isbnFor(i + 1)},"Book ${i + 1}",Author ${i + 1},testing,2020,10,${count},0`);
  return ['id,isbn,title,authors,topic,year,price,copies,stock', ...rows].join('\n');
}

export interface LoansStackOptions {
  /** Copies per book (bk-1 first); by default five books with one copy each. */
  copies?: number[];
  /** Policy variables as the environment gives them, e.g. { LOAN_PERIOD: 'PT1S' }. */
  env?: Record<string, string>;
  takeTimeoutMs?: number;
  /** Loans' notion of now; tests move it (test/support/clock.ts) instead of sleeping. */
  clock?: Clock;
  retryMs?: number;
  sweepMs?: number;
}

export interface LoansStack {
  url: string;
  loans: LoansParts;
  inventory: InventoryFixture;
  catalogUrl: string;
  /** DATA_DIR/loans */
  dir: string;
  /** Stops inventory (its files stay), to see how loans copes. */
  stopInventory(): Promise<void>;
  close(): Promise<void>;
}

export async function startCatalog(dataDir: string, seedDir: string): Promise<Running> {
  await seedCatalog({ dataDir, seedDir, env: {} });
  const store = await openCatalogStore(path.join(dataDir, 'catalog'));
  const nowhere = `http://127.0.0.1:${await freePort()}`; // loans' tests never ask the catalog for stock
  const inventory = new InventoryClient(new ServiceClient('inventory', nowhere, 1000, testTokens.serviceToken('catalog')));
  const app = await listen(createCatalogApp({ store, inventory, tokens: testTokens, log: () => {}, logRequests: false }));
  return {
    url: app.url,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

export async function startLoansStack(options: LoansStackOptions = {}): Promise<LoansStack> {
  const csv = booksCsv(options.copies ?? [1, 1, 1, 1, 1]);
  const dataDir = tempDataDir('loans-test-');
  const catalog = await startCatalog(dataDir, tempSeedDir(csv));
  const inventory = await startInventory({ booksCsv: csv, catalogUrl: catalog.url, takeTimeoutMs: options.takeTimeoutMs });
  const dir = path.join(dataDir, 'loans');
  const loans = await openLoans({
    dir,
    policy: loadPolicy(null, options.env ?? {}),
    inventory: new InventoryClient(new ServiceClient('inventory', inventory.url, 2000, testTokens.serviceToken('loans'))),
    catalog: new CatalogClient(new ServiceClient('catalog', catalog.url, 2000, testTokens.serviceToken('loans'))),
    log: () => {},
    clock: options.clock,
    retryMs: options.retryMs ?? 200,
    sweepMs: options.sweepMs ?? 100,
  });
  const server = await listen(createApp({ ...loans, tokens: testTokens, log: () => {}, logRequests: false }));
  let inventoryUp = true;
  const stopInventory = async () => {
    if (inventoryUp) await inventory.close();
    inventoryUp = false;
  };
  return {
    url: server.url,
    loans,
    inventory,
    catalogUrl: catalog.url,
    dir,
    stopInventory,
    close: async () => {
      await server.close();
      await loans.close();
      await stopInventory();
      await catalog.close();
    },
  };
}

/** Barcodes inventory has on loan, over every book bk-1…bk-n. */
export async function onLoanAtInventory(inventoryUrl: string, books: number): Promise<string[]> {
  const token = await tokenFor('librarian', 'librarian');
  const barcodes: string[] = [];
  for (let i = 1; i <= books; i++) {
    const reply = await send(inventoryUrl, 'GET', `/inventory/bk-${i}`, { token });
    for (const copy of reply.body.barcodes ?? []) if (copy.status === 'on-loan') barcodes.push(copy.barcode);
  }
  return barcodes.sort();
}

/** Barcodes of every active loan, as a librarian lists them. */
export async function activeLoanBarcodes(loansUrl: string): Promise<string[]> {
  const token = await tokenFor('librarian', 'librarian');
  const barcodes: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const reply = await send(loansUrl, 'GET', `/loans?status=active&limit=100&offset=${offset}`, { token });
    barcodes.push(...reply.body.items.map((loan: { barcode: string }) => loan.barcode));
    if (offset + 100 >= reply.body.total) break;
  }
  return barcodes.sort();
}
