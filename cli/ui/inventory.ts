// How copies and stock changes look.
import type { AddCopiesResponse, BookInventory } from '../api/types.js';
import type { Style } from './style.js';

export function copiesAdded(reply: AddCopiesResponse, style: Style): string {
  const n = reply.barcodes.length;
  return `Added ${n} ${n === 1 ? 'copy' : 'copies'} of ${style.bold(reply.bookId)}: ${reply.barcodes.join(', ')}`;
}

export function stockSet(reply: BookInventory, style: Style): string {
  return `${style.bold(reply.bookId)} now has ${reply.stock} for sale (${reply.copies.available} of ${reply.copies.total} copies on the shelf).`;
}
