// Borrowing across two services. Inventory owns the copies, loans the loans, and a crash
// may fall anywhere between them, so a borrow goes:
//   1. write an intent (and check blocks, caps and duplicates in that same synchronous change,
//      counting other borrows still in flight against the cap);
//   2. take a copy at inventory, keyed by the intent's operation id;
//   3. record the loan and drop the intent in one change (if that fails: release the copy);
//   4. answer, then confirm the take (retried in the background until it succeeds; a
//      return of the loan waits for a confirmation still running). The takes of the borrows
//      answered meanwhile are confirmed together (take-confirmations.ts).
// Upkeep (upkeep.ts) finishes or undoes what a crash left between these steps.
import type { Principal } from '../shared/auth.js';
import type { CatalogClient } from '../contracts/catalog-client.js';
import type { InventoryClient } from '../contracts/inventory-client.js';
import type { CopyTake } from '../contracts/inventory.js';
import type { LogFn } from '../shared/http/request-log.js';
import { randomId } from '../shared/ids.js';
import { Problem } from '../shared/problem.js';
import type { Tx } from '../shared/store/json-store.js';
import type { Clock } from '../shared/clock.js';
import type { MemberCheck } from '../contracts/users-client.js';
import { actingFor } from './access.js';
import type { FineService } from './fines.js';
import type { HoldService } from './holds.js';
import type { InFlight } from './in-flight.js';
import type { LoanIndex } from './loan-index.js';
import type { Policy } from './policy.js';
import { AlreadyBorrowed, CopyHeld, LoanLimitReached, MemberBlocked, NoCopyAvailable, UnknownBook, UnknownCopy } from './problems.js';
import type { Intent, LoansSchema, LoansStore, OpenLoan, Reshelve } from './store.js';
import type { Loan } from './types.js';
import { TakeConfirmations } from './take-confirmations.js';
import { openLoanView } from './views.js';
import { loanCounters } from './metrics.js';

export interface LoanDeps {
  store: LoansStore;
  policy: Policy;
  inventory: InventoryClient;
  catalog: CatalogClient;
  holds: HoldService;
  fines: FineService;
  log: LogFn;
  index: LoanIndex;
  clock: Clock;
  /** Operations this process is running now; upkeep leaves them alone. */
  inFlight: InFlight;
  /** Whether a librarian's "for member X" names an existing, active member. */
  members: MemberCheck;
}

export type BorrowTarget = { bookId: string } | { barcode: string };

export class BorrowService {
  private readonly confirmations: TakeConfirmations;

  constructor(private readonly deps: LoanDeps) {
    this.confirmations = new TakeConfirmations(deps);
  }

  async borrow(caller: Principal, target: BorrowTarget, username: string | undefined, requestId?: string): Promise<Loan> {
    const { store, inFlight } = this.deps;
    const member = await actingFor(caller, username, this.deps.members, requestId);
    const operationId = randomId('borrow-');
    inFlight.begin(operationId);
    let loan: OpenLoan;
    try {
      const intent = await store.change((tx) => this.writeIntent(tx, operationId, member, target));
      const take = await this.take(intent, requestId);
      try {
        const recorded = await store.change((tx) => this.record(tx, intent, take));
        loan = recorded.loan;
        if (recorded.reshelve) void this.deps.holds.reshelve(recorded.reshelve);
      } catch (error) {
        await this.undo(operationId, requestId);
        throw error;
      }
    } catch (error) {
      inFlight.end(operationId);
      throw error;
    }
    loanCounters.loans.inc();
    // The loan is durable and the copy is on loan at inventory: the member has the book.
    // Confirming the take is bookkeeping between the services that upkeep retries until it
    // succeeds (and a return confirms first), so the answer does not wait for it.
    let answered!: () => void;
    const atInventory = new Promise<void>((resolve) => (answered = resolve));
    const confirming = this.confirm(loan, requestId, answered).finally(() => {
      answered();
      inFlight.end(operationId);
    });
    inFlight.confirming(loan.id, confirming, atInventory);
    return openLoanView(loan, this.deps.clock());
  }

  /** Confirms a recorded loan's take (take-confirmations.ts); never fails. */
  confirm(loan: OpenLoan, requestId?: string, answered?: () => void): Promise<void> {
    return this.confirmations.confirm(loan, requestId, answered);
  }

  /** Gives back a take whose loan was never recorded, and forgets the intent. */
  async undo(operationId: string, requestId?: string): Promise<void> {
    const { store, inventory, log } = this.deps;
    try {
      await inventory.releaseCopy(operationId, requestId);
    } catch (error) {
      log({ level: 'warn', requestId, msg: `releasing take ${operationId} failed, will retry: ${(error as Error).message}` });
      return; // the intent stays, so upkeep releases it later
    }
    await store.change((tx) => tx.remove('intents', operationId));
  }

