// The menu, in the order it is shown. Adding an action: write menu/<feature>.ts exporting
// a MenuEntry (its `run` prompts, then calls the feature's action), add one line here.
import type { Ctx } from '../context.js';
import { loginEntry, logoutEntry, registerEntry } from './account.js';
import { infoEntry, searchEntry } from './books.js';
import { frontDeskEntry } from './desk.js';
import { addBookEntry, editBookEntry, removeBookEntry } from './books-admin.js';
import type { MenuEntry } from './entry.js';
import { addCopiesEntry, setStockEntry } from './inventory-admin.js';
import { borrowEntry, finesEntry, holdsEntry, myLoansEntry, overdueEntry, returnEntry } from './loans.js';
import { menuLoop } from './loop.js';
import { buyEntry, myOrdersEntry } from './orders.js';
import { myReservationsEntry, readingRoomEntry, setScheduleEntry } from './reading-room.js';
import { statusEntry } from './status.js';
import { usersEntry } from './users-admin.js';

/** Librarian tools: books, copies, stock, schedule, users, overdue report. */
export const LIBRARIAN_MENU: readonly MenuEntry[] = [
  addBookEntry,
  editBookEntry,
  removeBookEntry,
  addCopiesEntry,
  setStockEntry,
  setScheduleEntry,
  usersEntry,
  overdueEntry,
  finesEntry,
];

const librarianTools: MenuEntry = {
  label: 'Librarian tools',
  description: 'books, copies, stock, reading-room schedule, users, overdue report, fines',
  audience: 'librarian',
  run: (ctx: Ctx) => menuLoop(ctx, LIBRARIAN_MENU, () => 'Librarian tools', 'Back'),
};

export const MAIN_MENU: readonly MenuEntry[] = [
  searchEntry,
  infoEntry,
  borrowEntry,
  returnEntry,
  myLoansEntry,
  holdsEntry,
  buyEntry,
  myOrdersEntry,
  readingRoomEntry,
  myReservationsEntry,
  frontDeskEntry,
  librarianTools,
  statusEntry,
  loginEntry,
  registerEntry,
  logoutEntry,
];
