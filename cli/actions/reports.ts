// loans export and orders export: the librarian's reports as CSV, every page of the list
// (loans: active and returned alike, so the history is in it too).
import { listLoans } from '../api/loans.js';
import { listOrders } from '../api/orders.js';
import type { Ctx } from '../context.js';
import { allPages, writeCsv, type CsvRow } from '../files/csv-export.js';

export const LOAN_COLUMNS = ['id', 'bookId', 'barcode', 'username', 'borrowedAt', 'dueAt', 'returnedAt', 'renewals', 'status', 'overdue', 'fine'] as const;
export const ORDER_COLUMNS = ['id', 'bookId', 'title', 'quantity', 'unitPrice', 'total', 'username', 'createdAt'] as const;

export async function runLoansExport(ctx: Ctx, input: { output?: string }): Promise<{ rows: number; output?: string }> {
  async function* rows(): AsyncIterable<CsvRow> {
    for await (const l of allPages((offset) => listLoans(ctx.api, { limit: 100, offset }))) {
      yield { ...l, overdue: l.overdue ? 'yes' : 'no', fine: l.fine === undefined ? '' : l.fine.toFixed(2) };
    }
  }
  return report(ctx, 'loan', await writeCsv(ctx, LOAN_COLUMNS, rows(), input.output), input.output);
}

export async function runOrdersExport(ctx: Ctx, input: { output?: string }): Promise<{ rows: number; output?: string }> {
  async function* rows(): AsyncIterable<CsvRow> {
    for await (const o of allPages((offset) => listOrders(ctx.api, { limit: 100, offset }))) {
      yield { ...o, unitPrice: o.unitPrice.toFixed(2), total: o.total.toFixed(2) };
    }
  }
  return report(ctx, 'order', await writeCsv(ctx, ORDER_COLUMNS, rows(), input.output), input.output);
}

/** With --output, the file's name and row count are the result (stdout carries the CSV otherwise). */
async function report(ctx: Ctx, noun: 'loan' | 'order', rows: number, output?: string): Promise<{ rows: number; output?: string }> {
  const result = { rows, output };
  if (output) await ctx.out.emit(result, (r) => `Wrote ${r.rows} ${r.rows === 1 ? noun : `${noun}s`} to ${r.output}.`);
  return result;
}