  private writeIntent(tx: Tx<LoansSchema>, operationId: string, username: string, target: BorrowTarget): Intent {
    const { policy, fines, holds } = this.deps;
    const now = this.deps.clock();
    const blocked = fines.blockReason(username, now);
    if (blocked) throw new MemberBlocked(username, blocked);
    const { loans, intents } = this.openOf(username);
    if (loans.length + intents.length >= policy.maxActiveLoans) throw new LoanLimitReached(username, policy.maxActiveLoans);
    const intent: Intent = { operationId, username, createdAt: new Date(now).toISOString() };
    if ('bookId' in target) {
      if (loans.some((l) => l.bookId === target.bookId) || intents.some((i) => i.bookId === target.bookId)) {
        throw new AlreadyBorrowed(username, target.bookId);
      }
      const ready = holds.readyHoldOf(username, target.bookId);
      Object.assign(intent, { bookId: target.bookId }, ready ? { barcode: ready.barcode, holdId: ready.id } : {});
    } else {
      if (loans.some((l) => l.barcode === target.barcode)) throw new AlreadyBorrowed(username, target.barcode);
      const held = holds.barcodeHeldFrom(username, target.barcode);
      if (held) throw new CopyHeld(held);
      const mine = holds.holdsOf(username).find((h) => h.barcode === target.barcode);
      Object.assign(intent, { barcode: target.barcode }, mine ? { holdId: mine.id } : {});
    }
    tx.put('intents', operationId, intent);
    return intent;
  }

  private async take(intent: Intent, requestId?: string): Promise<CopyTake> {
    const { store, inventory } = this.deps;
    try {
      return await inventory.takeCopy(intent.operationId, intent.barcode ? { barcode: intent.barcode } : { bookId: intent.bookId! }, requestId);
    } catch (error) {
      // Refused: nothing was taken. Unreachable: inventory releases an unconfirmed take on its own.
      await store.change((tx) => tx.remove('intents', intent.operationId));
      if (error instanceof Problem && error.status === 503) void inventory.releaseCopy(intent.operationId).catch(() => {});
      throw await this.explain(error, intent, requestId);
    }
  }

  /** Turns inventory's refusal into the loans problem a member can act on. */
  private async explain(error: unknown, intent: Intent, requestId?: string): Promise<unknown> {
    if (!(error instanceof Problem) || (error.status !== 404 && error.status !== 409)) return error;
    if (intent.barcode && !intent.bookId) {
      if (error.status === 404) return new UnknownCopy(intent.barcode);
      return new NoCopyAvailable(`copy ${intent.barcode} is not on the shelf`);
    }
    const bookId = intent.bookId!;
    if (this.deps.holds.bookHeldFrom(intent.username, bookId)) {
      return new CopyHeld(`the only free copy of ${bookId} waits on the hold shelf for another member`);
    }
    if (await this.bookIsUnknown(bookId, requestId)) return new UnknownBook(bookId);
    return new NoCopyAvailable(`every copy of ${bookId} is out; place a hold to be next in line`);
  }

  private async bookIsUnknown(bookId: string, requestId?: string): Promise<boolean> {
    try {
      return (await this.deps.catalog.getBook(bookId, requestId)) === null;
    } catch {
      return false; // the catalog being down must not turn a plain refusal into an outage
    }
  }

  private record(tx: Tx<LoansSchema>, intent: Intent, take: CopyTake): { loan: OpenLoan; reshelve: Reshelve | null } {
    const { policy, holds } = this.deps;
    const now = this.deps.clock();
    if (!intent.bookId) {
      const { loans, intents } = this.openOf(intent.username);
      const others = intents.filter((i) => i.operationId !== intent.operationId);
      if (loans.some((l) => l.bookId === take.bookId) || others.some((i) => i.bookId === take.bookId)) {
        throw new AlreadyBorrowed(intent.username, take.bookId);
      }
    }
    const id = `ln-${tx.nextSeq('loan')}`;
    const loan: OpenLoan = {
      id,
      operationId: intent.operationId,
      bookId: take.bookId,
      barcode: take.barcode,
      username: intent.username,
      borrowedAt: new Date(now).toISOString(),
      dueAt: new Date(now + policy.loanPeriodMs).toISOString(),
      renewals: 0,
      confirmed: false,
    };
    tx.put('loans', id, loan);
    tx.remove('intents', intent.operationId);
    return { loan, reshelve: holds.fulfil(tx, intent.username, take.bookId, take.barcode, now) };
  }

  private openOf(username: string): { loans: OpenLoan[]; intents: Intent[] } {
    const { index } = this.deps;
    return { loans: index.loansOf(username), intents: index.intentsOf(username) };
  }
}
