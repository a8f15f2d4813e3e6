// The wire types the client shares with the services: imported from their contracts
// (type-only, so nothing of the services is loaded at run time), plus what the client
// needs that no contract file names yet.
export type { Book } from '../../services/contracts/catalog.js';
export type { PublicUser, LoginResponse, RegisterRequest } from '../../services/users/types.js';
export type { BookInventory, BookInventoryDetail, AddCopiesResponse, Copy } from '../../services/contracts/inventory.js';
import type { PatchCopyRequest } from '../../services/contracts/inventory.js';
/** What a librarian may set a copy to by hand. */
export type CopyMark = PatchCopyRequest['status'];
export type { GatewayHealth, ServiceHealth } from '../../services/gateway/health.js';

/** Every list route answers one page of this shape. */
export interface Page<T> {
  items: T[];
  total: number;
}

export interface PageQuery {
  limit?: number;
  offset?: number;
}
