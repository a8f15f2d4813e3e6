// The subcommands, in the order --help lists them within their groups. Adding a verb:
// write commands/<feature>.ts exporting make<Feature>Command(deps), add one line here.
import { makeLoginCommand, makeLogoutCommand, makeRegisterCommand, makeWhoamiCommand } from './account.js';
import { makeBooksCommand } from './books.js';
import type { CommandFactory } from './common.js';
import { makeCompletionCommand } from './completion.js';
import { makeCopiesCommand } from './copies.js';
import { makeInfoCommand } from './info.js';
import { makeBuyCommand, makeOrdersCommand } from './orders.js';
import {
  makeBorrowCommand,
  makeCancelHoldCommand,
  makeCheckinCommand,
  makeCheckoutCommand,
  makeFinesCommand,
  makeHoldCommand,
  makeHoldsCommand,
  makeLoansCommand,
  makeOverdueCommand,
  makeRenewCommand,
  makeReturnCommand,
} from './loans.js';
import { makeCancelReservationCommand, makeReservationsCommand, makeReserveCommand, makeScheduleCommand } from './reading-room.js';
import { makeSearchCommand } from './search.js';
import { makeStatusCommand } from './status.js';
import { makeStockCommand } from './stock.js';
import { makeUsersCommand } from './users.js';

export const COMMANDS: readonly CommandFactory[] = [
  // Books
  makeSearchCommand,
  makeInfoCommand,
  // Loans and holds
  makeBorrowCommand,
  makeReturnCommand,
  makeRenewCommand,
  makeLoansCommand,
  makeHoldCommand,
  makeHoldsCommand,
  makeCancelHoldCommand,
  makeFinesCommand,
  // Shop
  makeBuyCommand,
  makeOrdersCommand,
  // Reading room
  makeScheduleCommand,
  makeReserveCommand,
  makeReservationsCommand,
  makeCancelReservationCommand,
  // Your account
  makeLoginCommand,
  makeLogoutCommand,
  makeWhoamiCommand,
  makeRegisterCommand,
  // Front desk
  makeCheckoutCommand,
  makeCheckinCommand,
  // Librarian
  makeBooksCommand,
  makeCopiesCommand,
  makeStockCommand,
  makeUsersCommand,
  makeOverdueCommand,
  // Other
  makeStatusCommand,
  makeCompletionCommand,
];
