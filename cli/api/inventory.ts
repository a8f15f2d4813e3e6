// Copies and stock, through the gateway: reads need a token, changes a librarian.
import { segment, type ApiClient } from './client.js';
import type { AddCopiesResponse, BookInventory, BookInventoryDetail, Copy, CopyMark } from './types.js';

export function getInventory(api: ApiClient, bookId: string): Promise<BookInventoryDetail> {
  return api.get(`/inventory/${segment(bookId)}`);
}

export function addCopies(api: ApiClient, bookId: string, count: number): Promise<AddCopiesResponse> {
  return api.post(`/inventory/${segment(bookId)}/copies`, { count });
}

export function setStock(api: ApiClient, bookId: string, stock: number): Promise<BookInventory> {
  return api.put(`/inventory/${segment(bookId)}/stock`, { stock });
}

/** Marks a copy missing, withdrawn, or (found again) available. */
export function setCopyStatus(api: ApiClient, barcode: string, status: CopyMark): Promise<Copy> {
  return api.patch(`/inventory/copies/${segment(barcode)}`, { status });
}
