// The wire types, from the services' own contract files (type-only: nothing of the
// services is bundled into the page).
export type { Book, BookInfo } from '../../services/contracts/catalog.js';
export type { BookInventoryDetail, CopyStatus } from '../../services/contracts/inventory.js';
export type { Loan, Hold, FineAccount } from '../../services/loans/types.js';
export type { Order } from '../../services/orders/types.js';
export type { Offer, Reservation, Schedule } from '../../services/availability/types.js';

/** POST /loans/:id/return answers the closed loan and where the copy goes now (the desk contract). */
export type Next = { shelf: 'open' } | { shelf: 'hold'; holdId: string; username: string };

export interface LoginAnswer {
  token: string;
  expiresAt: string;
  user: { username: string; name: string; role: 'member' | 'librarian' };
}

export interface Health {
  status: string;
  services: { name: string; status: 'up' | 'down' }[];
}
