// How copies and stock changes look.
import type { AddCopiesResponse, BookInventory, BookInventoryDetail, Copy } from '../api/types.js';
import type { Style } from './style.js';
import { renderTable } from './table.js';

export function copiesAdded(reply: AddCopiesResponse, style: Style): string {
  const n = reply.barcodes.length;
  return `Added ${n} ${n === 1 ? 'copy' : 'copies'} of ${style.bold(reply.bookId)}: ${reply.barcodes.join(', ')}`;
}

export function stockSet(reply: BookInventory, style: Style): string {
  return `${style.bold(reply.bookId)} now has ${reply.stock} for sale (${reply.copies.available} of ${reply.copies.total} copies on the shelf).`;
}

export async function copyList(inventory: BookInventoryDetail, title: string | undefined, style: Style): Promise<string> {
  const name = title ? `${title} (${inventory.bookId})` : inventory.bookId;
  const n = inventory.copies.total;
  const heading = style.bold(`${name}: ${n} ${n === 1 ? 'copy' : 'copies'}, ${inventory.copies.available} available; ${inventory.stock} for sale`);
  if (inventory.barcodes.length === 0) return `${heading}\nNo copies.`;
  const table = await renderTable([{ head: 'Copy', keep: true }, { head: 'Status' }], inventory.barcodes.map((c) => [c.barcode, c.status]), style);
  return `${heading}\n${table}`;
}

export function copySet(copy: Copy, style: Style): string {
  return `Copy ${style.bold(copy.barcode)} of ${copy.bookId} is now ${copy.status}.`;
}
