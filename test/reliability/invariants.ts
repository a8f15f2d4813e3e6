// What must hold across services once the churn is over and every start-up has
// repaired what the crashes left: files that parse, copies out == loans open, and
// every unit of stock either for sale or in the order log.
import assert from 'node:assert/strict';
import path from 'node:path';
import { SERVICE_NAMES } from '../../services/shared/config.js';
import { assertFilesParse, readCsvRows } from '../support/data-files.js';
import type { LiveStack } from '../support/live-stack.js';
import { eventually } from './ledger.js';

/** How long repairs (retried releases and confirms) may take to settle. */
const SETTLE_MS = 20_000;

export function assertEveryServiceFileParses(dataDir: string): void {
  for (const name of SERVICE_NAMES) {
    assert.ok(assertFilesParse(path.join(dataDir, name)) > 0, `no data file of ${name} was checked`);
  }
}

/** Every page of a list route, as a librarian sees it. */
export async function listAll<T = any>(stack: LiveStack, route: string): Promise<T[]> {
  const items: T[] = [];
  const join = route.includes('?') ? '&' : '?';
  for (let offset = 0; ; offset += 100) {
    const reply = await stack.api('GET', `${route}${join}limit=100&offset=${offset}`, { token: stack.librarian });
    assert.equal(reply.status, 200, `GET ${route}: ${JSON.stringify(reply.body)}`);
    items.push(...reply.body.items);
    if (offset + 100 >= reply.body.total) return items;
  }
}

async function onLoanAtInventory(stack: LiveStack): Promise<string[]> {
  const books = await listAll<{ bookId: string }>(stack, '/inventory');
  const barcodes: string[] = [];
  for (const { bookId } of books) {
    const reply = await stack.api('GET', `/inventory/${encodeURIComponent(bookId)}`, { token: stack.librarian });
    for (const copy of reply.body.barcodes) if (copy.status === 'on-loan') barcodes.push(copy.barcode);
  }
  return barcodes.sort();
}

/** A copy is never on two loans, and inventory has on loan exactly the copies of open loans. */
export async function assertLoansMatchInventory(stack: LiveStack): Promise<void> {
  const complaint = await eventually(async () => {
    const onLoan = await onLoanAtInventory(stack);
    const active = await listAll<{ id: string; barcode: string }>(stack, '/loans?status=active');
    const loansOf = new Map<string, string[]>();
    for (const loan of active) loansOf.set(loan.barcode, [...(loansOf.get(loan.barcode) ?? []), loan.id]);
    const complaints = [...loansOf].filter(([, ids]) => ids.length > 1).map(([barcode, ids]) => `${barcode} is on ${ids.length} active loans (${ids})`);
    const extra = onLoan.filter((b) => !loansOf.has(b));
    const missing = [...loansOf.keys()].filter((b) => !onLoan.includes(b));
    if (extra.length > 0) complaints.push(`on loan at inventory without an active loan: ${extra}`);
    if (missing.length > 0) complaints.push(`active loans whose copy inventory does not have on loan: ${missing.map((b) => `${b} (${loansOf.get(b)})`)}`);
    return complaints.length === 0 ? null : complaints.join('; ');
  }, SETTLE_MS);
  assert.equal(complaint, null, complaint ?? '');
}

/** Stock of each book plus the units the order log sold of it: constant, whatever crashed. */
export class StockLedger {
  private constructor(private readonly start: Map<string, number>) {}

  static async capture(stack: LiveStack): Promise<StockLedger> {
    return new StockLedger(await StockLedger.totals(stack));
  }

  private static async totals(stack: LiveStack): Promise<Map<string, number>> {
    const totals = new Map<string, number>();
    for (const book of await listAll<{ bookId: string; stock: number }>(stack, '/inventory')) totals.set(book.bookId, book.stock);
    for (const row of readCsvRows(path.join(stack.dataDir, 'orders', 'order_log.csv'))) {
      totals.set(row.book_id, (totals.get(row.book_id) ?? 0) + Number(row.quantity));
    }
    return totals;
  }

  /** `exclude`: books whose stock a librarian set during the test. */
  async assertBalanced(stack: LiveStack, exclude: ReadonlySet<string> = new Set()): Promise<void> {
    const complaint = await eventually(async () => {
      const now = await StockLedger.totals(stack);
      const off = [...this.start].filter(([id, units]) => !exclude.has(id) && now.get(id) !== units);
      return off.length === 0 ? null : off.map(([id, units]) => `${id}: stock + sold was ${units}, now ${now.get(id)}`).join('; ');
    }, SETTLE_MS);
    assert.equal(complaint, null, complaint ?? '');
  }
}
